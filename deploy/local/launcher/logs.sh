# shellcheck shell=bash
# ./chartstream logs

cmd_logs() {
  local p; p="$(require_part "${1:-}")"
  [[ -f "$LOGS/$p.log" ]] || die "no log for $p yet (.chartstream/logs/$p.log); start it with ./chartstream up"
  exec tail -n 200 -F "$LOGS/$p.log"
}
