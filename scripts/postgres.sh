# Source this file: starts a throwaway PostgreSQL 15 on 127.0.0.1:54329 for the tests that run
# against PostgreSQL, exports its connection string for @backstage/backend-test-utils, and stops
# it when the calling shell exits. Installs Debian's postgresql when the server is missing.
PG_VERSION=15
PG_PORT=${PG_PORT:-54329}
PGBIN=/usr/lib/postgresql/$PG_VERSION/bin

if [ ! -x "$PGBIN/postgres" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "postgresql-$PG_VERSION" >/dev/null
fi

PG_DIR=$(mktemp -d)
# PostgreSQL refuses to run as root; root runs it as the postgres user the package created.
if [ "$(id -u)" = 0 ]; then
  chown postgres "$PG_DIR"
  as_pg() { su postgres -s /bin/sh -c "$*"; }
else
  as_pg() { sh -c "$*"; }
fi
as_pg "$PGBIN/initdb -D $PG_DIR/data -U postgres --auth=trust >/dev/null" &&
  as_pg "$PGBIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w start \
    -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off'" >/dev/null ||
  { echo "postgres.sh: could not start PostgreSQL; see $PG_DIR/log" >&2; return 1; }
trap 'as_pg "$PGBIN/pg_ctl -D $PG_DIR/data -m fast stop" >/dev/null 2>&1; rm -rf "$PG_DIR"' EXIT

export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$PG_PORT"
# Tests that cover both databases fail, rather than skip, when PostgreSQL is missing.
export EMR_EKS_REQUIRE_POSTGRES=1
# No Docker here: databases without a connection string are skipped.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
