#!/usr/bin/env bash
# A payment provider that takes 300 ms (the simulated one, booking.payments.simulated.latency): do checkouts
# waiting on it slow down the holds around them? Holds alone on some showtimes, then the same holds while 64
# connections check out (hold + /complete) on the same showtimes. Since no transaction or pooled connection
# is held during a provider call, the holds should not notice. Prints both RESULT lines, the hold p99 ratio,
# 503 counts and the pool's wait metrics, and checks the invariants.
#   bench/slow-provider.sh        (about 2 minutes; BENCH_PORT, BENCH_DURATION as for run.sh)
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
DURATION=${BENCH_DURATION:-10}
LATENCY=${PROVIDER_LATENCY:-300ms}

wrk_result() { # script conns seconds [env...] -> RESULT line
  local script=$1 conns=$2 seconds=$3; shift 3
  env "$@" WRK_THREADS=2 BENCH_CREATED="$RESULTS/created.ids" \
    wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/lua/$script" "$URL" | grep '^RESULT'
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
count503() { { grep -o '503=[0-9]*' <<<"$1" || true; } | awk -F= '{n+=$2} END{print n+0}'; }
pool_metrics() {
  curl -sf "$MURL/q/metrics" | grep -E '^(postgresql|sql)_(queue|pool|usage|inuse|current|idle)[a-z_]*(\{| )' \
    | grep -v '_bucket' | grep 'clientName="<default>"' || true
}

need_tools
build_if_needed
fresh_database
: > "$REPORT"
rm -f "$RESULTS/created.ids"
trap 'stop_service' EXIT
# shellcheck disable=SC2086
start_service QUARKUS_LOG_CATEGORY__COM_MARQUEE_BOOKING__LEVEL=WARN BOOKING_PAYMENTS_SIMULATED_LATENCY="$LATENCY" ${BENCH_SERVICE_ENV:-}
say "# slow provider ($LATENCY) $STAMP: $(nproc) cores; service, PostgreSQL and wrk share the machine"
psqlq -c "DROP TABLE IF EXISTS bench_created; CREATE TABLE bench_created (booking_id BIGINT)"
export BENCH_DIR
showtimes 200 40 30; export ST_BASE ST_COUNT ST_COLS
wrk_result checkout.lua 32 30 >/dev/null # warm-up (JIT)
wrk_result hold.lua 16 20 PAIR_OFFSET=300 >/dev/null
psqlq -c "ANALYZE" >/dev/null # the machine's PostgreSQL runs without autovacuum (bench/README.md, tuning log 11)

showtimes 200 40 30; export ST_BASE ST_COUNT ST_COLS
alone=$(wrk_result hold.lua 16 "$DURATION" PAIR_OFFSET=300)
say "holds alone, c=16:                 $alone"
before=$(pool_metrics)
showtimes 200 40 30; export ST_BASE ST_COUNT ST_COLS # fresh seats for the mixed load
tmp=$(mktemp)
wrk_result checkout.lua 64 $((DURATION + 2)) > "$tmp" &
checkouts=$!
sleep 1
together=$(wrk_result hold.lua 16 "$DURATION" PAIR_OFFSET=400)
wait "$checkouts"
co=$(cat "$tmp"); rm -f "$tmp"
say "holds beside 64 checkouts, c=16:   $together"
say "the 64 checkouts (hold + complete): $co"
a=$(field p99_ms "$alone"); b=$(field p99_ms "$together")
ratio=$(awk -v a="$a" -v b="$b" 'BEGIN{ if (a > 0) printf "%.2f", b/a; else print "n/a" }')
fives=$(( $(count503 "$together") + $(count503 "$co") ))
say "TARGET hold p99 beside slow checkouts: $b ms vs $a ms alone = x$ratio (<= 1.5: $(awk -v r="$ratio" 'BEGIN{print (r != "n/a" && r <= 1.5) ? "met" : "MISSED"}')); 503s: $fives (0: $([ "$fives" = 0 ] && echo met || echo MISSED))"
say "pool metrics before the mixed load:"; say "$before"
say "pool metrics after it:"; say "$(pool_metrics)"
invariants || exit 1
say "report: $REPORT"
