#!/usr/bin/env bash
# Live reload in dev mode: seconds from saving a change to the first answer that serves it.
#
#   body        a method body edited (the redirect target in ServiceInfoResource.docs()), and restored
#   new-method  a new endpoint method added to ServiceInfoResource (a structural change), and removed
#   new-class   a new resource class added, and deleted
#
# Before each change the script leaves dev mode idle for 2.5 s: Quarkus looks for changes on an HTTP request
# at most every 2 s, and a person saving and then reloading a page is slower than that, so what is measured
# is the compile and swap (or restart), not that throttle. After each change it polls every 50 ms. The dev
# log tells whether a change was swapped in by instrumentation or restarted the application.
#
# Usage:
#   bench/dev-reload.sh            before/after: dev mode with quarkus.live-reload.instrumentation=false, then
#                                  =true, ROUNDS (2) times each, interleaved; EDITS (3) of each kind per session
#   bench/dev-reload.sh quick      CI (about a minute): one session as configured, a body edit and a new class
#                                  (each undone); fails unless the demo showtimes are there, the body edits
#                                  were swapped in without a restart and every change was served within
#                                  LIMIT seconds (20)
#   bench/dev-reload.sh attach     measure the dev mode already running at DEV_URL (default
#                                  http://localhost:5003) in this directory, as it is configured
# Environment: DEV_PORT (15403), DEV_SCHEMA (booking_dev_bench), DEV_ARGS, ROUNDS, EDITS, LIMIT. The quick mode
# took 65-75 s on our shared 2-core machines.
# Sources are restored on exit, whatever happens. Logs: bench/results/dev-reload/.
set -euo pipefail

ROOT=${BENCH_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT"
MODE=${1:-compare}
ROUNDS=${ROUNDS:-2}
EDITS=${EDITS:-3}
LIMIT=${LIMIT:-20}
OUT=$ROOT/bench/results/dev-reload
if [ "$MODE" = attach ]; then DEV_URL=${DEV_URL:-http://localhost:5003}; fi
# shellcheck source=bench/dev-lib.sh
. "$ROOT/bench/dev-lib.sh"
mkdir -p "$OUT"

WEB=src/main/java/com/marquee/booking/common/web
TARGET=$WEB/ServiceInfoResource.java
PROBE_CLASS=$WEB/ReloadProbeResource.java
BODY_FROM='URI.create("/q/swagger-ui/")'
BACKUP=$(mktemp)
cp "$TARGET" "$BACKUP"
grep -qF "$BODY_FROM" "$TARGET" || { echo "dev-reload: $TARGET no longer has $BODY_FROM; update the script" >&2; exit 1; }

restore() {
  if ! cmp -s "$BACKUP" "$TARGET"; then cp "$BACKUP" "$TARGET"; fi
  rm -f "$PROBE_CLASS" "$BACKUP"
  stop_dev
}
trap restore EXIT

# write FILE: replaces FILE with stdin in one step (an editor's save)
write() { local tmp="$1.reload-tmp"; cat >"$tmp"; mv "$tmp" "$1"; }

location() { curl -s -o /dev/null -m 60 -w '%{redirect_url}' "$DEV_URL/docs" || true; }
body() { curl -s -m 60 "$DEV_URL$1" || true; }
status() { curl -s -o /dev/null -m 60 -w '%{http_code}' "$DEV_URL$1" || true; }

# served CHECK ARG EXPECTED: polls `CHECK ARG` until it prints EXPECTED (location: ends with it); prints the
# seconds since T_EDIT
served() {
  local check=$1 arg=$2 expected=$3 deadline=$(( $(date +%s) + 120 )) got
  while :; do
    got=$($check "$arg")
    if [ "$check" = location ] && [[ "$got" == *"$expected" ]]; then break; fi
    if [ "$check" != location ] && [ "$got" = "$expected" ]; then break; fi
    if [ "$(date +%s)" -gt "$deadline" ]; then echo "change not served after 120 s: $arg -> $got" >&2; return 1; fi
    sleep 0.05
  done
  awk -v a="$(now_s)" -v b="$T_EDIT" 'BEGIN {printf "%.2f", a - b}'
}

# how the last change was applied, from the dev log (when we have it)
how() {
  if [ -z "$DEV_LOG" ]; then echo "?"; return; fi
  local line
  line=$(awk -v t="$T_EDIT" '$1 >= t' "$DEV_LOG" | grep -E 'replacing classes via instrumentation|Restarting quarkus due to' | tail -n 1 || true)
  case $line in
    *instrumentation*) echo swap ;;
    *Restarting*) echo restart ;;
    *) echo "?" ;;
  esac
}

edit_body() { # N: the redirect target gets ?reload=N (N=0 restores the original)
  if [ "$1" = 0 ]; then write "$TARGET" <"$BACKUP"; else
    sed "s|$BODY_FROM|URI.create(\"/q/swagger-ui/?reload=$1\")|" "$BACKUP" | write "$TARGET"; fi
}

edit_method() { # N: adds GET /reload-probe-mN to ServiceInfoResource (N=0 restores the original)
  if [ "$1" = 0 ]; then write "$TARGET" <"$BACKUP"; return; fi
  # the new method goes before the class's closing brace
  awk -v n="$1" '{ lines[NR] = $0 } END {
      for (i = NR; i > 0; i--) if (lines[i] ~ /^}/) { last = i; break }
      for (i = 1; i < last; i++) print lines[i]
      print ""
      print "    @GET"
      print "    @Path(\"/reload-probe-m" n "\")"
      print "    @Produces(MediaType.TEXT_PLAIN)"
      print "    public String reloadProbe" n "() {"
      print "        return \"m" n "\";"
      print "    }"
      for (i = last; i <= NR; i++) print lines[i] }' "$BACKUP" | write "$TARGET"
}

