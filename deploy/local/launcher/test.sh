# shellcheck shell=bash
# ./chartstream test

cmd_test() {   # every test: unit and service tests on real PostgreSQL and Kafka, then the system tests on the running exchange
  check_java; check_mvn; ensure_browser; ensure_shellcheck
  step "shellcheck: the launcher and every shell script"
  shellcheck_all
  step "mvn verify (system tests start the exchange with ./chartstream up when it is not running, and stop it after)"
  mvn -B -ntp verify "$@"
}

ensure_shellcheck() {   # Debian's shellcheck, installed like chromium when missing
  command -v shellcheck >/dev/null && return 0
  step "installing Debian's shellcheck"
  local sudo=""; ((EUID == 0)) || sudo="sudo"
  command -v apt-get >/dev/null || die "shellcheck is missing and apt-get is not available: install shellcheck, then run again"
  if ! { $sudo apt-get update -qq >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; }; then
    die "could not install shellcheck; install it (apt-get install shellcheck) and run again"
  fi
}

shellcheck_all() {   # the dispatcher with every file it sources (-x), and the other scripts of the repository
  local scripts=("$ROOT/chartstream" "$ROOT/.ci/run")
  while IFS= read -r f; do
    [[ "$f" == deploy/local/launcher/* ]] || scripts+=("$ROOT/$f")
  done < <(cd "$ROOT" && git ls-files '*.sh' 2>/dev/null)
  (cd "$ROOT" && shellcheck -x "${scripts[@]}") || die "shellcheck found problems (above); fix them"
}
