#!/usr/bin/env bash
# BM25 alone on a BEIR dataset, one Lucene document per record: DocQA's fields with and without the identifier
# field, and an Anserini-style single contents field; prints nDCG@10 per layout.
# Usage: scripts/bench-lexical.sh [path/to/beir-dataset]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.LexicalBenchmark "${1:-../shared/eval/scifact}"
