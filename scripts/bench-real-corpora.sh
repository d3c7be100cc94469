#!/usr/bin/env bash
# Retrieval and answer quality on real public corpora (licences, the Bash manual, the Debian FAQ; fetched from
# Debian's packages): recall@5/10 and MRR per retriever and question kind, citation hit, abstention and false
# abstention of the answers. Prints Markdown tables, also written to target/bench-real-corpora.md. Needs the local
# PostgreSQL like the tests.
# Usage: scripts/bench-real-corpora.sh [dev|test|all] [extractive|llm]
#   dev (default): tune on it; test: report it. extractive (default): answers without a model; llm: the LLM answer
#   path against a scripted OpenAI-compatible server whose replies come from a lexical reader (no model weights here).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
ensure_postgres
ensure_pgvector
ensure_eval_corpora
bench_class=RealCorporaBenchmark
[ "${2:-extractive}" = "llm" ] && bench_class=RealCorporaLlmBenchmark
./mvnw -B test -Dtest="$bench_class" -Dsurefire.failIfNoSpecifiedTests=false -Dbench.split="${1:-dev}" \
  > target/bench-real-corpora.log 2>&1 || { tail -50 target/bench-real-corpora.log; exit 1; }
cat target/bench-real-corpora.md
