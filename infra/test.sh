#!/usr/bin/env bash
# `npm test`: brings up what the tests need (PostgreSQL, a local Kafka broker), then lint, typecheck, the printed
# schema check and every test. CI (.ci/run) calls exactly this.
set -uo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm install --no-audit --no-fund

bash infra/postgres/ensure.sh || exit 1
# Test databases left by an interrupted run (each test file makes its own cspr_t_*); one in use is not dropped.
for stale in $(psql -h 127.0.0.1 -U postgres -d postgres -Atc "select datname from pg_database where datname like 'cspr\_t\_%'" 2>/dev/null); do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists \"$stale\"" >/dev/null 2>&1 || true
done

# The browser tests drive Debian's Chromium (no downloaded browsers); installs it once if missing.
bash services/web/ensure-chromium.sh || { echo "Could not install Chromium for the browser tests." >&2; exit 1; }

kafka_started_here=false
if ! bash infra/kafka/kafka.sh status >/dev/null 2>&1; then
  bash infra/kafka/kafka.sh start || { echo "Could not start the local Kafka broker (see infra/kafka/.run/)." >&2; exit 1; }
  kafka_started_here=true
fi
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
stop_kafka() { if $kafka_started_here; then bash infra/kafka/kafka.sh stop >/dev/null 2>&1 || true; fi; }

# Keycloak: the sign-in journeys through a provider that is not ours (services/platform/src/sign-in/
# keycloak-sign-in.e2e.spec.ts). On by default: it starts in the background while lint and typecheck run, so its
# start (40-90 s warm on 2 busy cores, 100 s the first time on a machine: a 160 MB download kept in ~/.m2 and
# unpacked in infra/keycloak/.cache, then Quarkus's build) is mostly hidden. Without a Java 21+ JDK the journeys are skipped, saying why.
# CSPR_KEYCLOAK=0 leaves it off; CSPR_KEYCLOAK=1 makes a missing JDK a failure instead of a skip.
keycloak_started_here=false
keycloak_start_pid=
keycloak_wanted=${CSPR_KEYCLOAK:-auto}
if [ "$keycloak_wanted" != "0" ]; then
  if bash infra/keycloak/keycloak.sh status >/dev/null 2>&1; then
    export KEYCLOAK_URL=${KEYCLOAK_URL:-http://127.0.0.1:18080} KEYCLOAK_WEB_PORT=4555
  elif why=$(bash infra/keycloak/keycloak.sh check); then
    mkdir -p infra/keycloak/.run
    KEYCLOAK_WEB_URL=http://localhost:4555 bash infra/keycloak/keycloak.sh start >infra/keycloak/.run/start.log 2>&1 &
    keycloak_start_pid=$!
    keycloak_started_here=true
  elif [ "$keycloak_wanted" = "1" ]; then
    echo "CSPR_KEYCLOAK=1 but Keycloak cannot run here: $why" >&2
    exit 1
  else
    echo "Skipping the Keycloak sign-in journeys: $why (CSPR_KEYCLOAK=0 hides this message)."
  fi
fi
# Called just before the tests: the journeys run only against a Keycloak that answered.
await_keycloak() {
  [ -n "$keycloak_start_pid" ] || return 0
  if wait "$keycloak_start_pid"; then
    export KEYCLOAK_URL=${KEYCLOAK_URL:-http://127.0.0.1:18080} KEYCLOAK_WEB_PORT=4555
    tail -1 infra/keycloak/.run/start.log
  else
    # Java is here, so a Keycloak that does not start is a fault to see, not a journey to skip quietly.
    echo "Could not start Keycloak (see infra/keycloak/.run/start.log)." >&2
    tail -5 infra/keycloak/.run/start.log >&2
    status=1
  fi
}
stop_services() {
  stop_kafka
  if $keycloak_started_here; then bash infra/keycloak/keycloak.sh stop >/dev/null 2>&1 || true; fi
}
trap stop_services EXIT

status=0
step() { echo; echo "== $1"; shift; "$@" || status=1; }

step "lint (dependency direction and style)" npx eslint .
step "format (prettier, printWidth 120)" npx prettier --check . --log-level warn
step "README configuration table is printed from @cspr/config" npm run --silent config:table -- --check
step "typecheck" npx turbo run typecheck --output-logs=errors-only
step "schema.graphql is printed from the code" npm run --silent schema:check
step "deployment files (not runnable here: checked for shape)" python3 infra/deploy/validate.py
mkdir -p .turbo
await_keycloak
step "tests" npx vitest run --reporter=default --reporter=json --outputFile=.turbo/vitest-results.json
node infra/test-summary.mjs .turbo/vitest-results.json || status=1
exit $status
