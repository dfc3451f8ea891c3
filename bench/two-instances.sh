#!/usr/bin/env bash
# Two service instances on one database, for real: a flash sale spread over both, the expiry sweep,
# auto-confirm and the outbox relay running on both, and the broker restarted in the middle.
#
#   WARNING: restarts the machine's RabbitMQ once (rabbitmqctl stop_app / start_app): every other
#   client of that broker is cut off for a few seconds. Run it by hand, never in CI.
#
# Then checks: no seat twice and counters exact (sql/invariants.sql); every outbox event published and
# received at least once by a durable queue bound to the exchange (event ids compared; duplicates
# counted); each booking's events first received in outbox order; no event lost across the broker
# restart. Prints commit-to-publish latency p50/p99 (published_at - occurred_at) under a steady checkout
# load on both and at light load, and the relays' sustained publishing rate (a 20,000-event backlog
# drained by both).
# The lifecycle writes its own events; for an older build (BENCH_APP) that does not, a trigger writes them in
# each change's transaction instead (sql/emulate_events.sql); the script says which it used.
# Like an orchestrator, it restarts an instance whose liveness probe says DOWN (an event channel broken
# for good, see README) and reports it.
# Env: BENCH_PORT (5093; the second instance takes the next port), BENCH_RELAY_INTERVAL (1s),
#      BENCH_BACKLOG (20000), BENCH_BROKER_DOWN (5 seconds), BENCH_SALE_CLIENTS (128 per instance),
#      BENCH_JAVA_OPTS.
set -euo pipefail
STAMP=$(date -u +%Y%m%dT%H%M%SZ)-two-instances
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
PORT_B=$((PORT + 1))
URL_B="http://127.0.0.1:$PORT_B"
EXCHANGE=booking.events.bench
QUEUE=bench.events.tap.$STAMP
TAP_FILE="$RESULTS/$STAMP-tap.tsv"
BACKLOG=${BENCH_BACKLOG:-20000}
DOWN_SECONDS=${BENCH_BROKER_DOWN:-5}
SALE_CLIENTS=${BENCH_SALE_CLIENTS:-128}
TAP_PID=
WATCH_PID=
FAILED=0

need_tools
command -v rabbitmqctl >/dev/null || { echo "needs rabbitmq-server (rabbitmqctl) on this machine" >&2; exit 2; }
rabbitmqctl -q await_startup >/dev/null 2>&1 || { echo "RabbitMQ is not running (rabbitmq-server -detached)" >&2; exit 2; }
build_if_needed
fresh_database
: > "$REPORT"

pid_of() { cat "$RESULTS/$STAMP-$1.pid"; }

