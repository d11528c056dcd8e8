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
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$upstream_port" "$router_port" "$portkey_port"; do
  if port_busy "$p"; then
    echo "run-load-bench: port $p on 127.0.0.1 is in use; set UPSTREAM_PORT/ROUTER_PORT/PORTKEY_PORT" >&2
    exit 1
  fi
done

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "run-load-bench: building (switchboard-cli jar + bench module)..." >&2
  (cd "$root" && ./mvnw -q -B -pl switchboard-bench -am package -DskipTests)
fi
jar="$root/switchboard-cli/target/switchboard.jar"
# Everything from this work tree, nothing from ~/.m2: the runnable jar carries core, server and their libraries
# (Armeria, Jackson); the bench and the test upstream add their own classes.
classpath="$target/classes:$root/switchboard-test-fixtures/target/classes:$jar"

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

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() { # name url pid
  for _ in $(seq 1 150); do
    if ! kill -0 "$3" 2>/dev/null; then
      echo "run-load-bench: $1 exited during start-up; see $target/$1.log" >&2
      exit 1
    fi
    if curl -s -o /dev/null --max-time 1 "$2"; then
      return 0
    fi
    sleep 0.2
  done
  echo "run-load-bench: $1 did not come up at $2; see $target/$1.log" >&2
  exit 1
}

mkdir -p "$target"
"$java_bin" -Xms256m -Xmx512m -cp "$classpath" dev.switchboard.bench.UpstreamMain "$upstream_port" \
    >"$target/upstream.log" 2>&1 &
upstream_pid=$!; pids+=("$upstream_pid")

BENCH_ROUTER_PORT="$router_port" BENCH_UPSTREAM_URL="http://127.0.0.1:$upstream_port/v1" SWITCHBOARD_LOG_LEVEL=WARN \
    "$java_bin" ${SWITCHBOARD_JAVA_OPTS:-} -jar "$jar" serve -c "$bench/bench-router.yaml" \
    >"$target/router.log" 2>&1 &
router_pid=$!; pids+=("$router_pid")

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
