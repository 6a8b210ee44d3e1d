#!/usr/bin/env bash
# Stops the motcua process that `npm run up` started (pid in .local/motcua.pid): SIGTERM, then waits for its
# graceful shutdown (bounded by SHUTDOWN_TIMEOUT_MS, 10 s by default, after which the process exits by itself);
# SIGKILL only if it is somehow still there a few seconds past that bound. MOTCUA_PID_FILE overrides the file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PID_FILE="${MOTCUA_PID_FILE:-$ROOT/.local/motcua.pid}"
BOUND_MS="${SHUTDOWN_TIMEOUT_MS:-10000}"

[ -s "$PID_FILE" ] || exit 0
pid="$(cat "$PID_FILE")"
# Only a node process we started: a stale pid file may name an unrelated process by now.
if ! kill -0 "$pid" 2>/dev/null || ! grep -q "node" "/proc/$pid/cmdline" 2>/dev/null; then
  rm -f "$PID_FILE"
  exit 0
fi
printf '[app] stopping motcua (pid %s)\n' "$pid"
kill -TERM "$pid" 2>/dev/null || true
deadline=$(( $(date +%s%N) / 1000000 + BOUND_MS + 5000 ))
while kill -0 "$pid" 2>/dev/null; do
  if [ "$(( $(date +%s%N) / 1000000 ))" -ge "$deadline" ]; then
    printf '[app] still running %s ms after SIGTERM: SIGKILL\n' "$(( BOUND_MS + 5000 ))"
    kill -KILL "$pid" 2>/dev/null || true
    break
  fi
  sleep 0.1
done
rm -f "$PID_FILE"
printf '[app] stopped\n'
