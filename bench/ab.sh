#!/usr/bin/env bash
# A/B timing of leakhound builds or JVM settings on one dump: runs every configuration once per round, one after
# the other, for N rounds, and prints each run and each configuration's median wall time, CPU time (user + system)
# and highest peak RSS. Alternating runs let a slow period of the machine hit every configuration alike.
#
#   bench/ab.sh ROUNDS DUMP CONFIG...
#
# A CONFIG is "JAR" or "JAR|JVM OPTIONS" or "JAVA|JAR|JVM OPTIONS" (JAVA: a java binary; default: java on PATH).
# Without options a configuration runs with the launcher's default options (see ../leakhound). Examples:
#
#   bench/ab.sh 5 bench/out/small.hprof /tmp/before.jar leakhound-cli/target/leakhound.jar
#   bench/ab.sh 4 bench/out/small.hprof "leakhound-cli/target/leakhound.jar|-Xmx2g -XX:+UseParallelGC" \
#       "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java|leakhound-cli/target/leakhound.jar|-Xmx2g -XX:+UseParallelGC"
#
# Each run writes its JSON report (with the phase timings) to $AB_OUT/config-N.json and its stderr to
# $AB_OUT/config-N.err, N being the configuration's position from 0 (AB_OUT default: bench/out/ab).
# Add -Dleakhound.trace=true to the options for phase laps.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() { sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; }
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  usage
  exit 0
fi
if (( $# < 3 )); then
  usage >&2
  exit 2
fi
rounds=$1 dump=$2
shift 2
configs=("$@")
# the launcher's default JVM options: the text of ${LEAKHOUND_JAVA_OPTS:-...} in ../leakhound
defaults=$(tr '\n' ' ' < "$here/../leakhound" | sed 's/\\ */ /g' | grep -o '\${LEAKHOUND_JAVA_OPTS:-[^}]*}' \
  | sed 's/^\${LEAKHOUND_JAVA_OPTS:-//; s/}$//')
[[ -n $defaults ]] || { echo "ab.sh: cannot read the default JVM options from $here/../leakhound" >&2; exit 2; }
out=${AB_OUT:-$here/out/ab}
mkdir -p "$out"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for ((r = 1; r <= rounds; r++)); do
  for i in "${!configs[@]}"; do
    IFS='|' read -r -a parts <<< "${configs[$i]}"
    case ${#parts[@]} in
      1) java=java jar=${parts[0]} opts=$defaults ;;
      2) java=java jar=${parts[0]} opts=${parts[1]} ;;
      *) java=${parts[0]} jar=${parts[1]} opts=${parts[2]} ;;
    esac
    # shellcheck disable=SC2086 # the options are words
    if ! /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$java" $opts -jar "$jar" analyze "$dump" \
        --json "$out/config-$i.json" > /dev/null 2> "$out/config-$i.err"; then
      echo "round $r config $i: failed, see $out/config-$i.err" >&2
      continue
    fi
    read -r wall user sys rss < "$out/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    echo "$i $wall $cpu $rss" >> "$results"
    echo "round $r config $i: wall $wall s, cpu $cpu s, peak RSS $((rss / 1024)) MB"
  done
done
for i in "${!configs[@]}"; do
  walls=$(awk -v i="$i" '$1 == i { print $2 }' "$results")
  [[ -z $walls ]] && { echo "config $i: no successful run"; continue; }
  cpus=$(awk -v i="$i" '$1 == i { print $3 }' "$results")
  rss=$(awk -v i="$i" '$1 == i && $4 > m { m = $4 } END { print int(m / 1024) }' "$results")
  echo "config $i: median wall $(median <<< "$walls") s, cpu $(median <<< "$cpus") s, peak RSS $rss MB :: ${configs[$i]}"
done
