# shellcheck shell=bash
# ./chartstream help
usage() {
  cat <<EOF
usage: ./chartstream COMMAND

  up              start PostgreSQL, Kafka, Keycloak and the four services (each only if not running)
  down            stop everything this launcher started
  status          each part with port, pid and health
  logs NAME       follow one part's log (.chartstream/logs/NAME.log)
  restart NAME    restart one part (a service is rebuilt first when its sources changed)
  token NAME      print an access token: a demo user (password grant), an org system client
                  (riverside-clinic-system ...) or chartstream-exchange (client credentials)
  topics          list the Kafka topics (partitions, retention.ms)
  reset [PART]    stop everything and delete local data of postgres, kafka, keycloak or all (keeps downloads)
  test            run every test (installs Debian's chromium for the browser test when missing)
  rebuild SERVICE PROJECTION   rebuild a view from the log, printing progress (e.g. rebuild exchange org-views)
  audit-verify [USER]  prove the audit trail intact or name the first record changed, removed or
                  inserted (as the demo auditor audrey unless USER is given)
  load FOLDER [--as CLIENT] [--base URL]   load a folder of FHIR bundles (a Synthea output folder)
                  through the gateway as an org system (default riverside-clinic-system), with
                  progress and a summary of refusals; --no-auth --base URL loads a plain FHIR
                  server; ./chartstream load --help lists every option
  help            this text

parts: ${PARTS[*]}
environment: CHARTSTREAM_PG_URL, CHARTSTREAM_PG_USER, CHARTSTREAM_PG_PASSWORD, KAFKA_BOOTSTRAP_SERVERS,
  KEYCLOAK_URL (use external parts); CHARTSTREAM_PG_PORT, CHARTSTREAM_KAFKA_PORT, CHARTSTREAM_KEYCLOAK_PORT,
  CHARTSTREAM_<SERVICE>_PORT (move local ports). More in docs/running.md.
EOF
}
