#!/usr/bin/env bash
# Times a whole `ipguard case add` process on a database holding 100,000 cases, next to a
# one-row INSERT by the sqlite3 shell on the same file (the floor: process start, open,
# one committed transaction). Prints both medians and their ratio. Target: case add < 50 ms.
#
#   benches/case_add.sh            # 100,000 cases, 30 runs each
#   N=200000 RUNS=50 benches/case_add.sh
#
# Needs sqlite3; uses hyperfine when installed (NO_HYPERFINE=1: a loop of timed runs instead).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-100000}
RUNS=${RUNS:-30}
command -v sqlite3 >/dev/null || { echo "benches/case_add.sh needs the sqlite3 shell" >&2; exit 1; }

cargo build --release --quiet
BIN=$PWD/target/release/ipguard
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export IPGUARD_DB=$WORK/bench.db IPGUARD_TODAY=2025-03-01 IPGUARD_ACTOR=bench
DB=$IPGUARD_DB

# The schema comes from ipguard itself; the cases are seeded in one statement: 4 stations x
# 4 years (2021-2024), ids STATION-YEAR-NNNN as ipguard generates them.
for s in 1 2 3 4; do
    "$BIN" station add "BENCH-00$s" --name "Bench station $s" --on 2020-01-01 2>/dev/null
done
seed_start=$(date +%s%N)
sqlite3 "$DB" <<SQL
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $N - 1),
c(i, st, y, num) AS (SELECT i, i % 4 + 1, 2021 + (i / 4) % 4, i / 16 + 1 FROM n)
INSERT INTO cases (id, station, enterprise, received_on, accepted_on, closed_on, outcome, effective)
SELECT printf('BENCH-%03d-%d-%04d', st, y, num), printf('BENCH-%03d', st), 'enterprise ' || i,
       printf('%d-%02d-%02d', y, num % 12 + 1, num % 28 + 1),
       printf('%d-%02d-%02d', y, num % 12 + 1, num % 28 + 1),
       printf('%d-%02d-%02d', y, num % 12 + 1, num % 28 + 1), 'guided', 1
FROM c;
SQL
seed_ms=$(( ($(date +%s%N) - seed_start) / 1000000 ))
echo "seeded $(sqlite3 "$DB" 'SELECT count(*) FROM cases') cases in ${seed_ms} ms"

ADD="$BIN case add --station BENCH-001 --enterprise bench --received 2024-06-01"
INSERT="sqlite3 $DB \"INSERT INTO cases (id, station, enterprise, received_on) VALUES ('SQL-' || lower(hex(randomblob(8))), 'BENCH-001', 'bench', '2024-06-01')\""

median_ms() { # runs "$1" RUNS times, prints the median wall time in ms
    local cmd=$1 t0 t1 times=()
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s%N); bash -c "$cmd" >/dev/null; t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$RUNS" -N --export-json "$WORK/add.json" "$ADD"
    hyperfine --warmup 3 --runs "$RUNS" --shell=bash --export-json "$WORK/sql.json" "$INSERT"
    med() { python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$1"; }
    add_ms=$(med "$WORK/add.json")
    sql_ms=$(med "$WORK/sql.json")
else
    add_ms=$(median_ms "$ADD")
    sql_ms=$(median_ms "$INSERT")
fi
echo "cases in the database: $(sqlite3 "$DB" 'SELECT count(*) FROM cases')"
echo "median ipguard case add:      ${add_ms} ms"
echo "median sqlite3 one-row insert: ${sql_ms} ms"
awk -v a="$add_ms" -v s="$sql_ms" 'BEGIN { printf "ratio: %.2f\n", a / s }'
