#!/usr/bin/env bash
# Issue 6: do journaled writes stay concurrent while the sequencer extends the Merkle tree?
#
#   bench/journal-appends.sh            # ROUNDS=6 DURATION=12, warm-up 60-240 s: 5 to 8 minutes
#
# One service, one fresh database (DB, default ipledger_bench_journal, on the PostgreSQL at
# 127.0.0.1:5432, user postgres, trust authentication), started with the sequencer timer off
# (IPLEDGER_JOURNAL_TREE_HEAD_INTERVAL=0s). wrk drives POST /api/v1/parties (each one a party row and
# a journal entry in one transaction) in segments of DURATION seconds:
#   off  nothing extends the tree during the segment (entries wait in journal_unsequenced);
#   on   a second wrk calls GET /api/v1/journal/tree-head every INTERVAL_MS ms on one connection:
#        the code path of the timer (JournalTree.currentHead -> Sequencer.sequencePending -> sign).
# Each round runs one off and one on segment, the order alternating from round to round, and the
# figures are compared as ratios on/off within a round: the machine is shared, absolute rates drift.
# Between segments (outside the timed windows) the tree is brought up to date, so an on segment
# sequences only its own writes. During each segment pg_stat_activity and pg_locks are sampled every
# 100 ms (what the writers' backends wait on; who holds or waits for the sequencer's advisory lock) and
# the CPU time of the service and of its PostgreSQL backends is read from /proc. At the end: tree
# size == journal rows, and GET /api/v1/journal/audit is consistent; the service is restarted with
# the timer itself on (INTERVAL_MS) to check that the timer, configured from the environment,
# sequences with nobody calling; and the sequencer's fetch query is explained on the grown database.
#
# Writes bench/results/journal-appends.md; raw output goes to bench/out/ (not committed).
# Loopback traffic only; every wait is bounded; everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-12}
WARMUP=${WARMUP:-60}          # warm-up: at least this many seconds ...
WARMUP_MAX=${WARMUP_MAX:-240}  # ... and at most this many
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
INTERVAL_MS=${INTERVAL_MS:-200}
DB=${DB:-ipledger_bench_journal}
MAX_SECONDS=${MAX_SECONDS:-600}     # the whole run, build and install excluded
KEEP_DB=${KEEP_DB:-0}

PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
JAR=target/quarkus-app/quarkus-run.jar
OUT=bench/out/journal-appends
RESULTS=bench/results/journal-appends.md
COMMAND="bench/journal-appends.sh  (ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP WARMUP_MAX=$WARMUP_MAX THREADS=$THREADS CONNECTIONS=$CONNECTIONS INTERVAL_MS=$INTERVAL_MS)"

say() { echo "journal-appends: $*"; }
die() { echo "journal-appends: $*" >&2; exit 1; }

[[ "$ROUNDS" =~ ^[1-9][0-9]?$ ]] || die "ROUNDS must be 1..99"
[[ "$DURATION" =~ ^[1-9][0-9]*$ && "$WARMUP" =~ ^[0-9]+$ && "$WARMUP_MAX" =~ ^[0-9]+$ && "$INTERVAL_MS" =~ ^[1-9][0-9]*$ ]] \
  || die "DURATION, WARMUP, WARMUP_MAX and INTERVAL_MS must be whole numbers"
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "DB must be a plain lower-case identifier"

