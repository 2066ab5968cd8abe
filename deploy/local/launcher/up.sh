# shellcheck shell=bash
# ./chartstream up

cmd_up() {
  prepare
  local t0=$SECONDS
  check_ports "${PARTS[@]}"
  check_external
  local todo=() s
  for s in "${SERVICES[@]}"; do running "$s" || todo+=("$s"); done
  ((${#todo[@]} == 0)) || build_services "${todo[@]}"

  # PostgreSQL
  if is_external postgres; then
    step "PostgreSQL: external, $PG_URL"
  elif running postgres; then
    step "PostgreSQL: already running (port $PG_PORT)"
  else
    step "PostgreSQL: starting on port $PG_PORT"
    start_postgres
  fi
  # Kafka
  if is_external kafka; then
    step "Kafka: external, $KAFKA_URL"
  elif running kafka; then
    step "Kafka: already running (port $KAFKA_PORT)"
  else
    step "Kafka: starting on port $KAFKA_PORT"
    start_kafka
  fi
  # Keycloak (starts in the background while topics and databases are prepared)
  if is_external keycloak; then
    step "Keycloak: external, $KC_URL"
  elif running keycloak; then
    step "Keycloak: already running (port $KEYCLOAK_PORT)"
  else
    step "Keycloak: starting on port $KEYCLOAK_PORT"
    start_keycloak
  fi

  wait_for postgres 60
  wait_for kafka 90
  ensure_databases_and_topics
  write_endpoints
  local t=$SECONDS
  wait_for keycloak 900
  ((SECONDS - t > 3)) && say "  Keycloak ready after $((SECONDS - t))s more"

  for s in "${SERVICES[@]}"; do
    if running "$s"; then
      step "$s-service: already running (port $(service_port "$s"))"
    else
      step "$s-service: starting on port $(service_port "$s")"
      start_service "$s"
    fi
  done
  for s in "${SERVICES[@]}"; do wait_for "$s" 600; done
  say "${G}all parts are up${N} ($((SECONDS - t0))s)"

  local demo_rc=0
  if [[ -x "$DEPLOY/demo/load-demo.sh" && "${CHARTSTREAM_SKIP_DEMO:-}" != 1 ]]; then
    step "loading demo data (deploy/demo/load-demo.sh)"
    # A helper the loader leaves running (e.g. a demo webhook receiver) is stopped by 'down' when the
    # loader writes its process-group id to $CHARTSTREAM_RUN_DIR/<name>.pid and it keeps CHARTSTREAM_HOME.
    CHARTSTREAM_PG_URL="$PG_URL" CHARTSTREAM_PG_USER="$DB_USER" CHARTSTREAM_PG_PASSWORD="$DB_PASSWORD" \
      KAFKA_BOOTSTRAP_SERVERS="$KAFKA_URL" KEYCLOAK_URL="$KC_URL" CHARTSTREAM_HOME="$ROOT" CHARTSTREAM_RUN_DIR="$RUN" \
      CHARTSTREAM_LOG_DIR="$LOGS" CHARTSTREAM_PORTAL_URL="http://localhost:$(service_port portal)" \
      CHARTSTREAM_PATIENT_SERVICE_URL="http://localhost:$(service_port patient)" \
      CHARTSTREAM_CLINICAL_SERVICE_URL="http://localhost:$(service_port clinical)" \
      CHARTSTREAM_GATEWAY_URL="http://localhost:$(service_port exchange)" \
      "$DEPLOY/demo/load-demo.sh" || { demo_rc=$?; warn "demo data loading failed (exit $demo_rc); the services are running"; }
  fi
  print_welcome
  return "$demo_rc"
}
