#!/usr/bin/env bash
# What a booking costs while the Theatre Service is down, with and without a stored copy of the
# showtime. Runs the packaged app (target/quarkus-app, any variant) against a stand-in Theatre Service
# (python3's http.server) that is first up, then gone (connection refused), then hanging (slower than
# any timeout), and times `POST /api/bookings/` with curl:
#
#   no copy      a showtime never fetched: 503 (the Theatre Service is needed)
#   stored copy  a showtime fetched earlier and past booking.theatre.refresh-after: 201 from the copy
#
# Each line prints its first request (the circuit closed, or half-open after its delay: attempts,
# backoff, timeouts) and the median of the following ones (the circuit open: the Theatre Service is not
# called at all).
#
# Environment: RUNS per phase (default 7), PORT (default 15003), STUB_PORT (default 15080), JAVA, and
# DB_* as for bench/startup.sh (database "booking" on 127.0.0.1 by default; psql must reach it).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
PORT=${PORT:-15003}
STUB_PORT=${STUB_PORT:-15080}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
RESULTS=$(pwd)/bench/results
mkdir -p "$RESULTS"
PSQL=(psql -q -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -d "${DB_NAME:-booking}")

stub_pid=
app_pid=
cleanup() {
  [ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
}
trap cleanup EXIT

# MODE=up answers every showtime id (screen 1, 10 x 20, 12.00); MODE=hang never answers.
start_stub() {
  MODE=$1 STUB_PORT=$STUB_PORT python3 - >"$RESULTS/theatre-stub.log" 2>&1 <<'EOF' &
import json, os, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Theatre(BaseHTTPRequestHandler):
    def do_GET(self):
        if os.environ["MODE"] == "hang":
            time.sleep(60)
            return
        parts = self.path.strip("/").split("/")
        if parts[0] == "showtimes":
            body = {"showtime_id": int(parts[1]), "screen_id": 1, "movie_id": 7,
                    "start_time": "2030-01-01T19:30:00Z", "price": "12.00", "seats_booked": 0}
        else:
            body = {"screen_id": 1, "theatre_id": 1, "screen_number": 1, "num_rows": 10, "num_cols": 20}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

ThreadingHTTPServer(("127.0.0.1", int(os.environ["STUB_PORT"])), Theatre).serve_forever()
EOF
  stub_pid=$!
  sleep 0.5
}

stop_stub() {
  kill "$stub_pid" 2>/dev/null || true
  wait "$stub_pid" 2>/dev/null || true
  stub_pid=
}

seat=0
# book SHOWTIME SEAT_NUMBER: prints "<status> <milliseconds>"
book() {
  local row=$(( ($2 - 1) / 20 + 1 )) col=$(( ($2 - 1) % 20 + 1 ))
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    -d "{\"user_id\": 1, \"showtime_id\": $1, \"seats\": [{\"row\": $row, \"col\": $col}]}" \
    "http://127.0.0.1:$PORT/api/bookings/" | awk '{printf "%s %d\n", $1, $2 * 1000}'
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# phase LABEL SHOWTIME_ID_FUNCTION: first request, then the median of RUNS-1 more
phase() {
  local label=$1 next=$2
  seat=$((seat + 1))
  read -r first_status first_ms < <(book "$($next)" "$seat")
  local times=() statuses=()
  for _ in $(seq 2 "$RUNS"); do
    seat=$((seat + 1))
    read -r s ms < <(book "$($next)" "$seat")
    times+=("$ms"); statuses+=("$s")
  done
  printf '  %-34s first: %s in %5s ms | then: %s, median %4s ms (%s)\n' "$label" "$first_status" "$first_ms" \
    "$(printf '%s\n' "${statuses[@]}" | sort | uniq -c | awk '{printf "%s x%s ", $2, $1}')" \
    "$(median "${times[@]}")" "${times[*]}"
}

base=$(( $(date +%s) % 100000 * 1000 ))
fresh_id=$base
new_showtime() { fresh_id=$((fresh_id + 1)); echo "$fresh_id"; }
STORED=$((base + 900))
stored_showtime() { echo "$STORED"; }

start_stub up
(cd target/quarkus-app && exec "$JAVA" -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$((PORT + 1000))" \
    -Dquarkus.rest-client.theatre-service.url="http://127.0.0.1:$STUB_PORT" -jar quarkus-run.jar) \
    >"$RESULTS/theatre-down-app.log" 2>&1 &
app_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$((PORT + 1000))/q/health/ready"; do sleep 0.2; done

# the stored copy: fetched while the Theatre Service is up, then made stale
curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/showtimes/$STORED"
"${PSQL[@]}" -c "UPDATE showtimes SET refreshed_at = now() - interval '1 day' WHERE showtime_id = $STORED"
# warm up the booking path on another showtime so the first timings are not class loading
for n in 1 2 3; do book "$((base + 999))" "$n" >/dev/null; done

echo "booking latency while the Theatre Service is down ($RUNS requests per line; load average $(cut -d' ' -f1-3 /proc/loadavg))"
stop_stub
echo " Theatre Service gone (connection refused); first line: circuit closed, then half-open after its 10 s delay:"
phase "no copy -> 503" new_showtime
sleep 11
phase "stored copy -> 201" stored_showtime

echo " Theatre Service hanging (slower than the 1 s timeout); circuit half-open for each first request:"
start_stub hang
sleep 11
phase "stored copy -> 201" stored_showtime
sleep 11
phase "no copy -> 503" new_showtime
