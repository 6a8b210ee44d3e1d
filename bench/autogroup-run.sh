#!/usr/bin/env bash
# usage (inside the bench lane): /work/wt/bench-run.sh bench/autogroup-run.sh <command...>
# Why: the kernel runs with sched_autogroup_enabled=1: every session (each job, and each
# Postgres backend, which calls setsid) is its own autogroup, and a process's nice acts only inside its autogroup,
# so bench-run.sh's renice does not give the bench priority over other people's nice-19 jobs. For the run, raise
# the autogroup of this command and its descendants, of this worktree's Redis, of its postmaster and of every
# backend (polled every 0.5 s with one ps, new backends included) to nice $AG_NICE (default -20); back to 0 after.
set -uo pipefail
n="${AG_NICE:--20}"
pm=$(head -1 .local/postgres/postmaster.pid)
rp=$(redis-cli -p "$MOTCUA_REDIS_PORT" info server | sed -n 's/^process_id:\([0-9]*\).*/\1/p' | tr -d '\r')
ours() { ps -e -o pid=,ppid= | awk -v roots="$$ $pm" -v extra="$rp" '
  { parent[$1] = $2 } END {
    split(roots, r, " "); for (i in r) mine[r[i]] = 1; mine[extra] = 1
    do { added = 0; for (p in parent) if (!(p in mine) && (parent[p] in mine) && parent[p] != 1) { mine[p] = 1; added = 1 } } while (added)
    for (p in mine) print p }'; }
raise() { local p; for p in $(ours); do
  { grep -q "nice $1\$" "/proc/$p/autogroup" || echo "$1" > "/proc/$p/autogroup"; } 2>/dev/null; done; }
( while kill -0 $$ 2>/dev/null; do raise "$n"; sleep 0.5; done ) &
poller=$!
raise "$n"; echo "[autogroup] nice $n: $(cat /proc/$$/autogroup), postmaster $(cat /proc/$pm/autogroup)"
"$@"; rc=$?
kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null
raise 0; echo "[autogroup] restored to 0"
exit $rc
