#!/usr/bin/env bash
# Runs every benchmark scenario RUNS times (default 3), then prints the aggregated table (median, min–max)
# and draws docs/bench-latency.png. Heavy: about 30 minutes on a 2-core machine; it waits for a quiet machine.
# Everything targets loopback only, every run is bounded and stops by itself.
#
#   bench/run-all.sh [RUNS] [LABEL]
#
# Environment: SERVER_JVM (JVM options for the server), BENCH_JVM (for the load generator),
# SCENARIOS (default: "startup idle streams sweep fast ttft broadcast"; also "store-on-off" — RUNS pairs of
# streams, ttft and fast against --database sqlite and none, alternating — "library", and "api-latency": the
# server's Ollama API port against the stand-in directly at 1, 100 and 1,000 streams, issue #15; and "rooms": one
# room of 500 members and 200 rooms of 10 streaming at once, issue #16).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}
LABEL=${2:-run-$(date -u +%Y%m%dT%H%M%SZ)}
SERVER_JVM=${SERVER_JVM:--Xmx512m}
BENCH_JVM=${BENCH_JVM:--Xmx2g}
SCENARIOS=${SCENARIOS:-startup idle streams sweep fast ttft broadcast}
RESULTS=bench-results/results.jsonl

if [ ! -f server/target/lanchat-server.jar ] || [ ! -f bench/target/lanchat-bench.jar ]; then
  mvn -q -B package -Dmaven.test.skip=true -pl bench -am
fi
mkdir -p bench-results

# Percentage of CPU time the machine spent busy over 3 seconds (from /proc/stat), while none of ours runs.
busy_percent() {
  read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat
  sleep 3
  read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ < /proc/stat
  local busy=$(( (u2+n2+s2+q2+sq2+st2) - (u1+n1+s1+q1+sq1+st1) ))
  local idle=$(( (i2+w2) - (i1+w1) ))
  echo $(( 100 * busy / (busy + idle) ))
}

# Waits (up to QUIET_WAIT seconds, default 600) until the machine is quiet: under QUIET_BUSY percent busy
# (default 5) over 3 s. Raise QUIET_BUSY where the machine's own background (kernel threads, agents) is above it.
wait_quiet() {
  local waited=0 busy
  while busy=$(busy_percent); [ "$busy" -ge "${QUIET_BUSY:-5}" ] && [ "$waited" -lt "${QUIET_WAIT:-600}" ]; do
    echo "   machine ${busy}% busy; waiting"
    sleep 10; waited=$((waited + 13))
  done
  echo "   machine ${busy}% busy before the run (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  export BENCH_BUSY_BEFORE=$busy
}

bench() {
  wait_quiet
  echo "== $* (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  java $BENCH_JVM -jar bench/target/lanchat-bench.jar --label "$LABEL" --results "$RESULTS" "$@"
}

for scenario in $SCENARIOS; do
  case $scenario in
    startup)
      # Five starts each (the median of five): the JVM's defaults; with an AppCDS archive of the server's
      # classes (made by one training start, written at exit); and AppCDS with the serial collector.
      JSA=bench-results/lanchat-server.jsa
      rm -f "$JSA"
      bench --scenario startup --runs 5 --server-jvm ""
      bench --scenario startup --runs 1 --server-jvm "-XX:ArchiveClassesAtExit=$JSA" --label "$LABEL-cds-training" \
        --results bench-results/training.jsonl
      bench --scenario startup --runs 5 --server-jvm "-XX:SharedArchiveFile=$JSA"
      bench --scenario startup --runs 5 --server-jvm "-XX:SharedArchiveFile=$JSA -XX:+UseSerialGC" ;;
    idle)      for run in $(seq "$RUNS"); do bench --scenario idle --connections 19000 --hold 5 --server-jvm "$SERVER_JVM"; done ;;
    streams)   for run in $(seq "$RUNS"); do bench --scenario streams --streams 1000 --rate 20 --seconds 20 --warmup 10 --server-jvm "$SERVER_JVM"; done ;;
    sweep)     for run in $(seq "$RUNS"); do bench --scenario sweep --levels 1,10,100,500,1000 --rate 20 --seconds 12 --warmup 10 --server-jvm "$SERVER_JVM"; done ;;
    fast)      for run in $(seq "$RUNS"); do bench --scenario fast --tokens 200000 --server-jvm "$SERVER_JVM"; done ;;
    ttft)      for run in $(seq "$RUNS"); do bench --scenario ttft --chats 2000 --server-jvm "$SERVER_JVM"; done ;;
    store-on-off) bench --scenario store-on-off --pairs "$RUNS" --streams 1000 --rate 20 --seconds 10 --warmup 5 --chats 1000 --tokens 200000 --server-jvm "$SERVER_JVM" ;;
    library)   for run in $(seq "$RUNS"); do bench --scenario library --conversations 10000 --messages 50 --owners 5 --requests 500 --open-conversations 1000 --server-jvm "$SERVER_JVM"; done ;;
    api-latency) for run in $(seq "$RUNS"); do bench --scenario api-latency --levels 1,100,1000 --rate 20 --seconds 10 --pairs 2 --warmup 5 --server-jvm "$SERVER_JVM"; done ;;
    rooms)     for run in $(seq "$RUNS"); do bench --scenario rooms --big-room 500 --rounds 3 --rooms 200 --room-members 10 --reply-tokens 200 --rate 20 --server-jvm "$SERVER_JVM"; done ;;
    broadcast) for run in $(seq "$RUNS"); do bench --scenario broadcast --connections 15000 --rounds 3 --server-jvm "$SERVER_JVM"; done ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done

java -Dbench.chart=docs/bench-latency.png -jar bench/target/lanchat-bench.jar --scenario report --results "$RESULTS" --label "$LABEL"
