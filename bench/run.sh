#!/usr/bin/env bash
# Side-by-side benchmark: leakhound vs. Shark (LeakCanary) and VisualVM's heap library on two synthetic
# heap dumps (~3 GB / ~60 M objects and ~500 MB / ~9 M objects). See bench/README.md.
#
# Usage: bench/run.sh [--large-only|--small-only]
#
# Environment knobs (all optional):
#   PEER_XMX=20g            -Xmx given to every peer JVM (generous on purpose, so no peer is starved)
#   RETAINED_TIMEOUT=20m    time limit for VisualVM's retained sizes (the small dump only)
#   REPEAT=1                rounds per dump; each round runs every tool once, one after the other, so a slow
#                           period of the machine hits all tools alike. The table shows the median wall time
#                           and the highest peak RSS of each tool's runs.
#   TOOLS="leakhound shark visualvm-histogram visualvm-retained"   subset of tools to run
#   LEAKHOUND_BUILD=1       1: build leakhound's jar through the launcher before the runs when it is missing or
#                           older than the sources; 0: never build (use the jar only if it is already there)
#   LEAKHOUND_LAUNCHER=...  LEAKHOUND_JAR=...   defaults: ./leakhound, leakhound-cli/target/leakhound.jar
#   LARGE_SCALE=60 SMALL_SCALE=9   BenchHeap scales (millions of objects) used when generating dumps
#   PEERS_SH=...            path of peers.sh (default: ../shared/tools/peers.sh next to the repo)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out=$here/out
logs=$out/logs

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

dumps=(large small)
case ${1:-} in
  "") ;;
  --large-only) dumps=(large) ;;
  --small-only) dumps=(small) ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

PEER_XMX=${PEER_XMX:-20g}
RETAINED_TIMEOUT=${RETAINED_TIMEOUT:-20m}
TOOLS=${TOOLS:-leakhound shark visualvm-histogram visualvm-retained}
REPEAT=${REPEAT:-1}
LEAKHOUND_BUILD=${LEAKHOUND_BUILD:-1}
LARGE_SCALE=${LARGE_SCALE:-60}
SMALL_SCALE=${SMALL_SCALE:-9}
PEERS_SH=${PEERS_SH:-$(cd "$root/.." && pwd)/shared/tools/peers.sh}

umask 077   # dumps and logs are owner-only
mkdir -p "$logs"
note() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
want() { [[ " $TOOLS " == *" $1 "* ]]; }

# ---------------------------------------------------------------------------------------------------
# (a) dumps

gen_classes=$out/classes/gen
generate() { # name scale
  local name=$1 scale=$2 dump=$out/$1.hprof
  if [[ -s $dump ]]; then
    note "$name: reusing $dump ($(du -h "$dump" | cut -f1)); delete it to regenerate"
    return 0
  fi
  # the dump itself (~55 MB per unit of scale) plus VisualVM's index next to it (~75% of the dump)
  local need_mb=$(( scale * 110 + 1024 )) free_mb
  free_mb=$(df -Pm "$out" | awk 'NR==2 {print $4}')
  if (( free_mb < need_mb )); then
    note "$name: only ${free_mb} MB free in $out, need about ${need_mb} MB; not generating"
    return 1
  fi
  local xmx_mb=$(( scale * 128 + 512 ))
  (( xmx_mb < 2048 )) && xmx_mb=2048
  if [[ ! -f $gen_classes/BenchHeap.class || $here/BenchHeap.java -nt $gen_classes/BenchHeap.class ]]; then
    mkdir -p "$gen_classes"
    javac -d "$gen_classes" "$here/BenchHeap.java"
  fi
  note "$name: generating a scale-$scale dump with -Xmx${xmx_mb}m (takes a while for the large one)"
  local partial=$out/$name.partial.hprof
  rm -f "$partial"
  if ! java -Xmx${xmx_mb}m -XX:+UseParallelGC -cp "$gen_classes" BenchHeap "$partial" "$scale" \
      > "$logs/gen-$name.log" 2>&1; then
    note "$name: generation failed, see $logs/gen-$name.log"
    rm -f "$partial"
    return 1
  fi
  chmod 600 "$partial"
  mv "$partial" "$dump"
  note "$name: $(tail -n 1 "$logs/gen-$name.log" | sed "s|$partial|$dump|")"
}

