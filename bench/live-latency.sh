#!/usr/bin/env bash
# The live seat map across two instances: starts instances A and B of the packaged service on one scratch
# database, streams a showtime from B, holds its seats one at a time on A, and reports how long after A
# answered 201 (the hold committed) B's stream carried it: p50/p90/p99/max, and how many never arrived (0).
# Usage: bench/live-latency.sh   Env: LIVE_HOLDS (default 200), BENCH_PORT (A; B is the next port),
#        BENCH_APP. Report: bench/results/<time>-live.txt
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
DB=${BENCH_DB:-booking_bench_live}
HOLDS=${LIVE_HOLDS:-200}
REPORT=$RESULTS/$STAMP-live.txt
PIDS=()
: > "$REPORT"

start_instance() { # port
  env DB_NAME="$DB" QUARKUS_HTTP_PORT="$1" QUARKUS_LOG_CATEGORY__COM_MARQUEE_BOOKING__LEVEL=WARN \
    "$(java_bin)" ${BENCH_JAVA_OPTS:-} -jar "$APP" >> "$RESULTS/$STAMP-service-$1.log" 2>&1 &
  PIDS+=($!)
}
stop_instances() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }

build_if_needed
fresh_database
trap stop_instances EXIT
start_instance "$PORT"
URL="http://127.0.0.1:$PORT" wait_ready 180 # migrations run once, on A
start_instance $((PORT + 1))
URL="http://127.0.0.1:$((PORT + 1))" wait_ready 180
showtimes 1 20 30
say "# live seat map across two instances $STAMP: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
say "  $HOLDS single-seat holds on A (:$PORT), one at a time; stream of showtime $ST_BASE on B (:$((PORT + 1)))"
python3 "$BENCH_DIR/live_latency.py" "http://127.0.0.1:$PORT" "http://127.0.0.1:$((PORT + 1))" "$ST_BASE" \
  "$HOLDS" "$ST_COLS" | while IFS= read -r line; do say "  $line"; done
say "report: $REPORT"
