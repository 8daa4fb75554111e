#!/usr/bin/env bash
# The scale-out proof on one machine, in a few minutes, and in CI:
#
#   a PostgreSQL primary on 127.0.0.1:25433 and a streaming replica of it on 127.0.0.1:25434, made with
#   PostgreSQL's own tools (initdb, pg_basebackup), and two ipledger instances (8101, 8102) on them
#   (writes on the primary, statistics on the replica). Then deploy/local/Prove.java proves:
#     (1) racing filings for the same assets across both instances: exactly one winner per asset;
#     (2) SIGKILL of one instance under load: every pledge acknowledged with 201 is in the database,
#         no asset has two live pledges;
#     (3) the primary restarted under load: /q/health/ready answers 503, then 200 again by itself;
#     (4) regulator aggregates read on the replica, saying how far behind it is.
#   It prints requests sent, acknowledged, found, duplicates (must be 0), lost (must be 0), and exits
#   non-zero on any violation.
#
# Data lives in target/prove (a mktemp folder when the postgres user cannot reach target/); every run
# starts from scratch and stops what it started, also on failure or Ctrl-C. Reuses the built service
# when it is newer than the sources, else builds it. Ports: IPLEDGER_PROVE_PRIMARY_PORT (25433),
# IPLEDGER_PROVE_REPLICA_PORT (25434), IPLEDGER_PROVE_HTTP_PORTS ("8101 8102").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$PWD

# Below Linux's ephemeral range (32768-60999): a client socket there once took the replica's port.
primary_port=${IPLEDGER_PROVE_PRIMARY_PORT:-25433}
replica_port=${IPLEDGER_PROVE_REPLICA_PORT:-25434}
read -r -a http_ports <<<"${IPLEDGER_PROVE_HTTP_PORTS:-8101 8102}"
host=127.0.0.1
max_lag_ms=8000
state_file=$repo/target/prove.state

say() { echo "prove.sh: $*"; }
die() { echo "prove.sh: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
# initdb and postgres refuse to run as root; from /, since the caller's folder may be closed to that user.
as_postgres() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

pg_bin=${IPLEDGER_PROVE_PG_BIN:-$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)}
[ -x "$pg_bin/initdb" ] || die "no PostgreSQL binaries (apt-get install postgresql, or set IPLEDGER_PROVE_PG_BIN)"
command -v java >/dev/null || die "java is missing"

# ---- cleanup: whatever a previous run (even a killed one) left, and this run on exit ----------------

stop_all() {
  local dir=$1 pidfile pid
  for pidfile in "$dir"/instance-*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
  for db in replica primary; do
    if [ -f "$dir/$db/postmaster.pid" ]; then
      as_postgres "$pg_bin/pg_ctl" -D "$dir/$db" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
}

previous_dir=$( [ -f "$state_file" ] && cat "$state_file" || true)
if [ -n "$previous_dir" ] && [ -d "$previous_dir" ]; then
  say "stopping what an earlier run left in $previous_dir"
  stop_all "$previous_dir"
  rm -rf "$previous_dir"
fi

for port in "$primary_port" "$replica_port" "${http_ports[@]}"; do
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then die "port $port on $host is taken; free it or choose other ports"; fi
done

mkdir -p "$repo/target"
work=$repo/target/prove
rm -rf "$work"
mkdir -p "$work"
if is_root; then
  chown postgres: "$work"
  if ! runuser -u postgres -- test -w "$work"; then
    rm -rf "$work"
    work=$(mktemp -d -t ipledger-prove.XXXXXX)
    chown postgres: "$work"
  fi
fi
echo "$work" >"$state_file"

