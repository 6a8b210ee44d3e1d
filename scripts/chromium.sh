#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/browser, driven by playwright-core): installs the `chromium`
# package when no browser is found, as root or with sudo (like scripts/services.sh does for Postgres/Redis).
# CHROMIUM_PATH points at another Chromium build.
set -euo pipefail
say() { printf '[chromium] %s\n' "$*"; }
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}
say "installing chromium from Debian packages (one-time)"
export DEBIAN_FRONTEND=noninteractive
# Several worktrees on one machine may install at once: apt's own lock is not waited on, this one is.
run() { if command -v flock >/dev/null 2>&1; then flock /tmp/apt.lock "$@"; else "$@"; fi; }
as_root true || { say "not root and no sudo: install chromium by hand (apt-get install chromium)"; exit 1; }
if [ "$(id -u)" -eq 0 ]; then
  run apt-get update -qq >/dev/null || true
  run apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
  run sudo -n apt-get update -qq >/dev/null || true
  run sudo -n apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
command -v chromium >/dev/null 2>&1 || { say "chromium still missing after install"; exit 1; }
