#!/usr/bin/env bash
# Shared setup steps for start.sh, test.sh and CI. Each step is idempotent and installs only what is missing.

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
APT_UPDATED=""

log() { printf '\033[1m[docqa]\033[0m %s\n' "$*" >&2; }

apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    $SUDO apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  $SUDO apt-get install -y -qq "$@" >/dev/null
}

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# Exports JAVA_HOME pointing at a JDK 21 or newer (installs one from the distribution if none is present).
ensure_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
    return
  fi
  local candidate
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
                   /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      log "Using JDK $(java_major "$JAVA_HOME") at $JAVA_HOME"
      return
    fi
  done
  log "No JDK 21+ found; installing one from the distribution"
  apt_install openjdk-25-jdk-headless 2>/dev/null || apt_install openjdk-21-jdk-headless || {
    log "Could not install a JDK 21 or newer. Install one and set JAVA_HOME."; exit 1; }
  ensure_java
}

pg_version() {
  ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1
}

# Makes sure a local PostgreSQL server is installed and accepting connections on 127.0.0.1:5432.
ensure_postgres() {
  if ! command -v pg_isready >/dev/null || [ -z "$(pg_version)" ]; then
    log "Installing PostgreSQL"
    apt_install postgresql
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "Starting PostgreSQL $(pg_version)"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main start 2>/dev/null \
      || $SUDO pg_ctlcluster "$(pg_version)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
}

# psql as the database superuser (trust auth on this machine kind; peer auth through sudo elsewhere).
pg_super() {
  if psql -X -q -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
    psql -X -q -h 127.0.0.1 -U postgres "$@"
  elif [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- psql -X -q "$@"
  else
    sudo -u postgres psql -X -q "$@"
  fi
}

ensure_pgvector() {
  "$(dirname "${BASH_SOURCE[0]}")/setup-pgvector.sh"
}

# Creates the role and database of the default configuration (docqa/docqa on 127.0.0.1:5432/docqa).
ensure_default_database() {
  pg_super -d postgres -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'docqa') THEN CREATE ROLE docqa LOGIN PASSWORD 'docqa'; END IF;
END $$;
SELECT 'CREATE DATABASE docqa OWNER docqa' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'docqa')\gexec
SQL
  pg_super -d docqa -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "Installing Chromium and ChromeDriver for the browser test"
    apt_install chromium chromium-driver
  fi
}

# Tesseract OCR (English) for scanned PDFs and images; without it such documents end FAILED with NEEDS_OCR.
ensure_tesseract() {
  if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
    log "Installing Tesseract OCR"
    apt_install tesseract-ocr tesseract-ocr-eng
  fi
}

# JVM flags: Lucene's SIMD vector code and ONNX Runtime's native access.
export DOCQA_JVM_FLAGS="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"

# The real public corpora of the answer-quality set (src/test/resources/eval/real-corpora): software licences from
# base-files, the Bash Reference Manual (bash-doc) and the Debian FAQ (debian-faq), taken from Debian's packages
# into target/eval-corpora/<corpus>/ (the package versions are pinned by what the questions' evidence was checked
# against; a newer package that changed the text makes the dataset test say which evidence is missing).
ensure_eval_corpora() {
  local root="target/eval-corpora"
  if [ -f "$root/.complete" ]; then
    return
  fi
  log "Fetching the evaluation corpora from Debian's packages (licences, bash-doc, debian-faq)"
  rm -rf "$root" && mkdir -p "$root/debs" "$root/licenses" "$root/bash-manual" "$root/debian-faq"
  (cd "$root/debs" && apt-get download base-files bash-doc debian-faq >/dev/null 2>&1) || {
    $SUDO apt-get update -qq >/dev/null; (cd "$root/debs" && apt-get download base-files bash-doc debian-faq >/dev/null); }
  local deb
  for deb in "$root"/debs/*.deb; do
    dpkg-deb -x "$deb" "$root/debs/x"
  done
  local f
  for f in Apache-2.0 Artistic BSD CC0-1.0 GFDL-1.2 GFDL-1.3 GPL-1 GPL-2 GPL-3 LGPL-2 LGPL-2.1 LGPL-3 MPL-1.1 MPL-2.0; do
    cp "$root/debs/x/usr/share/common-licenses/$f" "$root/licenses/$f.txt"
  done
  cp "$root/debs/x/usr/share/doc/bash/bashref.html" "$root/bash-manual/"
  cp "$root"/debs/x/usr/share/doc/debian/FAQ/*.en.html "$root/debian-faq/"
  rm -rf "$root/debs"
  touch "$root/.complete"
}
