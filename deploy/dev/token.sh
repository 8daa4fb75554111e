#!/usr/bin/env bash
# Mints a DEVELOPMENT JWT (RS256) signed with deploy/dev/jwt-private.pem and prints only the token.
# Needs bash and openssl, nothing else: no Java, no build.
#
#   deploy/dev/token.sh ROLE [ORG_ID]
#   curl -H "Authorization: Bearer $(deploy/dev/token.sh bank 7)" localhost:8080/...
#
# The key is public knowledge (it is in the repository): a service that trusts it trusts anyone.
set -euo pipefail

usage() {
  cat >&2 <<'EOF'
usage: token.sh ROLE [ORG_ID]
  ROLE    one of: bank insurer issuer trustee registrar regulator lab admin
  ORG_ID  party id (positive integer) of the caller's organisation; required for bank, insurer, issuer, trustee
prints an RS256 JWT (iss ipledger-dev, valid 12 h) signed with the development key
EOF
  exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
role=$1
org=${2:-}
case "$role" in
  bank | insurer | issuer | trustee | registrar | regulator | lab | admin) ;;
  *) usage ;;
esac
case "$role" in bank | insurer | issuer | trustee) [ -n "$org" ] || usage ;; esac
# At most 18 digits, so the number always fits a Java long.
if [ -n "$org" ] && ! [[ "$org" =~ ^[1-9][0-9]{0,17}$ ]]; then usage; fi

key="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/jwt-private.pem"
[ -r "$key" ] || { echo "token.sh: cannot read $key" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

subject="dev-$role${org:+-$org}"
now=$(date +%s)
expires=$((now + 12 * 3600))
jti=$(openssl rand -hex 16)
org_claim=${org:+,\"org\":$org}

header='{"alg":"RS256","typ":"JWT"}'
payload="{\"iss\":\"ipledger-dev\",\"sub\":\"$subject\",\"upn\":\"$subject\",\"groups\":[\"$role\"]$org_claim,\"iat\":$now,\"exp\":$expires,\"jti\":\"$jti\"}"

signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s\n' "$signing_input" "$signature"
