#!/usr/bin/env bash
# pet-spark's figures (issue #16), measured in one run per size and written under benchmarks/results/:
#   spark-10m.json   10^7 claims on local[2], 4 GiB heap: plain group-by, the shuffle floor, the DP query with
#                    public and with private groups, and pet-core's DpHistogram in one thread; 3 iterations
#   spark-100m.json  10^8 claims on local[2] with Spark's default driver memory (-Xmx1g): plain group-by and
#                    the DP query with public groups; 1 iteration
# Each size runs in a fresh JVM (org.pet.spark.SparkDpBenchmark, in pet-spark's test classes: Spark stays out
# of the benchmarks jar). What the phases are: that class's documentation and README "DP on Apache Spark".
#
# usage: benchmarks/spark-benchmark.sh [10m|100m]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10m 100m)

mvn -B -q -pl pet-spark -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/pet-spark/target/benchmark.classpath" -Dmdep.includeScope=test
opts=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' pom.xml)
cp="pet-spark/target/test-classes:pet-spark/target/classes:$(cat pet-spark/target/benchmark.classpath)"
export SPARK_LOCAL_IP=127.0.0.1

for size in "${sizes[@]}"; do
  case "$size" in
    10m) args=(10000000 3 benchmarks/results/spark-10m.json) heap=4g ;;
    100m) args=(100000000 1 benchmarks/results/spark-100m.json plain,dp-public) heap=1g ;;
    *) echo "unknown size $size (10m or 100m)" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  java $opts -Xmx$heap -cp "$cp" org.pet.spark.SparkDpBenchmark "${args[@]}" 2>&1 | grep -vE ' (WARN|INFO) '
done
