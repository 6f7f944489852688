#!/usr/bin/env bash
# Server benchmark (issue 13, "Measured"): ipguard on PostgreSQL, on a throwaway cluster this
# script starts and stops itself (initdb + pg_ctl in a temporary directory, as the `postgres`
# user when run as root; PostgreSQL's default durability settings: fsync and synchronous_commit
# on). The data are ../shared/bench/gen_cases.py's (200 stations CQ-001…CQ-200). Not run by CI.
#
#   a. `ipguard import cases` of N rows into a fresh server database holding only the stations,
#      beside psql's `\copy … (format csv, header)` of the same file into a plain table of the
#      same 17 TEXT columns, alternating, RUNS times each.       target: rate >= 0.5x psql's
#   b. `score --all --period 2024 --as-of 2025-03-01 --format json` over those cases on the
#      server and on a file holding the same records (hyperfine, RUNS*2+1 runs; the two JSON
#      outputs must be byte-identical).                          target: <= 2x the file's time
#   c. `case add` as a whole process as a station's role over TCP on 127.0.0.1 (password from
#      PGPASSWORD, scram-sha-256), ADD_RUNS runs, beside psql's one-row INSERT as the same role
#      the same way; also over TLS (sslmode=require).            target: median < 20 ms
#   e. `copy` of the N cases (and the stations) from a file into an empty server database and
#      from that back into a new file, beside `import cases` of the same rows into a server and
#      into a file (issue 14).                                    target: each <= 2x its import
#   d. WRITERS processes as WRITERS different station roles x PER `case add` each, at once,
#      while two readers run `score` throughout (the office's `score --all` and one station's
#      `score --station`).       target: WRITERS*PER cases, 0 errors, audit verify, no reader fails
#
#   benches/server.sh                               # N=1000000 RUNS=3 ADD_RUNS=50 WRITERS=8 PER=500
#   N=200000 benches/server.sh
#   BIN=target/release/ipguard BENCH_DIR=/work/bench benches/server.sh   # reuses cases-N.csv there
#   ONLY=cd N=20000 benches/server.sh               # only some of a b c d (a's database is made anyway)
#   KEEP=1 benches/server.sh                        # keeps the work directory and the server's log
#
# Prints a results table (median, ratio, target, pass/fail) at the end; the cluster's log of
# statements slower than 100 ms is kept in $work/pg/server.log while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
RUNS=${RUNS:-3}
ADD_RUNS=${ADD_RUNS:-50}
WRITERS=${WRITERS:-8}
PER=${PER:-500}
ONLY=${ONLY:-abcde}
gen=../shared/bench/gen_cases.py
for tool in psql hyperfine python3 bc openssl; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install -y $tool)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install -y time" >&2; exit 1; }
[ -f "$gen" ] || { echo "no data generator at $gen" >&2; exit 1; }
pgbin=
for d in "$(dirname "$(readlink -f "$(command -v initdb || echo /nonexistent/x)")")" /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { pgbin=$d; break; }
done
[ -n "$pgbin" ] || { echo "PostgreSQL is needed (initdb, pg_ctl): apt-get install -y postgresql" >&2; exit 1; }

if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=$PWD/target/release/ipguard; fi
BIN=$(readlink -f "$BIN")
# /tmp, so that the postgres user reaches the cluster's directory when run as root.
work=$(mktemp -d /tmp/ipguard-bench.XXXXXX)
chmod 755 "$work"
data=${BENCH_DIR:-$work}
mkdir -p "$data"
# The data run to 2025-12-31: "today" after it, so that no date is in the future.
export IPGUARD_TODAY=2026-01-01
unset IPGUARD_ACTOR IPGUARD_DB PGPASSWORD PGHOST PGPORT PGUSER PGDATABASE PGSSLMODE || true
export PGOPTIONS='-c client_min_messages=warning'   # no NOTICE from DROP … IF EXISTS

