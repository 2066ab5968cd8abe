#!/usr/bin/env bash
# Called by './chartstream up' once every part is ready: starts the demo hospital's webhook
# receiver (st-marys-hospital, http://localhost:8090/) and loads the demo record through the
# gateway. Safe to run again: every write carries a fixed Idempotency-Key.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="${CHARTSTREAM_RUN_DIR:-$HERE/../../.chartstream/run}"
LOG_DIR="${CHARTSTREAM_LOG_DIR:-$HERE/../../.chartstream/logs}"
PORT="${CHARTSTREAM_WEBHOOK_PORT:-8090}"
mkdir -p "$RUN_DIR" "$LOG_DIR"

if ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "  starting the demo webhook receiver of st-marys-hospital on http://localhost:$PORT/"
  CHARTSTREAM_HOME="${CHARTSTREAM_HOME:-}" setsid java -Xmx64m "$HERE/WebhookReceiver.java" "$PORT" \
    "${CHARTSTREAM_DEMO_WEBHOOK_SECRET:-demo-webhook-secret}" "$LOG_DIR/webhook-received.txt" >"$LOG_DIR/webhook-receiver.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/webhook-receiver.pid"
fi
java -Ddemo.dir="$HERE" "$HERE/DemoLoader.java"
