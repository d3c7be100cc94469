#!/usr/bin/env bash
# Runs one benchmark: scripts/bench.sh <name> [args]; scripts/bench.sh --list names them with their arguments.
# Results and the commands behind them: docs/benchmarks.md. Benchmarks that start the application need the local
# PostgreSQL like the tests. $DOCQA_JVM_FLAGS is passed to the benchmark JVM.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# name;arguments;what it measures
BENCHMARKS=(
  "askers;[--askers 50] [--seconds 60] [--warmup 20] [--token-ms 20] [--first-token-ms 200] [--corpora a,b];concurrent askers on two instances over one PostgreSQL: extractive (JSON) and scripted-LLM (SSE) answers, errors, p50/p95/p99, CPU per answer"
  "answers;;answer quality on the golden-QA set over the fixtures: abstention, citations (extractive unless DOCQA_ANSWER_LLM_* is set)"
  "embeddings;[scifact-dir] [maxDocs];in-process embedding models on BEIR SciFact: nDCG, recall, throughput"
  "fusion;<url> <user> <password> [beir-dir] [train|test] [collection] [url2 [user2 password2] [collection2]];fusion methods, weights and depths swept offline on the BM25 and vector top-100 of a BEIR dataset already ingested by a running server (eval command first); with a second server (the same dataset, another embedding model) also BM25 fused with both dense rankings"
  "followers;[chunks] [docs-per-second] [seconds];index followers: bootstrap of a new instance at N chunks (default 100,000), lag under ingestion, CPU per 1,000 changes"
  "formats;[rounds];parse + chunk cost per format on the fixtures, with and without OCR"
  "halfvec;[folder] [passages] [model];vector vs halfvec storage: recall@10 vs exact, table and HNSW index size"
  "hnsw;[database];pgvector HNSW m x ef_construction x ef_search: recall, build time, latency (run latency first)"
  "ingest;[folder] [maxFiles] [model] [warmUpFolder];ingestion throughput of the packaged app vs. the raw embedding model (default: PostgreSQL manual)"
  "latency;[--reuse] [--chunks N] [--concurrency 1,16] [--rounds N] [--warmup N] [--Ddocqa.key=value];hybrid search latency of the packaged app over 100,000+ chunks, split by stage"
  "search-cpu;[--cpu N] [--database NAME --data DIR] [--collection first|ID] [--Ddocqa.key=value];CPU per search over the latency benchmark's 100,000+ chunks (or an existing database and data directory, e.g. the scale benchmark's, optionally one collection), by stage, against the floor of query embedding + BM25 + HNSW SQL alone; searches per second per core"
  "lexical;[beir-dir];BM25 alone on a BEIR dataset per Lucene field layout"
  "mcp;;MCP search tool vs. POST /api/search on one app in one run: p50/p95 over 200 calls each (-Dbench.calls=N)"
  "real-corpora;[dev|test|all] [extractive|llm] [corpus,...];retrieval and answer quality on the licences, the Bash manual and the Debian FAQ (or only the corpora named)"
  "review-cells;;extractive review cells per second: 100 documents x 20 columns on 1, 2 and 4 worker threads"
  "gate-signals;[dev|test|all];relevance gate on the real corpora: per-question signals (target/gate-signals.jsonl) and the gate's abstention with the defaults"
  "relevance;[fixtures-dir];calibration of the relevance gate: best cosine and word coverage per question"
  "review-export;[rows] [columns];memory and time of a review export (XLSX streaming, CSV) under -Xmx1g, default 10,000 rows x 20 columns"
  "scale;[--reuse] [--files N] [--chunks N] [--collections N] [--noise A] [--concurrency 1,4] [--rounds N];1,000,000 chunks on one node: one ingested copy multiplied in PostgreSQL, HNSW and Lucene build times, hybrid search p50/p95 (-Xmx1g), sizes on disk"
  "scoped-stats;[beir-dir] [rounds] [copies [index-dir]];cost of scope-local BM25 statistics: search latency with index-wide vs. per-scope statistics (~10,000 chunks; with copies, e.g. 100: ~1,000,000 chunks on disk, with and without the collection filter)"
  "security;<url> <admin-password> [requests];cost of the security layer against a running server (start it with DOCQA_SECURITY_RATE_LIMIT_PER_MINUTE=0)"
  "parser-cpu;[folder] [files] [jvm-options];CPU of one parser process and of its client per document over a run of files (default: 120 pages of the PostgreSQL manual, the server's default options), first half (start, warm-up) and second half (warm)"
  "parser-start;[rounds];parser processes: start and per-file cost with classes sent over the fork channel vs. the real jars (tikaBin)"
  "vector-isolation;[chunks] [queries];one HNSW index per collection vs. one for all: latency and recall@10 per scope (default 50,000 chunks)"
)

