#!/usr/bin/env bash
# Cost of the security layer (Basic vs API token; admin vs member-filtered search) against a running server.
# Start the server with DOCQA_SECURITY_RATE_LIMIT_PER_MINUTE=0. Prints a Markdown table.
# Usage: scripts/bench-security.sh http://localhost:8080 ADMIN_PASSWORD [requests]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
ensure_java
./mvnw -B -q test-compile -Dvaadin.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.docqa.bench.SecurityBenchmark "$1" "$2" "${3:-200}"
