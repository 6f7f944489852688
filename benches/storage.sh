#!/usr/bin/env bash
# Storage benchmark on the realistic data set (../shared/bench/gen_cases.py: 200 stations
# CQ-001…CQ-200, every column filled, credit codes, three years of dates). Not run by CI.
#
#   1. `ipguard import cases` of N rows into a database holding only the stations, beside the
#      sqlite3 shell's `.import --csv --skip 1` of the same file into a plain table of the same
#      17 TEXT columns, alternating, each into a fresh database;
#   2. `ipguard score --all --period 2024 --as-of 2025-03-01` over the imported database
#      (hyperfine, one warm-up).
#
# BASELINE=path/to/older/ipguard runs the same measurements with that binary in the same run,
# so a change is judged against its base on an equally loaded machine.
#
#   benches/storage.sh                       # N=1000000 RUNS=3
#   BASELINE=/tmp/ipguard-before benches/storage.sh
#   N=100000 RUNS=5 BENCH_DIR=/var/tmp/ipb benches/storage.sh   # keeps the generated CSV
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
RUNS=${RUNS:-3}
gen=../shared/bench/gen_cases.py
for tool in sqlite3 hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install -y $tool)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 1; }
[ -f "$gen" ] || { echo "no data generator at $gen" >&2; exit 1; }

if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=$PWD/target/release/ipguard; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${BENCH_DIR:-$work}
mkdir -p "$data"
# The data run to 2025-12-31: "today" after it, so that no date is in the future.
export IPGUARD_TODAY=2026-01-01 IPGUARD_ACTOR=bench

# The stations file of ../shared/bench/README.md.
{ echo 'code,name,host_org,district,level,status,status_on'
  for i in $(seq -f '%03g' 1 200); do echo "CQ-$i,工作站$i,依托单位$i,渝中区,district,accepted,2022-06-01"; done
} > "$work/stations.csv"
[ -s "$data/cases-$N.csv" ] || python3 "$gen" "$N" "$data/cases-$N.csv"
cases=$data/cases-$N.csv
cols=$(head -1 "$cases" | sed 's/,/ TEXT, /g; s/$/ TEXT/')
printf 'CREATE TABLE cases (%s);\n.import --csv --skip 1 %s cases\n' "$cols" "$cases" > "$work/plain.sql"

# "wall cpu rss" of a GNU time -v report.
measure() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident set size/ { r = $2 }
    END { printf "%.2f %.2f %d\n", w, u + s, r }' "$1"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

sides=(ipguard)
declare -A bin=([ipguard]=$BIN)
if [ -n "${BASELINE:-}" ]; then sides+=(baseline); bin[baseline]=$BASELINE; fi

import_one() { # side run
  local db=$work/$1.db
  rm -f "$db" "$db"-wal "$db"-shm
  "${bin[$1]}" --db "$db" import stations "$work/stations.csv" 2>/dev/null
  /usr/bin/time -v "${bin[$1]}" --db "$db" import cases "$cases" 2> "$work/$1.time"
  grep -q "cases-$N.csv: $N added" "$work/$1.time" || { cat "$work/$1.time" >&2; exit 1; }
  measure "$work/$1.time" >> "$work/$1.runs"
}
for s in "${sides[@]}" sqlite3; do : > "$work/$s.runs"; done
for r in $(seq "$RUNS"); do
  for s in "${sides[@]}"; do import_one "$s"; done
  rm -f "$work/plain.db"
  /usr/bin/time -v sqlite3 "$work/plain.db" < "$work/plain.sql" 2> "$work/sqlite3.time"
  [ "$(sqlite3 "$work/plain.db" 'SELECT count(*) FROM cases')" = "$N" ] || { echo "sqlite3 imported a different count" >&2; exit 1; }
  measure "$work/sqlite3.time" >> "$work/sqlite3.runs"
  for s in "${sides[@]}" sqlite3; do printf 'run %d %-8s %s\n' "$r" "$s" "$(tail -1 "$work/$s.runs")"; done
done

echo "== import cases: $N rows ($(du -h "$cases" | cut -f1)), medians of $RUNS runs (wall s, CPU s)"
sq=$(cut -d' ' -f1 "$work/sqlite3.runs" | median)
printf '%-16s %6.2f s  %7.0f rows/s\n' "sqlite3 .import" "$sq" "$(echo "$N / $sq" | bc -l)"
for s in "${sides[@]}"; do
  w=$(cut -d' ' -f1 "$work/$s.runs" | median); c=$(cut -d' ' -f2 "$work/$s.runs" | median)
  rss=$(cut -d' ' -f3 "$work/$s.runs" | sort -n | tail -1)
  printf '%-16s %6.2f s  %7.0f rows/s  CPU %.2f s  peak RSS %d MiB  rate %.2fx sqlite3\n' \
    "$s" "$w" "$(echo "$N / $w" | bc -l)" "$c" $((rss / 1024)) "$(echo "$sq / $w" | bc -l)"
done

echo "== score --all --period 2024 --as-of 2025-03-01"
cmds=()
for s in "${sides[@]}"; do cmds+=("${bin[$s]} --db $work/$s.db score --all --period 2024 --as-of 2025-03-01 --format json"); done
"${bin[ipguard]}" --db "$work/ipguard.db" score --all --period 2024 --as-of 2025-03-01 --format json > "$work/a.json"
if [ -n "${BASELINE:-}" ]; then
  "${bin[baseline]}" --db "$work/baseline.db" score --all --period 2024 --as-of 2025-03-01 --format json > "$work/b.json"
  cmp -s "$work/a.json" "$work/b.json" || { echo "the two binaries score differently" >&2; exit 1; }
fi
hyperfine --warmup 1 --runs "$((RUNS * 2 + 1))" --export-json "$work/h.json" "${cmds[@]/%/ >/dev/null}" >&2
python3 - "$work/h.json" "${sides[@]}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
for side, x in zip(sys.argv[2:], r):
    print(f"{side:16} median {x['median']:.3f} s (min {x['min']:.3f}, max {x['max']:.3f})")
if len(r) == 2:
    print(f"ratio ipguard/baseline: {r[0]['median'] / r[1]['median']:.2f}")
PY
