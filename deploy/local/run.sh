#!/usr/bin/env bash
# Builds the service and runs it on this machine. With no QUARKUS_DATASOURCE_REACTIVE_URL set, the
# service starts an embedded PostgreSQL with its data in data/postgres (IPLEDGER_DATA_DIR moves it).
# Arguments go to the service; JAVA_OPTS to the JVM.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

./mvnw -B -q package -DskipTests

if [ -z "${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-}" ] && [ -z "${MP_JWT_VERIFY_PUBLICKEY:-}" ]; then
  export MP_JWT_VERIFY_PUBLICKEY_LOCATION="$PWD/deploy/dev/jwt-public.pem"
  echo "WARNING: DEVELOPMENT JWT key in use (deploy/dev/jwt-public.pem, anyone can sign for it);" \
    "set MP_JWT_VERIFY_PUBLICKEY_LOCATION to use a real one" >&2
fi

if [ -z "${IPLEDGER_JOURNAL_SIGNING_KEY_LOCATION:-}" ]; then
  export IPLEDGER_JOURNAL_SIGNING_KEY_LOCATION="$PWD/deploy/dev/journal-signing-key.pem"
  echo "WARNING: DEVELOPMENT tree-head signing key in use (deploy/dev/journal-signing-key.pem);" \
    "set IPLEDGER_JOURNAL_SIGNING_KEY_LOCATION to use a real one" >&2
fi

# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec java ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar "$@"
