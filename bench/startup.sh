#!/usr/bin/env bash
# Cold start of the packaged JVM app, as a serverless platform sees it: milliseconds from `java -jar`
# to the first successful API answer (one that goes through Hibernate Reactive to PostgreSQL), the RSS
# right after that answer, and the peak RSS. Prints the median of RUNS runs per variant; the variants'
# runs are interleaved so that a busy machine slows them alike.
#
# Usage:
#   bench/startup.sh            build and measure three variants:
#                                 before     the commit BASE_REF (default: the last one before the
#                                            upstream/serverless work), fast-jar as it shipped
#                                 fast-jar   this tree, fast-jar, no AOT cache
#                                 aot        this tree, aot-jar + JDK AOT cache trained by the
#                                            integration tests (`./mvnw verify -Daot`), run with
#                                            Dockerfile.jvm's JVM options
#                               all three as in a container limited to 512 MiB (-XX:MaxRAM=512m)
#   bench/startup.sh measure LABEL=DIR[=JAVA_OPTIONS] ...
#                               measure already packaged quarkus-app directories, e.g.
#                               bench/startup.sh measure now=target/quarkus-app
#
# Environment: RUNS (default 5), PORT (default 15003), JAVA (default: Temurin 25), BASE_REF, and the
# app's own DB_HOST / DB_PORT / DB_NAME / DB_USER / DB_PASSWORD (default: database "booking" on
# 127.0.0.1, which must exist: `createdb -h 127.0.0.1 -U postgres booking`; the first run migrates it).
# Building the aot variant runs the integration tests, which use the test database (BOOKING_TEST_SCHEMA).
# Results (logs, copies of the packages) go to bench/results/, which git ignores.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
PORT=${PORT:-15003}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PROBE=${PROBE:-/api/bookings/user/1}
BASE_REF=${BASE_REF:-235df68}
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

now_ms() {
  echo $(( $(date +%s%N) / 1000000 ))
}

# One cold start: prints "<ms to first answer> <rss after it, MiB> <peak rss, MiB> <'started in' s>".
run_once() {
  local dir=$1 log=$2
  shift 2
  local timing=$log.time
  local start
  start=$(now_ms)
  # shellcheck disable=SC2068
  (cd "$dir" && exec /usr/bin/time -v -o "$timing" "$JAVA" $@ -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" \
      -jar quarkus-run.jar) >"$log" 2>&1 &
  local wrapper=$!
  local deadline=$(( start + 120000 ))
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
  local peak started
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$timing")
  started=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$log" | head -n 1)
  echo "$ready $rss $peak ${started:-?}"
}

# measure LABEL=DIR[=JAVA_OPTIONS] ...
measure() {
  local variants=("$@")
  declare -A ready rss peak started
  for i in $(seq 1 "$RUNS"); do
    for variant in "${variants[@]}"; do
      IFS='=' read -r label dir opts <<<"$variant"
      read -r r m p s < <(run_once "$dir" "$RESULTS/$label-$i.log" ${opts:-})
      ready[$label]+="$r "; rss[$label]+="$m "; peak[$label]+="$p "; started[$label]+="$s "
    done
  done
  echo "cold start, median of $RUNS (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
  for variant in "${variants[@]}"; do
    IFS='=' read -r label dir opts <<<"$variant"
    # shellcheck disable=SC2086
    printf '  %-9s first answer %6s ms | Quarkus "started in" %6s s | RSS after it %4s MiB | peak RSS %4s MiB | runs: %s ms\n' \
      "$label" "$(median ${ready[$label]})" "$(median ${started[$label]})" "$(median ${rss[$label]})" \
      "$(median ${peak[$label]})" "${ready[$label]% }"
  done
}

if [ "${1:-}" = measure ]; then
  shift
  measure "$@"
  exit 0
fi

package_into() {
  local target=$1
  rm -rf "$target" && cp -a target/quarkus-app "$target"
}

# before: the tree at BASE_REF, built as it was
rm -rf "$RESULTS/before-src" && mkdir -p "$RESULTS/before-src"
git archive "$BASE_REF" | tar -x -C "$RESULTS/before-src"
(cd "$RESULTS/before-src" && ./mvnw -B -q package -DskipTests)
rm -rf "$RESULTS/before-app" && cp -a "$RESULTS/before-src/target/quarkus-app" "$RESULTS/before-app"

# fast-jar: this tree, no AOT cache
./mvnw -B -q package -DskipTests
package_into "$RESULTS/fastjar-app"

# aot: this tree, trained by the integration tests (only those are run)
./mvnw -B -q verify -Daot -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
package_into "$RESULTS/aot-app"

# all as in a container limited to 512 MiB; aot with Dockerfile.jvm's options
measure before="$RESULTS/before-app=-XX:MaxRAM=512m" fast-jar="$RESULTS/fastjar-app=-XX:MaxRAM=512m" \
  aot="$RESULTS/aot-app=-XX:MaxRAM=512m -XX:AOTCache=app.aot -XX:+UseSerialGC -Xms64m -XX:MaxRAMPercentage=75"
