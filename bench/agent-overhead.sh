#!/usr/bin/env bash
# Side-by-side overhead of leakhound-agent: the same service (ServiceApp: 40 MB/s of garbage, a 24 MB LRU cache
# churning 8 MB/s, 64 MB G1 heap) for SECONDS without the agent, with it, and with it plus class histograms.
# Prints the process CPU time (user+sys), the agent's own CPU counter and the agent's heap (shallow bytes of its
# classes and of the samples it keeps, from a class histogram at the end).
# Needs: mvn -B -q verify -pl leakhound-live,leakhound-agent -am -DskipTests (builds test classes and the jar).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${SECONDS_RUN:-60}
CP=leakhound-live/target/test-classes
JAR=$PWD/leakhound-agent/target/leakhound-agent.jar
PORT=${PORT:-19405}
run() {
  local name=$1; shift
  local out; out=$(mktemp)
  /usr/bin/time -f "%U %S" -o "$out.time" java -Xmx64m -XX:+UseG1GC "$@" -cp $CP \
    io.leakhound.live.apps.ServiceApp "$SECONDS_RUN" 25165824 0 > "$out" 2>&1 &
  local tpid=$!
  sleep $((SECONDS_RUN - 3))
  local jpid; jpid=$(pgrep -P $tpid java || true)
  local agent_cpu="-" agent_heap="-"
  if [[ "$name" != none ]]; then
    agent_cpu=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^leakhound_agent_cpu_seconds_total/ {print $2}')
    agent_heap=$(jcmd "$jpid" GC.class_histogram | awk '/io\.leakhound\.agent/ {b+=$3} END {print b+0}')
  fi
  wait $tpid
  read -r user sys < "$out.time"
  printf "%-16s cpu %6.2f s (user %s, sys %s)  agent cpu %s s  agent heap %s B\n" "$name" \
    "$(echo "$user + $sys" | bc)" "$user" "$sys" "$agent_cpu" "$agent_heap"
  rm -f "$out" "$out.time"
}
run none
run agent -javaagent:$JAR=port=$PORT
run agent+histogram -javaagent:$JAR=port=$PORT,histogram=1m
