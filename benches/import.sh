#!/usr/bin/env bash
# Import benchmark (not run by CI): `ipguard import cases` of N generated rows into a database
# holding only their stations, against the sqlite3 shell's `.import` of the same file into a
# plain table with the same columns. Each side runs RUNS times (alternating, into fresh
# databases); prints the median wall time, rate and CPU time (user + sys) of each side, the
# ratio of the median rates and ipguard's largest peak RSS.
#   benches/import.sh            # N=1000000 RUNS=3
#   N=100000 RUNS=5 benches/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
RUNS=${RUNS:-3}
STATIONS=${STATIONS:-200}
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 1; }

cargo build --release --quiet
bin=$PWD/target/release/ipguard
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export IPGUARD_TODAY=2025-03-01 IPGUARD_ACTOR=bench

awk -v n="$STATIONS" 'BEGIN {
  print "code,name,district,level,status,status_on,established_on"
  for (i = 1; i <= n; i++) printf "CQ-%04d,工作站%d,区县%d,district,established,2023-01-01,2023-01-01\n", i, i, i
}' > "$work/stations.csv"
awk -v n="$N" -v s="$STATIONS" 'BEGIN {
  print "id,station,enterprise,credit_code,received_on,source,kind,ip_type,country,dispute_type,warning_level,accepted_on,closed_on,outcome,effective,followup_on,overdue_reason,summary,typical"
  for (i = 1; i <= n; i++) {
    m = i % 12 + 1; d = i % 28 + 1
    printf "C-%08d,CQ-%04d,重庆某某科技有限公司%d,,2024-%02d-%02d,enterprise,guidance,patent,美国,litigation,yellow,2024-%02d-%02d,,,,,,海外专利诉讼应对指导,no\n", i, i % s + 1, i, m, d, m, d
  }
}' > "$work/cases.csv"
size=$(du -h "$work/cases.csv" | cut -f1)

cat > "$work/plain.sql" <<SQL
CREATE TABLE cases (id TEXT, station TEXT, enterprise TEXT, credit_code TEXT, received_on TEXT,
  source TEXT, kind TEXT, ip_type TEXT, country TEXT, dispute_type TEXT, warning_level TEXT,
  accepted_on TEXT, closed_on TEXT, outcome TEXT, effective TEXT, followup_on TEXT,
  overdue_reason TEXT, summary TEXT, typical TEXT);
.mode csv
.import --skip 1 $work/cases.csv cases
SQL

# "wall cpu rss" of a GNU time -v report.
measure() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident set size/ { r = $2 }
    END { printf "%.2f %.2f %d\n", w, u + s, r }' "$1"
}

: > "$work/ip.runs"; : > "$work/sq.runs"
for r in $(seq "$RUNS"); do
  rm -f "$work"/ip.db* "$work"/plain.db*
  "$bin" --db "$work/ip.db" import stations "$work/stations.csv" 2>/dev/null
  /usr/bin/time -v "$bin" --db "$work/ip.db" import cases "$work/cases.csv" 2> "$work/ipguard.time"
  grep -q "^.*cases.csv: $N added" "$work/ipguard.time" || { cat "$work/ipguard.time" >&2; exit 1; }
  measure "$work/ipguard.time" >> "$work/ip.runs"
  /usr/bin/time -v sqlite3 "$work/plain.db" < "$work/plain.sql" 2> "$work/sqlite.time"
  [ "$(sqlite3 "$work/plain.db" "SELECT count(*) FROM cases")" = "$N" ] || { echo "sqlite3 imported a different count" >&2; exit 1; }
  measure "$work/sqlite.time" >> "$work/sq.runs"
  echo "run $r: ipguard $(cat "$work/ip.runs" | tail -1) | sqlite3 $(tail -1 "$work/sq.runs")  (wall s, cpu s, rss KiB)"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ip_wall=$(cut -d' ' -f1 "$work/ip.runs" | median); ip_cpu=$(cut -d' ' -f2 "$work/ip.runs" | median)
sq_wall=$(cut -d' ' -f1 "$work/sq.runs" | median); sq_cpu=$(cut -d' ' -f2 "$work/sq.runs" | median)
ip_rss=$(cut -d' ' -f3 "$work/ip.runs" | sort -n | tail -1)

awk -v n="$N" -v runs="$RUNS" -v a="$ip_wall" -v b="$sq_wall" -v ca="$ip_cpu" -v cb="$sq_cpu" -v rss="$ip_rss" -v size="$size" 'BEGIN {
  printf "rows: %d (%s of CSV), medians of %d runs\n", n, size, runs
  printf "ipguard import:  %.2f s, %.0f rows/s, CPU %.2f s, peak RSS %.1f MiB\n", a, n / a, ca, rss / 1024
  printf "sqlite3 .import: %.2f s, %.0f rows/s, CPU %.2f s\n", b, n / b, cb
  printf "ratio ipguard/sqlite3: %.0f%% (wall), %.0f%% (CPU)\n", 100 * b / a, 100 * cb / ca
}'
