#!/usr/bin/env bash
# Cold start of the packaged JVM app, as a serverless platform sees it: milliseconds from `java -jar`
# to the first successful API answer (one that goes through Hibernate Reactive to PostgreSQL), the RSS
# right after that answer, and the peak RSS. Prints the median of RUNS runs per variant.
#
# Usage:
#   bench/startup.sh                 build the baseline (fast-jar, as before) and the optimised package
#                                    (aot-jar trained by the integration tests), measure both
#   bench/startup.sh measure DIR [LABEL [JAVA_OPTION...]]
#                                    measure an already packaged quarkus-app directory
#
# Environment: RUNS (default 5), PORT (default 15003), JAVA (default: Temurin 25), and the app's own
# DB_HOST / DB_PORT / DB_NAME / DB_USER / DB_PASSWORD (default: database "booking" on 127.0.0.1, which
# must exist: `createdb -h 127.0.0.1 -U postgres booking`). The first run migrates the schema.
# Results (logs, copies of the packages) go to bench/results/, which git ignores.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
PORT=${PORT:-15003}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PROBE=${PROBE:-/api/bookings/user/1}
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

now_ms() {
  echo $(( $(date +%s%N) / 1000000 ))
}

# One cold start: prints "<ms to first answer> <rss after it, MiB> <peak rss, MiB>".
run_once() {
  local dir=$1 log=$2
  shift 2
  local timing=$log.time
  local start
  start=$(now_ms)
  (cd "$dir" && exec /usr/bin/time -v -o "$timing" "$JAVA" "$@" -Dquarkus.http.port="$PORT" \
      -jar quarkus-run.jar) >"$log" 2>&1 &
  local wrapper=$!
  local deadline=$(( start + 60000 ))
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT$PROBE" 2>/dev/null; do
    if ! kill -0 "$wrapper" 2>/dev/null || [ "$(now_ms)" -gt "$deadline" ]; then
      echo "startup failed, see $log" >&2
      kill "$wrapper" 2>/dev/null || true
      exit 1
    fi
    sleep 0.005
  done
  local ready=$(( $(now_ms) - start ))
  local java_pid
  java_pid=$(pgrep -P "$wrapper" -x java)
  local rss
  rss=$(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$java_pid/status")
  kill -TERM "$java_pid"
  wait "$wrapper" || true
  local peak
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$timing")
  echo "$ready $rss $peak"
}

measure() {
  local dir=$1 label=${2:-$(basename "$1")}
  shift 2 || shift $#
  local ready=() rss=() peak=() started=()
  for i in $(seq 1 "$RUNS"); do
    local log=$RESULTS/$label-$i.log
    read -r r m p < <(run_once "$dir" "$log" "$@")
    ready+=("$r"); rss+=("$m"); peak+=("$p")
    started+=("$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$log" | head -n 1)")
  done
  printf '%-28s first answer %5s ms   Quarkus "started in" %6s s   RSS after it %4s MiB   peak RSS %4s MiB   (median of %s; runs: %s ms)\n' \
    "$label" "$(median "${ready[@]}")" "$(median "${started[@]}")" "$(median "${rss[@]}")" \
    "$(median "${peak[@]}")" "$RUNS" "${ready[*]}"
}

if [ "${1:-}" = measure ]; then
  shift
  measure "$@"
  exit 0
fi

# The baseline: what the service shipped before this work (fast-jar, no AOT cache, the blocking
# Hibernate ORM persistence unit started beside the reactive one).
./mvnw -B -q package -DskipTests -Dquarkus.hibernate-orm.blocking=true
rm -rf "$RESULTS/baseline-app" && cp -a target/quarkus-app "$RESULTS/baseline-app"

# The optimised package: aot-jar with a JDK AOT cache trained by the integration tests. The AOT cache
# only works from the directory it was created in, so it is measured in place.
./mvnw -B -q verify -Daot -DskipTests=false -Dtest='NoUnitTests' -Dsurefire.failIfNoSpecifiedTests=false

measure "$RESULTS/baseline-app" baseline
measure target/quarkus-app optimised -XX:AOTCache=app.aot
