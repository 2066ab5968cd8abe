#!/usr/bin/env bash
# Ingest benchmark, side by side in one run: the same folder of FHIR bundles (a Synthea output
# folder) loaded through ChartStream's gateway and into another FHIR server (a HAPI FHIR JPA
# server, say) with the same loader and the same number of threads, one after the other.
#
#   deploy/local/bench/ingest-side-by-side.sh FOLDER --peer URL [--threads N]
#
# ChartStream must be running (./chartstream up) on a fresh or reset database; the peer at URL
# must accept unauthenticated FHIR transactions. ChartStream's window ends when the last
# transaction was answered AND every projection of the exchange (the organizations' views and
# feeds, the audit trail) has caught up (lag 0 on /admin/projections); the peer's when its last
# transaction was answered. Prints entries/s of each, and the CPU seconds of each ChartStream
# process (and of PEER_PID, when set, for the peer).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CS="$ROOT/chartstream"

usage() { echo "usage: $0 FOLDER --peer URL [--threads N]" >&2; exit 2; }
[[ $# -ge 3 ]] || usage
folder="$1"; shift
peer=""; threads=4
while [[ $# -gt 0 ]]; do
  case "$1" in
    --peer) peer="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ -n "$peer" ]] || usage
[[ -d "$folder" ]] || { echo "no folder $folder" >&2; exit 2; }

run_dir="$ROOT/.chartstream/run"
now() { date +%s.%N; }
cpu_of() {   # utime+stime (clock ticks) of a process and its children (PostgreSQL's backends)
  local pid="$1" total=0 p
  for p in "$pid" $(pgrep -P "$pid" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
postgres_pid() { pgrep -f "postgres -D $ROOT/.chartstream/pg/data" | head -1; }
snapshot() {   # name ticks, for every ChartStream process, PostgreSQL and the peer
  local f name
  for f in "$run_dir"/*.pid; do
    name="$(basename "$f" .pid)"
    [[ -r "/proc/$(cat "$f")/stat" ]] && echo "$name $(cpu_of "$(cat "$f")")"
  done
  local pg; pg="$(postgres_pid)"; [[ -n "$pg" ]] && echo "postgres $(cpu_of "$pg")"
  [[ -n "${PEER_PID:-}" ]] && echo "peer $(cpu_of "$PEER_PID")"
  return 0
}
cpu_table() {   # the difference of two snapshots, in seconds
  join <(sort "$1") <(sort "$2") | awk -v hz="$(getconf CLK_TCK)" \
    '{ s = ($3 - $2) / hz; if (s > 0.05) printf "  %-18s %7.1f s CPU\n", $1, s }'
}
lagging() {   # the summed lag of the exchange's projections ("" when it cannot be read)
  curl -sf -H "Authorization: Bearer $("$CS" token admin)" "http://localhost:8083/admin/projections" |
    grep -o '"lag":[0-9]*' | awk -F: '{ s += $2 } END { print s + 0 }'
}
load() {   # load FOLDER with the loader's extra options; prints "loaded seconds"
  local out; out="$(mktemp)"
  local t0 t1
  t0="$(now)"
  "$CS" load "$folder" --threads "$threads" "$@" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  t1="$(now)"
  grep -E '^(entries|refused|elapsed):' "$out" >&2
  local loaded; loaded="$(grep -oE '^entries: [0-9,]+ loaded' "$out" | grep -oE '[0-9,]+' | tr -d ,)"
  rm -f "$out"
  echo "$loaded $(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
}

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "== ChartStream ($threads threads) =="
snapshot >"$tmp/cs0"
t0="$(now)"
read -r cs_loaded cs_answered < <(load)
for ((i = 0; ; i++)); do
  lag="$(lagging || true)"
  [[ "$lag" == 0 ]] && break
  ((i < 1200)) || { echo "the exchange's projections did not catch up within 10 minutes (lag: ${lag:-unreadable})" >&2; exit 1; }
  sleep 0.5
done
t1="$(now)"
snapshot >"$tmp/cs1"
cs_wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
cpu_table "$tmp/cs0" "$tmp/cs1"

echo "== peer $peer ($threads threads) =="
snapshot >"$tmp/p0"
read -r p_loaded p_wall < <(load --no-auth --base "$peer")
snapshot >"$tmp/p1"
cpu_table "$tmp/p0" "$tmp/p1" | grep -E "^  peer " || true

echo
awk -v cl="$cs_loaded" -v cw="$cs_wall" -v ca="$cs_answered" -v pl="$p_loaded" -v pw="$p_wall" 'BEGIN {
  printf "%-12s %10s %12s %12s\n", "server", "entries", "window (s)", "entries/s"
  printf "%-12s %10d %12.1f %12.0f   (last answer after %.1f s, views caught up after %.1f s)\n", "ChartStream", cl, cw, cl / cw, ca, cw
  printf "%-12s %10d %12.1f %12.0f\n", "peer", pl, pw, pl / pw
  printf "ratio ChartStream / peer: %.2f\n", (cl / cw) / (pl / pw)
}'
