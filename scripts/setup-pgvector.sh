#!/usr/bin/env bash
# Installs the pgvector extension into the local PostgreSQL 15 when it is missing.
# Idempotent: does nothing when CREATE EXTENSION vector already works.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

can_create() {
  psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "BEGIN; CREATE EXTENSION IF NOT EXISTS vector; ROLLBACK;" >/dev/null 2>&1
}

if can_create; then
  echo "pgvector: already available"
  exit 0
fi

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

if [ ! -f "/usr/include/postgresql/15/server/postgres.h" ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql-server-dev-15 >/dev/null
fi
command -v make >/dev/null && command -v gcc >/dev/null || $SUDO apt-get install -y -qq build-essential >/dev/null

SRC_LIST=/etc/apt/sources.list.d/docqa-trixie-src.list
if [ ! -f "$SRC_LIST" ]; then
  echo "deb-src http://deb.debian.org/debian trixie main" | $SUDO tee "$SRC_LIST" >/dev/null
fi
$SUDO apt-get update -qq
dpkg -s dpkg-dev >/dev/null 2>&1 || $SUDO apt-get install -y -qq dpkg-dev >/dev/null

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
( cd "$WORK" && apt-get source -qq pgvector >/dev/null 2>&1 || apt-get source pgvector )
SRC_DIR=$(find "$WORK" -maxdepth 1 -mindepth 1 -type d -name 'pgvector*' | head -n1)
make -s -C "$SRC_DIR" PG_CONFIG="$PG_CONFIG" >/dev/null
$SUDO make -s -C "$SRC_DIR" PG_CONFIG="$PG_CONFIG" install >/dev/null

if can_create; then
  echo "pgvector: installed"
else
  echo "pgvector: installation finished but CREATE EXTENSION vector still fails" >&2
  exit 1
fi
