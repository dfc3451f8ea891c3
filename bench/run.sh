#!/usr/bin/env bash
# Booking Service benchmark: ./bench/run.sh [scenario ...]   (default: all)
#   scenarios: hold flash-sale checkout seat-map expiry
# Builds the app if needed, starts it on loopback against a fresh "booking_bench" database, runs each
# scenario (bounded in time and count), prints throughput, p50/p90/p99 latency and statuses, checks the
# invariants in SQL, and measures the pgbench ceiling of the hold transaction at the same concurrency.
# Env: BENCH_DURATION (s, default 10), BENCH_PORT (5093), BENCH_KEEP_DB=1 to keep the database,
#      BENCH_JAVA_OPTS, BENCH_URL to benchmark an already running service (it must use booking_bench).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
export BENCH_DIR
DURATION=${BENCH_DURATION:-10}
PORT=${BENCH_PORT:-5093}
DB=booking_bench
PGARGS=(-h 127.0.0.1 -U postgres)
THREADS=2
RESULTS="$BENCH_DIR/results"
mkdir -p "$RESULTS"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
REPORT="$RESULTS/$STAMP.txt"
SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(hold flash-sale checkout seat-map expiry)

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

start_service() {
  if [ -n "${BENCH_URL:-}" ]; then URL=$BENCH_URL; return; fi
  URL="http://127.0.0.1:$PORT"
  local jar="$ROOT/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ]; then (cd "$ROOT" && ./mvnw -B -q package -DskipTests); fi
  if [ -z "${BENCH_KEEP_DB:-}" ]; then
    dropdb "${PGARGS[@]}" --if-exists "$DB"
  fi
  createdb "${PGARGS[@]}" "$DB" 2>/dev/null || true
  local java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
  [ -x "$java" ] || java=java
  DB_NAME=$DB QUARKUS_HTTP_PORT=$PORT BOOKING_HOLDS_SWEEP_INTERVAL=1s \
    QUARKUS_LOG_CATEGORY__COM_MARQUEE_BOOKING__LEVEL=WARN \
    "$java" ${BENCH_JAVA_OPTS:-} -jar "$jar" > "$RESULTS/$STAMP-service.log" 2>&1 &
  SERVICE_PID=$!
  trap 'kill $SERVICE_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "$URL/q/health/ready" >/dev/null 2>&1 && return
    kill -0 $SERVICE_PID 2>/dev/null || { cat "$RESULTS/$STAMP-service.log"; exit 1; }
    sleep 0.5
  done
  echo "service did not become ready" >&2; exit 1
}

next_base=1000000
showtimes() { # count rows cols -> sets ST_BASE
  ST_BASE=$next_base; ST_COUNT=$1; ST_ROWS=$2; ST_COLS=$3
  next_base=$((next_base + 100000))
  psqlq -v base="$ST_BASE" -v count="$ST_COUNT" -v rows="$ST_ROWS" -v cols="$ST_COLS" -f "$BENCH_DIR/sql/showtimes.sql"
  export ST_BASE ST_COUNT ST_ROWS ST_COLS
}

run_wrk() { # script connections seconds -> prints RESULT line
  local script=$1 conns=$2 seconds=$3
  local threads=$THREADS; [ "$conns" -lt "$threads" ] && threads=$conns
  export WRK_THREADS=$threads BENCH_CREATED="$RESULTS/created.ids"
  wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/lua/$script" "$URL" | grep '^RESULT'
}

record_created() {
  psqlq -c "CREATE TABLE IF NOT EXISTS bench_created (booking_id BIGINT)"
  if [ -s "$RESULTS/created.ids" ]; then
    psqlq -c "\\copy bench_created FROM '$RESULTS/created.ids'"
  fi
  rm -f "$RESULTS/created.ids"
}

invariants() {
  record_created
  local bad
  bad=$(psqlq -F ' | ' -f "$BENCH_DIR/sql/invariants.sql" | awk -F' \\| ' '$2 != 0')
  if [ -n "$bad" ]; then say "  INVARIANTS VIOLATED: $bad"; FAILED=1; else say "  invariants: ok (no seat twice, counters exact, 2xx holds live, confirmed => paid)"; fi
}

pgbench_ceiling() { # connections seconds -> tps
  local conns=$1 seconds=$2
  showtimes 400 20 30
  psqlq -c "CREATE SEQUENCE IF NOT EXISTS bench_k; SELECT setval('bench_k', 1, false)"
  pgbench "${PGARGS[@]}" -n -c "$conns" -j "$THREADS" -T "$seconds" -M prepared \
    -D st_base="$ST_BASE" -D st_count="$ST_COUNT" -D cols="$ST_COLS" \
    -f "$BENCH_DIR/sql/hold_txn.sql" "$DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1
}