finish() {
  local status=$?
  say "stopping the instances and PostgreSQL"
  stop_all "$work"
  if [ "$status" -ne 0 ]; then
    say "FAILED (status $status); logs: $work/*.log"
    for log in "$work"/*.log; do [ -f "$log" ] && { echo "---- tail of $log"; tail -n 30 "$log"; }; done
  fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

# ---- PostgreSQL: a primary and a streaming replica ---------------------------------------------------

say "primary: initdb and start on $host:$primary_port ($pg_bin)"
as_postgres "$pg_bin/initdb" -D "$work/primary" -U postgres --auth=trust -E UTF8 --no-locale >"$work/initdb.log"
as_postgres tee -a "$work/primary/postgresql.conf" >/dev/null <<EOF

# added by deploy/local/prove.sh
listen_addresses = '$host'
port = $primary_port
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 4
hot_standby = on
max_connections = 100
EOF
# initdb's trust pg_hba already lets loopback replication connections in.
as_postgres "$pg_bin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w -t 60 start >/dev/null \
  || { tail -n 5 "$work/primary.log" >&2; die "the primary did not start"; }
as_postgres "$pg_bin/psql" -h "$host" -p "$primary_port" -U postgres -d postgres -qAt -c 'create database ipledger'

say "replica: pg_basebackup of the primary, streaming, on $host:$replica_port"
as_postgres "$pg_bin/pg_basebackup" -h "$host" -p "$primary_port" -U postgres -D "$work/replica" -R -X stream -c fast
as_postgres tee -a "$work/replica/postgresql.conf" >/dev/null <<EOF
port = $replica_port
EOF
as_postgres "$pg_bin/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w -t 60 start >/dev/null \
  || { tail -n 5 "$work/replica.log" >&2; die "the replica did not start"; }
[ "$(as_postgres "$pg_bin/psql" -h "$host" -p "$replica_port" -U postgres -d ipledger -qAt -c 'select pg_is_in_recovery()')" = t ] \
  || die "the replica is not in recovery"

# The driver stops the primary (fast: connections cut, transactions rolled back), keeps it down for
# 3 s, as a restart on a slow disk or a failover would, and starts it again.
cat >"$work/restart-primary.sh" <<EOF
set -euo pipefail
$(declare -f is_root as_postgres)
echo "prove.sh: stopping the primary (pg_ctl stop -m fast)"
as_postgres "$pg_bin/pg_ctl" -D "$work/primary" -m fast -w stop >/dev/null
sleep 3
echo "prove.sh: starting the primary again"
as_postgres "$pg_bin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w -t 60 start >/dev/null \
  || { tail -n 5 "$work/primary.log" >&2; die "the primary did not start"; }
EOF

# ---- the service ---------------------------------------------------------------------------------------

jar=target/quarkus-app/quarkus-run.jar
if [ -f "$jar" ] && [ -z "$(find pom.xml src/main -newer "$jar" -type f -print -quit)" ]; then
  say "reusing $jar (newer than the sources)"
else
  say "building the service"
  ./mvnw -B -q package -DskipTests
fi

pids=()
start_instance() {
  local n=$1 port=$2
  QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$host:$primary_port/ipledger" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$host:$primary_port/ipledger" \
  QUARKUS_DATASOURCE_USERNAME=postgres \
  IPLEDGER_REPLICA_URL="postgresql://$host:$replica_port/ipledger" \
  IPLEDGER_STATS_REPLICA_MAX_LAG="${max_lag_ms}ms" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$repo/deploy/dev/jwt-public.pem" \
  IPLEDGER_JOURNAL_SIGNING_KEY_LOCATION="$repo/deploy/dev/journal-signing-key.pem" \
    nohup java -Xmx192m -XX:+UseSerialGC -jar "$jar" >"$work/instance-$n.log" 2>&1 &
  echo $! >"$work/instance-$n.pid"
  pids+=("$!")
  disown "$!" # its SIGKILL is part of the proof, not news for the shell
}

# The HTTP status of GET path on a port, with bash alone (no curl needed); empty without an answer.
http_status() {
  local port=$1 path=$2
  (
    exec 3<>"/dev/tcp/$host/$port" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
    read -r -t 5 _ status _ <&3 && echo "$status"
  ) 2>/dev/null || true
}

await_ready() {
  local port=$1
  for _ in $(seq 1 120); do
    [ "$(http_status "$port" /q/health/ready)" = 200 ] && return 0
    sleep 0.5
  done
  die "the instance on port $port did not become ready in 60 s"
}

# One after the other: the first migrates the schema (Flyway), the second finds it done.
urls=()
for i in "${!http_ports[@]}"; do
  say "instance $((i + 1)): starting on $host:${http_ports[$i]}"
  start_instance "$((i + 1))" "${http_ports[$i]}"
  await_ready "${http_ports[$i]}"
  urls+=("http://$host:${http_ports[$i]}")
done

# ---- the proofs --------------------------------------------------------------------------------------------

say "driver: deploy/local/Prove.java"
java -Xmx256m -cp "target/quarkus-app/lib/main/*:target/quarkus-app/app/*" \
  -Dprove.instances="$(IFS=,; echo "${urls[*]}")" \
  -Dprove.pids="$(IFS=,; echo "${pids[*]}")" \
  -Dprove.primary="jdbc:postgresql://$host:$primary_port/ipledger" \
  -Dprove.replica="jdbc:postgresql://$host:$replica_port/ipledger" \
  -Dprove.restartPrimary="$work/restart-primary.sh" \
  -Dprove.maxLagMillis="$max_lag_ms" \
  -Dprove.jwtKey="$repo/deploy/dev/jwt-private.pem" \
  deploy/local/Prove.java
