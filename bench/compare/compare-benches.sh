#!/usr/bin/env bash
# Same-run comparison of the read-side and timer benchmarks between two checkouts (issue 9, acceptance 5).
# usage: bench/compare/compare-benches.sh <baseline checkout> <candidate checkout> <output dir> [rounds] [benches...]
# Each checkout runs its own bench files against the same Postgres/Redis (DATABASE_URL / REDIS_URL of the caller);
# the two sides alternate (ABBA over rounds; COMPARE_FIRST_ROUND=2 continues the order in a later run), and every
# run's report, duration and load average are kept in <output dir>. No nice inside: run it through the machine's
# bench lane (/work/wt/bench-run.sh), which sets the priority of the run and of the worktree's Postgres and Redis.
# bench/compare/compare-reports.js turns them into a ratio table.
set -euo pipefail
base="$1"; candidate="$2"; out="$3"; rounds="${4:-1}"; shift $(( $# < 4 ? $# : 4 ))
benches=("$@"); [ ${#benches[@]} -gt 0 ] || benches=(inbox-listing late-list timer-lateness)
mkdir -p "$out"
first="${COMPARE_FIRST_ROUND:-1}" # a later lane run can continue the ABBA order: COMPARE_FIRST_ROUND=2
for round in $(seq "$first" $(( first + rounds - 1 ))); do
  if (( round % 2 == 1 )); then order=(base candidate); else order=(candidate base); fi
  for bench in "${benches[@]}"; do
    for side in "${order[@]}"; do
      dir="$base"; [ "$side" = candidate ] && dir="$candidate"
      start=$(date +%s); load_before=$(cut -d' ' -f1-3 /proc/loadavg)
      echo "[compare] round $round $bench $side ($(git -C "$dir" rev-parse --short HEAD)) load $load_before"
      ( cd "$dir" && npx jest -c bench/jest.config.js --runInBand --forceExit "bench/$bench.bench.ts" ) \
        > "$out/$round-$bench-$side.log" 2>&1 || echo "[compare] FAILED: see $out/$round-$bench-$side.log"
      cp "$dir/bench/reports/$bench.md" "$out/$round-$bench-$side.md" 2>/dev/null || true
      git -C "$dir" checkout -q -- "bench/reports/$bench.md" 2>/dev/null || true
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$bench" "$side" "$(git -C "$dir" rev-parse --short HEAD)" \
        "$(( $(date +%s) - start ))" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/runs.tsv"
    done
  done
done
