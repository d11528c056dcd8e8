# Shared by the benchmark scripts (source it after setting $script, $root, $target): process bookkeeping and
# start-up checks for servers run on 127.0.0.1. Every process started through start_bg is stopped on exit.
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="$root/switchboard-cli/target/switchboard.jar"
# Everything from this work tree, nothing from ~/.m2: the runnable jar carries core, server and their libraries
# (Armeria, Jackson); the bench and the test upstream add their own classes.
classpath="$target/classes:$root/switchboard-test-fixtures/target/classes:$jar"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() { # port...
  for p in "$@"; do
    if port_busy "$p"; then
      echo "$script: port $p on 127.0.0.1 is in use; set the *_PORT variables" >&2
      exit 1
    fi
  done
}

build_unless_skipped() {
  if [ -z "${SKIP_BUILD:-}" ]; then
    echo "$script: building (switchboard-cli jar + bench module)..." >&2
    (cd "$root" && ./mvnw -q -B -pl switchboard-bench -am package -DskipTests)
  fi
}

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
  for _ in $(seq 1 300); do
    if ! kill -0 "$3" 2>/dev/null; then
      echo "$script: $1 exited during start-up; see $target/$1.log" >&2
      exit 1
    fi
    if curl -s -o /dev/null --max-time 1 "$2"; then
      return 0
    fi
    sleep 0.2
  done
  echo "$script: $1 did not come up at $2; see $target/$1.log" >&2
  exit 1
}

start_upstream() { # port; sets upstream_pid
  "$java_bin" -Xms256m -Xmx512m -cp "$classpath" dev.switchboard.bench.UpstreamMain "$1" \
      >"$target/upstream.log" 2>&1 &
  upstream_pid=$!; pids+=("$upstream_pid")
}

start_router() { # config router_port upstream_port [log name, default router]; sets router_pid
  BENCH_ROUTER_PORT="$2" BENCH_UPSTREAM_URL="http://127.0.0.1:$3/v1" SWITCHBOARD_LOG_LEVEL=WARN \
      "$java_bin" ${SWITCHBOARD_JAVA_OPTS:-} -jar "$jar" serve -c "$1" >"$target/${4:-router}.log" 2>&1 &
  router_pid=$!; pids+=("$router_pid")
}
