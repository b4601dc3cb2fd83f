#!/usr/bin/env bash
# Builds the server and the reliability suite, then runs every reliability scenario with the parameters documented
# in RELIABILITY.md and prints a summary. Everything targets loopback only; every run is bounded and stops by itself.
# About 17 minutes on a 2-core machine (the soak alone is 11; the fuzz took 2 minutes, more when the CPU is busy).
#
#   reliability/run-all.sh [SCENARIOS...]      default: soak fuzz slow-reader no-reader silent-socket
#
# Environment: SERVER_JVM (JVM options for the server, default -Xmx512m), SUITE_JVM (for the suite, default -Xmx1g),
# SEED (fixed seed for the soak and the fuzz; default: a new one, printed), OUT (results directory).
set -uo pipefail
cd "$(dirname "$0")/.."

SERVER_JVM=${SERVER_JVM:--Xmx512m}
SUITE_JVM=${SUITE_JVM:--Xmx1g}
OUT=${OUT:-reliability-results/$(date -u +%Y%m%dT%H%M%SZ)}
SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(soak fuzz slow-reader no-reader silent-socket)
SEED_FLAGS=()
[ -n "${SEED:-}" ] && SEED_FLAGS=(--seed "$SEED")

mvn -q -B -o package -Dmaven.test.skip=true -pl reliability,server -am || mvn -q -B package -Dmaven.test.skip=true \
  -pl reliability,server -am || exit 2
mkdir -p "$OUT"
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT"

declare -A FLAGS=(
  [soak]="--users 300 --duration 10m --kill-every 1m --kill-down 5s --parallel 16"
  [fuzz]="--frames 1000000 --connections 4"
  [slow-reader]="--hold 60s --serve-within 30s"
  [no-reader]="--hold 60s --serve-within 30s"
  [silent-socket]="--silent 2000 --max-connections 500 --serve-within 30s"
)

status=0
summary=()
for scenario in "${SCENARIOS[@]}"; do
  start=$(date +%s)
  # shellcheck disable=SC2086
  java $SUITE_JVM -jar reliability/target/lanchat-reliability.jar --server-jar server/target/lanchat-server.jar \
    --server-jvm "$SERVER_JVM" --log-dir "$OUT" --scenario "$scenario" ${FLAGS[$scenario]:-} "${SEED_FLAGS[@]}" \
    2>&1 | tee "$OUT/$scenario.txt"
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || status=1
  summary+=("$([ "$rc" -eq 0 ] && echo PASS || echo FAIL) $scenario ($(( $(date +%s) - start )) s)")
done

echo "== all scenarios"
printf '%s\n' "${summary[@]}"
grep -h '^FAIL ' "$OUT"/*.txt 2>/dev/null | grep -v '(.*checks' || true
exit $status
