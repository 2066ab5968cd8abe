# shellcheck shell=bash
# ./chartstream topics

cmd_topics() {
  prepare; ensure_tools
  healthy kafka || die "Kafka does not answer at $KAFKA_URL; start it with ./chartstream up"
  admin_tool list-topics "$KAFKA_URL"
}
