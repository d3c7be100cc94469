#!/usr/bin/env bash
# Installs the pgvector extension into the local PostgreSQL when it is missing.
# Idempotent: does nothing when CREATE EXTENSION vector already works. Tries the distribution's package first
# (postgresql-N-pgvector), then builds Debian's source package against postgresql-server-dev-N.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

can_create() {
  pg_super -d postgres -v ON_ERROR_STOP=1 -c "BEGIN; CREATE EXTENSION IF NOT EXISTS vector; ROLLBACK;" >/dev/null 2>&1
}

if can_create; then
  log "pgvector: available"
  exit 0
fi

V=$(pg_version)
PG_CONFIG=/usr/lib/postgresql/$V/bin/pg_config
if apt_install "postgresql-$V-pgvector" 2>/dev/null && can_create; then
  log "pgvector: installed from the postgresql-$V-pgvector package"
  exit 0
fi

log "pgvector: building from Debian's source package for PostgreSQL $V"
[ -f "/usr/include/postgresql/$V/server/postgres.h" ] || apt_install "postgresql-server-dev-$V"
command -v make >/dev/null && command -v gcc >/dev/null || apt_install build-essential
dpkg -s dpkg-dev >/dev/null 2>&1 || apt_install dpkg-dev

SRC_LIST=/etc/apt/sources.list.d/docqa-trixie-src.list
if [ ! -f "$SRC_LIST" ]; then
  echo "deb-src http://deb.debian.org/debian trixie main" | $SUDO tee "$SRC_LIST" >/dev/null
fi
$SUDO apt-get update -qq >/dev/null

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && apt-get source -qq pgvector >/dev/null 2>&1)
SRC_DIR=$(find "$WORK" -maxdepth 1 -mindepth 1 -type d -name 'pgvector*' | head -n 1)
make -s -C "$SRC_DIR" PG_CONFIG="$PG_CONFIG" >/dev/null 2>&1
$SUDO make -s -C "$SRC_DIR" PG_CONFIG="$PG_CONFIG" install >/dev/null

if can_create; then
  log "pgvector: installed"
else
  log "pgvector: installation finished but CREATE EXTENSION vector still fails"
  exit 1
fi
