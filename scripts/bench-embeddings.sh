#!/usr/bin/env bash
# Compares the in-process embedding models on BEIR SciFact (quality and throughput); prints a Markdown table.
# Usage: scripts/bench-embeddings.sh [path/to/scifact] [maxDocs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.EmbeddingModelBenchmark "${1:-../shared/eval/scifact}" "${2:-2147483647}"
