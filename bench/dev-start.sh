#!/usr/bin/env bash
# Dev-mode start, as a developer sees it: seconds from `./mvnw quarkus:dev` to the first answer that went
# through PostgreSQL (GET /api/bookings/user/1), and where they went.
#
#   first start   a fresh copy of the tree (no target/) against an empty dev schema: what a new clone costs
#   second start  `./mvnw quarkus:dev` again in the same copy: compiled, migrated, demo data in place
#
# Phases, from timestamped output and Quarkus' own records:
#   maven     JVM start, project model, plugin resolution, until the quarkus:dev goal runs
#   compile   resources, javac (main and test), until the dev-mode JVM prints its first line
#   bootstrap dev-mode JVM start and application model, until augmentation starts (target/build-metrics.json)
#   augment   Quarkus build steps (build-metrics.json "duration")
#   runtime   static and runtime init until "started in" (Flyway, Hibernate, demo data, HTTP)
#   answer    first request served after "started in"
# and, from -Dquarkus.debug.print-startup-times=true, the runtime steps Flyway (migrate/validate), Hibernate
# (persistence unit start, schema validation included) and the startup event (demo data); and "cpu", the CPU
# seconds Maven and the dev-mode JVM used until the answer, which a busy machine disturbs far less than the
# wall clock (on a shared 2-core machine a start can take 20 s or 70 s of wall time for the same work).
#
# Usage:
#   bench/dev-start.sh                       compare BASE_REF (default: main) with this working tree
#   bench/dev-start.sh LABEL=REF|DIR ...     compare git refs or source directories, e.g. now=. before=main
# Runs of the variants are interleaved so that a busy machine slows them alike; medians of RUNS (3).
# Environment: RUNS, PORT (15403), SCHEMA (booking_dev_bench: dropped before each first start), DEV_ARGS
# (more quarkus:dev arguments, e.g. -Ddebug=false). Work copies and logs: bench/results/dev-start/.
set -euo pipefail

ROOT=${BENCH_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT"
RUNS=${RUNS:-3}
BASE_REF=${BASE_REF:-main}
PROBE=${PROBE:-/api/bookings/user/1}
OUT=$ROOT/bench/results/dev-start
DEV_PORT=${PORT:-15403}
DEV_SCHEMA=${SCHEMA:-booking_dev_bench}
# shellcheck source=bench/dev-lib.sh
. "$ROOT/bench/dev-lib.sh"
mkdir -p "$OUT"

# snapshot SOURCE DEST: a git ref (git archive) or a directory (its tracked and untracked, not ignored, files)
snapshot() {
  local src=$1 dest=$2
  rm -rf "$dest" && mkdir -p "$dest"
  if [ -d "$src" ] && ! git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$src" && tar --exclude=./target -cf - .) | tar -xf - -C "$dest"
  elif [ -d "$src" ]; then
    (cd "$src" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c '[ -e "{}" ] && echo "{}"' \
      | tar -cf - -T -) | tar -xf - -C "$dest"
  else
    git archive "$src" | tar -xf - -C "$dest"
  fi
}

trap stop_dev EXIT

# one_start DIR LOG: prints "total maven compile bootstrap augment runtime answer flyway hibernate startup cpu started_in"
one_start() {
  local dir=$1 log=$2 t0
  t0=$(now_s)
  start_dev "$dir" "$log" -Dquarkus.debug.print-startup-times=true
  wait_dev "$PROBE" 300 || { stop_dev; return 1; }
  local t_ready cpu
  t_ready=$(now_s)
  # CPU seconds that Maven and the dev-mode JVM used until the answer: less at the mercy of a busy machine
  # than the wall clock (both JVMs are alive at this point, so ps still counts them)
  cpu=$(ps -o times= -g "$DEV_PID" | awk '{s += $1} END {print s}')
  # the answer can come before "started in" is logged: give the log a moment to catch up
  for _ in $(seq 1 100); do grep -q ' started in ' "$log" && break; sleep 0.1; done
  stop_dev
  python3 - "$log" "$dir/target/build-metrics.json" "$t0" "$t_ready" "$cpu" <<'EOF'
import json, re, sys, datetime
log, metrics, t0, t_ready, cpu = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
lines = []
for raw in open(log, errors='replace'):
    ts, _, text = raw.partition(' ')
    lines.append((float(ts), text.rstrip('\n')))
def first(pred, default=None):
    return next((t for t, x in lines if pred(x)), default)
t_goal = first(lambda x: re.search(r'--- quarkus:[^ ]+:dev ', x) is not None)
t_jvm = first(lambda x: t_goal is not None and not x.startswith('[') and x.strip() != '')
t_started = min(first(lambda x: ' started in ' in x, t_ready), t_ready)
started_in = next((re.search(r'started in ([0-9.]+)s', x).group(1) for t, x in lines if ' started in ' in x), '?')
m = json.load(open(metrics))
aug_start = datetime.datetime.fromisoformat(m['started']).timestamp()
aug = m['duration'] / 1000.0
def step(name):
    for t, x in lines:
        g = re.search(r'Build step ' + name + r' completed in: (\d+)ms', x)
        if g:
            return int(g.group(1)) / 1000.0
    return 0.0
vals = [t_ready - t0, t_goal - t0, t_jvm - t_goal, aug_start - t_jvm, aug,
        t_started - (aug_start + aug), t_ready - t_started,
        step(r'FlywayProcessor\.startActions'), step(r'HibernateOrmProcessor\.startPersistenceUnits'),
        step(r'LifecycleEventsBuildStep\.startupEvent'), cpu]
print(' '.join('%.2f' % v for v in vals), started_in)
EOF
}

variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then variants=("before=$BASE_REF" "now=$ROOT"); fi
declare -A results
for variant in "${variants[@]}"; do
  label=${variant%%=*}
  snapshot "${variant#*=}" "$OUT/$label-src"
done
for i in $(seq 1 "$RUNS"); do
  for variant in "${variants[@]}"; do
    label=${variant%%=*}
    rm -rf "$OUT/$label-run" && cp -a "$OUT/$label-src" "$OUT/$label-run"
    drop_dev_schema
    one_start "$OUT/$label-run" "$OUT/$label-first-$i.log" >"$OUT/line"
    first=$(cat "$OUT/line")
    one_start "$OUT/$label-run" "$OUT/$label-second-$i.log" >"$OUT/line"
    second=$(cat "$OUT/line")
    results[$label-first]+="$first"$'\n'
    results[$label-second]+="$second"$'\n'
    echo "run $i $label: first [$first] second [$second]" >&2
  done
done

echo "dev-mode start, median of $RUNS (seconds; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  %-16s %6s | %6s %7s %9s %7s %7s %6s | %6s %9s %7s | %6s | %s\n' variant total maven compile bootstrap augment runtime \
  answer flyway hibernate startup cpu 'all totals'
for variant in "${variants[@]}"; do
  label=${variant%%=*}
  for kind in first second; do
    rows=${results[$label-$kind]}
    cols=()
    for c in $(seq 1 11); do
      # shellcheck disable=SC2046
      cols+=("$(median $(printf '%s' "$rows" | awk -v c="$c" 'NF {print $c}'))")
    done
    printf '  %-16s %6s | %6s %7s %9s %7s %7s %6s | %6s %9s %7s | %6s | %s\n' "$label $kind" "${cols[@]}" \
      "$(printf '%s' "$rows" | awk 'NF {printf "%s ", $1}')"
  done
done
