#!/usr/bin/env bash
# Retrieval and answer quality on real public corpora (licences, the Bash manual, the Debian FAQ; fetched from
# Debian's packages): recall@5/10 and MRR per retriever and question kind, citation hit, abstention and false
# abstention of the answers (extractive unless DOCQA_LLM_* is set). Prints Markdown tables, also written to
# target/bench-real-corpora.md. Needs the local PostgreSQL like the tests.
# Usage: scripts/bench-real-corpora.sh [dev|test|all]   (default dev: tune on dev, report test)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
ensure_postgres
ensure_pgvector
ensure_eval_corpora
./mvnw -B test -Dtest=RealCorporaBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.split="${1:-dev}" \
  > target/bench-real-corpora.log 2>&1 || { tail -50 target/bench-real-corpora.log; exit 1; }
cat target/bench-real-corpora.md
