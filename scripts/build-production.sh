#!/usr/bin/env bash
# Builds the portal as a deployment runs it (Backstage's host build): the app, then the backend's
# bundle (it carries the app's dist and the workspace plugins as published), unpacked into
# $PRODUCTION_DIR (default .cache/production) with production dependencies only.
#   node $PRODUCTION_DIR/packages/backend --config ...   runs it (NODE_ENV=production).
# Used by scripts/start-production.sh, the production smoke test and the load bench.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
out=${PRODUCTION_DIR:-$PWD/.cache/production}

if [ ! -d node_modules ] || [ yarn.lock -nt node_modules/.yarn-state.yml ]; then
  yarn install --immutable
fi
yarn workspace app build
yarn workspace backend build

rm -rf "$out" && mkdir -p "$out"
cp -r package.json yarn.lock .yarnrc.yml backstage.json "$out/"
mkdir -p "$out/.yarn" && cp -r .yarn/releases "$out/.yarn/"
tar xzf packages/backend/dist/skeleton.tar.gz -C "$out"
(cd "$out" && yarn workspaces focus --all --production)
tar xzf packages/backend/dist/bundle.tar.gz -C "$out"
echo "build-production.sh: built into $out"
