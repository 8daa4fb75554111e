#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:${PGPORT:-5432}, for the tests and for running
# the service against a real server. Safe to run again: it does nothing when a server already answers.
#
#   1. a server answers                  -> nothing to do
#   2. a Debian cluster on that port     -> pg_ctlcluster start
#   3. PostgreSQL binaries are installed -> a private cluster in ${IPLEDGER_PG_DIR:-$HOME/.ipledger/pg}
#                                           (trust authentication, listening on 127.0.0.1 only)
#   4. none of these, running as root    -> apt-get install postgresql, then 2 or 3
#
# The tests connect as IPLEDGER_TEST_DB_USER (postgres) with IPLEDGER_TEST_DB_PASSWORD (empty); the
# script warns when that login is refused, because the tests would then use an embedded PostgreSQL.
set -euo pipefail

host=127.0.0.1
port=${PGPORT:-5432}
wait_seconds=60
installed_now=0

say() { echo "postgres.sh: $*"; }
die() { echo "postgres.sh: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

ready() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h "$host" -p "$port" -t 2
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

wait_ready() {
  local waited
  for ((waited = 0; waited < wait_seconds; waited++)); do
    ready && return 0
    sleep 1
  done
  die "no PostgreSQL answers on $host:$port after ${wait_seconds}s"
}

# "<version> <name> <status>" of the Debian cluster configured for our port, if any.
debian_cluster() {
  command -v pg_lsclusters >/dev/null || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v p="$port" '$3 == p { print $1, $2, $4; exit }'
}

start_debian_cluster() {
  local version name status
  read -r version name status <<<"$(debian_cluster)"
  if [ "$status" = online ]; then
    say "Debian cluster $version/$name is already starting on port $port"
  else
    say "starting Debian cluster $version/$name on port $port"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start
  fi
}

# Runs a command as the postgres user when we are root: initdb and postgres refuse to run as root.
# From /, since the caller's folder may be closed to that user.
as_postgres() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# The bin folder of the newest PostgreSQL installed the Debian way, if any.
newest_bin_dir() {
  find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
}

private_cluster_dir() {
  if [ -n "${IPLEDGER_PG_DIR:-}" ]; then
    echo "$IPLEDGER_PG_DIR"
  elif is_root && ! runuser -u postgres -- test -x "$HOME"; then
    # Root's home is closed to the postgres user; use that user's own home instead.
    echo "$(getent passwd postgres | cut -d: -f6)/ipledger/pg"
  else
    echo "$HOME/.ipledger/pg"
  fi
}

start_private_cluster() {
  local bin_dir dir
  bin_dir=$(newest_bin_dir)
  if is_root; then
    getent passwd postgres >/dev/null || die "running as root, but there is no postgres user to run PostgreSQL"
  fi
  dir=$(realpath -m "$(private_cluster_dir)")
  # A cluster must be started by the binaries of its own major version.
  if [ -f "$dir/PG_VERSION" ] && [ -x "/usr/lib/postgresql/$(cat "$dir/PG_VERSION")/bin/pg_ctl" ]; then
    bin_dir="/usr/lib/postgresql/$(cat "$dir/PG_VERSION")/bin"
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    say "creating a private cluster in $dir ($bin_dir)"
    mkdir -p "$dir"
    if is_root; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    as_postgres "$bin_dir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    # TCP on loopback only; no Unix socket, whose default folder may not be writable here.
    as_postgres tee -a "$dir/postgresql.conf" >/dev/null <<EOF

# added by deploy/local/postgres.sh
listen_addresses = '$host'
unix_socket_directories = ''
EOF
  fi
  say "starting the private cluster in $dir on port $port"
  as_postgres "$bin_dir/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-p $port" -w -t "$wait_seconds" start >/dev/null \
    || die "could not start the cluster in $dir; see $dir/server.log"
}

install_postgresql() {
  is_root || die "no PostgreSQL installed; install it (apt-get install postgresql) or run this script as root"
  command -v apt-get >/dev/null || die "no PostgreSQL installed and no apt-get to install it with"
  say "installing PostgreSQL with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  installed_now=1
}

# A cluster this script has just installed is a throwaway (a CI machine): let the tests in as postgres
# without a password over loopback, as on the private cluster. Never done to a cluster found installed.
trust_loopback_on_fresh_cluster() {
  local version name status hba
  [ "$installed_now" -eq 1 ] || return 0
  read -r version name status <<<"$(debian_cluster)"
  [ -n "${version:-}" ] || return 0
  hba="/etc/postgresql/$version/$name/pg_hba.conf"
  if [ ! -f "$hba" ] || grep -q 'deploy/local/postgres.sh' "$hba"; then return 0; fi
  say "allowing passwordless loopback logins on the freshly installed cluster $version/$name"
  sed -i "1i host all all $host/32 trust  # added by deploy/local/postgres.sh" "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" "$name" reload
}

check_test_login() {
  local user=${IPLEDGER_TEST_DB_USER:-postgres}
  command -v psql >/dev/null || return 0
  if ! PGPASSWORD=${IPLEDGER_TEST_DB_PASSWORD:-} PGCONNECT_TIMEOUT=5 \
    psql -w -h "$host" -p "$port" -U "$user" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
    echo "postgres.sh: WARNING: the server answers but refuses '$user' (password from IPLEDGER_TEST_DB_PASSWORD):" \
      "the tests cannot use it; set IPLEDGER_TEST_DB_USER / IPLEDGER_TEST_DB_PASSWORD" >&2
  fi
}

if ready; then
  say "PostgreSQL already answers on $host:$port"
else
  # Decided out here rather than with `start_a || start_b`: bash ignores `set -e` inside such lists.
  if [ -z "$(debian_cluster)" ] && [ -z "$(newest_bin_dir)" ]; then
    install_postgresql
  fi
  if [ -n "$(debian_cluster)" ]; then
    start_debian_cluster
  elif [ -n "$(newest_bin_dir)" ]; then
    start_private_cluster
  else
    die "PostgreSQL installed, but found neither a cluster on port $port nor binaries to start"
  fi
  wait_ready
  trust_loopback_on_fresh_cluster
  say "PostgreSQL answers on $host:$port"
fi
check_test_login
