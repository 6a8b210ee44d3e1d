# Shared helpers for scripts/up.sh and scripts/test.sh.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
step() { printf '\n==> %s\n' "$*"; }

# Installs npm dependencies when node_modules is missing or older than the lockfile.
ensure_dependencies() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js 20 is required (not found on PATH)" >&2; exit 1
  fi
  local major; major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then echo "Node.js >= 20 is required (found $(node --version))" >&2; exit 1; fi
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    step "installing npm dependencies (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Compiles unless nothing it reads changed since the last successful build (e.g. `npm test` right after `npm run up`).
build() {
  local stamp="$ROOT/dist/.build-stamp"
  if [ -f "$stamp" ] && [ -z "$(cd "$ROOT" && find apps libs tsconfig*.json package-lock.json -newer "$stamp" -type f -print -quit 2>/dev/null)" ]; then
    step "compiling TypeScript: up to date (nothing changed since the last build)"
    return 0
  fi
  step "compiling TypeScript"
  (cd "$ROOT" && npm run --silent build)
  touch "$stamp"
}
