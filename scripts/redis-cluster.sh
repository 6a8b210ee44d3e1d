#!/usr/bin/env bash
# A local Redis Cluster for motcua: 3 masters + 3 replicas (redis-server in cluster mode) on loopback, data under
# .local/redis-cluster/<port> (git-ignored).
#   bash scripts/redis-cluster.sh start|stop|status|env
# Ports: MOTCUA_REDIS_CLUSTER_PORT (63830) .. +5 for clients; each node's cluster bus on its port - 10000 (the
# default port + 10000 would pass 65535). Installs redis-server from Debian when missing (as root or with sudo).
# Then run the services with the printed settings, e.g.:
#   eval "$(bash scripts/redis-cluster.sh env)" && npm run start:dev
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
BASE="${MOTCUA_REDIS_CLUSTER_PORT:-63830}"
DIR="$LOCAL/redis-cluster"
PORTS=()
for i in 0 1 2 3 4 5; do PORTS+=("$((BASE + i))"); done

say() { printf '[redis-cluster] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}

ensure_installed() {
  command -v redis-server >/dev/null 2>&1 && return
  say "installing redis-server from Debian packages (one-time)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null && as_root apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
    || { say "could not install redis-server: install it by hand"; exit 1; }
}

cli() { local port="$1"; shift; redis-cli -h 127.0.0.1 -p "$port" "$@"; }
node_up() { cli "$1" ping 2>/dev/null | grep -q PONG; }
nodes_setting() { local IFS=,; local list=(); for p in "${PORTS[@]}"; do list+=("127.0.0.1:$p"); done; echo "${list[*]}"; }

healthy() {
  local port
  for port in "${PORTS[@]}"; do
    cli "$port" cluster info 2>/dev/null | grep -q 'cluster_state:ok' || return 1
  done
}

start_node() {
  local port="$1" dir="$DIR/$1"
  mkdir -p "$dir"
  if node_up "$port"; then say "node $port already running"; return; fi
  # Same node options as test/support/redis-cluster.ts (the harness's cluster): keep the two alike.
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes --dir "$dir" \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-port "$((port - 10000))" \
    --cluster-node-timeout 2000 --cluster-replica-validity-factor 0 \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction --save "" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
}

start() {
  ensure_installed
  local port
  for port in "${PORTS[@]}"; do start_node "$port"; done
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 100); do node_up "$port" && break; sleep 0.1; done
    node_up "$port" || { say "node $port did not start; see $DIR/$port/redis.log"; exit 1; }
  done
  if cli "${PORTS[0]}" cluster info | grep -q 'cluster_slots_assigned:0'; then
    say "creating the cluster (3 masters, 1 replica each)"
    local args=(); for port in "${PORTS[@]}"; do args+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${args[@]}" --cluster-replicas 1 --cluster-yes >"$DIR/create.log" 2>&1 \
      || { say "cluster create failed; see $DIR/create.log"; exit 1; }
  fi
  for _ in $(seq 1 300); do healthy && break; sleep 0.2; done
  healthy || { say "cluster not ok after 60 s (redis-cli -p ${PORTS[0]} cluster info)"; exit 1; }
  say "ready: REDIS_CLUSTER_NODES=$(nodes_setting) (use QUEUE_PREFIX={motcua})"
}

stop() {
  local port
  for port in "${PORTS[@]}"; do
    if node_up "$port"; then cli "$port" shutdown nosave >/dev/null 2>&1 || true; fi
  done
  say "stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status)
    for port in "${PORTS[@]}"; do
      if node_up "$port"; then say "node $port up ($(cli "$port" role | head -1))"; else say "node $port down"; fi
    done
    healthy && say "cluster_state ok" || say "cluster not ok"
    ;;
  env) echo "export REDIS_CLUSTER_NODES=$(nodes_setting) QUEUE_PREFIX='{motcua}'" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
