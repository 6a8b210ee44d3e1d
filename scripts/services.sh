#!/usr/bin/env bash
# Private PostgreSQL and Redis for motcua on loopback, data under .local/ (git-ignored).
#   bash scripts/services.sh start|stop|status|env
# Installs what is missing from Debian packages (postgresql, redis-server) when run as root or with sudo.
# Works as root (Postgres then runs as the 'postgres' system user, since it refuses to run as root) and as
# a normal user. Ports: MOTCUA_PG_PORT (54329), MOTCUA_REDIS_PORT (63799).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
PG_PORT="${MOTCUA_PG_PORT:-54329}"
REDIS_PORT="${MOTCUA_REDIS_PORT:-63799}"
PG_DATA="$LOCAL/postgres"
REDIS_DIR="$LOCAL/redis"
LOG_DIR="$LOCAL/log"

say() { printf '[services] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}

apt_install() {
  say "installing $* from Debian packages (one-time)"
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -f "$LOCAL/.apt-updated" ]; then
    as_root apt-get update -qq >/dev/null || { say "apt-get update failed: install $* by hand"; exit 1; }
    mkdir -p "$LOCAL" && touch "$LOCAL/.apt-updated"
  fi
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null || { say "could not install $*: install it by hand"; exit 1; }
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

ensure_installed() {
  pg_bin >/dev/null || apt_install postgresql
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  # Debian starts its own default instances on install; ours are private, so leave theirs alone.
}

# Run a Postgres binary as the right user.
pg_run() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_ready() { "$(pg_bin)/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; }
redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_postgres() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$LOCAL" "$LOG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$LOG_DIR"
    # The postgres user must be able to reach the data folder.
    local dir="$LOCAL"; while [ "$dir" != "/" ]; do chmod o+x "$dir" 2>/dev/null || true; dir="$(dirname "$dir")"; done
  fi
  if pg_ready; then say "postgres already running on 127.0.0.1:$PG_PORT"; return; fi
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    say "initialising postgres data in $PG_DATA"
    mkdir -p "$PG_DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    local pwfile; pwfile="$(mktemp)"; echo "motcua" >"$pwfile"; chmod 644 "$pwfile"
    pg_run "$bin/initdb" -D "$PG_DATA" -U motcua --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  say "starting postgres on 127.0.0.1:$PG_PORT"
  # Statement statistics for the benches (issue 16) when this Postgres ships the module; the cost is a hash per statement.
  local preload=""
  [ -f "$(dirname "$bin")/lib/pg_stat_statements.so" ] && preload="-c shared_preload_libraries=pg_stat_statements"
  pg_run "$bin/pg_ctl" -D "$PG_DATA" -l "$LOG_DIR/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on $preload" start >/dev/null
  for db in motcua motcua_test; do
    PGPASSWORD=motcua psql -h 127.0.0.1 -p "$PG_PORT" -U motcua -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
      || PGPASSWORD=motcua psql -h 127.0.0.1 -p "$PG_PORT" -U motcua -d postgres -qc "CREATE DATABASE $db" >/dev/null
  done
}

start_redis() {
  mkdir -p "$REDIS_DIR" "$LOG_DIR"
  if redis_ready; then say "redis already running on 127.0.0.1:$REDIS_PORT"; return; fi
  say "starting redis on 127.0.0.1:$REDIS_PORT (AOF everysec, noeviction)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes --dir "$REDIS_DIR" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction --save "" \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$LOG_DIR/redis.log"
  for _ in $(seq 1 50); do redis_ready && return; sleep 0.1; done
  say "redis did not start; see $LOG_DIR/redis.log"; exit 1
}

stop_all() {
  if pg_bin >/dev/null && [ -s "$PG_DATA/postmaster.pid" ]; then
    say "stopping postgres"
    pg_run "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
  fi
  if command -v redis-cli >/dev/null 2>&1 && redis_ready; then
    say "stopping redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  fi
}

case "${1:-start}" in
  start)
    ensure_installed
    start_postgres
    start_redis
    say "ready: DATABASE_URL=postgres://motcua:motcua@127.0.0.1:$PG_PORT/motcua REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    ;;
  stop) stop_all ;;
  status)
    pg_ready && say "postgres up on $PG_PORT" || say "postgres down"
    redis_ready && say "redis up on $REDIS_PORT" || say "redis down"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
