#!/usr/bin/env bash
# The resource tracker's overhead (docs/performance.md, "The resource tracker's overhead"):
#  1. TrackOpenClose: the tracker's own cost per open/close at each level (off, sampled, all), in-process;
#  2. FileOpenClose: an open/read/close file loop and a loopback connect/close loop, without the agent and with
#     -javaagent:leakhound-agent.jar=resources=off|sampled|all (the agent's effect on an open/close-heavy loop).
# JMH options can be overridden with JMH_OPTS (default: the benchmarks' own 3 x 2 s warm-up, 5 x 2 s measurement).
# Builds what it needs: the agent jar and the benchmarks jar (-Pbench). Prints JMH's tables.
set -euo pipefail
cd "$(dirname "$0")/.."
JMH_OPTS=${JMH_OPTS:-}
if [[ ! -f leakhound-agent/target/leakhound-agent.jar || ! -f leakhound-benchmarks/target/benchmarks.jar ]]; then
  mvn -B -q -Pbench -DskipTests package -pl leakhound-agent,leakhound-benchmarks -am
fi
JAR=$PWD/leakhound-agent/target/leakhound-agent.jar
BENCH=leakhound-benchmarks/target/benchmarks.jar
echo "== the tracker's own cost per open/close"
# shellcheck disable=SC2086
java -jar $BENCH TrackOpenClose $JMH_OPTS -foe true 2>&1 | sed -n '/^Benchmark/,$p'
for config in none off sampled all; do
  if [[ $config == none ]]; then
    args=()
  else
    # port=0: the agent's endpoint on any free loopback port, so runs never clash
    args=(-jvmArgsAppend "-javaagent:$JAR=port=0,resources=$config")
  fi
  echo "== FileOpenClose, agent: $config"
  # shellcheck disable=SC2086
  java -jar $BENCH FileOpenClose $JMH_OPTS -foe true "${args[@]}" 2>&1 | sed -n '/^Benchmark/,$p'
done