declare -A have_dump=()
for d in "${dumps[@]}"; do
  scale=$LARGE_SCALE; [[ $d == small ]] && scale=$SMALL_SCALE
  if generate "$d" "$scale"; then have_dump[$d]=1; else have_dump[$d]=0; fi
done

# ---------------------------------------------------------------------------------------------------
# (b) peers and their drivers

peer_classes=$out/classes/peers
SHARK_CP= VISUALVM_CP=
if peers_out=$("$PEERS_SH" 2> "$logs/peers.log"); then
  SHARK_CP=$(sed -n 's/^SHARK_CP=//p' <<< "$peers_out")
  VISUALVM_CP=$(sed -n 's/^VISUALVM_CP=//p' <<< "$peers_out")
else
  note "peers.sh failed, see $logs/peers.log"
fi
shark_ok=0 visualvm_ok=0
mkdir -p "$peer_classes"
if [[ -n $SHARK_CP ]] && javac -d "$peer_classes" -cp "$SHARK_CP" "$here/peers/SharkHistogram.java" \
    2> "$logs/javac-shark.log"; then
  shark_ok=1
else
  note "could not compile the Shark driver, see $logs/javac-shark.log"
fi
if [[ -n $VISUALVM_CP && -f $VISUALVM_CP ]] && javac -d "$peer_classes" -cp "$VISUALVM_CP" \
    "$here/peers/VisualVmHistogram.java" "$here/peers/VisualVmRetained.java" 2> "$logs/javac-visualvm.log"; then
  visualvm_ok=1
else
  note "could not compile the VisualVM drivers (VISUALVM_CP=$VISUALVM_CP), see $logs/javac-visualvm.log"
fi

# ---------------------------------------------------------------------------------------------------
# (c) leakhound

launcher=${LEAKHOUND_LAUNCHER:-$root/leakhound}
jar=${LEAKHOUND_JAR:-$root/leakhound-cli/target/leakhound.jar}
leakhound_ok=0
if want leakhound; then
  if [[ ! -x $launcher ]]; then
    note "leakhound: no launcher at $launcher"
  elif [[ $LEAKHOUND_BUILD == 1 ]]; then
    # the launcher rebuilds a missing jar, or one older than the sources: here, so that no timed run builds it
    [[ -f $jar ]] || note "leakhound: $jar is missing, building it through the launcher (first use)"
    if "$launcher" --help > "$logs/leakhound-build.log" 2>&1 && [[ -f $jar ]]; then
      leakhound_ok=1
    else
      note "leakhound: build failed, see $logs/leakhound-build.log"
    fi
  elif [[ -f $jar ]]; then
    leakhound_ok=1
  else
    note "leakhound: $jar is missing and LEAKHOUND_BUILD=0"
  fi
fi

# ---------------------------------------------------------------------------------------------------
# (d) runs

# results, one entry per run: "dump|tool|task|wall|rss_kb|status"
results=()

# measure DUMP TOOL TASK TIMEOUT CMD...   (TIMEOUT "" = none). Never fails the script.
measure() {
  local dump=$1 tool=$2 task=$3 limit=$4; shift 4
  local id=$dump-$tool tf=$logs/$dump-$tool.time log=$logs/$dump-$tool.log rc=0
  note "$dump: $tool ($task) ..."
  rm -f "$tf"
  if [[ -n $limit ]]; then
    /usr/bin/time -f '%e %M' -o "$tf" timeout "$limit" "$@" > "$log" 2>&1 || rc=$?
  else
    /usr/bin/time -f '%e %M' -o "$tf" "$@" > "$log" 2>&1 || rc=$?
  fi
  local wall=? rss=? status=ok
  if [[ -s $tf ]]; then read -r wall rss < <(tail -n 1 "$tf"); fi
  if (( rc == 124 )) && [[ -n $limit ]]; then
    status="did not finish in $limit"
  elif (( rc != 0 )); then
    status="failed (exit $rc), see bench/out/logs/$id.log"
  fi
  results+=("$dump|$tool|$task|$wall|$rss|$status")
  note "$dump: $tool: ${wall} s, $(( ${rss/\?/0} / 1024 )) MB peak RSS, $status"
}

