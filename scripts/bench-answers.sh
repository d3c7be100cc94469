#!/usr/bin/env bash
# Answer quality on the golden-QA set over the committed fixtures (extractive mode unless DOCQA_ANSWER_LLM_* is set):
# abstention on unanswerable questions, citation accuracy on answerable ones. Prints a Markdown table
# (also written to target/bench-answers.md). Needs the local PostgreSQL like the tests.
# Usage: scripts/bench-answers.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
./mvnw -B test -Dtest=AnswerQualityBenchmark -Dsurefire.failIfNoSpecifiedTests=false > target/bench-answers.log 2>&1 \
  || { tail -50 target/bench-answers.log; exit 1; }
cat target/bench-answers.md