# --- the cluster -------------------------------------------------------------------------
pg=$work/pg
mkdir -p "$pg"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres: "$pg"
stop_cluster() {
  as_pg "$pgbin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "kept $work (the cluster's log: $pg/server.log)" >&2; else rm -rf "$work"; fi
}
trap stop_cluster EXIT
as_pg "$pgbin/initdb" -D "$pg/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --no-locale >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# A certificate for 127.0.0.1 / localhost, self-signed (sslmode=require does not verify it).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
  -keyout "$pg/server.key" -out "$pg/server.crt" 2>/dev/null
chmod 600 "$pg/server.key"
[ "$(id -u)" = 0 ] && chown postgres: "$pg/server.key" "$pg/server.crt"
printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' > "$pg/hba"
[ "$(id -u)" = 0 ] && chown postgres: "$pg/hba"
as_pg cp "$pg/hba" "$pg/data/pg_hba.conf"
as_pg "$pgbin/pg_ctl" -D "$pg/data" -w -l "$pg/server.log" -o "-c listen_addresses=127.0.0.1 \
  -c port=$port -c unix_socket_directories=$pg -c ssl=on -c ssl_cert_file=$pg/server.crt \
  -c ssl_key_file=$pg/server.key -c log_min_duration_statement=100 -c max_connections=100" \
  start >/dev/null
postmaster=$(head -1 "$pg/data/postmaster.pid")
owner=bench_owner
owner_pw=owner-pw-$RANDOM$RANDOM
sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg" -p "$port" -U postgres -d postgres "$@"; }
sql -c "CREATE ROLE $owner LOGIN CREATEROLE PASSWORD '$owner_pw'"
# The owner's URL on the Unix socket (trusted there).
url() { echo "postgres://$owner@localhost:$port/$1?host=$pg"; }
newdb() { # name: a fresh database with ipguard's schema and the 200 stations
  sql -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 OWNER $owner"
  "$BIN" --db "$(url "$1")" server init 2>/dev/null
  "$BIN" --db "$(url "$1")" import stations "$work/stations.csv" >/dev/null 2>&1
}
# The backends' CPU so far (user + system, s): a backend's time is added to the postmaster's
# children's when it exits (the sleep lets the postmaster reap it), so the difference around
# a command is its server side.
server_cpu() { sleep 1; awk -v hz="$(getconf CLK_TCK)" '{ print ($16 + $17) / hz }' "/proc/$postmaster/stat"; }

# --- the data ----------------------------------------------------------------------------
{ echo 'code,name,host_org,district,level,status,status_on'
  for i in $(seq -f '%03g' 1 200); do echo "CQ-$i,工作站$i,依托单位$i,渝中区,district,accepted,2022-06-01"; done
} > "$work/stations.csv"
[ -s "$data/cases-$N.csv" ] || python3 "$gen" "$N" "$data/cases-$N.csv"
cases=$(readlink -f "$data/cases-$N.csv")
cols=$(head -1 "$cases" | sed 's/,/ TEXT, /g; s/$/ TEXT/')

# "wall cpu rss" of a GNU time -v report.
measure() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident set size/ { r = $2 }
    END { printf "%.2f %.2f %d\n", w, u + s, r }' "$1"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
results=$work/results
: > "$results"
result() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results"; } # what median ratio target verdict
verdict() { if [ "$(echo "$1" | bc -l)" = 1 ]; then echo pass; else echo FAIL; fi; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'); N=$N RUNS=$RUNS"

# --- a. import ---------------------------------------------------------------------------
: > "$work/ipguard.runs"; : > "$work/psql.runs"
runs_a=$RUNS
case $ONLY in *a*) ;; *) runs_a=1 ;; esac
for r in $(seq "$runs_a"); do
  newdb bench
  c0=$(server_cpu)
  /usr/bin/time -v "$BIN" --db "$(url bench)" import cases "$cases" 2> "$work/ipguard.time"
  c1=$(server_cpu)
  grep -q "cases-$N.csv: $N added" "$work/ipguard.time" || { cat "$work/ipguard.time" >&2; exit 1; }
  echo "$(measure "$work/ipguard.time") $(echo "$c1 - $c0" | bc -l)" >> "$work/ipguard.runs"
  case $ONLY in *a*) ;; *) break ;; esac
  sql -c "DROP DATABASE IF EXISTS plain" -c "CREATE DATABASE plain OWNER $owner"
  psql -X -q -h "$pg" -p "$port" -U "$owner" -d plain -c "CREATE TABLE cases ($cols)"
  c0=$(server_cpu)
  /usr/bin/time -v psql -X -q -v ON_ERROR_STOP=1 -h "$pg" -p "$port" -U "$owner" -d plain \
    -c "\\copy cases FROM '$cases' WITH (FORMAT csv, HEADER)" 2> "$work/psql.time"
  c1=$(server_cpu)
  [ "$(psql -X -At -h "$pg" -p "$port" -U "$owner" -d plain -c 'SELECT count(*) FROM cases')" = "$N" ] ||
    { echo "psql copied a different count" >&2; exit 1; }
  echo "$(measure "$work/psql.time") $(echo "$c1 - $c0" | bc -l)" >> "$work/psql.runs"
  for s in ipguard psql; do printf 'run %d %-8s wall %s s, client CPU %s s, RSS %s KiB, server CPU %.2f s\n' "$r" "$s" $(tail -1 "$work/$s.runs"); done