edit_class() { # N: a new resource class serving GET /reload-probe-cN (N=0 deletes it)
  if [ "$1" = 0 ]; then rm -f "$PROBE_CLASS"; return; fi
  write "$PROBE_CLASS" <<EOF
package com.marquee.booking.common.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/reload-probe-c$1")
public class ReloadProbeResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String probe() {
        return "c$1";
    }
}
EOF
}

declare -A SAMPLES HOW
record() { # LABEL KIND SECONDS HOW
  SAMPLES[$1/$2]+="$3 "
  HOW[$1/$2]+="$4 "
  printf '  %-10s %-14s %6s s  %s\n' "$1" "$2" "$3" "$4" >&2
}

# measure LABEL N [KINDS]: one change of each kind (body, method, class) and its undo; N makes them unique
measure() {
  local label=$1 n=$2 kinds=${3:-body method class} t
  if [[ " $kinds " == *" body "* ]]; then
    sleep 2.5; T_EDIT=$(now_s); edit_body "$n"; t=$(served location - "reload=$n"); record "$label" body "$t" "$(how)"
    sleep 2.5; T_EDIT=$(now_s); edit_body 0; t=$(served location - "/q/swagger-ui/"); record "$label" body "$t" "$(how)"
  fi
  if [[ " $kinds " == *" method "* ]]; then
    sleep 2.5; T_EDIT=$(now_s); edit_method "$n"; t=$(served body "/reload-probe-m$n" "m$n"); record "$label" new-method "$t" "$(how)"
    sleep 2.5; T_EDIT=$(now_s); edit_method 0; t=$(served status "/reload-probe-m$n" 404); record "$label" undo-method "$t" "$(how)"
  fi
  if [[ " $kinds " == *" class "* ]]; then
    sleep 2.5; T_EDIT=$(now_s); edit_class "$n"; t=$(served body "/reload-probe-c$n" "c$n"); record "$label" new-class "$t" "$(how)"
    sleep 2.5; T_EDIT=$(now_s); edit_class 0; t=$(served status "/reload-probe-c$n" 404); record "$label" undo-class "$t" "$(how)"
  fi
}

session() { # LABEL ROUND [quarkus:dev arguments...]
  local label=$1 round=$2
  shift 2
  start_dev "$ROOT" "$OUT/$label-$round.log" "$@"
  wait_dev /api/showtimes/1 300
  echo "session $label (round $round)" >&2
  for e in $(seq 1 "$EDITS"); do measure "$label" "$((round * 100 + e))"; done
  stop_dev
}

report() {
  echo "change -> served, median (s) [how: swap = instrumentation, restart]; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
  local label kind
  for label in "$@"; do
    for kind in body new-method undo-method new-class undo-class; do
      [ -n "${SAMPLES[$label/$kind]:-}" ] || continue
      # shellcheck disable=SC2086
      printf '  %-10s %-12s %6s s   n=%-2s all: %s  [%s]\n' "$label" "$kind" "$(median ${SAMPLES[$label/$kind]})" \
        "$(echo ${SAMPLES[$label/$kind]} | wc -w)" "${SAMPLES[$label/$kind]}" \
        "$(echo ${HOW[$label/$kind]} | tr ' ' '\n' | sort | uniq -c | awk '{printf "%s x%s ", $2, $1}')"
    done
  done
}

case $MODE in
  attach)
    DEV_LOG=
    curl -fsS -o /dev/null "$DEV_URL/" || { echo "no dev mode answers at $DEV_URL" >&2; exit 1; }
    for e in $(seq 1 "$EDITS"); do measure attached "$((900 + e))"; done
    report attached
    ;;
  quick)
    start_dev "$ROOT" "$OUT/quick.log" -Ddebug=false
    wait_dev /api/showtimes/1 300
    # the demo data is there: plain, nearly sold out (2 seats left), last call (holds until it starts)
    # the demo data (seeded beside the start): plain, nearly sold out (2 seats left), last call (with holds)
    for _ in $(seq 1 300); do
      curl -fsS "$DEV_URL/api/showtimes/3/seats" 2>/dev/null | grep -q '"status":"on_hold"' && break
      sleep 0.1
    done
    curl -fsS "$DEV_URL/api/showtimes/3/seats" | grep -q '"status":"on_hold"' \
      || { echo "FAIL: demo showtime 3 has no holds" >&2; exit 1; }
    curl -fsS "$DEV_URL/api/showtimes/2" | grep -q '"seats_available":2[,}]' \
      || { echo "FAIL: demo showtime 2 is not nearly sold out" >&2; exit 1; }
    measure quick 1 "body class"
    report quick
    stop_dev
    fail=0
    [ "${HOW[quick/body]}" = "swap swap " ] || { echo "FAIL: a method-body edit restarted the application (${HOW[quick/body]})" >&2; fail=1; }
    for kind in body new-class undo-class; do
      for t in ${SAMPLES[quick/$kind]}; do
        awk -v t="$t" -v l="$LIMIT" 'BEGIN {exit !(t <= l)}' || { echo "FAIL: $kind took $t s (limit $LIMIT s)" >&2; fail=1; }
      done
    done
    exit $fail
    ;;
  compare)
    for round in $(seq 1 "$ROUNDS"); do
      session restart "$round" -Dquarkus.live-reload.instrumentation=false
      session swap "$round" -Dquarkus.live-reload.instrumentation=true
    done
    report restart swap
    ;;
  *) echo "usage: $0 [compare|quick|attach]" >&2; exit 2 ;;
esac
