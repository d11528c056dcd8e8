#!/usr/bin/env bash
# Gateway-overhead load benchmark: the test upstream, Switchboard and (optionally) the Portkey gateway, each in its
# own process on 127.0.0.1, driven by dev.switchboard.bench.LoadBench in a fourth process. Builds what it needs,
# installs Portkey into switchboard-bench/.portkey (not committed), runs, stops everything it started.
#
#   switchboard-bench/run-load-bench.sh                  # defaults: 200 and 1000 rps, 3 rounds, streaming, closed loop
#   switchboard-bench/run-load-bench.sh --seconds 3      # extra arguments go to LoadBench (see its javadoc)
#   SKIP_PORTKEY=1 switchboard-bench/run-load-bench.sh   # router vs direct only
#   SKIP_BUILD=1 ...                                     # reuse the last build
#
# Results: printed, and written to switchboard-bench/target/load-bench-results.md. Logs of the three servers are in
# switchboard-bench/target/*.log.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
target="$bench/target"
upstream_port="${UPSTREAM_PORT:-18901}"
router_port="${ROUTER_PORT:-18902}"
portkey_port="${PORTKEY_PORT:-18903}"
portkey_version="1.15.2"
script=run-load-bench
source "$bench/bench-lib.sh"
require_free_ports "$upstream_port" "$router_port" "$portkey_port"
build_unless_skipped

portkey=""
if [ -z "${SKIP_PORTKEY:-}" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "run-load-bench: npm not found, running without Portkey (set SKIP_PORTKEY=1 to silence)" >&2
  else
    portkey="$bench/.portkey"
    mkdir -p "$portkey"
    # @hono/node-server newer than 1.12 shares fetch()'s immutable response headers with the gateway, which then
    # fails every streamed chat completion with "TypeError: immutable" (Portkey-AI/gateway#1389, #1550); pin the
    # last version that copies them.
    cat > "$portkey/package.json" <<JSON
{"name": "portkey-bench", "private": true,
 "dependencies": {"@portkey-ai/gateway": "$portkey_version"},
 "overrides": {"@hono/node-server": "1.12.0"}}
JSON
    if [ ! -f "$portkey/node_modules/@portkey-ai/gateway/build/start-server.js" ] \
        || ! grep -q "\"version\": \"$portkey_version\"" "$portkey/node_modules/@portkey-ai/gateway/package.json"; then
      echo "run-load-bench: installing @portkey-ai/gateway@$portkey_version into $portkey ..." >&2
      (cd "$portkey" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error </dev/null >&2)
    fi
  fi
fi

mkdir -p "$target"
start_upstream "$upstream_port"
start_router "$bench/bench-router.yaml" "$router_port" "$upstream_port"

args=(--target "direct=http://127.0.0.1:$upstream_port/v1" --target "router=http://127.0.0.1:$router_port/v1"
      --cpu "upstream=$upstream_pid" --cpu "router=$router_pid")
if [ -n "$portkey" ]; then
  (cd "$portkey" && NODE_ENV=production exec node node_modules/@portkey-ai/gateway/build/start-server.js \
      --port="$portkey_port" --headless) >"$target/portkey.log" 2>&1 &
  portkey_pid=$!; pids+=("$portkey_pid")
  args+=(--target "portkey=http://127.0.0.1:$portkey_port/v1" --portkey-upstream "http://127.0.0.1:$upstream_port/v1"
         --cpu "portkey=$portkey_pid")
  wait_ready portkey "http://127.0.0.1:$portkey_port/" "$portkey_pid"
fi
wait_ready upstream "http://127.0.0.1:$upstream_port/v1/models" "$upstream_pid"
wait_ready router "http://127.0.0.1:$router_port/health" "$router_pid"

echo "run-load-bench: $(nproc) CPUs, $("$java_bin" -version 2>&1 | head -1), node $(node --version 2>/dev/null || echo -)" >&2
# The generator gets one CPU's worth of JVM threads so that it does not crowd out the servers on a small machine.
"$java_bin" -XX:ActiveProcessorCount=1 -Xms256m -Xmx1g -cp "$classpath" dev.switchboard.bench.LoadBench \
    "${args[@]}" --out "$target/load-bench-results.md" "$@"