done
case $ONLY in *a*)
  sql -c "DROP DATABASE IF EXISTS plain"
  iw=$(cut -d' ' -f1 "$work/ipguard.runs" | median); pw=$(cut -d' ' -f1 "$work/psql.runs" | median)
  ic=$(cut -d' ' -f2 "$work/ipguard.runs" | median); pc=$(cut -d' ' -f2 "$work/psql.runs" | median)
  is=$(cut -d' ' -f4 "$work/ipguard.runs" | median); ps=$(cut -d' ' -f4 "$work/psql.runs" | median)
  rss=$(cut -d' ' -f3 "$work/ipguard.runs" | sort -n | tail -1)
  echo "== a. import cases: $N rows ($(du -h "$cases" | cut -f1)), medians of $RUNS runs"
  printf '%-16s %7.2f s  %7.0f rows/s  client CPU %6.2f s  server CPU %6.2f s\n' \
    "psql \\copy" "$pw" "$(echo "$N / $pw" | bc -l)" "$pc" "$ps"
  printf '%-16s %7.2f s  %7.0f rows/s  client CPU %6.2f s  server CPU %6.2f s  peak RSS %d MiB\n' \
    "ipguard import" "$iw" "$(echo "$N / $iw" | bc -l)" "$ic" "$is" $((rss / 1024))
  echo "stored: database $(psql -X -At -h "$pg" -p "$port" -U "$owner" -d bench -c "SELECT pg_size_pretty(pg_database_size('bench'))"), cases $(psql -X -At -h "$pg" -p "$port" -U "$owner" -d bench -c "SELECT pg_size_pretty(pg_relation_size('cases')) || ' + indexes ' || pg_size_pretty(pg_indexes_size('cases'))")"
  ratio=$(echo "$pw / $iw" | bc -l)
  result "a. import $N cases: rate vs psql \\copy" "$(printf '%.2f s (psql %.2f s)' "$iw" "$pw")" \
    "$(printf '%.2fx' "$ratio")" ">= 0.50x" "$(verdict "$ratio >= 0.5")"
;; esac

