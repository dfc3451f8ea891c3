#!/usr/bin/env bash
# What announcing seat changes with NOTIFY costs the hold: pgbench runs the hold transaction
# (sql/hold_txn.sql) at 32 clients in three set-ups, back to back in one session and repeated, while one
# session LISTENs and drains the channel as the service's listener would:
#   off      no NOTIFY at all (the ceiling)
#   trigger  statement-level triggers on booked_seats pg_notify the changed showtimes inside every hold's
#            transaction (sql/seat_notify_trigger.sql): option (a)
#   app      no trigger; a second pgbench client sends one pg_notify every 50 ms in its own transaction,
#            what the service's coalesced notifier does at most: option (b)
# Usage: bench/notify-cost.sh   Env: NOTIFY_REPS (default 3), NOTIFY_SECONDS (per run, default 10),
#        NOTIFY_CLIENTS (default 32). Report: bench/results/<time>-notify.txt. No service needed.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
DB=${BENCH_NOTIFY_DB:-booking_notify_bench}
REPS=${NOTIFY_REPS:-3}
SECONDS_PER_RUN=${NOTIFY_SECONDS:-10}
CLIENTS=${NOTIFY_CLIENTS:-32}
REPORT=$RESULTS/$STAMP-notify.txt
LOGS=$(mktemp -d)
: > "$REPORT"

dropdb "${PGARGS[@]}" --if-exists --force "$DB"
createdb "${PGARGS[@]}" "$DB"
for migration in "$ROOT"/src/main/resources/db/migration/V*__*.sql; do psqlq -f "$migration" >/dev/null; done
psqlq -f "$BENCH_DIR/sql/seat_notify_trigger.sql" >/dev/null 2>&1
psqlq -c "CREATE SEQUENCE bench_k" >/dev/null
echo "SELECT pg_notify('seat_changes_public', 'bench:1,2,3');" > "$LOGS/app_notify.sql"

# a listener that keeps reading, as the service's would: psql reads notifications after every command
(echo "LISTEN seat_changes_public;"; while sleep 0.1; do echo "SELECT 1;"; done) \
  | psql "${PGARGS[@]}" -d "$DB" -qAt > /dev/null 2>&1 &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null || true; rm -rf "$LOGS"' EXIT

run() { # off|trigger|app -> prints one line
  local mode=$1 trig=DISABLE notifier=
  [ "$mode" = trigger ] && trig=ENABLE
  psqlq -c "ALTER TABLE booked_seats $trig TRIGGER bench_seats_inserted; ALTER TABLE booked_seats $trig TRIGGER bench_seats_updated"
  showtimes 400 20 30
  psqlq -c "SELECT setval('bench_k', 1, false)" >/dev/null
  if [ "$mode" = app ]; then
    pgbench "${PGARGS[@]}" -n -c 1 -R 20 -T "$SECONDS_PER_RUN" -f "$LOGS/app_notify.sql" "$DB" > "$LOGS/app.out" 2>&1 &
    notifier=$!
  fi
  rm -f "$LOGS"/hold_log*
  local out
  out=$(cd "$LOGS" && pgbench "${PGARGS[@]}" -n -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -M prepared \
    -l --log-prefix=hold_log -D st_base="$ST_BASE" -D st_count="$ST_COUNT" -D cols="$ST_COLS" \
    -f "$BENCH_DIR/sql/hold_txn.sql" "$DB" 2>&1)
  [ -n "$notifier" ] && wait "$notifier"
  local tps
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -n 1)
  # per-transaction log: client, transaction, latency in microseconds, ...
  local pct
  pct=$(cat "$LOGS"/hold_log* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "p50_ms=%.1f p99_ms=%.1f", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')
  say "  $(printf '%-7s' "$mode") tps=$tps $pct"
}

say "# NOTIFY cost $STAMP: pgbench hold_txn.sql, c=$CLIENTS, ${SECONDS_PER_RUN}s per run, $REPS x (off, trigger, app); $(psql --version | head -n 1)"
say "  synchronous_commit=$(psqlq -c 'SHOW synchronous_commit'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$REPS"); do run off; run trigger; run app; done
say "  notifications queued at the end: $(psqlq -c 'SELECT pg_notification_queue_usage()')"
dropdb "${PGARGS[@]}" --if-exists --force "$DB"
say "report: $REPORT"
