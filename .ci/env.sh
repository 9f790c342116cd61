#!/usr/bin/env bash
# Shared set-up for .ci/run and ./ichigen: pick a JDK 21+ (JDK 25 preferred), start PostgreSQL,
# install Chromium + ChromeDriver + CJK fonts for the browser tests.

apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install $*" >&2; return 1; fi
  if [ -z "${ICHIGEN_APT_UPDATED:-}" ]; then apt-get update -qq; ICHIGEN_APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

ensure_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    :
  else
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21* /usr/lib/jvm/*; do
      if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
        JAVA_HOME="$candidate"; break
      fi
    done
    if [ -z "$JAVA_HOME" ]; then
      apt_install openjdk-21-jdk-headless || true
      for candidate in /usr/lib/jvm/*21*; do [ -x "$candidate/bin/javac" ] && JAVA_HOME="$candidate"; done
    fi
    if [ -z "$JAVA_HOME" ]; then echo "No JDK 21+ found under /usr/lib/jvm; install one and set JAVA_HOME" >&2; exit 1; fi
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
  echo "using JDK $JAVA_HOME ($(java_major "$JAVA_HOME"))"
}

ensure_postgresql() {
  if ! command -v pg_isready >/dev/null 2>&1; then apt_install postgresql; fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if ! psql -h 127.0.0.1 -U postgres -d test -qAt -c 'select 1' >/dev/null 2>&1; then
    if ! psql -h 127.0.0.1 -U postgres -d postgres -qAt -c 'select 1' >/dev/null 2>&1; then
      # fresh Debian cluster: allow trust auth on loopback for the test user
      local hba
      hba=$(su postgres -c "psql -qAt -c 'show hba_file'")
      sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$hba"
      su postgres -c "psql -qc 'select pg_reload_conf()'" >/dev/null
    fi
    psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test' 2>/dev/null || true
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
    apt_install chromium chromium-driver fonts-noto-cjk
  fi
}