unavailable() { results+=("$1|$2|$3|||$4"); }

peer_java=(java "-Xmx$PEER_XMX")

for d in "${dumps[@]}"; do
  dump=$out/$d.hprof
  if [[ ${have_dump[$d]} != 1 ]]; then
    unavailable "$d" "(all)" "-" "no dump"
    continue
  fi
  note "$d: warming the page cache"
  cat "$dump" > /dev/null

  for ((round = 1; round <= REPEAT; round++)); do
  (( REPEAT > 1 )) && note "$d: round $round of $REPEAT"
  if want leakhound; then
    if (( leakhound_ok )); then
      measure "$d" leakhound "analyze (full report, --top 20)" "" \
        "$launcher" analyze "$dump" --json "$out/$d.json" --top 20
    else
      unavailable "$d" leakhound "analyze (full report, --top 20)" "leakhound: not available"
    fi
  fi
  if want shark; then
    if (( shark_ok )); then
      measure "$d" shark "index + class histogram" "" \
        "${peer_java[@]}" -cp "$peer_classes:$SHARK_CP" SharkHistogram "$dump" 10
    else
      unavailable "$d" shark "index + class histogram" "shark: not available"
    fi
  fi
  if want visualvm-histogram; then
    if (( visualvm_ok )); then
      rm -rf "$dump.hwcache"   # VisualVM's index cache: never let a run reuse an earlier one
      measure "$d" visualvm-histogram "open + class histogram" "" \
        "${peer_java[@]}" -cp "$peer_classes:$VISUALVM_CP" VisualVmHistogram "$dump" 10
      rm -rf "$dump.hwcache"
    else
      unavailable "$d" visualvm-histogram "open + class histogram" "visualvm: not available"
    fi
  fi
  if want visualvm-retained && [[ $d == small ]]; then
    if (( visualvm_ok )); then
      rm -rf "$dump.hwcache"
      measure "$d" visualvm-retained "open + retained sizes (top objects, by class)" "$RETAINED_TIMEOUT" \
        "${peer_java[@]}" -cp "$peer_classes:$VISUALVM_CP" VisualVmRetained "$dump" 20
      rm -rf "$dump.hwcache"
    else
      unavailable "$d" visualvm-retained "open + retained sizes (top objects, by class)" "visualvm: not available"
    fi
  fi
  done
done

