#!/usr/bin/env bash
# ML-path latency benchmark (issue 10, item 5): the test upstream, a keyword-only router (bench-router.yaml) and a
# router with every ML signal (ml-router.yaml: domain, jailbreak guard, PII guard with the entity head, semantic
# cache), each in its own process on 127.0.0.1, driven by dev.switchboard.bench.MlPathBench with ~70-token prompts:
# single-request p50/p99 with the targets taking turns, and saturated throughput, all in one run. A second ML router
# with encoder.solo_threads: 1 (every pass on one thread, as before that setting) runs in the same run unless
# SOLO_COMPARE=0.
#
#   nice -n 10 switchboard-bench/run-ml-path-bench.sh                 # defaults: 400 requests x 2 rounds, 16 in flight
#   nice -n 10 switchboard-bench/run-ml-path-bench.sh --rounds 1      # extra arguments go to MlPathBench
#   SKIP_BUILD=1 ...                                                  # reuse the last build
#
# Results: printed, and written to switchboard-bench/target/ml-path-bench-results.md; server logs in
# switchboard-bench/target (upstream.log, router-keyword.log, router-ml.log).
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
target="$bench/target"
upstream_port="${UPSTREAM_PORT:-18901}"
keyword_port="${KEYWORD_ROUTER_PORT:-18902}"
ml_port="${ML_ROUTER_PORT:-18904}"
solo_off_port="${SOLO_OFF_ROUTER_PORT:-18906}"
script=run-ml-path-bench
source "$bench/bench-lib.sh"
require_free_ports "$upstream_port" "$keyword_port" "$ml_port" "$solo_off_port"
build_unless_skipped

mkdir -p "$target"
start_upstream "$upstream_port"
start_router "$bench/bench-router.yaml" "$keyword_port" "$upstream_port" router-keyword
keyword_pid=$router_pid
start_router "$bench/ml-router.yaml" "$ml_port" "$upstream_port" router-ml
ml_pid=$router_pid
solo_off=()
if [ "${SOLO_COMPARE:-1}" != 0 ]; then
  BENCH_SOLO_THREADS=1 start_router "$bench/ml-router.yaml" "$solo_off_port" "$upstream_port" router-ml-solo-off
  wait_ready router-ml-solo-off "http://127.0.0.1:$solo_off_port/health" "$router_pid"
  solo_off=(--target "ml-solo-off=http://127.0.0.1:$solo_off_port/v1@$router_pid")
fi
wait_ready upstream "http://127.0.0.1:$upstream_port/v1/models" "$upstream_pid"
wait_ready router-keyword "http://127.0.0.1:$keyword_port/health" "$keyword_pid"
wait_ready router-ml "http://127.0.0.1:$ml_port/health" "$ml_pid"

echo "$script: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$java_bin" -version 2>&1 | head -1)" >&2
"$java_bin" -XX:ActiveProcessorCount=1 -Xms256m -Xmx1g -cp "$classpath" dev.switchboard.bench.MlPathBench \
    --target "direct=http://127.0.0.1:$upstream_port/v1@$upstream_pid" \
    --target "keyword=http://127.0.0.1:$keyword_port/v1@$keyword_pid" \
    "${solo_off[@]}" --target "ml=http://127.0.0.1:$ml_port/v1@$ml_pid" \
    --out "$target/ml-path-bench-results.md" "$@"
echo "$script: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" >&2
