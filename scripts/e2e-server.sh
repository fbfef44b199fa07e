#!/usr/bin/env bash
# The portal the end-to-end tests run on when E2E_SERVER=built (scripts/test.sh): the built backend
# (scripts/build-production.sh, built here when missing) serving the built app on :7007, with the local
# config (the sandbox, guest sign-in, the demo catalog) — minified bundles load in a fraction of the
# development server's time, so the tests wait on the portal, not on webpack.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
source scripts/env.sh
out=${PRODUCTION_DIR:-$repo/.cache/production}
if [ ! -f "$out/packages/backend/package.json" ]; then
  PRODUCTION_DIR=$out bash scripts/build-production.sh
fi
# The catalog's file locations are relative to packages/backend, as under `yarn start`.
cd packages/backend
NODE_ENV=development exec node "$out/packages/backend" \
  --config "$repo/app-config.yaml" --config "$repo/packages/app/e2e-tests/app-config.e2e-built.yaml"
