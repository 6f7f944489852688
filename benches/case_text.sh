#!/usr/bin/env bash
# `case list --text` over N cases (default 1,000,000) of ../shared/bench/gen_cases.py, on a
# database file. Not run by CI. The generator writes no summaries, so this script gives every
# case one made of its own cells ("<enterprise>在<country>的<dispute_type>纠纷，经指导<outcome>")
# and one case in 1000 the phrase "货物被海关扣押"; it imports the stations and the cases into
# a fresh database (timed: the FTS5 index is filled by the triggers as the rows go in), then
# times with hyperfine (one warm-up, RUNS runs):
#
#   1. `--text 海关扣押` (4 characters: the trigram index; 1000 cases found),
#   2. `--text 华信16756` (a rare text: the index; a handful found),
#   3. `--text 扣押` (2 characters: the instr scan of every summary and note; 1000 found),
#
# each with `--format csv > /dev/null`, and prints the medians. The target is 1 and 2 under
# 100 ms (docs/library.md has the results).
#
#   benches/case_text.sh                      # N=1000000 RUNS=11, release build
#   N=100000 BENCH_DIR=/work/bench benches/case_text.sh   # reuses a generated cases-N.csv
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
RUNS=${RUNS:-11}
gen=../shared/bench/gen_cases.py
for tool in hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install -y $tool)" >&2; exit 1; }
done
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=$PWD/target/release/ipguard; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${BENCH_DIR:-$work}
mkdir -p "$data"
export IPGUARD_TODAY=2026-01-01 IPGUARD_ACTOR=bench
{ echo 'code,name,host_org,district,level,status,status_on'
  for i in $(seq -f '%03g' 1 200); do echo "CQ-$i,工作站$i,依托单位$i,渝中区,district,accepted,2022-06-01"; done
} > "$work/stations.csv"
[ -s "$data/cases-$N.csv" ] || [ ! -f "$gen" ] || python3 "$gen" "$N" "$data/cases-$N.csv"
[ -s "$data/cases-$N.csv" ] || { echo "no data: $data/cases-$N.csv (and no generator at $gen)" >&2; exit 1; }
# The generator's cells hold no comma or quote: a plain split is the CSV's.
awk -F, -v OFS=, 'NR == 1 { print $0, "summary"; next }
  { s = $3 "在" $9 "的" $10 "纠纷，经指导" $13; if (NR % 1000 == 0) s = s "，货物被海关扣押"; print $0, s }' \
  "$data/cases-$N.csv" > "$work/cases.csv"
db=$work/text.db
"$BIN" --db "$db" import stations "$work/stations.csv" 2>/dev/null
start=$(date +%s.%N)
"$BIN" --db "$db" import cases "$work/cases.csv" 2> "$work/import.err" || { cat "$work/import.err" >&2; exit 1; }
end=$(date +%s.%N)
printf '== import cases with summaries: %d rows, %.2f s wall, database %s\n' "$N" \
  "$(echo "$end - $start" | bc -l)" "$(du -h "$db" | cut -f1)"
for q in 海关扣押 华信16756 扣押; do
  printf '%-10s %6d cases\n' "$q" "$(( $("$BIN" --db "$db" case list --text "$q" --format csv | wc -l) - 1 ))"
done
hyperfine --warmup 1 --runs "$RUNS" --export-json "$work/h.json" \
  "$BIN --db $db case list --text 海关扣押 --format csv > /dev/null" \
  "$BIN --db $db case list --text 华信16756 --format csv > /dev/null" \
  "$BIN --db $db case list --text 扣押 --format csv > /dev/null" >&2
python3 - "$work/h.json" <<'PY'
import json, sys
for x in json.load(open(sys.argv[1]))["results"]:
    print(f"{x['command'].split(' --text ')[1].split()[0]:10} median {x['median'] * 1000:7.1f} ms "
          f"(min {x['min'] * 1000:.1f}, max {x['max'] * 1000:.1f})")
PY
