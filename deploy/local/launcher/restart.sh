# shellcheck shell=bash
# ./chartstream restart

cmd_restart() {
  local p; p="$(require_part "${1:-}")"
  prepare
  is_external "$p" && die "$p is external (set by environment); restart it where it runs"
  # services reuse the endpoints of the running infrastructure
  if is_service "$p" && [[ -f "$RUN/endpoints.env" ]]; then
    local k v; while IFS='=' read -r k v; do
      case "$k" in CHARTSTREAM_PG_URL) PG_URL="$v" ;; KAFKA_BOOTSTRAP_SERVERS) KAFKA_URL="$v" ;; KEYCLOAK_URL) KC_URL="$v" ;; esac
    done <"$RUN/endpoints.env"
  fi
  case "$p" in
    postgres)
      if running postgres; then
        ensure_pg_bin; pg_os_user
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || true
      fi
      check_ports postgres; step "starting postgres"; start_postgres; wait_for postgres 60; ensure_databases ;;
    kafka)    stop_group kafka 60; check_ports kafka; step "starting kafka"; start_kafka; wait_for kafka 90; ensure_topics ;;
    keycloak) stop_group keycloak 30; check_ports keycloak; step "starting keycloak"; start_keycloak; wait_for keycloak 900 ;;
    *)
      stop_group "$p" 30
      build_services "$p"
      check_ports "$p"; step "starting $p-service"; start_service "$p"; wait_for "$p" 600 ;;
  esac
  say "${G}$p is up${N}"
}