# --- b. score --all ----------------------------------------------------------------------
case $ONLY in *b*)
  IPGUARD_ACTOR=bench "$BIN" --db "$work/file.db" import stations "$work/stations.csv" >/dev/null 2>&1
  IPGUARD_ACTOR=bench "$BIN" --db "$work/file.db" import cases "$cases" >/dev/null 2>&1
  score="score --all --period 2024 --as-of 2025-03-01 --format json"
  "$BIN" --db "$work/file.db" $score > "$work/file.json"
  "$BIN" --db "$(url bench)" $score > "$work/server.json"
  cmp -s "$work/file.json" "$work/server.json" || { echo "score --all differs between the file and the server" >&2; exit 1; }
  hyperfine -N --warmup 1 --runs "$((RUNS * 2 + 1))" --export-json "$work/score.json" \
    -n file "$BIN --db $work/file.db $score" -n server "$BIN --db $(url bench) $score" >&2
  read -r fm sm < <(python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"]; print(r[0]["median"], r[1]["median"])' "$work/score.json")
  ratio=$(echo "$sm / $fm" | bc -l)
  echo "== b. score --all --period 2024 over $N cases: file $(printf '%.3f' "$fm") s, server $(printf '%.3f' "$sm") s (medians of $((RUNS * 2 + 1)); outputs identical)"
  result "b. score --all --period 2024, server vs file" "$(printf '%.3f s (file %.3f s)' "$sm" "$fm")" \
    "$(printf '%.2fx' "$ratio")" "<= 2.00x" "$(verdict "$ratio <= 2")"
  rm -f "$work/file.db"*
;; esac

# --- c. one case add over TCP ------------------------------------------------------------
case $ONLY in *c*)
  echo clerk-pw | "$BIN" --db "$(url bench)" user add clerk --station CQ-001 --password-stdin 2>/dev/null
  tcp="postgres://clerk@127.0.0.1:$port/bench"
  add="case add --station CQ-001 --enterprise bench --received 2025-06-01"
  insert="INSERT INTO cases (id, station, enterprise, received_on) VALUES ('SQL-' || md5(random()::text), 'CQ-001', 'bench', '2025-06-01')"
  PGPASSWORD=clerk-pw hyperfine -N --warmup 3 --runs "$ADD_RUNS" --export-json "$work/add.json" \
    -n "case add (tcp)" "$BIN --db $tcp?sslmode=disable $add" \
    -n "case add (tls)" "$BIN --db $tcp?sslmode=require $add" \
    -n "psql INSERT (tcp)" "psql -X -q $tcp?sslmode=disable -c \"$insert\"" >&2
  # The server's own floor, without a process start: pgbench connecting anew (TCP, SCRAM) for
  # each one-row INSERT transaction, as the same role.
  echo "$insert;" > "$work/insert.sql"
  PGPASSWORD=clerk-pw "$pgbin/pgbench" -n -C -t "$ADD_RUNS" -f "$work/insert.sql" "$tcp?sslmode=disable" > "$work/pgbench.out" 2>&1
  pgb=$(awk '/latency average/ { print $4 }' "$work/pgbench.out")
  pgc=$(awk '/average connection time/ { print $5 }' "$work/pgbench.out")
  read -r am tm qm < <(python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"]; print(*(x["median"] * 1000 for x in r))' "$work/add.json")
  echo "== c. case add as a station's role on 127.0.0.1, medians of $ADD_RUNS: tcp $(printf '%.1f' "$am") ms, tls $(printf '%.1f' "$tm") ms; psql one-row INSERT $(printf '%.1f' "$qm") ms"
  result "c. case add, TCP 127.0.0.1, $ADD_RUNS runs" "$(printf '%.1f ms (psql INSERT %.1f ms)' "$am" "$qm")" \
    "$(printf '%.2fx psql' "$(echo "$am / $qm" | bc -l)")" "< 20 ms" "$(verdict "$am < 20")"
  # The statements of one case add, from the server's log (a role that logs every statement).
  sql -c "CREATE ROLE clerk_log LOGIN PASSWORD 'clerk-pw' IN ROLE ipguard_station" \
    -c "ALTER ROLE clerk_log SET log_min_duration_statement = 0"
  psql -X -q -h "$pg" -p "$port" -U "$owner" -d bench -c "INSERT INTO station_users VALUES ('clerk_log', 'CQ-001')"
  n0=$(wc -l < "$pg/server.log")
  PGPASSWORD=clerk-pw "$BIN" --db "postgres://clerk_log@127.0.0.1:$port/bench?sslmode=disable" $add >/dev/null
  sleep 0.5
  ext=$(tail -n +"$((n0 + 1))" "$pg/server.log" | grep -c 'duration: [0-9.]* ms  execute ' || true)
  simple=$(tail -n +"$((n0 + 1))" "$pg/server.log" | grep -c 'duration: [0-9.]* ms  statement: ' || true)
  echo "== c. one case add: $((ext + simple)) statements ($ext prepared and executed, 2 round trips each; $simple simple)"
  echo "== c. pgbench -C (a new connection per one-row INSERT, no process start): latency mean ${pgb} ms, of which connecting ${pgc} ms"
  result "c'. case add, TLS (sslmode=require)" "$(printf '%.1f ms' "$tm")" \
    "$(printf '%.2fx tcp' "$(echo "$tm / $am" | bc -l)")" "< 20 ms" "$(verdict "$tm < 20")"
;; esac

# --- d. concurrent writers as station roles, readers throughout ---------------------------
case $ONLY in *d*)
  before=$(psql -X -At -h "$pg" -p "$port" -U "$owner" -d bench -c 'SELECT count(*) FROM cases')
  for w in $(seq "$WRITERS"); do
    printf 'w%d-pw\n' "$w" | "$BIN" --db "$(url bench)" user add "w$w" --station "$(printf 'CQ-%03d' $((100 + w)))" --password-stdin 2>/dev/null
  done
  echo reader-pw | "$BIN" --db "$(url bench)" user add reader --station CQ-101 --password-stdin 2>/dev/null
  mkdir -p "$work/d"
  reader() { # name cmd…: runs cmd until $work/d/done exists; counts runs and failures
    local name=$1 ok=0 bad=0; shift
    while [ ! -e "$work/d/done" ]; do
      if "$@" >/dev/null 2>> "$work/d/$name.err"; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    done
    echo "$ok $bad" > "$work/d/$name.count"
  }
  writer() { # n: PER case adds as station role wN
    local n=$1 st bad=0 i
    st=$(printf 'CQ-%03d' $((100 + n)))
    for i in $(seq "$PER"); do
      PGPASSWORD=w$n-pw "$BIN" --db "postgres://w$n@127.0.0.1:$port/bench?sslmode=disable" \
        case add --station "$st" --enterprise "bench w$n $i" --received 2025-06-01 >/dev/null 2>> "$work/d/w$n.err" ||
        bad=$((bad + 1))
    done
    echo "$bad" > "$work/d/w$n.bad"
  }
  reader office "$BIN" --db "$(url bench)" score --all --period 2024 --as-of 2025-03-01 --format json &
  r1=$!
  reader station env PGPASSWORD=reader-pw "$BIN" --db "postgres://reader@127.0.0.1:$port/bench?sslmode=disable" \
    score --station CQ-101 --period 2025 --format json &
  r2=$!
  d_log0=$(grep -c 'duration: ' "$pg/server.log" || true)
  t0=$(date +%s%N)
  pids=()
  for w in $(seq "$WRITERS"); do writer "$w" & pids+=($!); done
  wait "${pids[@]}"
  t1=$(date +%s%N)
  touch "$work/d/done"
  wait "$r1" "$r2"
  wall=$(echo "($t1 - $t0) / 1000000000" | bc -l)
  errors=$(cat "$work/d"/w*.bad | paste -sd+ | bc)
  added=$(psql -X -At -h "$pg" -p "$port" -U "$owner" -d bench -c "SELECT count(*) FROM cases WHERE enterprise LIKE 'bench w%'")
  ids=$(psql -X -At -h "$pg" -p "$port" -U "$owner" -d bench -c "SELECT count(DISTINCT id) FROM cases WHERE enterprise LIKE 'bench w%'")
  after=$(psql -X -At -h "$pg" -p "$port" -U "$owner" -d bench -c 'SELECT count(*) FROM cases')
  if "$BIN" --db "$(url bench)" audit verify > "$work/d/verify.out" 2>&1; then verify=passes; else verify=FAILS; fi
  read -r ook obad < "$work/d/office.count"; read -r sok sbad < "$work/d/station.count"
  echo "== d. $WRITERS station roles x $PER case add at once over TCP, readers throughout: $(printf '%.1f' "$wall") s wall"
  echo "cases added $added (distinct ids $ids; table $before -> $after), writer errors $errors, audit verify $verify ($(tail -1 "$work/d/verify.out"))"
  echo "readers: office score --all $ook ok / $obad failed, station score $sok ok / $sbad failed"
  for f in "$work/d"/*.err; do [ -s "$f" ] && { echo "-- $(basename "$f"):"; sort "$f" | uniq -c | head -5; }; done
  # Where the writers waited: statements over 100 ms in the server's log during d.
  grep 'duration: ' "$pg/server.log" | tail -n +"$((d_log0 + 1))" | grep -oE 'duration: [0-9.]+ ms  [a-z]+( [^:]*)?: .{0,40}' |
    awk '{ k = $0; sub(/^duration: [0-9.]+ ms  [a-z]+( [^:]*)?: /, "", k); n[k]++; t[k] += $2 }
         END { for (k in n) printf "%8.1f s in %5d statements over 100 ms: %s\n", t[k] / 1000, n[k], k }' |
    sort -rn | head -3 || true
  rate=$(echo "$WRITERS * $PER / $wall" | bc -l)
  ok=$([ "$added" = $((WRITERS * PER)) ] && [ "$ids" = "$added" ] && [ "$errors" = 0 ] &&
    [ "$verify" = passes ] && [ "$obad" = 0 ] && [ "$sbad" = 0 ] && echo pass || echo FAIL)
  result "d. $WRITERS x $PER case add + readers" "$(printf '%.1f s wall (%.0f adds/s)' "$wall" "$rate")" \
    "$added cases, $errors errors" "$((WRITERS * PER)), 0, verify, readers ok" "$ok"
  result "   readers during d" "office $ook runs, station $sok runs" "$((obad + sbad)) failed" "0 failed" \
    "$([ $((obad + sbad)) = 0 ] && echo pass || echo FAIL)"
;; esac

# --- e. copy (issue 14): file → server and server → file, beside import into the same kind --
case $ONLY in *e*)
  : > "$work/e.runs"
  for r in $(seq "$RUNS"); do
    # import cases into a file, and into a server (database `bench` is a's: holding N cases)
    rm -f "$work/ef.db"*
    IPGUARD_ACTOR=bench "$BIN" --db "$work/ef.db" import stations "$work/stations.csv" >/dev/null 2>&1
    t0=$(date +%s.%N); IPGUARD_ACTOR=bench "$BIN" --db "$work/ef.db" import cases "$cases" >/dev/null 2>&1; t1=$(date +%s.%N)
    newdb eimp
    t2=$(date +%s.%N); "$BIN" --db "$(url eimp)" import cases "$cases" >/dev/null 2>&1; t3=$(date +%s.%N)
    # copy the file (stations and N cases) into an empty server database, and that back to a file
    sql -c "DROP DATABASE IF EXISTS ecopy" -c "CREATE DATABASE ecopy OWNER $owner"
    "$BIN" --db "$(url ecopy)" server init >/dev/null 2>&1
    t4=$(date +%s.%N); "$BIN" copy --from "$work/ef.db" --to "$(url ecopy)" 2> "$work/e.err" || { cat "$work/e.err" >&2; exit 1; }; t5=$(date +%s.%N)
    rm -f "$work/eback.db"*
    t6=$(date +%s.%N); "$BIN" copy --from "$(url ecopy)" --to "$work/eback.db" 2> "$work/e.err" || { cat "$work/e.err" >&2; exit 1; }; t7=$(date +%s.%N)
    [ "$("$BIN" --db "$work/eback.db" audit head)" = "$("$BIN" --db "$work/ef.db" audit head)" ] || { echo "the copy's audit head differs" >&2; exit 1; }
    echo "$(echo "$t1 - $t0" | bc -l) $(echo "$t3 - $t2" | bc -l) $(echo "$t5 - $t4" | bc -l) $(echo "$t7 - $t6" | bc -l)" >> "$work/e.runs"
    printf 'run %d import file %.2f s, import server %.2f s, copy file→server %.2f s, copy server→file %.2f s\n' "$r" $(tail -1 "$work/e.runs")
    sql -c "DROP DATABASE IF EXISTS eimp" -c "DROP DATABASE IF EXISTS ecopy"
  done
  fi_=$(cut -d' ' -f1 "$work/e.runs" | median); si=$(cut -d' ' -f2 "$work/e.runs" | median)
  fs=$(cut -d' ' -f3 "$work/e.runs" | median); sf=$(cut -d' ' -f4 "$work/e.runs" | median)
  r1=$(echo "$fs / $si" | bc -l); r2=$(echo "$sf / $fi_" | bc -l)
  echo "== e. copy of $N cases, medians of $RUNS runs"
  result "e. copy file → server vs import into a server" "$(printf '%.2f s (import %.2f s)' "$fs" "$si")" \
    "$(printf '%.2fx' "$r1")" "<= 2.00x" "$(verdict "$r1 <= 2")"
  result "e. copy server → file vs import into a file" "$(printf '%.2f s (import %.2f s)' "$sf" "$fi_")" \
    "$(printf '%.2fx' "$r2")" "<= 2.00x" "$(verdict "$r2 <= 2")"
  rm -f "$work/ef.db"* "$work/eback.db"*
;; esac

echo "== results (RUNS=$RUNS, load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$results" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
head = ["measurement", "median", "ratio", "target", "verdict"]
w = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
for r in [head, ["-" * n for n in w]] + rows:
    print("  ".join(c.ljust(n) for c, n in zip(r, w)).rstrip())
PY
