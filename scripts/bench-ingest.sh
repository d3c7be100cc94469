#!/usr/bin/env bash
# End-to-end ingestion throughput of the packaged app vs. the raw embedding model on the same chunks; prints a table.
# Default corpus: the PostgreSQL 15 HTML manual (Debian package postgresql-doc-15, 1,169 pages), fetched with apt.
# Usage: scripts/bench-ingest.sh [folder] [maxFiles] [model]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
folder="${1:-}"
if [[ -z "$folder" ]]; then
  folder=target/bench-corpus/usr/share/doc/postgresql-doc-15/html
  if [[ ! -d "$folder" ]]; then
    mkdir -p target/bench-corpus
    (cd target/bench-corpus && apt-get download postgresql-doc-15 && dpkg-deb -x postgresql-doc-15_*.deb .)
  fi
fi
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.IngestBenchmark "$folder" "${2:-2147483647}" "${3:-bge-small-en-v1.5-q}"
