#!/usr/bin/env bash
# Builds the web console (apps/web) into dist/web, which the API serves under /app. Run by `npm run build`
# after the API is compiled: the API types are generated from the compiled API's OpenAPI document (Nest
# preview mode: no server, no database), type-checked, bundled by Vite, and the bundle size is printed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
node dist/apps/api/src/openapi/write-openapi.cli.js dist/openapi.json
npx --no-install openapi-typescript dist/openapi.json -o apps/web/src/api/schema.d.ts --silent
node apps/web/scripts/patterns.mjs dist/openapi.json apps/web/src/api/patterns.gen.ts
npx --no-install tsc -p apps/web/tsconfig.json
npx --no-install vite build --config apps/web/vite.config.ts --logLevel warn
node apps/web/scripts/bundle-size.mjs
