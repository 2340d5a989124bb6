#!/usr/bin/env bash
# A real Keycloak (an identity provider that is not ours) for the sign-in test of the production path.
#
#   bash infra/keycloak/keycloak.sh start|stop|status|check
#
# The distribution comes from Maven Central through `mvn` (org.keycloak:keycloak-quarkus-dist, tar.gz, 160 MB) and
# is cached in infra/keycloak/.cache (git-ignored, like the Kafka download). It runs in dev mode (dev-file
# database, plain HTTP) on a local port with the realm in realm-cspr.json imported afresh at every start: the
# confidential client `cspr-web`, test users for several roles, and protocol mappers that put an organisation id
# (`organisation.id`, as DfE Sign-in sends it) and roles (`roles`, as Entra ID app roles) into the tokens.
# `check` says whether this machine can run it (a Java 21+ JDK, and Maven unless the download is cached).
#
# Measured on a 2-core machine shared with other builds: first start (download + Quarkus build + start) 100 s; a
# warm start (cached, built, realm unchanged) 42 s at load 5, 65-90 s at load 20; a changed realm adds the schema.
#
# Environment (defaults in brackets):
#   KEYCLOAK_PORT          HTTP port on 127.0.0.1 [18080]
#   KEYCLOAK_VERSION       keycloak-quarkus-dist version [26.5.6]
#   KEYCLOAK_WEB_URL       the web app's address, allowed as redirect [http://localhost:4000]
#   JAVA_HOME              a Java 21+ JDK [the newest under /usr/lib/jvm with java >= 21]
#   KEYCLOAK_START_TIMEOUT seconds to wait for the realm to answer [420; the first start builds Quarkus, ~100 s]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="${KEYCLOAK_VERSION:-26.5.6}"
PORT="${KEYCLOAK_PORT:-18080}"
CACHE="$HERE/.cache"
DIST="$CACHE/keycloak-$VERSION"
RUN="$HERE/.run/$PORT"
PID_FILE="$RUN/keycloak.pid"
LOG_FILE="$RUN/keycloak.out"
REALM_URL="http://127.0.0.1:$PORT/realms/cspr/.well-known/openid-configuration"

log() { echo "keycloak: $*" >&2; }

java_21_plus() { [[ -x "$1/bin/java" ]] && "$1/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; }

find_java_home() {
  if [[ -n "${JAVA_HOME:-}" ]] && java_21_plus "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -r); do
    if java_21_plus "${jdk%/}"; then echo "${jdk%/}"; return 0; fi
  done
  return 1
}

java_home() {
  find_java_home || { log "no Java 21+ JDK under /usr/lib/jvm (Keycloak 26 needs one); set JAVA_HOME"; exit 1; }
}

# Exit 0 when start can work here; otherwise say what is missing (infra/test.sh prints it as the skip reason).
check() {
  if ! find_java_home >/dev/null; then echo "no Java 21+ JDK (set JAVA_HOME or install one under /usr/lib/jvm)"; return 3; fi
  if [[ ! -f "$DIST/.complete" ]] && ! command -v mvn >/dev/null; then echo "Maven (mvn) is needed to fetch Keycloak once"; return 3; fi
  return 0
}

fetch() {
  if [[ -f "$DIST/.complete" ]]; then return 0; fi
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.fetch.lock"
  flock 9
  if [[ -f "$DIST/.complete" ]]; then flock -u 9; return 0; fi
  command -v mvn >/dev/null || { log "mvn not found: install Maven"; exit 1; }
  log "fetching org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz from Maven Central (once)"
  mvn -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz" -DoutputDirectory="$CACHE" -Dmdep.overWriteIfNewer=true
  rm -rf "$DIST" && mkdir -p "$DIST"
  tar -xzf "$CACHE/keycloak-quarkus-dist-$VERSION.tar.gz" -C "$DIST" --strip-components=1
  # Maven keeps its own copy in ~/.m2; the unpacked folder is all that runs.
  rm -f "$CACHE/keycloak-quarkus-dist-$VERSION.tar.gz"
  touch "$DIST/.complete"
  flock -u 9
}

running() { [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  if running; then log "already running on $PORT"; return 0; fi
  fetch
  local jh; jh="$(java_home)"
  mkdir -p "$RUN" "$DIST/data/import"
  # The realm names the web app's callback: written from the template into the folder --import-realm reads.
  local realm="$DIST/data/import/realm-cspr.json"
  sed "s#__WEB_URL__#${KEYCLOAK_WEB_URL:-http://localhost:4000}#g" "$HERE/realm-cspr.json" > "$realm.new"
  # An existing realm is never imported over, so a changed realm file (new users, another web address) starts
  # from an empty database; an unchanged one keeps it, which saves creating the schema (about 15 s).
  if ! cmp -s "$realm.new" "$realm"; then rm -rf "$DIST/data/h2"; fi
  mv "$realm.new" "$realm"
  log "starting Keycloak $VERSION on 127.0.0.1:$PORT (JAVA_HOME=$jh)"
  local started=$SECONDS
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin JAVA_HOME="$jh" \
    JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    setsid "$DIST/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" --db=dev-file \
    --import-realm \
    >"$LOG_FILE" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  local deadline=$((SECONDS + ${KEYCLOAK_START_TIMEOUT:-420}))
  until curl -sf "$REALM_URL" >/dev/null; do
    if ! running; then log "Keycloak exited; see $LOG_FILE"; tail -20 "$LOG_FILE" >&2; exit 1; fi
    if (( SECONDS > deadline )); then log "no answer after ${KEYCLOAK_START_TIMEOUT:-420}s; see $LOG_FILE"; exit 1; fi
    sleep 2
  done
  log "realm cspr ready after $((SECONDS - started)) s: http://127.0.0.1:$PORT/realms/cspr"
}

stop() {
  if ! running; then log "not running"; rm -f "$PID_FILE"; return 0; fi
  local pid; pid="$(cat "$PID_FILE")"
  kill -- "-$pid" 2>/dev/null || kill "$pid"
  for _ in $(seq 1 30); do running || break; sleep 1; done
  running && kill -9 -- "-$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  check) check ;;
  status) if running && curl -sf "$REALM_URL" >/dev/null; then echo "keycloak: running on $PORT"; else echo "keycloak: not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status|check" >&2; exit 2 ;;
esac
