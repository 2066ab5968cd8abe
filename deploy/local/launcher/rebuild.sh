# shellcheck shell=bash
# ./chartstream rebuild

cmd_rebuild() {   # rebuild SERVICE PROJECTION: drop a view and rebuild it from the log while the live one serves
  local part="${1:-}" projection="${2:-}"
  [[ -n "$part" && -n "$projection" ]] || die "usage: ./chartstream rebuild SERVICE PROJECTION (e.g. ./chartstream rebuild exchange org-views)"
  part="$(canonical_part "$part")" || die "'$1' is not a service: ${SERVICES[*]}"
  is_service "$part" || die "'$1' is not a service: ${SERVICES[*]}"
  prepare
  local base token resp code
  base="http://localhost:$(service_port "$part")"
  token="$(cmd_token admin)"
  resp="$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $token" "$base/admin/projections/$projection/rebuild")"
  code="${resp##*$'\n'}"
  case "$code" in
    202) ;;
    404) die "$part-service has no projection '$projection'; see: curl -H \"Authorization: Bearer \$(./chartstream token admin)\" $base/admin/projections" ;;
    000) die "$part-service does not answer on $base; start it with ./chartstream up" ;;
    *) die "rebuild refused (HTTP $code): ${resp%$'\n'*}" ;;
  esac
  local state="" line
  while [[ "$state" != "done" && "$state" != "failed" ]]; do
    sleep 1
    line="$(curl -s -H "Authorization: Bearer $token" "$base/admin/projections/$projection/rebuild")"
    state="$(json_field state <<<"$line")"
    printf '  %-10s %s/%s events  %s%%  %s events/s  ETA %ss\n' "$state" "$(json_field applied <<<"$line")" \
      "$(json_field total <<<"$line")" "$(json_field percent <<<"$line")" "$(json_field eventsPerSecond <<<"$line")" \
      "$(json_field etaSeconds <<<"$line")"
  done
  [[ "$state" == "done" ]] || die "rebuild of $projection failed: $(json_field error <<<"$line"); the live view is untouched"
  say "${G}$projection rebuilt and swapped in${N}"
}
