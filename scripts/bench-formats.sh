#!/usr/bin/env bash
# Parse + chunk cost per format on the committed fixtures, with and without OCR; prints a Markdown table.
# Usage: scripts/bench-formats.sh [rounds]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
ensure_tesseract
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.FormatParseBenchmark "${1:-20}"