usage() {
  echo "Usage: scripts/bench.sh <name> [args]"
  echo
  local entry name args what
  for entry in "${BENCHMARKS[@]}"; do
    IFS=';' read -r name args what <<< "$entry"
    printf '  %-13s %s\n  %-13s   %s\n' "$name" "$args" "" "$what"
  done
}

case "${1:-}" in
  --list) for entry in "${BENCHMARKS[@]}"; do echo "${entry%%;*}"; done; exit 0 ;;
  ""|-h|--help) usage; exit 0 ;;
esac
name="$1"; shift
if ! printf '%s\n' "${BENCHMARKS[@]%%;*}" | grep -qx -- "$name"; then
  echo "Unknown benchmark '$name'." >&2
  usage >&2
  exit 2
fi

source scripts/lib.sh
ensure_java

# A benchmark class with a main method, run on the test classpath.
run_main() {
  local heap="$1" class="$2"; shift 2
  ./mvnw -B -q test-compile -Dvaadin.skip=true
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
  # shellcheck disable=SC2086
  exec "$JAVA_HOME/bin/java" ${DOCQA_JVM_FLAGS:-} ${DOCQA_BENCH_JAVA_OPTS:-} "-Xmx$heap" \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "io.docqa.bench.$class" "$@"
}

# A benchmark written as a Quarkus test: its log goes to target/bench-<name>.log, its table to target/bench-<name>.md.
run_test() {
  local class="$1"; shift
  ./mvnw -B test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false "$@" > "target/bench-$name.log" 2>&1 \
    || { tail -50 "target/bench-$name.log"; exit 1; }
  cat "target/bench-$name.md"
}

# The PostgreSQL 15 HTML manual (Debian package postgresql-doc-15), fetched with apt once.
postgres_manual() {
  local folder=target/bench-corpus/usr/share/doc/postgresql-doc-15/html
  if [[ ! -d "$folder" ]]; then
    mkdir -p target/bench-corpus
    (cd target/bench-corpus && apt-get download postgresql-doc-15 && dpkg-deb -x postgresql-doc-15_*.deb .) >&2
  fi
  echo "$folder"
}

