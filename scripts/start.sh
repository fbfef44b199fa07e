#!/usr/bin/env bash
# Starts the local portal: the AWS sandbox on 127.0.0.1:4510, the backend on :7007 and the app on :3000.
# Works on a fresh machine: fetches Node 24 and Yarn 4 when needed and installs dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [ ! -d node_modules ] || [ yarn.lock -nt node_modules/.yarn-state.yml ]; then
  yarn install --immutable
fi

export SANDBOX_PORT=${SANDBOX_PORT:-4510}
yarn workspace @emr-eks/sandbox start &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$SANDBOX_PORT/_sandbox/health" >/dev/null 2>&1 && break
  kill -0 $sandbox_pid 2>/dev/null || { echo "sandbox failed to start" >&2; exit 1; }
  sleep 0.5
done

# Demo data the portal keeps in its own in-memory database, saved through its API once it is up.
bash scripts/seed-demo.sh &
seed_pid=$!
trap 'kill $sandbox_pid $seed_pid 2>/dev/null || true' EXIT

yarn start "$@"
