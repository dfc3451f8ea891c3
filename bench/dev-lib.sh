# Shared by bench/dev-start.sh and bench/dev-reload.sh: run `./mvnw quarkus:dev` in the background on its own
# port and dev schema (so a developer's dev mode on 5003 / booking_dev is left alone), with its output
# timestamped, and stop it again. Leaves no process behind: dev mode runs in its own session and is stopped
# as a whole.
DEV_PORT=${DEV_PORT:-15403}
DEV_SCHEMA=${DEV_SCHEMA:-booking_dev_bench}
DEV_URL=${DEV_URL:-http://127.0.0.1:$DEV_PORT}
DEV_PSQL=(psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -d postgres -qtAX)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
DEV_PID=
DEV_LOG=

now_s() { date +%s.%N; }
median() { # of an even count: the mean of the two middle values
  printf '%s\n' "$@" | sort -n | awk 'NF {a[++n]=$1} END {
    if (!n) print "-"; else if (n % 2) print a[(n+1)/2]; else printf "%.2f\n", (a[n/2] + a[n/2+1]) / 2 }'
}

drop_dev_schema() { "${DEV_PSQL[@]}" -c "DROP SCHEMA IF EXISTS $DEV_SCHEMA CASCADE" 2>/dev/null; }

# start_dev DIR LOG [quarkus:dev arguments...]: returns at once; wait_dev waits for the first answer
start_dev() {
  local dir=$1
  DEV_LOG=$2
  shift 2
  # shellcheck disable=SC2016
  LOG=$DEV_LOG setsid bash -c 'cd "$1" && shift && ./mvnw "$@" </dev/null 2>&1 \
      | perl -MTime::HiRes=time -ne '"'"'BEGIN { $| = 1 } printf "%.3f %s", time, $_'"'"' >"$LOG"' \
    dev-mode "$dir" -B -ntp quarkus:dev -Dquarkus.http.port="$DEV_PORT" -Dquarkus.management.port=0 -D%dev.local-db.schema="$DEV_SCHEMA" \
    "$@" ${DEV_ARGS:-} &
  DEV_PID=$!
}

# wait_dev PATH [seconds]: until PATH answers 2xx; fails if dev mode died or took too long
wait_dev() {
  local path=$1 deadline=$(( $(date +%s) + ${2:-300} ))
  until curl -fsS -o /dev/null -m 5 "$DEV_URL$path" 2>/dev/null; do
    if [ "$(date +%s)" -gt "$deadline" ] || { [ -n "$DEV_PID" ] && ! kill -0 -- "-$DEV_PID" 2>/dev/null; }; then
      echo "dev mode did not answer $path; last lines of $DEV_LOG:" >&2
      tail -n 30 "$DEV_LOG" >&2 || true
      return 1
    fi
    sleep 0.1
  done
}

stop_dev() {
  if [ -n "$DEV_PID" ]; then
    kill -TERM -- "-$DEV_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 -- "-$DEV_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$DEV_PID" 2>/dev/null || true
    DEV_PID=
  fi
}
