#!/usr/bin/env bash
# The sale-day simulation (issue 6, docs/BENCHMARKS.md): builds the app and the bench module, then runs
# dev.ichigen.bench.SaleDaySimulation with key=value options, e.g.
#   bench/saleday.sh db=postgresql rate=40 seconds=300 skus=2000 hotSkus=20 hotStock=6 faults=false
# PostgreSQL: jdbc:postgresql://127.0.0.1:5432/test as postgres (override with ICHIGEN_BENCH_PG_URL /
# ICHIGEN_BENCH_PG_USER / ICHIGEN_BENCH_PG_PASSWORD); the run uses a fresh schema and drops it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
./mvnw -B -q -pl bench -am package -DskipTests
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.ichigen.bench.SaleDaySimulation "$@"
