#!/usr/bin/env bash
# PostgreSQL restarted in the middle of load. Checks: requests fail fast (503, no hang, no 500),
# readiness goes DOWN and back UP, the service recovers on its own within seconds, nothing confirmed
# is lost, no hold is stuck (all pending holds still expire). Restarts the machine's PostgreSQL!
set -euo pipefail
STAMP=$(date -u +%Y%m%dT%H%M%SZ)-pg-restart
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
need_tools; build_if_needed; fresh_database; : > "$REPORT"
trap 'stop_service' EXIT
start_service QUARKUS_LOG_CATEGORY__COM_MARQUEE_BOOKING__LEVEL=WARN
say "# PostgreSQL restart under load ($STAMP)"
showtimes 200 20 30
confirmed=()
for i in $(seq 1 20); do
  id=$(curl -sf -XPOST "$URL/api/bookings/" -H 'Content-Type: application/json' \
    -d "{\"user_id\":$i,\"showtime_id\":$((ST_BASE + 199)),\"seats\":[{\"row\":$i,\"col\":30}]}" | sed -n 's/.*"booking_id":\([0-9]*\).*/\1/p')
  curl -sf -o /dev/null -XPOST "$URL/api/bookings/$id/complete"
  confirmed+=("$id")
done
say "  20 bookings confirmed before the outage"

WRK_THREADS=2 wrk -t2 -c16 -d25s --timeout 10s -s "$BENCH_DIR/lua/hold.lua" "$URL" > "$RESULTS/$STAMP-wrk.txt" &
wrk_pid=$!
( for _ in $(seq 1 150); do
    printf '%s %s\n' "$(date +%s.%N)" "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$MURL/q/health/ready")"
    sleep 0.2
  done ) > "$RESULTS/$STAMP-ready.txt" &
poll_pid=$!

sleep 6
version=$(ls /etc/postgresql | sort -V | tail -n 1)
t_down=$(date +%s.%N)
pg_ctlcluster --skip-systemctl-redirect "$version" main stop -m fast
sleep 4
pg_ctlcluster --skip-systemctl-redirect "$version" main start
t_up=$(date +%s.%N)
say "  PostgreSQL down for $(awk -v a="$t_up" -v b="$t_down" 'BEGIN{printf "%.1f", a-b}') s"
wait $wrk_pid || true
kill $poll_pid 2>/dev/null || true

result=$(grep '^RESULT' "$RESULTS/$STAMP-wrk.txt")
say "  load during the restart: $result"
status_ok=yes
grep -Eq 'statuses=.*(500|502|504)=' <<<"$result" && status_ok=no
max_ms=$(sed -n 's/.*max_ms=\([0-9.]*\).*/\1/p' <<<"$result")
say "  no 5xx except 503: $status_ok; slowest answer ${max_ms} ms (fail fast: < 5000)"
went_down=$(awk -v a="$t_down" -v b="$t_up" '$1 > a && $1 < b + 1 && $2 == 503' "$RESULTS/$STAMP-ready.txt" | wc -l)
back_up=$(awk -v b="$t_up" '$1 > b && $2 == 200 {print $1; exit}' "$RESULTS/$STAMP-ready.txt")
say "  readiness DOWN samples during the outage: $went_down; UP again $(awk -v a="$back_up" -v b="$t_up" 'BEGIN{printf "%.1f", a-b}') s after PostgreSQL came back"
lost=0
for id in "${confirmed[@]}"; do
  [ "$(psqlq -c "SELECT status FROM bookings WHERE booking_id = $id")" = confirmed ] || lost=$((lost + 1))
done
say "  confirmed bookings lost: $lost"
expire_all_pending
invariants_ok=yes; invariants || invariants_ok=no
if [ "$status_ok" = yes ] && [ "$went_down" -gt 0 ] && [ -n "$back_up" ] && [ "$lost" = 0 ] && [ "$STUCK" = 0 ] \
   && [ "$invariants_ok" = yes ] && awk -v m="$max_ms" 'BEGIN{exit !(m < 5000)}'; then
  say "PASS"
else
  say "FAIL"; exit 1
fi
