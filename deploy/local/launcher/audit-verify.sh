# shellcheck shell=bash
# ./chartstream audit-verify [USER]: proves the audit trail intact, or names the first record that
# was changed, removed or inserted (the exchange's GET /admin/audit/verify, as an auditor).

cmd_audit_verify() {
  local who="${1:-audrey}" tok resp code
  command -v curl >/dev/null || die "curl is needed for 'audit-verify'"
  tok="$(cmd_token "$who")"
  resp="$(curl -s -m 300 -w '\n%{http_code}' -H "Authorization: Bearer $tok" \
    "http://localhost:$(service_port exchange)/admin/audit/verify")" || die "the exchange does not answer; start it with ./chartstream up"
  code="${resp##*$'\n'}"; resp="${resp%$'\n'*}"
  case "$code" in
    200) printf '%saudit trail intact%s: %s\n' "$G" "$N" "$resp" ;;
    409) printf '%saudit trail TAMPERED%s: %s\n' "$R" "$N" "$resp"; return 2 ;;
    *) die "audit verification answered HTTP $code: $resp" ;;
  esac
}
