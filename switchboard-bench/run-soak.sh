#!/usr/bin/env bash
# Soak benchmark: the test upstream and Switchboard (every ML signal and both guards on, soak-router.yaml) in their
# own processes on 127.0.0.1, driven by dev.switchboard.bench.SoakBench at a steady rate for a long time, sampling
# the router's resident memory and latency every minute.
#
#   switchboard-bench/run-soak.sh                                # 200 req/s for 60 min, first 5 min warm-up
#   switchboard-bench/run-soak.sh --rate 100 --minutes 20        # extra arguments go to SoakBench
#   SKIP_BUILD=1 ...                                             # reuse the last build
#
# The router's heap is fixed and touched up front (-Xms = -Xmx, AlwaysPreTouch), so RSS growth after warm-up is
# growth the heap cannot explain: native memory, ONNX Runtime arenas, threads, direct buffers.
# Results: printed, and written to switchboard-bench/target/soak-results.md; server logs in switchboard-bench/target.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
target="$bench/target"
upstream_port="${UPSTREAM_PORT:-18901}"
router_port="${ROUTER_PORT:-18902}"
script=run-soak
source "$bench/bench-lib.sh"
require_free_ports "$upstream_port" "$router_port"
build_unless_skipped

mkdir -p "$target"
start_upstream "$upstream_port"
SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}" \
    start_router "$bench/soak-router.yaml" "$router_port" "$upstream_port"
wait_ready upstream "http://127.0.0.1:$upstream_port/v1/models" "$upstream_pid"
wait_ready router "http://127.0.0.1:$router_port/health" "$router_pid"

echo "$script: $(nproc) CPUs, $("$java_bin" -version 2>&1 | head -1)" >&2
"$java_bin" -XX:ActiveProcessorCount=1 -Xms256m -Xmx1g -cp "$classpath" dev.switchboard.bench.SoakBench \
    --url "http://127.0.0.1:$router_port/v1" --pid "$router_pid" --out "$target/soak-results.md" "$@"