cleanup() {
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
  for name in a b; do kill "$(pid_of $name 2>/dev/null)" 2>/dev/null || true; done
  [ -n "$TAP_PID" ] && kill "$TAP_PID" 2>/dev/null
  wait 2>/dev/null || true
  # never leave the broker stopped
  rabbitmqctl -q start_app >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_instance() { # name port
  env DB_NAME="$DB" QUARKUS_HTTP_PORT="$2" QUARKUS_MANAGEMENT_PORT="$(($2 + 1000))" BOOKING_RATE_LIMIT_ENABLED=false \
    BOOKING_HOLDS_SWEEP_INTERVAL=1s \
    BOOKING_AUTO_CONFIRM_ENABLED=true BOOKING_AUTO_CONFIRM_DELAY=2s \
    BOOKING_EVENTS_ENABLED=true BOOKING_EVENTS_EXCHANGE="$EXCHANGE" \
    BOOKING_EVENTS_RELAY_INTERVAL="${BENCH_RELAY_INTERVAL:-1s}" \
    QUARKUS_LOG_CATEGORY__COM_MARQUEE_BOOKING__LEVEL=WARN \
    "$(java_bin)" ${BENCH_JAVA_OPTS:-} -jar "$APP" >> "$RESULTS/$STAMP-service-$1.log" 2>&1 &
  echo $! > "$RESULTS/$STAMP-$1.pid"
}

management() { # url -> the same instance's management interface (port + 1000)
  local port=${1##*:}; echo "${1%:*}:$((port + 1000))"
}

await_ready() { # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -sf -m 2 "$(management "$2")/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$(pid_of "$1")" 2>/dev/null || { tail -n 40 "$RESULTS/$STAMP-service-$1.log"; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "instance $1 not ready after $3 s" >&2; exit 1; }
    sleep 0.2
  done
}

# what an orchestrator's liveness probe does: an instance whose /q/health/live says DOWN is restarted
watch_liveness() {
  while sleep 1; do
    for name in a b; do
      local port=$PORT; [ "$name" = b ] && port=$PORT_B
      if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$((port + 1000))/q/health/live")" = 503 ]; then
        echo "$(date -u +%H:%M:%S) instance $name liveness DOWN: restarted" >> "$RESULTS/$STAMP-restarts.txt"
        kill "$(pid_of $name)" 2>/dev/null; wait "$(pid_of $name)" 2>/dev/null || true
        start_instance "$name" "$port"
        await_ready "$name" "http://127.0.0.1:$port" 120
      fi
    done
  done
}

start_tap() {
  local lib="$ROOT/target/quarkus-app/lib/main"
  local cp; cp="$(ls "$lib"/com.rabbitmq.amqp-client-*.jar):$(ls "$lib"/org.slf4j.slf4j-api-*.jar)"
  "$(java_bin)" -cp "$cp" "$BENCH_DIR/java/EventTap.java" "$EXCHANGE" "$QUEUE" "$TAP_FILE" \
    > "$RESULTS/$STAMP-tap.log" 2>&1 &
  TAP_PID=$!
  for _ in $(seq 1 100); do grep -q 'tap ready' "$RESULTS/$STAMP-tap.log" 2>/dev/null && return 0; sleep 0.2; done
  cat "$RESULTS/$STAMP-tap.log"; echo "event tap did not start" >&2; exit 1
}

hold_via() { # url showtime user row col -> booking id
  curl -sf -XPOST "$1/api/bookings/" -H 'Content-Type: application/json' \
    -d "{\"user_id\":$3,\"showtime_id\":$2,\"seats\":[{\"row\":$4,\"col\":$5}]}" | sed -n 's/.*"booking_id":\([0-9]*\).*/\1/p'
}

unpublished() { psqlq -c "SELECT count(*) FROM outbox_events WHERE published_at IS NULL"; }

await_drained() { # seconds -> returns non-zero if events are left
  local deadline=$((SECONDS + $1))
  while [ "$(unpublished)" != 0 ]; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

relay_counts() { # url -> events this instance's relay published
  curl -sf "$(management "$1")/q/metrics" | awk '/^booking_events_published_total/ {s += $NF} END {printf "%d", s}'
}

say "# Two instances, one database, broker restarted mid-run ($STAMP): $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; instances, PostgreSQL, RabbitMQ and wrk share them"
start_instance a "$PORT"
start_instance b "$PORT_B"
await_ready a "$URL" 120
await_ready b "$URL_B" 120
touch "$RESULTS/$STAMP-restarts.txt"
watch_liveness &
WATCH_PID=$!
start_tap
say "instances $URL and $URL_B; events to exchange $EXCHANGE, tapped by durable queue $QUEUE; relay interval ${BENCH_RELAY_INTERVAL:-1s}"

# Does a hold write its own event yet? If not, emulate the lifecycle's events with a trigger.
showtimes 1 5 5
probe=$(hold_via "$URL" "$ST_BASE" 1 1 1)
sleep 0.5
if [ "$(psqlq -c "SELECT count(*) FROM outbox_events WHERE booking_id = $probe")" = 0 ]; then
  psqlq -f "$BENCH_DIR/sql/emulate_events.sql" >/dev/null
  say "events: the lifecycle writes none yet, so a trigger writes them in each change's transaction (sql/emulate_events.sql)"
else
  say "events: written by the service itself"
fi

say "## flash sale: one 300-seat showtime (15x20), 2 x $SALE_CLIENTS clients (one wrk per instance), 6 s; broker stopped at 2 s for ${DOWN_SECONDS} s"
showtimes 1 15 20
sale=$ST_BASE
WRK_THREADS=1 wrk -t1 -c"$SALE_CLIENTS" -d6s --timeout 10s -s "$BENCH_DIR/lua/flash.lua" "$URL" > "$RESULTS/$STAMP-wrk-a.txt" 2>&1 &
wrk_a=$!
WRK_THREADS=1 wrk -t1 -c"$SALE_CLIENTS" -d6s --timeout 10s -s "$BENCH_DIR/lua/flash.lua" "$URL_B" > "$RESULTS/$STAMP-wrk-b.txt" 2>&1 &
wrk_b=$!
sleep 2
down_at=$(psqlq -c "SELECT now()")
rabbitmqctl -q stop_app >/dev/null
sleep "$DOWN_SECONDS"
# changes while the broker is away: cancel a few bookings through instance b
for id in $(psqlq -c "SELECT booking_id FROM bookings WHERE showtime_id = $sale AND status = 'pending' ORDER BY booking_id LIMIT 5"); do
  curl -s -o /dev/null -XPOST "$URL_B/api/bookings/$id/cancel" || true
done
rabbitmqctl -q start_app >/dev/null
up_at=$(psqlq -c "SELECT now()")
wait $wrk_a $wrk_b || true
say "  instance a: $(grep '^RESULT' "$RESULTS/$STAMP-wrk-a.txt")"
say "  instance b: $(grep '^RESULT' "$RESULTS/$STAMP-wrk-b.txt")"
say "  sold $(psqlq -c "SELECT seats_booked FROM showtimes WHERE showtime_id = $sale")/300 seats; broker down from $down_at to $up_at"
sleep 4 # auto-confirm (2 s after a hold) on both instances confirms what it can
expire_all_pending # the sweep (every 1 s, on both) releases the rest
say "  bookings: $(psqlq -c "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM bookings WHERE showtime_id = $sale GROUP BY status ORDER BY status) s")"
invariants || FAILED=1
if await_drained 60; then say "  outbox drained: every event of the sale published"; else say "  OUTBOX NOT DRAINED: $(unpublished) unpublished"; FAILED=1; fi

say "## steady load for latency: checkout (hold + complete) at 2 x 16 connections, 10 s, broker up"
showtimes 100 20 30
base_a=$ST_BASE
showtimes 100 20 30
steady_start=$(psqlq -c "SELECT now()")
ST_BASE=$base_a WRK_THREADS=1 wrk -t1 -c16 -d10s --timeout 10s -s "$BENCH_DIR/lua/checkout.lua" "$URL" > "$RESULTS/$STAMP-wrk-steady-a.txt" 2>&1 &
wrk_a=$!
WRK_THREADS=1 wrk -t1 -c16 -d10s --timeout 10s -s "$BENCH_DIR/lua/checkout.lua" "$URL_B" > "$RESULTS/$STAMP-wrk-steady-b.txt" 2>&1 &
wrk_b=$!
wait $wrk_a $wrk_b || true
steady_end=$(psqlq -c "SELECT now()")
say "  instance a: $(grep '^RESULT' "$RESULTS/$STAMP-wrk-steady-a.txt")"
say "  instance b: $(grep '^RESULT' "$RESULTS/$STAMP-wrk-steady-b.txt")"
if ! await_drained 60; then say "  OUTBOX NOT DRAINED: $(unpublished) unpublished"; FAILED=1; fi
latency=$(psqlq -F ' ' -c "SELECT round(1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY published_at - occurred_at))::numeric),
                                  round(1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY published_at - occurred_at))::numeric),
                                  count(*), round(count(*) / extract(epoch FROM max(occurred_at) - min(occurred_at))::numeric)
                             FROM outbox_events WHERE occurred_at BETWEEN '$steady_start' AND '$steady_end'")