packaged_app() {
  [[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
}

# A benchmark over the PostgreSQL manual that starts the packaged app from a copy in target/<dir>/app, so that
# rebuilding during a run is safe.
run_on_manual_with_app_copy() {
  local dir="$1" class="$2"; shift 2
  postgres_manual > /dev/null
  packaged_app
  rm -rf "target/$dir/app" && mkdir -p "target/$dir" && cp -r target/quarkus-app "target/$dir/app"
  DOCQA_BENCH_JAVA_OPTS="${DOCQA_BENCH_JAVA_OPTS:-} -Ddocqa.app.jar=target/$dir/app/quarkus-run.jar" \
    run_main 512m "$class" "$@"
}

case "$name" in
  answers)
    run_test AnswerQualityBenchmark ;;
  askers)
    # two instances of a copy of target/quarkus-app (rebuilding during a run is safe), a fresh database dropped at
    # the end; table also in target/bench-askers.md, server logs in target/bench-askers-{a,b}.log
    ensure_postgres
    ensure_pgvector
    ensure_eval_corpora
    packaged_app
    rm -rf target/bench-askers/app && mkdir -p target/bench-askers && cp -r target/quarkus-app target/bench-askers/app
    DOCQA_BENCH_JAVA_OPTS="${DOCQA_BENCH_JAVA_OPTS:-} -Ddocqa.app.jar=target/bench-askers/app/quarkus-run.jar" \
      run_main 1g ConcurrentAskersBenchmark "$@" ;;
  embeddings)
    run_main 2g EmbeddingModelBenchmark "${1:-../shared/eval/scifact}" "${2:-2147483647}" ;;
  followers)
    packaged_app
    run_main 1g FollowerBenchmark "$@" ;;
  formats)
    ensure_tesseract
    run_main 1g FormatParseBenchmark "${1:-20}" ;;
  hnsw)
    run_main 1g HnswBenchmark "$@" ;;
  halfvec)
    folder="${1:-}"
    [[ -n "$folder" ]] || folder="$(postgres_manual)"
    run_main 1g HalfvecBenchmark "$folder" "${@:2}" ;;
  review-export)
    run_main 1g ReviewExportBenchmark "${1:-10000}" "${2:-20}" ;;
  ingest)
    folder="${1:-}"
    [[ -n "$folder" ]] || folder="$(postgres_manual)"
    # warm-up: 200 HTML pages of another manual (Python 3.11's, Debian package python3.11-doc): the same kind of
    # markup, none of the measured text, so the server's JIT and caches are warm but the embedding cache is not
    warmup="${4:-target/bench-warmup/usr/share/doc/python3.11/html/library}"
    if [[ ! -d "$warmup" && -z "${4:-}" ]]; then
      mkdir -p target/bench-warmup
      (cd target/bench-warmup && apt-get download python3.11-doc && dpkg-deb -x python3.11-doc_*.deb .) || warmup=""
    fi
    packaged_app
    run_main 2g IngestBenchmark "$folder" "${2:-2147483647}" "${3:-bge-small-en-v1.5-q}" "$warmup" ;;
  parser-cpu)
    folder="${1:-}"
    [[ -n "$folder" ]] || folder="$(postgres_manual)"
    run_main 1g ParserProcessCpuBenchmark "$folder" "${2:-120}" "${3:--XX:TieredStopAtLevel=1}" ;;
  latency|search-cpu)
    # The app runs from a copy of target/quarkus-app, so rebuilding during a run is safe. --reuse keeps the database
    # docqa_bench_latency and target/bench-latency/data from an earlier run (query phase only). Drop them with:
    # psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE docqa_bench_latency'; rm -rf target/bench-latency
    # search-cpu: the same database and server, no latency table, N searches (default 600) per CPU pass
    [[ "$name" == "search-cpu" ]] && set -- --reuse --concurrency none --cpu 600 "$@"
    run_on_manual_with_app_copy bench-latency LatencyBenchmark "$@" ;;
  fusion)
    run_main 1g FusionSweepBenchmark "$1" "$2" "$3" "${4:-../shared/eval/scifact}" "${5:-train}" "${6:-eval-scifact}" "${@:7}" ;;
  scale)
    # One copy of the PostgreSQL manual through the app, multiplied to 1,000,000 chunks in PostgreSQL (see
    # ScaleBenchmark). The database docqa_bench_scale and target/bench-scale/data are kept; --reuse runs the query
    # phase only. Drop them with: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE docqa_bench_scale'; rm -rf target/bench-scale
    run_on_manual_with_app_copy bench-scale ScaleBenchmark "$@" ;;
  lexical)
    run_main 1g LexicalBenchmark "${1:-../shared/eval/scifact}" ;;
  scoped-stats)
    run_main 1g ScopedStatisticsBenchmark "${1:-../shared/eval/scifact}" "${2:-3}" ${3:+"$3" "${4:-target/bench-scoped-stats/index}"} ;;
  mcp)
    run_test McpSearchBenchmark "$@" ;;
  parser-start)
    run_main 1g ParserProcessStartBenchmark "${1:-3}" ;;
  vector-isolation)
    run_main 512m VectorIsolationBenchmark "${1:-50000}" "${2:-200}" ;;
  real-corpora)
    ensure_postgres
    ensure_pgvector
    ensure_eval_corpora
    class=RealCorporaBenchmark
    [[ "${2:-extractive}" == "llm" ]] && class=RealCorporaLlmBenchmark
    run_test "$class" -Dbench.split="${1:-dev}" ${3:+-Dbench.corpora="$3"} ;;
  review-cells)
    ensure_postgres
    ensure_pgvector
    ensure_eval_corpora
    run_test ReviewCellBenchmark ;;
  gate-signals)
    ensure_postgres
    ensure_pgvector
    ensure_eval_corpora
    run_test RealCorporaGateCalibration -Dbench.split="${1:-dev}" ;;
  relevance)
    run_main 2g RelevanceGateCalibration "${1:-src/test/resources/fixtures}" ;;
  security)
    [[ $# -ge 2 ]] || { usage; exit 2; }
    run_main 1g SecurityBenchmark "$1" "$2" "${3:-200}" ;;
esac
