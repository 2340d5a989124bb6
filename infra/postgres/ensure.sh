#!/usr/bin/env bash
# Makes sure the PostgreSQL server the tests use is up (127.0.0.1:5432, trust auth, user postgres).
# On the project's machines it is a Debian cluster started before the session; if it stopped, start it again.
set -euo pipefail
HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}
if pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "PostgreSQL not answering on $HOST:$PORT; starting cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
for _ in $(seq 1 60); do
  pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null && exit 0
  sleep 1
done
echo "PostgreSQL is not reachable on $HOST:$PORT. Start a server there (trust auth for user postgres) or set PGHOST/PGPORT." >&2
exit 1
