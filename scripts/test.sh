#!/usr/bin/env bash
# Command 2: the whole test suite — unit, integration (real Postgres + Redis, real migrations), end-to-end over
# HTTP, the fault suite's quick mode and the browser tests. Starts the local services itself when they are not running.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
set -e
ensure_dependencies
step "starting Postgres and Redis (if not running)"
bash scripts/services.sh start
build
step "installing Chromium for the browser tests (if missing)"
bash scripts/chromium.sh || echo "[chromium] not available: the browser tests will fail"
rm -rf "$ROOT/.local/test-artifacts"
set +e

REPORTS="$ROOT/.local/test-reports"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
failed_tiers=()
TIERS=(unit integration e2e fault browser)
for tier in "${TIERS[@]}"; do
  step "$tier tests"
  # Unit files are pure (no Postgres, no Redis): both cores. Browser files run two at a time: each has its own
  # database (a copy of the template), queue prefix, mailbox folder and HTTP port, and its time is mostly one core's
  # worth of Nest boot, requests and Chromium. e2e files ran two at a time too (CI ~330 s -> ~205 s), but a fresh-clone
  # run then failed calendar-maintenance on unhandled BullMQ "Connection is closed" errors at teardown (seen twice in
  # session 8): e2e is one file at a time again until those teardown errors are handled.
  # Integration, e2e and fault run one file at a time: integration files assert on the cluster-wide visibility horizon
  # (an 'end' subscriber starts behind any transaction open anywhere in the cluster, e.g. in the other worker's
  # database) and on short timing windows (the outbox relay's republish after 1.5 s); the fault world owns the
  # machine's timing for its drain windows.
  config="jest.$tier.config.js"
  case "$tier" in
    unit) extra=(--maxWorkers=2) ;;
    browser) extra=(--maxWorkers=2 --forceExit) ;;
    *) extra=(--runInBand --forceExit) ;;
  esac
  # The fault suite's quick mode (issue 17): the checker's own tests, then every quick fault kind once against its
  # own Postgres, Redis, API and workers (the built launcher). Its full mode stays outside: npm run test:fault:full.
  files=()
  [ "$tier" = fault ] && config=test/fault/jest.fault.config.js && files=(test/fault/checker test/fault/fault-quick)
  started=$(date +%s)
  npx jest -c "$config" "${extra[@]}" --ci --json --outputFile="$REPORTS/$tier.json" "${files[@]}" "$@" ||
    failed_tiers+=("$tier")
  echo "[$tier] $(($(date +%s) - started)) s"
done

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const tier of process.argv.slice(2)) {
    const file = process.argv[1] + "/" + tier + ".json";
    if (!fs.existsSync(file)) { console.log(`${tier}: no report (the runner crashed)`); failed++; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests;
    console.log(`${tier}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numTotalTestSuites} suites`);
  }
  const shots = require("path").join(process.argv[1], "..", "test-artifacts", "screenshots");
  if (fs.existsSync(shots)) {
    console.log(`\nbrowser screenshots (${shots}):`);
    for (const name of fs.readdirSync(shots).sort()) console.log(`  ${name}`);
  }
  const artifacts = require("path").join(process.argv[1], "..", "test-artifacts");
  if (fs.existsSync(artifacts)) {
    for (const name of fs.readdirSync(artifacts).filter((n) => n.endsWith(".md"))) console.log(`report: ${artifacts}/${name}`);
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$REPORTS" "${TIERS[@]}"

if [ ${#failed_tiers[@]} -gt 0 ]; then
  echo "failed tiers: ${failed_tiers[*]}"; exit 1
fi
