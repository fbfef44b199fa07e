#!/usr/bin/env bash
# Builds the portal and runs it as a deployment does: the built backend, serving the built app,
# with NODE_ENV=production and app-config.yaml + app-config.production.yaml (+ any --config given).
# There is no guest sign-in: users sign in through your OpenID Connect provider.
#
#   scripts/start-production.sh [--config extra.yaml ...]
#
# The build is scripts/build-production.sh (Backstage's host build, into $PRODUCTION_DIR, default
# .cache/production). SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
source scripts/env.sh
out=${PRODUCTION_DIR:-$repo/.cache/production}

# Fail before building, naming every missing setting (packages/backend/README.md explains them).
required=(APP_BASE_URL BACKEND_BASE_URL POSTGRES_HOST POSTGRES_PORT POSTGRES_USER POSTGRES_PASSWORD
  AUTH_SESSION_SECRET AUTH_OIDC_METADATA_URL AUTH_OIDC_CLIENT_ID AUTH_OIDC_CLIENT_SECRET)
missing=()
for name in "${required[@]}"; do [ -n "${!name:-}" ] || missing+=("$name"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "start-production.sh: set ${missing[*]}" >&2
  exit 1
fi

if [ "${SKIP_BUILD:-}" != 1 ]; then
  PRODUCTION_DIR=$out bash scripts/build-production.sh
fi

cd "$out"
export NODE_ENV=production
exec node packages/backend \
  --config "$repo/app-config.yaml" --config "$repo/app-config.production.yaml" "$@"