read -r p50 p99 steady_events steady_rate <<<"$latency"
say "  $steady_events events ($steady_rate/s offered); commit-to-publish (published_at - occurred_at): p50 ${p50} ms, p99 ${p99} ms (relay interval ${BENCH_RELAY_INTERVAL:-1s})"

say "## light load for latency: 200 events written one by one, 20 a second, nothing else running"
light_start=$(psqlq -c "SELECT now()")
for i in $(seq 1 200); do
  psqlq -c "INSERT INTO outbox_events (event_id, event_type, booking_id, showtime_id, payload, occurred_at)
            SELECT id, 'booking.held', 700000000 + $i, NULL, jsonb_build_object('event_id', id, 'type', 'booking.held',
                   'occurred_at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),
                   'booking_id', 700000000 + $i), clock_timestamp() FROM (SELECT gen_random_uuid() AS id) e" >/dev/null
  sleep 0.05
done
if ! await_drained 60; then say "  OUTBOX NOT DRAINED: $(unpublished) unpublished"; FAILED=1; fi
latency=$(psqlq -F ' ' -c "SELECT round(1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY published_at - occurred_at))::numeric),
                                  round(1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY published_at - occurred_at))::numeric)
                             FROM outbox_events WHERE occurred_at >= '$light_start' AND booking_id BETWEEN 700000001 AND 700000200")
