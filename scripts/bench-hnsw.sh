#!/usr/bin/env bash
# pgvector HNSW parameters (m x ef_construction x ef_search): recall against exact search, build time, query latency.
# Uses the distinct passage vectors cached by scripts/bench-latency.sh (run that first); prints a Markdown table.
# Usage: scripts/bench-hnsw.sh [database]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.HnswBenchmark "$@"
