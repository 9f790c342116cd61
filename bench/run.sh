#!/usr/bin/env bash
# Builds the app and the benchmarks, then runs JMH with the given arguments, e.g.
#   bench/run.sh ReservationBenchmark -p db=h2,postgresql -p mode=spread,hot -t 2
# PostgreSQL: jdbc:postgresql://127.0.0.1:5432/test as postgres (override with ICHIGEN_BENCH_PG_URL /
# ICHIGEN_BENCH_PG_USER / ICHIGEN_BENCH_PG_PASSWORD); each trial uses a fresh schema and drops it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
./mvnw -B -q -pl bench -am package -DskipTests
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main "$@"
