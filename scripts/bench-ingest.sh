#!/usr/bin/env bash
# End-to-end ingestion throughput of the packaged app vs. the raw embedding model on the same chunks; prints a table.
# Default corpus: the PostgreSQL 15 HTML manual (Debian package postgresql-doc-15, 1,169 pages), fetched with apt.
# Usage: scripts/bench-ingest.sh [folder] [maxFiles] [model] [warmUpFolder]
# Server JVM flags to compare: DOCQA_BENCH_JAVA_OPTS="-Ddocqa.bench.server-jvm=-XX:+UseSerialGC" scripts/bench-ingest.sh
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
# warm-up: 200 HTML pages of another manual (Python 3.11's, Debian package python3.11-doc): the same kind of markup,
# none of the measured text, so the server's JIT and caches are warm but the embedding cache is not
warmup="${4:-target/bench-warmup/usr/share/doc/python3.11/html/library}"
if [[ ! -d "$warmup" && -z "${4:-}" ]]; then
  mkdir -p target/bench-warmup
  (cd target/bench-warmup && apt-get download python3.11-doc && dpkg-deb -x python3.11-doc_*.deb .) || warmup=""
fi
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS ${DOCQA_BENCH_JAVA_OPTS:-} -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.IngestBenchmark "$folder" "${2:-2147483647}" "${3:-bge-small-en-v1.5-q}" "$warmup"
