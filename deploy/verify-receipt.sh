#!/usr/bin/env bash
# Checks a journal receipt offline with the log's public key, from the packaged service:
#   deploy/verify-receipt.sh <public-key.pem> <tree-head.json> <entry.json> <proof.json>
#   deploy/verify-receipt.sh --consistency <public-key.pem> <old-head.json> <new-head.json> <consistency.json>
# Prints VALID: ... (exit 0) or INVALID: <why> (exit 1); usage errors exit 2.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/target/quarkus-app"
if [ ! -d "$APP/app" ] || [ ! -d "$APP/lib/main" ]; then
  echo "verify-receipt: $APP is missing; build the service first:" >&2
  echo "  (cd \"$ROOT\" && ./mvnw -B -q package -DskipTests)" >&2
  exit 2
fi
exec java -cp "$APP/app/*:$APP/lib/main/*" org.ipledger.journal.VerifyReceipt "$@"
