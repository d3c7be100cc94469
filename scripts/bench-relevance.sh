#!/usr/bin/env bash
# Calibrates the relevance gate: best cosine and word coverage for answerable and unanswerable questions.
# Usage: scripts/bench-relevance.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.RelevanceGateCalibration "${1:-src/test/resources/fixtures}"
