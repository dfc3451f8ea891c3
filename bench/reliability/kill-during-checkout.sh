#!/usr/bin/env bash
# The service is killed (kill -9) in the middle of checkouts and restarted. Checks: every booking is
# either confirmed with a completed payment and booked seats, or pending/cancelled with no completed
# payment; no half-written payment; remaining holds expire normally.
set -euo pipefail
STAMP=$(date -u +%Y%m%dT%H%M%SZ)-kill9
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
need_tools; build_if_needed; fresh_database; : > "$REPORT"
trap 'stop_service' EXIT
start_service QUARKUS_LOG_CATEGORY__COM_MARQUEE_BOOKING__LEVEL=WARN
say "# kill -9 during checkouts ($STAMP)"
showtimes 200 20 30
WRK_THREADS=2 wrk -t2 -c16 -d8s --timeout 5s -s "$BENCH_DIR/lua/checkout.lua" "$URL" > "$RESULTS/$STAMP-wrk.txt" &
wrk_pid=$!
sleep 4
kill -9 "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=
say "  killed the service mid-load"
wait $wrk_pid || true
say "  load until the kill: $(grep '^RESULT' "$RESULTS/$STAMP-wrk.txt" || echo none)"
start_service QUARKUS_LOG_CATEGORY__COM_MARQUEE_BOOKING__LEVEL=WARN
say "  restarted and ready"
counts=$(psqlq -F ' ' -c "SELECT
  (SELECT count(*) FROM bookings WHERE status = 'confirmed'),
  (SELECT count(*) FROM bookings WHERE status = 'pending'),
  (SELECT count(*) FROM bookings b JOIN payments p ON p.payment_id = b.payment_id
     WHERE b.status = 'confirmed' AND (p.status <> 'completed' OR EXISTS (SELECT 1 FROM booked_seats s
       WHERE s.booking_id = b.booking_id AND s.status <> 'booked'))),
  (SELECT count(*) FROM payments p JOIN bookings b ON b.booking_id = p.booking_id
     WHERE p.status = 'completed' AND b.status <> 'confirmed'),
  (SELECT count(*) FROM payments WHERE status = 'pending')")
read -r confirmed pending bad_confirmed paid_unconfirmed pending_payments <<<"$counts"
say "  after restart: $confirmed confirmed, $pending pending; confirmed without completed payment or booked seats: $bad_confirmed; completed payments of unconfirmed bookings: $paid_unconfirmed; half-written (pending) payments: $pending_payments"
expire_all_pending
invariants_ok=yes; invariants || invariants_ok=no
if [ "$confirmed" -gt 0 ] && [ "$bad_confirmed" = 0 ] && [ "$paid_unconfirmed" = 0 ] && [ "$pending_payments" = 0 ] \
   && [ "$STUCK" = 0 ] && [ "$invariants_ok" = yes ]; then
  say "PASS"
else
  say "FAIL"; exit 1
fi