# one row per dump and tool: median wall time, highest peak RSS, first problem; runs counted
aggregate() {
  local -A walls rss status task order
  local keys=() r rd rt rk rw rr rs key
  for r in "${results[@]}"; do
    IFS='|' read -r rd rt rk rw rr rs <<< "$r"
    key="$rd|$rt"
    if [[ -z ${order[$key]:-} ]]; then order[$key]=1; keys+=("$key"); task[$key]=$rk; status[$key]=ok; fi
    if [[ $rs == ok && -n $rw && $rw != \? ]]; then walls[$key]+="$rw "; fi
    if [[ -n $rr && $rr != \? ]] && (( rr > ${rss[$key]:-0} )); then rss[$key]=$rr; fi
    if [[ $rs != ok && ${status[$key]} == ok ]]; then status[$key]=$rs; fi
  done
  results=()
  for key in "${keys[@]}"; do
    local list=${walls[$key]:-} median="" n=0
    if [[ -n $list ]]; then
      n=$(wc -w <<< "$list")
      median=$(tr ' ' '\n' <<< "$list" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    fi
    local st=${status[$key]}
    if (( REPEAT > 1 )) && [[ $st == ok ]]; then st="ok, median of $n"; fi
    results+=("$key|${task[$key]}|${median:-?}|${rss[$key]:-?}|$st")
  done
}
(( REPEAT > 1 )) && aggregate

# ---------------------------------------------------------------------------------------------------
# (e) report

ratio() { # peer base -> "2.3x" or "-"
  if [[ -z $1 || -z $2 || $1 == \? || $2 == \? ]]; then echo "-"; return; fi
  awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.1fx", a / b; else print "-" }'
}

describe_dump() { # name -> "3.3 GB, 60.1 M objects"
  local dump=$out/$1.hprof desc objs
  [[ -f $dump ]] || { echo "missing"; return; }
  desc=$(awk -v b="$(stat -c %s "$dump")" 'BEGIN { printf "%.2f GB", b / 1e9 }')
  objs=
  if [[ $logs/$1-shark.log -nt $dump ]]; then
    objs=$(sed -n 's/^shark: indexed .*: \([0-9,]*\) objects .*/\1/p' "$logs/$1-shark.log" | tr -d , || true)
  fi
  if [[ -n $objs ]]; then
    desc+=$(awk -v n="$objs" 'BEGIN { printf ", %.1f M objects", n / 1e6 }')
  else
    objs=$(sed -n 's/.*estimated objects: \([0-9,]*\).*/\1/p' "$logs/gen-$1.log" 2> /dev/null | tr -d , || true)
    [[ -n $objs ]] && desc+=$(awk -v n="$objs" 'BEGIN { printf ", ~%.1f M objects (generator estimate)", n / 1e6 }')
  fi
  echo "$desc"
}

report=$out/results-$(date +%Y%m%d-%H%M%S).md
{
  echo "## leakhound side-by-side benchmark"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(java -version 2>&1 | head -n 1)"
  echo "- every peer JVM ran with -Xmx$PEER_XMX (generous on purpose, so no peer is starved); leakhound ran with its launcher's own settings"
  echo "- each dump was read once (cat > /dev/null) before its runs, so all tools read from the page cache"
  for d in "${dumps[@]}"; do echo "- $d.hprof: $(describe_dump "$d")"; done
  echo
  echo "| dump | tool | task | wall s | peak RSS MB | wall vs leakhound | RSS vs leakhound | note |"
  echo "|---|---|---|---:|---:|---:|---:|---|"
  for d in "${dumps[@]}"; do
    base_wall= base_rss=
    for r in "${results[@]}"; do
      IFS='|' read -r rd rt _ rw rr rs <<< "$r"
      if [[ $rd == "$d" && $rt == leakhound && $rs == ok* ]]; then base_wall=$rw; base_rss=$rr; fi
    done
    for r in "${results[@]}"; do
      IFS='|' read -r rd rt rk rw rr rs <<< "$r"
      [[ $rd == "$d" ]] || continue
      rss_mb=-
      [[ -n $rr && $rr != \? ]] && rss_mb=$(( rr / 1024 ))
      wall=${rw:--}
      if [[ $rs == failed* ]]; then wall=-; rss_mb=-; fi
      if [[ $rt == leakhound ]]; then
        rw_ratio=-; rr_ratio=-
      elif [[ $rs == ok* ]]; then
        rw_ratio=$(ratio "$rw" "$base_wall"); rr_ratio=$(ratio "$rr" "$base_rss")
      elif [[ $rs == "did not finish"* && -n $base_wall ]]; then
        rw_ratio=">$(ratio "$rw" "$base_wall")"; rr_ratio=$(ratio "$rr" "$base_rss")
      else
        rw_ratio=-; rr_ratio=-
      fi
      [[ $rs == ok ]] && rs=
      echo "| $rd | $rt | $rk | $wall | $rss_mb | $rw_ratio | $rr_ratio | $rs |"
    done
  done
  echo
  echo "Ratios are peer / leakhound on the same dump (above 1.0x: the peer is slower or bigger)."
  echo "Logs (with each tool's histogram or report): bench/out/logs/."
} > "$report"
cat "$report"
note "report written to $report"
