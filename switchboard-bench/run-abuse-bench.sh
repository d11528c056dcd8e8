#!/usr/bin/env bash
# Abusive-client benchmark: the test upstream and Switchboard (guards on, client keys: abuse-router.yaml) in their
# own processes on 127.0.0.1, driven by dev.switchboard.bench.AbuseBench: well-behaved tenants at a steady rate,
# alone and while one abusive tenant sends 4 MiB and 10,000-message requests back to back, then floods small
# requests beyond its rate limit. Reports the well-behaved tenants' p50/p99 per phase and their ratio to the
# baseline measured in the same run.
#
#   switchboard-bench/run-abuse-bench.sh                         # 20 req/s, 30 s phases
#   switchboard-bench/run-abuse-bench.sh --rate 10 --seconds 20  # extra arguments go to AbuseBench
#   SKIP_BUILD=1 ...                                             # reuse the last build
#
# Results: printed, and written to switchboard-bench/target/abuse-results.md; server logs in switchboard-bench/target.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
target="$bench/target"
upstream_port="${UPSTREAM_PORT:-18901}"
router_port="${ROUTER_PORT:-18902}"
script=run-abuse-bench
source "$bench/bench-lib.sh"
require_free_ports "$upstream_port" "$router_port"
build_unless_skipped

good_a="${ABUSE_GOOD_KEY_A:-bench-good-client-key-a}"
good_b="${ABUSE_GOOD_KEY_B:-bench-good-client-key-b}"
abuser="${ABUSE_ABUSER_KEY:-bench-abusive-client-key}"
export ABUSE_GOOD_KEY_A="$good_a" ABUSE_GOOD_KEY_B="$good_b" ABUSE_ABUSER_KEY="$abuser"

mkdir -p "$target"
start_upstream "$upstream_port"
SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:--Xms1g -Xmx1g}" \
    start_router "$bench/abuse-router.yaml" "$router_port" "$upstream_port"
wait_ready upstream "http://127.0.0.1:$upstream_port/v1/models" "$upstream_pid"
wait_ready router "http://127.0.0.1:$router_port/health" "$router_pid"

echo "$script: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$java_bin" -version 2>&1 | head -1)" >&2
"$java_bin" -Xms256m -Xmx1g -cp "$classpath" dev.switchboard.bench.AbuseBench \
    --url "http://127.0.0.1:$router_port/v1" --good-keys "$good_a,$good_b" --abuser-key "$abuser" \
    --out "$target/abuse-results.md" "$@"
echo "$script: load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" >&2
