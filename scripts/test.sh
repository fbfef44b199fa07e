#!/usr/bin/env bash
# Runs every test: type check, unit and integration tests (jest; the database tests on SQLite and on a
# PostgreSQL 15 this script starts), end-to-end tests in headless Chromium, and the adoption check (a fresh
# Backstage app installs the packed plugins and follows the README's steps).
# Works on a fresh machine: fetches Node 24 and Yarn 4, installs dependencies, and Debian's chromium and
# postgresql when missing.
# Ends with one line: "N passed, N failed[, N skipped]" summed over every suite.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh || exit 1

results=.cache/test-results
rm -rf "$results" && mkdir -p "$results"
status=0

step() { echo; echo "=== $* ==="; }

step "install"
yarn install --immutable || exit 1

step "type check"
if yarn tsc; then echo '{"passed":1,"failed":0}' > "$results/tsc.json"
else echo '{"passed":0,"failed":1}' > "$results/tsc.json"; status=1; fi

step "unit and integration tests (SQLite, and PostgreSQL 15 started here)"
source scripts/postgres.sh || status=1
CI=true yarn backstage-cli repo test --json --outputFile="$PWD/$results/jest.json" || status=1

step "build: the portal as a deployment runs it (scripts/build-production.sh)"
# One host build for the end-to-end tests, the production smoke test and the replica tests.
built=1
if ! bash scripts/build-production.sh >"$results/production-build.log" 2>&1; then
  tail -40 "$results/production-build.log"
  echo "scripts/build-production.sh failed (log above)"
  built=0; status=1
fi

step "end-to-end tests (headless Chromium on the built portal)"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null || status=1
fi
E2E_SERVER=built PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" \
  yarn playwright test --reporter=list,json || status=1

step "production smoke test (built bundle, NODE_ENV=production)"
# The built backend with the production config, signed in through a real OpenID Connect provider,
# against the sandbox and the PostgreSQL started above.
if [ "$built" = 1 ]; then
  SMOKE_RESULTS="$results/production.json" \
    node -r @backstage/cli/config/nodeTransform.cjs scripts/production-smoke/smoke.ts || status=1
else
  echo '{"passed":0,"failed":1}' > "$results/production.json"
fi

step "replicas: two built backends on one PostgreSQL and one Redis behind a round-robin proxy"
# The production smoke test's build, Redis started here (Debian's redis-server, installed when missing).
if source scripts/redis.sh; then
  node -r @backstage/cli/config/nodeTransform.cjs bench/replicas/replicas.ts "$results/replicas.json" || status=1
else
  echo '{"passed":0,"failed":1}' > "$results/replicas.json"; status=1
fi

step "adoption: a fresh Backstage app installs the packed plugins as the README says (scripts/adopt-check.sh)"
if bash scripts/adopt-check.sh; then echo '{"passed":1,"failed":0}' > "$results/adopt.json"
else echo '{"passed":0,"failed":1}' > "$results/adopt.json"; status=1; fi

echo
node scripts/summarize-tests.js "$results" || status=1
exit $status
