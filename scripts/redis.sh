# Source this file: starts a throwaway Redis on 127.0.0.1:$REDIS_PORT (default 63790) for the replica
# tests and the load bench, exports REDIS_URL (what app-config.production.yaml reads for Backstage's
# CacheService), and stops it when the calling shell exits. Installs Debian's redis-server when
# missing. (Valkey would do as well — Backstage's CacheService has a `valkey` store — but Debian 12
# does not package it; redis-server 7.0 is what its apt serves.)
REDIS_PORT=${REDIS_PORT:-63790}

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq redis-server >/dev/null
fi

REDIS_DIR=$(mktemp -d)
# No persistence: a cache. Loopback only, no password (it is a throwaway for tests).
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --save '' --appendonly no \
  --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/log" &&
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 ||
  { echo "redis.sh: could not start Redis; see $REDIS_DIR/log" >&2; return 1; }
# Chained after any EXIT trap already set (postgres.sh sets one), so both servers stop.
_redis_stop() { kill "$(cat "$REDIS_DIR/redis.pid" 2>/dev/null)" 2>/dev/null; rm -rf "$REDIS_DIR"; }
_redis_prev_trap=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
trap "_redis_stop; $_redis_prev_trap" EXIT

export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
