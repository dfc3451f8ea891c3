# Shared by bench/run.sh and bench/reliability/*.sh: start the packaged service on loopback against a
# scratch database, query it, check the invariants.
BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
ROOT=$(cd "$BENCH_DIR/.." && pwd)
export BENCH_DIR
PORT=${BENCH_PORT:-5093}
# health and metrics: the management interface (its own port, as in production)
MPORT=${BENCH_MANAGEMENT_PORT:-$((PORT + 1000))}
DB=${BENCH_DB:-booking_bench}
PGARGS=(-h 127.0.0.1 -U postgres)
RESULTS="$BENCH_DIR/results"
mkdir -p "$RESULTS"
STAMP=${STAMP:-$(date -u +%Y%m%dT%H%M%SZ)}
REPORT=${REPORT:-$RESULTS/$STAMP.txt}
URL="http://127.0.0.1:$PORT"
MURL="http://127.0.0.1:$MPORT"
# the application to measure: this checkout's build, or another (BENCH_APP=/path/to/quarkus-run.jar)
APP=${BENCH_APP:-$ROOT/target/quarkus-app/quarkus-run.jar}
SERVICE_PID=

say() { printf '%s\n' "$*" | tee -a "$REPORT"; }
psqlq() { psql "${PGARGS[@]}" -d "$DB" -v ON_ERROR_STOP=1 -qtAX "$@"; }

need_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v pgbench >/dev/null || missing+=(postgresql-contrib)
  command -v psql >/dev/null || missing+=(postgresql-client)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

java_bin() {
  local java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
  [ -x "$java" ] || java=java
  echo "$java"
}

fresh_database() {
  if [ -z "${BENCH_KEEP_DB:-}" ]; then dropdb "${PGARGS[@]}" --if-exists --force "$DB"; fi
  createdb "${PGARGS[@]}" "$DB" 2>/dev/null || true
}

build_if_needed() {
  [ -f "$APP" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
}

# start_service [extra env assignments...]: runs the jar in the background, waits until ready
start_service() {
  # the load comes from one address: the per-client booking limit would throttle it
  env DB_NAME="$DB" QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT="$MPORT" BOOKING_RATE_LIMIT_ENABLED=false \
    BOOKING_HOLDS_SWEEP_INTERVAL=1s "$@" \
    "$(java_bin)" ${BENCH_JAVA_OPTS:-} -jar "$APP" \
    >> "$RESULTS/$STAMP-service.log" 2>&1 &
  SERVICE_PID=$!
  wait_ready 120
}

wait_ready() { # seconds
  local deadline=$((SECONDS + $1))
  while [ $SECONDS -lt $deadline ]; do
    curl -sf -m 2 "$MURL/q/health/ready" >/dev/null 2>&1 && return 0
    if [ -n "$SERVICE_PID" ] && ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      tail -n 40 "$RESULTS/$STAMP-service.log"; return 1
    fi
    sleep 0.2
  done
  echo "service not ready after $1s" >&2; return 1
}

stop_service() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=
}

next_base=${next_base:-1000000}
showtimes() { # count rows cols -> exports ST_BASE ST_COUNT ST_ROWS ST_COLS
  ST_BASE=$next_base; ST_COUNT=$1; ST_ROWS=$2; ST_COLS=$3
  next_base=$((next_base + 100000))
  psqlq -v base="$ST_BASE" -v count="$ST_COUNT" -v rows="$ST_ROWS" -v cols="$ST_COLS" -f "$BENCH_DIR/sql/showtimes.sql"
  export ST_BASE ST_COUNT ST_ROWS ST_COLS
}

record_created() {
  psqlq -c "CREATE TABLE IF NOT EXISTS bench_created (booking_id BIGINT)"
  if [ -s "$RESULTS/created.ids" ]; then psqlq -c "\\copy bench_created FROM '$RESULTS/created.ids'"; fi
  rm -f "$RESULTS/created.ids"
}

# invariants: prints and returns non-zero when any is violated
invariants() {
  record_created
  local bad
  bad=$(psqlq -F ' | ' -f "$BENCH_DIR/sql/invariants.sql" | awk -F' \\| ' '$2 != 0')
  if [ -n "$bad" ]; then say "  INVARIANTS VIOLATED: $bad"; return 1; fi
  say "  invariants: ok (no seat twice, counters exact, 2xx holds live, confirmed => paid)"
}

# expire_all_pending: makes every pending hold due now and waits (up to 40 s) for the sweep to release
# them all; sets STUCK to the number still pending
expire_all_pending() {
  psqlq -c "UPDATE bookings SET hold_expiry_time = now() WHERE status = 'pending';
            UPDATE booked_seats SET hold_expiry_time = now() WHERE status = 'on_hold'"
  local due_at=$SECONDS
  for _ in $(seq 1 200); do
    STUCK=$(psqlq -c "SELECT count(*) FROM bookings WHERE status = 'pending'")
    [ "$STUCK" = 0 ] && break
    sleep 0.2
  done
  say "  all pending holds made due: $STUCK left after $((SECONDS - due_at)) s (the sweep runs every 1 s)"
}
