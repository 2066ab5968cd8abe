# shellcheck shell=bash
# ./chartstream token

cmd_token() {
  local who="${1:-}"
  [[ -n "$who" ]] || die "usage: ./chartstream token USER|ORG-SYSTEM-CLIENT (e.g. dr.rivera, alice, riverside-clinic-system)"
  local url="$KC_URL/realms/$REALM/protocol/openid-connect/token" resp
  command -v curl >/dev/null || die "curl is needed for 'token'"
  if [[ "$who" == *-system || "$who" == chartstream-exchange ]]; then
    local secret=demo-secret; [[ "$who" == chartstream-exchange ]] && secret="${CHARTSTREAM_EXCHANGE_SECRET:-exchange-secret}"
    resp="$(curl -s -m 10 -d grant_type=client_credentials -d client_id="$who" -d client_secret="${2:-$secret}" "$url")" || true
  else
    resp="$(curl -s -m 10 -d grant_type=password -d client_id=chartstream-cli -d username="$who" -d password="${2:-demo}" "$url")" || true
  fi
  [[ -n "$resp" ]] || die "Keycloak does not answer at $KC_URL; start it with ./chartstream up"
  local tok; tok="$(printf '%s' "$resp" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [[ -n "$tok" ]] || die "no token for '$who': $resp"
  printf '%s\n' "$tok"
}
