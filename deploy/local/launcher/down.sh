# shellcheck shell=bash
# ./chartstream down

cmd_down() {
  mkdir -p "$RUN"
  local s stopped=0
  for s in "${SERVICES[@]}"; do
    if running "$s"; then say "stopping $s-service"; stopped=1; fi
  done
  # services stop in parallel
  local pids=()
  for s in "${SERVICES[@]}"; do stop_group "$s" 30 & pids+=($!); done
  wait "${pids[@]}" 2>/dev/null || true
  # helpers started by deploy/demo/load-demo.sh that registered a pid file (see cmd_up)
  local f name pid
  for f in "$RUN"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    canonical_part "$name" >/dev/null && continue
    pid="$(cat "$f" 2>/dev/null)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
       tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "CHARTSTREAM_HOME=$ROOT"; then
      say "stopping $name"; stopped=1
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      local i; for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  if running keycloak; then say "stopping keycloak"; stopped=1; fi
  stop_group keycloak 30
  if running kafka; then say "stopping kafka"; stopped=1; fi
  stop_group kafka 60
  if running postgres; then
    say "stopping postgres"; stopped=1
    ensure_pg_bin_quiet
    pg_os_user
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || {
      local pid; pid="$(part_pid postgres)" && { warn "pg_ctl stop failed; killing postgres"; kill -KILL "$pid" 2>/dev/null || true; }
    }
  fi
  rm -f "$RUN/endpoints.env"
  if ((stopped)); then say "${G}stopped${N}"; else say "nothing of ChartStream's was running"; fi
}