scenario_hold() {
  say "## hold: POST /api/bookings/ (2 seats), distinct seats over 200 showtimes of 20x30"
  for conns in 1 8 32 64; do
    showtimes 200 20 30
    local line; line=$(run_wrk hold.lua "$conns" "$DURATION")
    say "  c=$conns $line"
    if [ "$conns" = 32 ]; then HOLD32=$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' <<<"$line"); HOLD32_P99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$line"); fi
  done
  invariants
  local tps; tps=$(pgbench_ceiling 32 "$DURATION")
  say "  pgbench ceiling (same hold transaction SQL, c=32): tps=$tps"
  say "  RATIO service/pgbench at c=32: $(awk -v a="$HOLD32" -v b="$tps" 'BEGIN{printf "%.2f", a/b}') (target >= 0.70), p99=${HOLD32_P99}ms (target < 50)"
}

scenario_flash_sale() {
  say "## flash-sale: one 300-seat showtime (15x20), 256 clients grabbing random adjacent pairs"
  showtimes 1 15 20
  local t0; t0=$(date +%s.%N)
  local line; line=$(run_wrk flash.lua 256 5)
  say "  c=256 $line"
  local sold last
  sold=$(psqlq -c "SELECT seats_booked FROM showtimes WHERE showtime_id = $ST_BASE")
  last=$(psqlq -c "SELECT extract(epoch FROM max(booking_time)) FROM bookings WHERE showtime_id = $ST_BASE")
  say "  seats sold: $sold/300; sold out $(awk -v a="$last" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')s after the sale opened (target < 2s, p99 < 100ms, zero 5xx)"
  invariants
}

scenario_checkout() {
  say "## checkout: hold then /complete per user, 32 connections"
  showtimes 200 20 30
  say "  c=32 $(run_wrk checkout.lua 32 "$DURATION")"
  invariants
}

scenario_seat_map() {
  say "## seat-map: GET seat-map + GET /api/bookings/showtime/{id}/seats on a half-sold 300-seat showtime"
  showtimes 1 15 20
  for pair in $(seq 0 74); do
    local first=$((pair * 4)) # every other pair: 150 seats held, spread over the map
    curl -sf -o /dev/null -XPOST "$URL/api/bookings/" -H 'Content-Type: application/json' \
      -d "{\"user_id\":$pair,\"showtime_id\":$ST_BASE,\"seats\":[{\"row\":$((first / 20 + 1)),\"col\":$((first % 20 + 1))},{\"row\":$(((first + 1) / 20 + 1)),\"col\":$(((first + 1) % 20 + 1))}]}"
  done
  say "  seats held: $(psqlq -c "SELECT seats_booked FROM showtimes WHERE showtime_id = $ST_BASE")/300"
  say "  c=32 $(run_wrk seatmap.lua 32 "$DURATION") (target p99 < 10ms)"
}

scenario_expiry() {
  say "## expiry: 5,000 holds fall due at once (sweep interval 1s)"
  showtimes 10 20 30
  psqlq -f "$BENCH_DIR/sql/expiry_seed.sql" -v base="$ST_BASE"
  local t0; t0=$(date +%s.%N)
  psqlq -c "UPDATE bookings SET hold_expiry_time = now() WHERE showtime_id BETWEEN $ST_BASE AND $((ST_BASE + 9)) AND status = 'pending';
            UPDATE booked_seats SET hold_expiry_time = now() WHERE showtime_id BETWEEN $ST_BASE AND $((ST_BASE + 9)) AND status = 'on_hold'"
  local left=5000 t1
  for _ in $(seq 1 600); do
    left=$(psqlq -c "SELECT count(*) FROM bookings WHERE showtime_id BETWEEN $ST_BASE AND $((ST_BASE + 9)) AND status = 'pending'")
    [ "$left" = 0 ] && break
    sleep 0.05
  done
  t1=$(date +%s.%N)
  say "  released all 5000 in $(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')s after falling due (left: $left; target <= 2s + one 1s interval)"
  invariants
}

need_tools
: > "$REPORT"
say "# Booking Service benchmark $STAMP on $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; service, PostgreSQL and load generator share the machine"
start_service
say "service: $URL ($(curl -s "$URL/" | head -c 0)$(psql --version | head -n 1))"
psqlq -c "DROP TABLE IF EXISTS bench_created; CREATE TABLE bench_created (booking_id BIGINT)"
FAILED=0
for s in "${SCENARIOS[@]}"; do
  case "$s" in
    hold) scenario_hold ;;
    flash-sale) scenario_flash_sale ;;
    checkout) scenario_checkout ;;
    seat-map) scenario_seat_map ;;
    expiry) scenario_expiry ;;
    *) echo "unknown scenario $s" >&2; exit 2 ;;
  esac
done
say "report: $REPORT"
exit $FAILED
