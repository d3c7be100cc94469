#!/usr/bin/env bash
# Starts DocQA on http://localhost:8080 with the default configuration, installing what is missing first:
# a JDK 21+, PostgreSQL with pgvector (database/role "docqa"), and the build. Environment variables override
# the defaults (see README). Set DOCQA_SKIP_SETUP=true to skip the database setup (e.g. an external database).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

ensure_java
ensure_tesseract || log "Tesseract could not be installed: scanned documents will end FAILED (NEEDS_OCR)"
if [ "${DOCQA_SKIP_SETUP:-false}" != "true" ] && [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  ensure_postgres
  ensure_pgvector
  ensure_default_database
fi

JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml ingest-pipelines -newer "$JAR" -print -quit)" ]; then
  log "Building DocQA"
  ./mvnw -B -q package -DskipTests
fi

log "Starting DocQA on http://localhost:${QUARKUS_HTTP_PORT:-8080}"
export JDK_JAVA_OPTIONS="${JDK_JAVA_OPTIONS:-} $DOCQA_JVM_FLAGS"
exec "$JAVA_HOME/bin/java" -jar "$JAR" "$@"
