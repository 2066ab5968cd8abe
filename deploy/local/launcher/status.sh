# shellcheck shell=bash
# ./chartstream status

cmd_status() {
  printf '%-10s %-7s %-8s %-7s %s\n' PART PORT PID HEALTH WHERE
  local p pid port health where
  for p in "${PARTS[@]}"; do
    port="$(part_port "$p")"; pid="-"; where="local"
    if is_external "$p"; then
      where="external"
      case "$p" in postgres) where="external $PG_URL"; port="$(jdbc_hostport "$PG_URL" | cut -d' ' -f2)" ;;
                   kafka) where="external $KAFKA_URL"; port="${KAFKA_URL##*:}" ;; keycloak) where="external $KC_URL" ;; esac
    else
      pid="$(part_pid "$p" 2>/dev/null)" || pid="-"
      [[ "$pid" == "-" ]] && where="not running"
    fi
    if healthy "$p"; then health="${G}UP${N}  "; else health="${R}DOWN${N}"; fi
    printf '%-10s %-7s %-8s %s    %s\n' "$p" "$port" "$pid" "$health" "$where"
  done
}
