# shellcheck shell=bash
# ./chartstream reset

cmd_reset() {   # reset [postgres|kafka|keycloak|all]: stops everything, deletes local data (keeps downloads)
  local what="${1:-all}" dirs=()
  case "$what" in
    all) dirs=("$STATE/pg" "$STATE/kafka" "$STATE/keycloak") ;;
    *) what="$(require_part "$what")"
       case "$what" in
         postgres) dirs=("$STATE/pg") ;; kafka) dirs=("$STATE/kafka") ;; keycloak) dirs=("$STATE/keycloak") ;;
         *) die "only postgres, kafka, keycloak or all hold local data" ;;
       esac ;;
  esac
  if [[ "${CHARTSTREAM_YES:-}" != 1 && -t 0 ]]; then
    read -r -p "stop ChartStream and delete the local data of '$what' (downloads are kept)? [y/N] " ans
    [[ "$ans" == [yY]* ]] || die "nothing deleted"
  fi
  cmd_down
  local d
  for d in "${dirs[@]}"; do
    rm -rf "$d"
    [[ "$d" == "$STATE/keycloak" ]] && rm -rf "$KC_HOME/data"
  done
  say "deleted local data of: $what; ./chartstream up starts afresh"
}