read -r p50 p99 <<<"$latency"
say "  commit-to-publish: p50 ${p50} ms, p99 ${p99} ms (relay interval ${BENCH_RELAY_INTERVAL:-1s}, no nudge)"

say "## relay throughput: a backlog of $BACKLOG events ($((BACKLOG / 10)) bookings x 10) committed at once, drained by both relays"
drain_start=$(psqlq -c "SELECT now()")
psqlq -v events="$BACKLOG" -v bookings="$((BACKLOG / 10))" -f "$BENCH_DIR/sql/event_backlog.sql" >/dev/null
if await_drained 180; then
  rate=$(psqlq -c "SELECT round(count(*) / extract(epoch FROM max(published_at) - min(occurred_at))::numeric)
                     FROM outbox_events WHERE occurred_at >= '$drain_start' AND booking_id >= 800000000")
  say "  sustained: $rate events/s published and confirmed (2 relays; $BACKLOG events)"
else
  say "  BACKLOG NOT DRAINED: $(unpublished) left after 180 s"; FAILED=1
fi

# the tap must have everything: wait until it is idle, then compare
total=$(psqlq -c "SELECT count(*) FROM outbox_events")
for _ in $(seq 1 150); do
  [ "$(cut -f2 "$TAP_FILE" | sort -u | wc -l)" -ge "$total" ] && break
  sleep 0.2
done
sleep 1
kill "$TAP_PID" 2>/dev/null || true; wait "$TAP_PID" 2>/dev/null || true; TAP_PID=
kill "$WATCH_PID" 2>/dev/null || true; wait "$WATCH_PID" 2>/dev/null || true; WATCH_PID=
psqlq -c "DROP TABLE IF EXISTS bench_tap; CREATE TABLE bench_tap (arrival BIGINT, event_id UUID, routing_key TEXT, arrived_ms BIGINT)"
psqlq -c "\\copy bench_tap FROM '$TAP_FILE'"

say "## checks"
missing=$(psqlq -c "SELECT count(*) FROM outbox_events o WHERE NOT EXISTS (SELECT 1 FROM bench_tap t WHERE t.event_id = o.event_id)")
dups=$(psqlq -c "SELECT count(*) - count(DISTINCT event_id) FROM bench_tap")
wrong_key=$(psqlq -c "SELECT count(*) FROM bench_tap t JOIN outbox_events o USING (event_id) WHERE t.routing_key <> o.event_type")
out_of_order=$(psqlq -c "WITH firsts AS (SELECT event_id, min(arrival) AS arrival FROM bench_tap GROUP BY event_id),
                              ordered AS (SELECT o.booking_id, o.seq, lag(o.seq) OVER (PARTITION BY o.booking_id ORDER BY f.arrival) AS prev
                                            FROM firsts f JOIN outbox_events o USING (event_id) WHERE o.booking_id IS NOT NULL)
                         SELECT count(*) FROM ordered WHERE prev > seq")
outage=$(psqlq -c "SELECT count(*) FROM outbox_events WHERE occurred_at BETWEEN '$down_at' AND '$up_at'")
outage_missing=$(psqlq -c "SELECT count(*) FROM outbox_events o WHERE occurred_at BETWEEN '$down_at' AND '$up_at'
                             AND NOT EXISTS (SELECT 1 FROM bench_tap t WHERE t.event_id = o.event_id)")
say "  events in the outbox: $total; unpublished: $(unpublished); not received by the queue: $missing; duplicates received: $dups"
say "  routing key <> event type: $wrong_key; bookings whose events first arrived out of order: $out_of_order"
say "  events written while the broker was down: $outage, not received: $outage_missing"
say "  published by instance a: $(relay_counts "$URL"), by instance b: $(relay_counts "$URL_B") (since each one's last start)"
say "  liveness restarts: $(wc -l < "$RESULTS/$STAMP-restarts.txt")$(sed 's/^/; /' "$RESULTS/$STAMP-restarts.txt" | tr -d '\n')"
say "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$FAILED" = 0 ] && [ "$(unpublished)" = 0 ] && [ "$missing" = 0 ] && [ "$wrong_key" = 0 ] && [ "$out_of_order" = 0 ] \
   && [ "$outage_missing" = 0 ] && [ "$outage" -gt 0 ]; then
  say "PASS"
else
  say "FAIL"; exit 1
fi
