#!/usr/bin/env bash
# Command 1: brings motcua up on this machine — dependencies, Postgres + Redis, build, migrations, demo
# data, then the API and workers (one launcher process) — and prints where everything is.
# Run it again to restart the service with the current code. Stop: npm run down.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PORT="${HTTP_PORT:-3000}"
PID_FILE="$ROOT/.local/motcua.pid"
LOG_FILE="$ROOT/.local/log/motcua.log"

ensure_dependencies
step "starting Postgres and Redis"
bash scripts/services.sh start
build
step "migrating and seeding demo agencies, procedures, users"
node dist/libs/persistence/src/cli/migrate.js
node dist/libs/persistence/src/cli/seed.js | tee "$ROOT/.local/seed-output.txt"

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  step "stopping the previous motcua process ($(cat "$PID_FILE"))"
  MOTCUA_PID_FILE="$PID_FILE" bash scripts/stop-app.sh
fi

step "starting API and workers (log: .local/log/motcua.log)"
mkdir -p "$(dirname "$LOG_FILE")"
nohup node dist/apps/launcher/src/main.js >>"$LOG_FILE" 2>&1 &
echo $! >"$PID_FILE"

printf 'waiting for readiness'
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then echo; echo "motcua exited; last log lines:"; tail -30 "$LOG_FILE"; exit 1; fi
  printf '.'; sleep 0.5
done
echo
if [ -z "${ready:-}" ]; then echo "motcua did not become ready in 60 s; last log lines:"; tail -30 "$LOG_FILE"; exit 1; fi

cat <<INFO

motcua is up.
  API            http://127.0.0.1:$PORT
  API docs       http://127.0.0.1:$PORT/docs          (OpenAPI JSON: /docs-json)
  Readiness      http://127.0.0.1:$PORT/health/ready  (Postgres, Redis and a canary job through a worker)
  Queues UI      http://127.0.0.1:$PORT/admin/queues  (when BULL_BOARD_ENABLED=true; admin token or motcua_access_token cookie)
  Postgres       postgres://motcua:motcua@127.0.0.1:${MOTCUA_PG_PORT:-54329}/motcua
  Redis          redis://127.0.0.1:${MOTCUA_REDIS_PORT:-63799}
  Web console    http://127.0.0.1:$PORT/app           (staff console: desk, inbox, supervision, admin)
  Log            $LOG_FILE
  Stop           npm run down
INFO
echo
echo "Demo users (username, password, role, agency) — demo data only, never in production:"
node -e "for (const line of require('./dist/libs/persistence/src/seed/users.seed.js').demoUserLines()) console.log('  ' + line)"
echo
echo "Try:  curl -s -XPOST http://127.0.0.1:$PORT/auth/login -H 'content-type: application/json' -d '{\"username\":\"desk.anhoa\",\"password\":\"demo-desk-anhoa\"}'"
