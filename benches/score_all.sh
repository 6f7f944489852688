#!/usr/bin/env bash
# Times `ipguard score --all` over 200 stations and 1,000,000 cases of 2024, beside the
# sqlite3 shell running one aggregate query over the same cases. Not part of CI.
# Usage: benches/score_all.sh [runs]   (needs sqlite3; uses hyperfine when installed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin=target/release/ipguard
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# BENCH_DB=path keeps the seeded database between runs (seeded only when absent).
db=${BENCH_DB:-$dir/bench.db}
export IPGUARD_DB=$db IPGUARD_TODAY=2025-03-01
if [ ! -s "$db" ]; then
$bin station add CQ-000 --name seed --on 2024-01-01 2>/dev/null   # creates the schema
sqlite3 "$db" >/dev/null <<'SQL'
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT OR IGNORE INTO stations (code, name, status) SELECT printf('CQ-%03d', i), printf('工作站%03d', i), 'accepted' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO cases (id, station, enterprise, received_on, source, kind, accepted_on, closed_on, effective, followup_on, overdue_reason)
SELECT printf('C-%07d', i), printf('CQ-%03d', i % 200 + 1), '重庆某某有限公司',
       date('2024-01-01', '+' || (i % 366) || ' days'),
       CASE WHEN i % 7 = 0 THEN 'city_transfer' ELSE 'enterprise' END,
       CASE WHEN i % 5 = 0 THEN 'consultation' ELSE 'guidance' END,
       date('2024-01-01', '+' || (i % 366 + i % 5) || ' days'),
       CASE WHEN i % 11 = 0 THEN NULL ELSE date('2024-01-01', '+' || (i % 366 + i % 5 + i % 37) || ' days') END,
       CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 > 0 END,
       CASE WHEN i % 11 = 0 OR i % 4 = 0 THEN NULL ELSE date('2024-01-01', '+' || (i % 366 + i % 5 + i % 37 + i % 33) || ' days') END,
       CASE WHEN i % 13 = 0 THEN '等待境外意见' ELSE '' END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
INSERT INTO activities (station, kind, on_date, title, participants)
SELECT printf('CQ-%03d', i % 200 + 1), CASE i % 5 WHEN 0 THEN 'training' WHEN 1 THEN 'publicity' WHEN 2 THEN 'publication' WHEN 3 THEN 'aid_guidance' ELSE 'referral' END,
       date('2024-01-01', '+' || (i % 360) || ' days'), 'activity ' || i, 30 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 799)
INSERT INTO reports (station, kind, period, submitted_on)
SELECT printf('CQ-%03d', i % 200 + 1), 'quarterly_cases', '2024Q' || (i / 200 + 1), date('2024-04-10', '+' || (3 * (i / 200)) || ' months') FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
INSERT INTO experts (station, name, kind, joined_on) SELECT printf('CQ-%03d', i % 200 + 1), 'expert ' || i, 'expert', '2023-06-01' FROM n;
INSERT INTO staff (station, name, full_time, from_on) SELECT code, '专职' || code, 1, '2023-01-01' FROM stations;
INSERT INTO funding (station, on_date, amount_fen, source) SELECT code, '2024-03-01', 10000000, '市局' FROM stations;
ANALYZE;
SQL
fi
echo "seeded: $(sqlite3 "$db" 'SELECT count(*) FROM stations') stations, $(sqlite3 "$db" 'SELECT count(*) FROM cases') cases"
score="$bin score --all --period 2024 --as-of 2025-03-01 --format json"
agg="sqlite3 $db \"SELECT station, count(*), sum(accepted_on IS NOT NULL), sum(closed_on IS NOT NULL), sum(julianday(closed_on) - julianday(accepted_on) <= 30) FROM cases WHERE received_on BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY station\""
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-json "$dir/h.json" "$score >/dev/null" "$agg >/dev/null"
  python3 - "$dir/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0]["median"], r[1]["median"]
print(f"median: ipguard score --all {a:.3f} s, sqlite3 aggregate {b:.3f} s, ratio {a / b:.2f}")
PY
else
  median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  t() { local s e; s=$(date +%s.%N); eval "$1" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
  m1=$(for _ in $(seq "$runs"); do t "$score"; done | median)
  m2=$(for _ in $(seq "$runs"); do t "$agg"; done | median)
  echo "median: ipguard score --all ${m1} s, sqlite3 aggregate ${m2} s, ratio $(echo "scale=2; $m1 / $m2" | bc)"
fi
