#!/usr/bin/env bash
# kc's benchmarks: medians of several runs, with kubectl measured in the same run as the
# reference where there is one. Prints a table and writes target/bench.json.
#   bench/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
KC=./kc
LIB=build/lib
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kc-bench.XXXXXX")
trap 'for h in "$WORK"/home*; do KC_HOME=$h $KC daemon stop >/dev/null 2>&1 || true; done; rm -rf "$WORK"' EXIT
mkdir -p target

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# P2: daemon cold start (fresh KC_HOME each time) until /readyz answers over HTTPS.
starts=()
for i in $(seq 1 "$RUNS"); do
  home="$WORK/home-start-$i"
  mkdir -p "$home"
  t0=$(now_ms)
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$LIB/daemon/*" \
    dev.kc.controlplane.daemon.Daemon run --home "$home" >"$home/out" 2>&1 &
  pid=$!
  until [ -f "$home/daemon.json" ] && \
      curl -skf "$(grep -o 'https://[^"]*' "$home/daemon.json")/readyz" >/dev/null 2>&1; do
    sleep 0.005
  done
  t1=$(now_ms)
  starts+=($((t1 - t0)))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
start_ms=$(printf '%s\n' "${starts[@]}" | median)

# P1: kc get pods and kubectl get pods against one daemon, interleaved.
export KC_HOME="$WORK/home-main"
$KC daemon start >/dev/null
$KC get pods >/dev/null 2>&1 || true
kubectl --kubeconfig "$KC_HOME/kubeconfig" --cache-dir "$WORK/cache" get pods >/dev/null 2>&1 || true
kc_times=(); kubectl_times=()
for i in $(seq 1 "$RUNS"); do
  t0=$(now_ms); $KC get pods >/dev/null 2>&1; t1=$(now_ms)
  kubectl --kubeconfig "$KC_HOME/kubeconfig" --cache-dir "$WORK/cache" get pods >/dev/null 2>&1
  t2=$(now_ms)
  kc_times+=($((t1 - t0))); kubectl_times+=($((t2 - t1)))
done
kc_ms=$(printf '%s\n' "${kc_times[@]}" | median)
kubectl_ms=$(printf '%s\n' "${kubectl_times[@]}" | median)

# P4 (sequential form): 1,000 single-object creates, p50/p99, several runs.
p50s=(); p99s=()
for i in $(seq 1 "$RUNS"); do
  line=$(java bench/WriteLatency.java "$KC_HOME/kubeconfig" 1000)
  p50s+=($(echo "$line" | sed 's/.*p50=\([0-9.]*\).*/\1/')); p99s+=($(echo "$line" | sed 's/.*p99=\([0-9.]*\).*/\1/'))
done
p50=$(printf '%s\n' "${p50s[@]}" | median)
p99=$(printf '%s\n' "${p99s[@]}" | median)
$KC daemon stop >/dev/null

ratio=$(awk -v a="$kc_ms" -v b="$kubectl_ms" 'BEGIN {printf "%.2f", a / b}')
printf '%-52s %12s %12s %8s\n' "benchmark (median of $RUNS runs)" "kc" "kubectl" "ratio"
printf '%-52s %10s ms %12s %8s\n' "P2 daemon cold start to first answer" "$start_ms" "-" "-"
printf '%-52s %10s ms %9s ms %8s\n' "P1 get pods, cold CLI, wall time" "$kc_ms" "$kubectl_ms" "$ratio"
printf '%-52s %10s ms %12s %8s\n' "1,000 sequential creates: p50" "$p50" "-" "-"
printf '%-52s %10s ms %12s %8s\n' "1,000 sequential creates: p99" "$p99" "-" "-"
cat > target/bench.json <<JSON
{"runs": $RUNS, "machine": "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1 | tr -d '"')",
 "daemon_start_ms": $start_ms, "get_pods_kc_ms": $kc_ms, "get_pods_kubectl_ms": $kubectl_ms,
 "get_pods_ratio": $ratio, "create_p50_ms": $p50, "create_p99_ms": $p99}
JSON