# ---------------------------------------------------------------------------------------------
# Everything started here is remembered and stopped on exit, by process id.
SERVICE_PID=""
SAMPLER_PID=""
PACER_PID=""
stop_pid() {
  local pid=$1 signal=${2:-TERM} waited
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -"$signal" "$pid" 2>/dev/null || true
  for ((waited = 0; waited < 100; waited++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$PACER_PID"
  stop_pid "$SAMPLER_PID" INT
  stop_pid "$SERVICE_PID"
  if [ "$KEEP_DB" != 1 ] && [ -n "${DB_CREATED:-}" ]; then
    psql_admin -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_admin() { PGAPPNAME=bench-admin psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }
sql() { PGAPPNAME=bench-admin psql -X -q -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -c "$1"; }

# ---------------------------------------------------------------------------------------------
say "== prerequisites"
if [ ! -f "$JAR" ]; then
  say "building the service (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
apt_install() {
  [ "$(id -u)" -eq 0 ] || die "$1 is missing; install it (apt-get install $1) or run as root"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1" >/dev/null; }
}
command -v wrk >/dev/null || { say "installing wrk"; apt_install wrk; }
command -v curl >/dev/null || { say "installing curl"; apt_install curl; }
if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 2>/dev/null; then
  deploy/local/postgres.sh
fi
command -v psql >/dev/null || { say "installing the PostgreSQL client"; apt_install postgresql-client; }

STARTED=$(date +%s)
check_budget() { # seconds still needed
  local now
  now=$(date +%s)
  if ((now - STARTED + $1 > MAX_SECONDS)); then
    die "would exceed MAX_SECONDS=$MAX_SECONDS (elapsed $((now - STARTED)) s, $1 s more needed); lower ROUNDS or DURATION"
  fi
}
check_budget $((WARMUP_MAX + ROUNDS * 2 * (DURATION + 3) + 30))

mkdir -p "$OUT" "$(dirname "$RESULTS")"
rm -f "$OUT"/*

say "== fresh database $DB"
psql_admin -c "drop database if exists $DB with (force)" >/dev/null
psql_admin -c "create database $DB" >/dev/null
DB_CREATED=1

free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# start_service INTERVAL LOGFILE
start_service() {
  PORT=$(free_port) || die "no free loopback port found"
  # shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
  QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$PG_HOST:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
    QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION=deploy/dev/jwt-public.pem \
    IPLEDGER_JOURNAL_SIGNING_KEY_LOCATION=deploy/dev/journal-signing-key.pem \
    IPLEDGER_DEMO_DATA_ENABLED=false \
    IPLEDGER_JOURNAL_TREE_HEAD_INTERVAL="$1" \
    java ${JAVA_OPTS:-} -jar "$JAR" >"$2" 2>&1 &
  SERVICE_PID=$!
  SERVICE_LOG=$2
  BASE=http://127.0.0.1:$PORT
  local waited
  for ((waited = 0; waited < 600; waited++)); do
    kill -0 "$SERVICE_PID" 2>/dev/null || die "the service exited during start; see $2"
    if curl -fs --max-time 2 "$BASE/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  die "the service was not ready after 60 s; see $2"
}

say "== service (sequencer timer off: IPLEDGER_JOURNAL_TREE_HEAD_INTERVAL=0s)"
start_service 0s "$OUT/service.log"
ADMIN=$(deploy/dev/token.sh admin)
say "listening on loopback port $PORT (pid $SERVICE_PID)"

tree_head() { curl -fsS --max-time 120 -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/journal/tree-head"; }
json_num() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
json_bool() { sed -n "s/.*\"$1\":\(true\|false\).*/\1/p"; }
kv() { sed -n "s/^BENCH .* $2=\([^ ]*\).*/\1/p" "$1" | tail -n 1; }
# the BENCH line starts "BENCH requests=", so a leading space is always there
kv_first() { sed -n "s/^BENCH $2=\([^ ]*\).*/\1/p" "$1" | tail -n 1; }

# Bring the tree up to date; prints "entries_drained milliseconds".
drain() {
  local before t0 t1
  before=$(sql "select count(*) from journal_unsequenced")
  t0=$(date +%s%N)
  tree_head >/dev/null
  t1=$(date +%s%N)
  echo "$before $(((t1 - t0) / 1000000))"
}

CLK_TCK=$(getconf CLK_TCK)
# utime + stime ticks of one process
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
backend_pids() { sql "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and application_name not like 'bench%'"; }
# "pid ticks" for the service's PostgreSQL backends
backend_ticks() { local p; for p in $(backend_pids); do echo "$p $(proc_ticks "$p")"; done; }
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }

# pg_stat_activity every 100 ms: what the service's backends are doing. A backend whose last
# statement is the sequencer's (or the head signer's) counts as the sequencer, any other as a writer.
# And pg_locks: whether the sequencer's advisory lock (Sequencer.LOCK_KEY 6962) is held, and by how
# many it is waited for.
SAMPLE_SQL="select count(*) filter (where role = 'w' and state = 'active'),
 count(*) filter (where role = 'w' and state like 'idle in transaction%'),
 count(*) filter (where role = 'w' and state = 'active' and wait_event_type = 'Lock'),
 count(*) filter (where role = 'w' and state = 'active' and wait_event_type = 'LWLock'),
 count(*) filter (where role = 'w' and state = 'active' and wait_event_type = 'IO'),
 count(*) filter (where role = 's' and state <> 'idle'),
 count(*) filter (where role = 's' and state = 'active' and wait_event_type = 'Lock'),
 coalesce(string_agg(wait_event_type || ':' || wait_event, ',') filter (where role = 'w' and state = 'active' and wait_event is not null), '-'),
 (select count(*) from pg_locks where locktype = 'advisory' and objid = 6962 and objsubid = 1 and granted
    and database = (select oid from pg_database where datname = current_database())),
 (select count(*) from pg_locks where locktype = 'advisory' and objid = 6962 and objsubid = 1 and not granted
    and database = (select oid from pg_database where datname = current_database()))
from (select case when query ~ 'pg_advisory_xact_lock|journal_unsequenced u|journal_leaf|merkle_node|tree_head'
                  then 's' else 'w' end as role, state, wait_event_type, wait_event
      from pg_stat_activity
      where datname = current_database() and backend_type = 'client backend' and application_name not like 'bench%') a"
start_sampler() {
  printf '%s\n\\watch 0.1\n' "$SAMPLE_SQL" >"$OUT/sampler.sql"
  PGAPPNAME=bench-sampler psql -X -At -F'|' -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" \
    -f "$OUT/sampler.sql" >"$1" 2>&1 &
  SAMPLER_PID=$!
}
stop_sampler() { stop_pid "$SAMPLER_PID" INT; SAMPLER_PID=""; }

# writers RUN_ID SECONDS OUTFILE
writers() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --timeout 10s --latency -s bench/parties.lua \
    "$BASE/api/v1/parties" -- "$ADMIN" "$1" >"$3" 2>&1
  date +%s >>"$OUT/wrk-stops.txt"
  service_alive "$3"
}
# The service must have lived through the run, else its figures mean nothing.
service_alive() {
  kill -0 "$SERVICE_PID" 2>/dev/null && return 0
  local why
  why=$(grep -m 1 -E 'Shutdown thread|OutOfMemory|Killed' "$SERVICE_LOG" || true)
  die "the service (pid $SERVICE_PID) stopped during the run of $1${why:+ (its log: $why)}; see $SERVICE_LOG"
}
start_pacer() {
  wrk -t1 -c1 -d"${1}s" --timeout 60s -s bench/tree-head-pacer.lua \
    "$BASE/api/v1/journal/tree-head" -- "$ADMIN" "$INTERVAL_MS" >"$2" 2>&1 &
  PACER_PID=$!
}
wait_pacer() { wait "$PACER_PID" || die "the tree-head pacer failed; see $1"; PACER_PID=""; }

RUN_ID=0
next_run_id() { RUN_ID=$((RUN_ID + 1)); }

# ---------------------------------------------------------------------------------------------
say "== warm-up: 10 s windows, sequencer on, until the JIT compiler is idle (${WARMUP}-${WARMUP_MAX} s)"
# On a loaded 2-core machine the JIT compiles for minutes (over 100 s of compile time before it settles,
# some 50k requests), and neither the rate nor a fixed time says when it is done. jstat does: stop once
# a window added less than 1 s of compile time. Without jstat: once the service's CPU per request fell
# by less than 5 % in two windows in a row.
jit_seconds() { jstat -compiler "$SERVICE_PID" 2>/dev/null | awk 'NR == 2 { print $4 }'; }
warmed=0
best=0
flat=0
WARMUP_LOG=""
jit0=$(jit_seconds || true)
while ((warmed < WARMUP_MAX)); do
  next_run_id
  w=$((warmed / 10 + 1))
  t0=$(proc_ticks "$SERVICE_PID")
  start_pacer 10 "$OUT/warmup-$w-pacer.txt"
  writers "$RUN_ID" 10 "$OUT/warmup-$w.txt"
  wait_pacer "$OUT/warmup-$w-pacer.txt"
  t1=$(proc_ticks "$SERVICE_PID")
  jit1=$(jit_seconds || true)
  warmed=$((warmed + 10))
  for f in "$OUT/warmup-$w.txt" "$OUT/warmup-$w-pacer.txt"; do
    grep -q '^BENCH ' "$f" || die "no result from wrk; see $f"
    [ "$(kv "$f" non2xx)" = 0 ] || die "non-2xx answers during the warm-up (invalid credit codes?); see $f"
  done
  rate=$(kv "$OUT/warmup-$w.txt" rps)
  cpr=$(awk -v t=$((t1 - t0)) -v hz="$CLK_TCK" -v n="$(kv_first "$OUT/warmup-$w.txt" requests)" \
    'BEGIN { printf "%.3f", n ? 1000 * t / hz / n : 0 }')
  jit=""
  if [ -n "$jit0" ] && [ -n "$jit1" ]; then jit=$(awk -v a="$jit0" -v b="$jit1" 'BEGIN { printf "%.1f", b - a }'); fi
  jit0=$jit1
  WARMUP_LOG="$WARMUP_LOG${WARMUP_LOG:+, }$rate/$cpr${jit:+/$jit}"
  say "warm-up window $w: $rate req/s, service CPU $cpr ms per request${jit:+, JIT compile time $jit s}"
  if [ "$best" != 0 ] && awk -v c="$cpr" -v b="$best" 'BEGIN { exit !(c >= 0.95 * b) }'; then flat=$((flat + 1)); else flat=0; fi
  if [ "$best" = 0 ] || awk -v c="$cpr" -v b="$best" 'BEGIN { exit !(c < b) }'; then best=$cpr; fi
  if ((warmed >= WARMUP)); then
    if [ -n "$jit" ]; then
      awk -v j="$jit" 'BEGIN { exit !(j < 1) }' && break
    elif ((flat >= 2)); then
      break
    fi
  fi
done
drain >/dev/null

# ---------------------------------------------------------------------------------------------
# One segment; appends a line to $OUT/segments.tsv:
# round mode rps p50_us p99_us non2xx sockerr pacer_calls pacer_p50_us pacer_non2xx backlog_end
# heads_signed drained drain_ms w_samples w_active_mean w_lock w_lwlock w_io s_busy s_lock writer_waits
# svc_cpu_ms pg_cpu_ms machine_busy_pct requests journal_at_start lock_held lock_waiters
printf 'round\tmode\trps\tp50_us\tp99_us\tnon2xx\tsockerr\tpacer_calls\tpacer_p50_us\tpacer_non2xx\tbacklog_end\theads_signed\tdrained\tdrain_ms\tsamples\tw_active_mean\tw_lock\tw_lwlock\tw_io\ts_busy\ts_lock\twriter_waits\tsvc_cpu_ms\tpg_cpu_ms\tmachine_busy_pct\trequests\tjournal_at_start\tlock_held\tlock_waiters\n' \
  >"$OUT/segments.tsv"
segment() {
  local round=$1 mode=$2 tag="r$1-$2" heads0 heads1 journal0 svc0 svc1 m0 m1 backlog drained_ms
  check_budget $((DURATION + 20))
  next_run_id
  heads0=$(sql "select count(*) from tree_head")
  journal0=$(sql "select count(*) from journal")
  svc0=$(proc_ticks "$SERVICE_PID")
  backend_ticks >"$OUT/$tag-pg0.txt"
  m0=$(machine_ticks)
  start_sampler "$OUT/$tag-samples.txt"
  if [ "$mode" = on ]; then start_pacer "$DURATION" "$OUT/$tag-pacer.txt"; fi
  writers "$RUN_ID" "$DURATION" "$OUT/$tag-wrk.txt"
  if [ "$mode" = on ]; then wait_pacer "$OUT/$tag-pacer.txt"; fi
  stop_sampler
  m1=$(machine_ticks)
  svc1=$(proc_ticks "$SERVICE_PID")
  backend_ticks >"$OUT/$tag-pg1.txt"
  heads1=$(sql "select count(*) from tree_head")
  backlog=$(sql "select count(*) from journal_unsequenced")
  drained_ms=$(drain)
  grep -q '^BENCH ' "$OUT/$tag-wrk.txt" || die "no result from wrk; see $OUT/$tag-wrk.txt"

  local pacer_calls=0 pacer_p50=0 pacer_non2xx=0
  if [ "$mode" = on ]; then
    pacer_calls=$(kv_first "$OUT/$tag-pacer.txt" requests)
    pacer_p50=$(kv "$OUT/$tag-pacer.txt" p50_us)
    pacer_non2xx=$(kv "$OUT/$tag-pacer.txt" non2xx)
  fi
  local f=$OUT/$tag-wrk.txt sockerr
  sockerr=$(($(kv "$f" connect) + $(kv "$f" read) + $(kv "$f" write) + $(kv "$f" timeout)))
  local pg_ticks samples
  pg_ticks=$(awk 'NR == FNR { start[$1] = $2; next } { t += $2 - ($1 in start ? start[$1] : 0) } END { print t + 0 }' \
    "$OUT/$tag-pg0.txt" "$OUT/$tag-pg1.txt")
  samples=$(awk -F'|' 'NF >= 10 { n++; wa += $1; wl += $3; wlw += $4; wio += $5; sb += ($6 > 0); sl += $7;
                                 if ($8 != "-") { split($8, e, ","); for (i in e) ev[e[i]]++ } }
    END { evs = ""; for (k in ev) evs = evs (evs == "" ? "" : ",") k ":" ev[k];
          printf "%d\t%.2f\t%d\t%d\t%d\t%d\t%d\t%s", n, n ? wa / n : 0, wl, wlw, wio, sb, sl, evs == "" ? "-" : evs }' \
    "$OUT/$tag-samples.txt")
  local lock_samples
  lock_samples=$(awk -F'|' 'NF >= 10 { held += ($9 > 0); waiting += $10 } END { printf "%d\t%d", held, waiting }' \
    "$OUT/$tag-samples.txt")
  # shellcheck disable=SC2086 # two numbers each
  set -- $m0 $m1
  local busy_pct
  busy_pct=$(awk -v b0="$1" -v t0="$2" -v b1="$3" -v t1="$4" 'BEGIN { printf "%.0f", (t1 > t0 ? 100 * (b1 - b0) / (t1 - t0) : 0) }')
  local requests
  requests=$(kv_first "$f" requests)
  local T=$'\t'
  echo "$round$T$mode$T$(kv "$f" rps)$T$(kv "$f" p50_us)$T$(kv "$f" p99_us)$T$(kv "$f" non2xx)$T$sockerr$T$pacer_calls$T$pacer_p50$T$pacer_non2xx$T$backlog$T$((heads1 - heads0))$T${drained_ms/ /$T}$T$samples$T$(((svc1 - svc0) * 1000 / CLK_TCK))$T$((pg_ticks * 1000 / CLK_TCK))$T$busy_pct$T$requests$T$journal0$T$lock_samples" \
    >>"$OUT/segments.tsv"
  say "round $round, sequencer $mode: $(kv "$f" rps) req/s, p50 $(kv "$f" p50_us) us, p99 $(kv "$f" p99_us) us," \
    "non-2xx $(kv "$f" non2xx), backlog at end $backlog"
}

for ((round = 1; round <= ROUNDS; round++)); do
  if ((round % 2 == 1)); then segment "$round" off; segment "$round" on
  else segment "$round" on; segment "$round" off; fi
done

# ---------------------------------------------------------------------------------------------
say "== checks"
head_json=$(tree_head)
tree_size=$(echo "$head_json" | json_num treeSize)
journal_rows=$(sql "select count(*) from journal")
leaf_rows=$(sql "select count(*) from journal_leaf")
unsequenced=$(sql "select count(*) from journal_unsequenced")
party_rows=$(sql "select count(*) from party")
audit_json=$(curl -fsS --max-time 300 -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/journal/audit")
echo "$audit_json" >"$OUT/audit.json"
audit_consistent=$(echo "$audit_json" | json_bool consistent)
audit_checked=$(echo "$audit_json" | json_num checkedEntries)
audit_root=$(echo "$audit_json" | json_bool signedRootMatches)
say "tree size $tree_size, journal rows $journal_rows, leaves $leaf_rows, unsequenced $unsequenced," \
  "audit consistent=$audit_consistent checked=$audit_checked signedRootMatches=$audit_root"

say "== the timer itself, configured from the environment (IPLEDGER_JOURNAL_TREE_HEAD_INTERVAL=${INTERVAL_MS}ms)"
stop_pid "$SERVICE_PID"
SERVICE_PID=""
start_service "${INTERVAL_MS}ms" "$OUT/service-timer.log"
timer_heads0=$(sql "select count(*) from tree_head")
timer_journal0=$(sql "select count(*) from journal")
# The same write load for DURATION seconds, on a cold service: the rate is context only. What counts
# is whether the timer signs heads from the environment's setting, catches up, and how its passes
# meet the advisory lock (the timer does not wait for one pass to end before starting the next).
next_run_id
start_sampler "$OUT/timer-samples.txt"
writers "$RUN_ID" "$DURATION" "$OUT/timer-wrk.txt"
stop_sampler
timer_ok=no
for ((i = 0; i < 150; i++)); do # up to 30 s
  t_unseq=$(sql "select count(*) from journal_unsequenced")
  t_journal=$(sql "select count(*) from journal")
  t_head=$(sql "select coalesce(max(tree_size), 0) from tree_head")
  if ((t_journal > timer_journal0)) && [ "$t_unseq" = 0 ] && [ "$t_head" = "$t_journal" ]; then timer_ok=yes; break; fi
  sleep 0.2
done
timer_catchup_s=$(awk -v i="$i" 'BEGIN { printf "%.1f", i * 0.2 }')
timer_heads=$(($(sql "select count(*) from tree_head") - timer_heads0))
timer_writes=$((t_journal - timer_journal0))
timer_rps=$(kv "$OUT/timer-wrk.txt" rps)
timer_non2xx=$(kv "$OUT/timer-wrk.txt" non2xx)
timer_sockerr=$(($(kv "$OUT/timer-wrk.txt" connect) + $(kv "$OUT/timer-wrk.txt" read) + $(kv "$OUT/timer-wrk.txt" write) + $(kv "$OUT/timer-wrk.txt" timeout)))
IFS=$'\t' read -r timer_samples timer_held timer_waited timer_max_waiters <<<"$(awk -F'|' 'NF >= 10 { n++; h += ($9 > 0); w += ($10 > 0); if ($10 > m) m = $10 }
  END { printf "%d\t%d\t%d\t%d", n, h, w, m }' "$OUT/timer-samples.txt")"
say "timer: $timer_rps req/s (cold), advisory lock held in $timer_held of $timer_samples samples, waited for in $timer_waited (at most $timer_max_waiters waiting at once)"
say "timer: $timer_writes writes, caught up without any call: $timer_ok, ${timer_catchup_s}s after the load ($timer_heads heads signed by the timer)"
stop_pid "$SERVICE_PID"
SERVICE_PID=""

say "== the sequencer's fetch query, as planned now (300 entries queued in a transaction that is rolled back)"
# Same statement as Sequencer.sequenceBatch; once with the statistics as they are, once after ANALYZE.
FETCH_SQL="select j.seq, j.recorded_at, j.actor, j.action, j.entity_type, j.entity_id, j.asset_ids, j.state::text as state
 from journal_unsequenced u join journal j on j.seq = u.seq order by u.seq limit 5000"
# A form of the same fetch that cannot walk the journal from its start: the queued numbers first
# (at most 5000, from journal_unsequenced's key), then those rows of journal by primary key.
FETCH_SQL_BY_KEY="select j.seq, j.recorded_at, j.actor, j.action, j.entity_type, j.entity_id, j.asset_ids, j.state::text as state
 from journal j where j.seq = any(array(select seq from journal_unsequenced order by seq limit 5000)) order by j.seq"
explain_fetch() { # statement to run first, query
  PGAPPNAME=bench-explain psql -X -q -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" <<SQL
begin;
insert into journal (actor, action, entity_type, entity_id, asset_ids, state)
  select 'bench-explain', 'PARTY_REGISTERED', 'PARTY', g, '{}', '{}' from generate_series(1, 300) g;
$1
explain (analyze, buffers, timing off) $2;
rollback;
SQL
}
explain_fetch "" "$FETCH_SQL" >"$OUT/fetch-plan.txt"
explain_fetch "analyze journal, journal_unsequenced;" "$FETCH_SQL" >"$OUT/fetch-plan-analyzed.txt"
explain_fetch "" "$FETCH_SQL_BY_KEY" >"$OUT/fetch-plan-by-key.txt"
fetch_summary() { # join kind, journal rows read, buffers, time
  awk '/Merge Join|Nested Loop|Hash Join|Bitmap Heap Scan on journal j|Index Scan using journal_pkey/ && !j { j = $0; sub(/^[ ->]*/, "", j); sub(/ +\(.*/, "", j) }
       /on journal j / && !r { if (match($0, /actual rows=[0-9]+ loops=[0-9]+/)) { split(substr($0, RSTART, RLENGTH), a, /[= ]/); r = a[3] * a[5] } }
       /Buffers: shared/ && !b { b = $0; sub(/^ *Buffers: /, "", b) }
       /Execution Time/ { t = $3 }
       END { printf "%s, reads %s rows of journal for 300 queued, buffers %s, %s ms", j, r, b, t }' "$1"
}
fetch_now=$(fetch_summary "$OUT/fetch-plan.txt")
fetch_analyzed=$(fetch_summary "$OUT/fetch-plan-analyzed.txt")
fetch_by_key=$(fetch_summary "$OUT/fetch-plan-by-key.txt")
autovacuum=$(sql "show autovacuum")
say "fetch as planned: $fetch_now"
say "fetch after ANALYZE: $fetch_analyzed"
say "fetch by key (stale statistics): $fetch_by_key"

# ---------------------------------------------------------------------------------------------
say "== results"
# ERROR/WARN lines of the service, and those of them not within a second or two of a wrk stop (wrk
# closes its connections with requests in flight; the service then logs the cancelled transactions).
while read -r e; do
  for k in -2 -1 0 1 2; do date -d "@$((e + k))" +%T; done
done <"$OUT/wrk-stops.txt" | sort -u >"$OUT/wrk-stop-seconds.txt"
cat "$OUT/service.log" "$OUT/service-timer.log" | grep -E '^[0-9-]+ [0-9:,]+ +(ERROR|WARN)' >"$OUT/service-errors.txt" || true
log_errors=$(wc -l <"$OUT/service-errors.txt")
log_errors_elsewhere=$(awk 'NR == FNR { stop[$1] = 1; next } !(substr($2, 1, 8) in stop)' \
  "$OUT/wrk-stop-seconds.txt" "$OUT/service-errors.txt" | wc -l)
log_error_kinds=$(sed -E 's/^[0-9-]+ [0-9:,]+ +[A-Z]+ +\[[^]]*\] \([^)]*\) //' "$OUT/service-errors.txt" | cut -c1-120 |
  sort | uniq -c | sort -nr | head -n 5 | awk '{ $1 = $1 "x"; print }' | paste -sd ';' -)
S=$OUT/segments.tsv
# per round: ratios on/off
pooled=$(awk -F'\t' 'NR > 1 { r[$2] += $26 } END { printf "%.3f", r["on"] / r["off"] }' "$S")
ratios=$(awk -F'\t' 'NR > 1 { k = $1 SUBSEP $2; rps[k] = $3; p50[k] = $4; p99[k] = $5; cpu[k] = ($23 + $24) / ($26 ? $26 : 1); r[$1] = 1 }
  END { for (i in r) printf "%d\t%.3f\t%.3f\t%.3f\t%.3f\n", i, rps[i SUBSEP "on"] / rps[i SUBSEP "off"],
          p50[i SUBSEP "on"] / p50[i SUBSEP "off"], p99[i SUBSEP "on"] / p99[i SUBSEP "off"],
          cpu[i SUBSEP "on"] / cpu[i SUBSEP "off"] }' "$S" | sort -n)
median_col() { echo "$ratios" | cut -f"$1" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med_rps=$(median_col 2)
med_p50=$(median_col 3)
med_p99=$(median_col 4)
med_cpu=$(median_col 5)
mode_median() { # column mode
  awk -F'\t' -v c="$1" -v m="$2" 'NR > 1 && $2 == m { print $c }' "$S" | sort -g |
    awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total_non2xx=$(awk -F'\t' 'NR > 1 { t += $6 + $10 } END { print t + 0 }' "$S")
total_sockerr=$(awk -F'\t' 'NR > 1 { t += $7 } END { print t + 0 }' "$S")
writer_lock_samples=$(awk -F'\t' 'NR > 1 && $2 == "on" { t += $17 } END { print t + 0 }' "$S")
writer_lock_samples_off=$(awk -F'\t' 'NR > 1 && $2 == "off" { t += $17 } END { print t + 0 }' "$S")
on_samples=$(awk -F'\t' 'NR > 1 && $2 == "on" { t += $15 } END { print t + 0 }' "$S")
seq_busy=$(awk -F'\t' 'NR > 1 && $2 == "on" { b += $20; n += $15 } END { printf "%.0f", n ? 100 * b / n : 0 }' "$S")
lock_held=$(awk -F'\t' 'NR > 1 && $2 == "on" { b += $28; n += $15 } END { printf "%.0f", n ? 100 * b / n : 0 }' "$S")
lock_waiters=$(awk -F'\t' 'NR > 1 { t += $29 } END { print t + 0 }' "$S")
max_backlog_on=$(awk -F'\t' 'NR > 1 && $2 == "on" && $11 > m { m = $11 } END { print m + 0 }' "$S")
heads_off=$(awk -F'\t' 'NR > 1 && $2 == "off" { t += $12 } END { print t + 0 }' "$S")
cpu_per_req() { awk -F'\t' -v m="$1" 'NR > 1 && $2 == m { s += $23; p += $24; n += $26 } END { printf "%.3f\t%.3f", s / n, p / n }' "$S"; }
IFS=$'\t' read -r svc_off pg_off <<<"$(cpu_per_req off)"
IFS=$'\t' read -r svc_on pg_on <<<"$(cpu_per_req on)"
drain_rate=$(awk -F'\t' 'NR > 1 && $2 == "off" && $14 > 0 { e += $13; ms += $14 } END { printf "%.0f", ms ? 1000 * e / ms : 0 }' "$S")

checks_ok=yes
[ "$total_non2xx" = 0 ] || checks_ok=no
[ "$tree_size" = "$journal_rows" ] && [ "$leaf_rows" = "$journal_rows" ] && [ "$unsequenced" = 0 ] || checks_ok=no
[ "$audit_consistent" = true ] && [ "$audit_checked" = "$tree_size" ] && [ "$audit_root" = true ] || checks_ok=no
[ "$heads_off" = 0 ] || checks_ok=no
[ "$timer_ok" = yes ] || checks_ok=no
[ "$log_errors_elsewhere" = 0 ] || checks_ok=no

ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
{
  echo "# Journal appends while the sequencer runs (issue 6)"
  echo
  echo "Claim: appends stay concurrent; the tree is extended in sequence-number order by the sequencer"
  echo "alone (transaction-level advisory lock), so journaled writes should not slow down materially"
  echo "while it runs continuously. Generated by \`bench/journal-appends.sh\`; rerun it to refresh."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory;" \
    "shared with other builds and tests while this ran (see machine busy %)"
  echo "- software: $(java -version 2>&1 | head -n 1), $(psql -X -At -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -c 'show server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /'), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
  echo "- command: \`$COMMAND\`"
  echo "- warm-up, 10 s windows with the sequencer on (req/s / service CPU ms per request / JIT compile s):"
  echo "  $WARMUP_LOG"
  echo "- load: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s bench/parties.lua\`: POST /api/v1/parties (admin), a new"
  echo "  BANK party with a unique valid credit code per request: one party row and one journal entry per"
  echo "  transaction; service and PostgreSQL on the same machine, loopback only."
  echo "- sequencer off: timer off (\`IPLEDGER_JOURNAL_TREE_HEAD_INTERVAL=0s\`), nothing extends the tree."
  echo "  Sequencer on: \`wrk -t1 -c1 -s bench/tree-head-pacer.lua\` calls GET /api/v1/journal/tree-head, then waits"
  echo "  ${INTERVAL_MS} ms, for the whole segment: the timer's code path (sequence what is queued, sign a head)."
  echo "- one service process and one database for all segments, so JIT, pools and table sizes are the"
  echo "  same for both modes (two starts, timer off and timer on, would each need their own JIT warm-up and"
  echo "  could not alternate every few seconds); off and on alternate within each round (order swapped every round) and are"
  echo "  compared as ratios within the round. Between segments, outside the timed window, the tree is"
  echo "  brought up to date, so an on segment sequences only its own writes."
  echo
  echo "## Result"
  echo
  echo "| median over $ROUNDS rounds | on / off |"
  echo "|---|---|"
  echo "| requests/s | **$med_rps** (all on segments' requests / all off segments': $pooled) |"
  echo "| p50 latency | $med_p50 |"
  echo "| p99 latency | $med_p99 |"
  echo "| CPU per write (service + its PostgreSQL backends) | $med_cpu |"
  echo
  echo "Absolute, median of the segments: off $(mode_median 3 off) req/s, on $(mode_median 3 on) req/s;"
  echo "p50 off $(ms "$(mode_median 4 off)") ms, on $(ms "$(mode_median 4 on)") ms; p99 off $(ms "$(mode_median 5 off)") ms, on $(ms "$(mode_median 5 on)") ms."
  echo
  echo "| round | order | on / off req/s | p50 | p99 | CPU per write |"
  echo "|---|---|---|---|---|---|"
  echo "$ratios" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $1 % 2 ? "off, on" : "on, off", $2, $3, $4, $5 }'
  echo
  echo "## Segments"
  echo
  echo "| round | sequencer | journal entries at start | req/s | p50 ms | p99 ms | non-2xx | socket errors | tree-head calls (p50 ms) | backlog at end | writers active (mean) | writer samples waiting on a lock | samples with the advisory lock held | backends waiting for it (sum over samples) | service CPU ms/write | PostgreSQL CPU ms/write | machine busy % |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 { n = $26 ? $26 : 1
      printf "| %s | %s | %s | %s | %.1f | %.1f | %s | %s | %s | %s | %s | %s of %s | %s of %s | %s | %.3f | %.3f | %s |\n",
        $1, $2, $27, $3, $4 / 1000, $5 / 1000, $6 + $10, $7, ($2 == "on" ? $8 " (" sprintf("%.1f", $9 / 1000) ")" : "-"),
        $11, $16, $17, $15, $28, $15, $29, $23 / n, $24 / n, $25 }' "$S"
  echo
  echo "Samples: pg_stat_activity every 100 ms during the segment, the service's backends only. A backend"
  echo "whose last statement is the sequencer's (advisory lock, journal_unsequenced, journal_leaf,"
  echo "merkle_node, tree_head) counts as the sequencer, any other as a writer. Heavyweight-lock waits of"
  echo "writers over all on segments: $writer_lock_samples (off segments: $writer_lock_samples_off)."
  echo "During on segments a sequencer's backend was in a statement or transaction in $seq_busy % of the samples and"
  echo "the advisory lock was held in $lock_held %; backends waiting for it, summed over all samples: $lock_waiters."
  echo "Writers' lightweight-lock (LWLock) and IO"
  echo "waits: $(awk -F'\t' 'NR > 1 { if ($2 == "on") { a += $18; b += $19 } else { c += $18; d += $19 } } END { printf "on %d / %d, off %d / %d", a, b, c, d }' "$S") samples."
  echo
  echo "What active writers waited on (samples, all segments; Lock = heavyweight locks, LWLock = internal"
  echo "short-term locks, IO = reads and WAL flushes):"
  echo
  echo "| wait event | off | on |"
  echo "|---|---|---|"
  awk -F'\t' 'NR > 1 && $22 != "-" { n = split($22, e, ",")
      for (i = 1; i <= n; i++) { m = match(e[i], /:[0-9]+$/); x = substr(e[i], 1, m - 1); c[$2, x] += substr(e[i], m + 1); k[x] = 1 } }
    END { for (x in k) printf "| %s | %d | %d |\n", x, c["off", x], c["on", x] }' "$S" | sort -t'|' -k3,3nr
  echo
  echo "CPU per write, all segments: service $svc_off ms off, $svc_on ms on; its PostgreSQL backends"
  echo "$pg_off ms off, $pg_on ms on (from /proc, utime + stime, divided by the requests wrk completed)."
  echo "Sequencer alone, catching up after off segments: about $drain_rate entries/s."
  echo
  echo "## The sequencer's fetch"
  echo
  echo "Each tree-head call above is one pass (sequence what is queued, sign a head); its p50 is listed per"
  echo "segment beside the journal's size. The pass's fetch,"
  echo "\`select ... from journal_unsequenced u join journal j on j.seq = u.seq order by u.seq limit 5000\`,"
  echo "explained at the end of the run on this database ($journal_rows entries; the server runs with"
  echo "autovacuum=$autovacuum), with 300 entries queued in a transaction that is rolled back:"
  echo
  echo "- statistics as the run left them: $fetch_now"
  echo "- after ANALYZE: $fetch_analyzed"
  echo "- the queued numbers first, then journal by key (\`where j.seq = any(array(select seq from journal_unsequenced"
  echo "  order by seq limit 5000))\`), statistics as the run left them: $fetch_by_key"
  echo
  echo "<details><summary>plans</summary>"
  echo
  echo '```'
  cat "$OUT/fetch-plan.txt"
  echo
  echo "-- after ANALYZE journal, journal_unsequenced"
  cat "$OUT/fetch-plan-analyzed.txt"
  echo
  echo "-- by key: ... from journal j where j.seq = any(array(select seq from journal_unsequenced order by seq limit 5000)) order by j.seq"
  cat "$OUT/fetch-plan-by-key.txt"
  echo '```'
  echo
  echo "</details>"
  echo
  echo "## The timer itself"
  echo
  echo "The service restarted on this database with \`IPLEDGER_JOURNAL_TREE_HEAD_INTERVAL=${INTERVAL_MS}ms\` and the same"
  echo "write load for ${DURATION} s (cold JIT: the rate is context only). \`TreeHeadSigner\` starts a pass every"
  echo "${INTERVAL_MS} ms whether or not the previous one has ended; a pass that finds the advisory lock taken waits"
  echo "for it in PostgreSQL, holding one of the pool's connections."
  echo
  echo "- writes: $timer_rps req/s, non-2xx $timer_non2xx, socket errors $timer_sockerr"
  echo "- advisory lock held in $timer_held of $timer_samples samples; passes waiting for it in $timer_waited samples, at most"
  echo "  $timer_max_waiters at once (each holds a connection of the pool of 16 while it waits)"
  echo "- caught up after the load: $timer_ok, ${timer_catchup_s} s after it ended; $timer_heads heads signed by the timer"
  echo
  echo "## Checks"
  echo
  echo "- non-2xx answers over all segments: $total_non2xx; socket errors: $total_sockerr"
  echo "- at the end: tree size $tree_size, journal rows $journal_rows, leaves $leaf_rows, unsequenced $unsequenced,"
  echo "  party rows $party_rows (one journal entry each)"
  echo "- GET /api/v1/journal/audit: consistent=$audit_consistent, checkedEntries=$audit_checked, signedRootMatches=$audit_root"
  echo "- largest backlog left at the end of an on segment: $max_backlog_on entries"
  echo "- tree heads signed during off segments (timer really off from the environment): $heads_off"
  echo "- restarted with \`IPLEDGER_JOURNAL_TREE_HEAD_INTERVAL=${INTERVAL_MS}ms\`: $timer_writes writes, then caught up by the"
  echo "  timer alone (no tree-head call): $timer_ok (${timer_catchup_s} s after the load), $timer_heads heads signed"
  echo "- service log: $log_errors ERROR/WARN lines, $log_errors_elsewhere of them away from the moments wrk stopped"
  echo "  (wrk closes connections with requests in flight; those transactions are rolled back and logged):"
  echo "  ${log_error_kinds:-none}"
  echo "- all checks passed: **$checks_ok**"
} >"$RESULTS"

echo
say "median on/off over $ROUNDS rounds: requests/s $med_rps (pooled $pooled), p50 $med_p50, p99 $med_p99, CPU per write $med_cpu"
say "absolute (median of segments): off $(mode_median 3 off) req/s, on $(mode_median 3 on) req/s"
say "writer lock waits sampled during on segments: $writer_lock_samples of $on_samples samples; advisory lock held $lock_held %, waiters $lock_waiters"
say "tree $tree_size == journal $journal_rows, audit consistent=$audit_consistent; timer from env: $timer_ok; non-2xx $total_non2xx"
say "results in $RESULTS"
[ "$checks_ok" = yes ] || die "some checks failed; see $RESULTS"
