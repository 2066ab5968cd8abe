# shellcheck shell=bash
# ./chartstream load FOLDER [--as CLIENT] [--base URL] [loader options]: loads a folder of FHIR bundles
# (a Synthea output folder) through the gateway with chartstream-loader (see chartstream-loader/README.md).

LOADER_JAR="$ROOT/chartstream-loader/target/chartstream-loader.jar"

loader_stale() {   # the jar is missing or older than the loader's sources, its pom or the root pom
  [[ ! -f "$LOADER_JAR" ]] ||
    [[ -n "$(find "$ROOT/chartstream-loader/src/main" "$ROOT/chartstream-loader/pom.xml" "$ROOT/pom.xml" \
               -newer "$LOADER_JAR" -type f -print -quit 2>/dev/null)" ]]
}

ensure_loader() {
  loader_stale || return 0
  [[ "${CHARTSTREAM_SKIP_BUILD:-}" == 1 && -f "$LOADER_JAR" ]] && return 0
  mkdir -p "$LOGS"
  check_mvn
  step "building chartstream-loader (mvn -DskipTests package) ..."
  # package, not install: the loader needs no other module of this build, and ~/.m2 stays untouched
  if ! (cd "$ROOT" && mvn_q -DskipTests package -pl chartstream-loader) >"$LOGS/build-loader.log" 2>&1; then
    tail -n 25 "$LOGS/build-loader.log" >&2
    die "the loader's build failed (full output: .chartstream/logs/build-loader.log)"
  fi
}

cmd_load() {
  [[ -n "${1:-}" ]] || die "usage: ./chartstream load FOLDER [--as CLIENT] [--base URL] [--no-auth] [--threads N] (./chartstream load --help lists every option)"
  check_java
  ensure_loader
  local progress=(--progress lines)
  if [[ -t 2 ]]; then progress=(--progress bar); fi
  local heap; read -r -a heap <<<"${CHARTSTREAM_LOADER_HEAP:--Xmx2g}"
  # the launcher's endpoints first, so that options given on the command line override them
  "$JAVA" "${heap[@]}" -XX:+UseParallelGC -jar "$LOADER_JAR" \
    --base "http://localhost:$(service_port exchange)/fhir" --keycloak "$KC_URL" "${progress[@]}" "$@"
}
