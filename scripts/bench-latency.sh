#!/usr/bin/env bash
# Hybrid search latency of the packaged app over more than 100,000 chunks (copies of the PostgreSQL 15 HTML manual,
# Debian package postgresql-doc-15, fetched with apt); prints p50/p95/p99, throughput and the stage split as Markdown.
# The app runs from a copy of target/quarkus-app, so rebuilding during a run is safe.
# Usage: scripts/bench-latency.sh [--reuse] [--chunks N] [--concurrency 1,16] [--rounds N] [--warmup N] [--Ddocqa.key=value]
#   --reuse keeps the database docqa_bench_latency and target/bench-latency/data from an earlier run (query phase only).
#   Drop them with: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE docqa_bench_latency'; rm -rf target/bench-latency
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
folder=target/bench-corpus/usr/share/doc/postgresql-doc-15/html
if [[ ! -d "$folder" ]]; then
  mkdir -p target/bench-corpus
  (cd target/bench-corpus && apt-get download postgresql-doc-15 && dpkg-deb -x postgresql-doc-15_*.deb .)
fi
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
rm -rf target/bench-latency/app && mkdir -p target/bench-latency && cp -r target/quarkus-app target/bench-latency/app
exec "$JAVA_HOME/bin/java" $DOCQA_JVM_FLAGS -Xmx512m -Ddocqa.app.jar=target/bench-latency/app/quarkus-run.jar \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.docqa.bench.LatencyBenchmark "$@"
