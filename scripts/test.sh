#!/usr/bin/env bash
# Runs the whole test suite (unit, integration against the local PostgreSQL+pgvector, browser test in Chromium),
# installing what the tests need first. Tests create and drop their own databases.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

ensure_java
ensure_postgres
ensure_pgvector
ensure_chromium
ensure_tesseract
ensure_eval_corpora
./mvnw -B verify "$@"
