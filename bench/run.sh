#!/usr/bin/env bash
# Builds the project and the benchmarks, then runs every JMH benchmark (a few minutes on 2 cores) and
# prints the results table. Arguments go to JMH: `bench/run.sh EvaluationBench` runs only that class.
# Results: bench/target/jmh-result.json (JSON) and bench/target/jmh-result.txt (JMH's own log).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q install -DskipTests
mvn -B -q -f bench/pom.xml package
# The benchmarks read rules/ and fixtures/ relative to the project root.
java -jar bench/target/benchmarks.jar -rf json -rff bench/target/jmh-result.json "$@" | tee bench/target/jmh-result.txt
java -cp bench/target/benchmarks.jar cn.lantian.bench.Report bench/target/jmh-result.json
