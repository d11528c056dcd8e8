#!/usr/bin/env bash
# Builds the Switchboard OCI image without a Docker engine, and (with --run) starts it under runc and checks that
# the router inside comes up ready and answers a chat completion. Same layout as deploy/Dockerfile: a non-root
# user (10001), the jar at /opt/switchboard/switchboard.jar, a Java runtime at /opt/java, only /tmp written.
# Why this way and not `docker build`: docs/adr/0016-container-image.md.
#
#   deploy/build-image.sh [--run] [--jar FILE]      as root on Debian/Ubuntu; output in target/image/
#
# Needs: debootstrap, umoci (and runc for --run) from apt (installed when missing), a JDK 17+ with jlink, network
# access to the Debian mirror. Not part of `./mvnw verify`: it takes minutes and root.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/target/image"
suite="${SWITCHBOARD_IMAGE_SUITE:-bookworm}"
mirror="${SWITCHBOARD_IMAGE_MIRROR:-http://deb.debian.org/debian}"
tag="${SWITCHBOARD_IMAGE_TAG:-0.1.0}"
jar=""
run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --run) run=true ;;
    --jar) jar="$2"; shift ;;
    *) echo "usage: $0 [--run] [--jar FILE]" >&2; exit 2 ;;
  esac
  shift
done

need() {
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}
need debootstrap umoci
$run && need runc curl

# 1. the jar
if [ -z "$jar" ]; then
  (cd "$root" && ./mvnw -q -B -pl switchboard-cli -am package -DskipTests)
  jar="$root/switchboard-cli/target/switchboard.jar"
fi

# 2. the base: a minimal Debian (glibc and libstdc++ for ONNX Runtime), made once and kept
mkdir -p "$work"
if [ ! -f "$work/base.tar" ]; then
  rm -rf "$work/base"
  debootstrap --variant=minbase "$suite" "$work/base" "$mirror" >"$work/debootstrap.log"
  rm -rf "$work/base/var/cache/apt/archives/"*.deb "$work/base/var/lib/apt/lists/"*
  tar -C "$work/base" -cf "$work/base.tar" .
  rm -rf "$work/base"
fi

# 3. the root filesystem: base + a jlink'ed Java runtime + the user + the jar
rootfs="$work/rootfs"
rm -rf "$rootfs" && mkdir -p "$rootfs"
tar -C "$rootfs" -xf "$work/base.tar"
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql
modules=$modules,java.xml,jdk.crypto.ec,jdk.incubator.vector,jdk.management,jdk.unsupported,jdk.zipfs
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$rootfs/opt/java"
echo "switchboard:x:10001:10001:switchboard:/nonexistent:/usr/sbin/nologin" >>"$rootfs/etc/passwd"
echo "switchboard:x:10001:" >>"$rootfs/etc/group"
install -D -m 0444 "$jar" "$rootfs/opt/switchboard/switchboard.jar"
chmod 1777 "$rootfs/tmp"

# 4. the OCI image: one layer, the Dockerfile's config
oci="$work/oci"
rm -rf "$oci" "$work/bundle"
umoci init --layout "$oci"
umoci new --image "$oci:$tag"
umoci unpack --image "$oci:$tag" "$work/bundle" >/dev/null
rm -rf "$work/bundle/rootfs" && mv "$rootfs" "$work/bundle/rootfs"
umoci repack --image "$oci:$tag" "$work/bundle"
umoci config --image "$oci:$tag" --author switchboard \
  --config.user 10001:10001 --config.workingdir /opt/switchboard \
  --config.env PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
  --config.env SWITCHBOARD_PORT=8801 --config.env LANG=C.UTF-8 \
  --config.entrypoint java --config.entrypoint --add-modules --config.entrypoint jdk.incubator.vector \
  --config.entrypoint -jar --config.entrypoint /opt/switchboard/switchboard.jar \
  --config.cmd serve --config.cmd --config --config.cmd /etc/switchboard/switchboard.yaml \
  --config.exposedports 8801/tcp --config.exposedports 8802/tcp --config.volume /tmp
umoci gc --layout "$oci"
tar -C "$oci" -cf "$work/switchboard-$tag.oci.tar" .
rm -rf "$work/bundle"
echo "image: $work/switchboard-$tag.oci.tar (OCI layout; skopeo copy oci-archive:... docker-daemon:switchboard:$tag," \
  "or docker load -i on Docker 25+)"

$run || exit 0

# 5. run it: runc on an unpacked bundle, read-only root, /tmp a tmpfs, the host's network (no bridge here), the
# demo (built-in echo models, listening on loopback) as the command
bundle="$work/run"
rm -rf "$bundle"
umoci unpack --image "$oci:$tag" "$bundle" >/dev/null
port="${SWITCHBOARD_IMAGE_TEST_PORT:-18801}"
python3 - "$bundle/config.json" "$port" <<'PY'
import json, sys
path, port = sys.argv[1], sys.argv[2]
c = json.load(open(path))
c["root"]["readonly"] = True
c["process"]["terminal"] = False
c["process"]["args"] = c["process"]["args"][:5] + ["demo", "--port", port]
linux = c["linux"]
# this machine is itself a container (cgroup v1, no bridge): share its network and cgroups
linux["namespaces"] = [n for n in linux["namespaces"] if n["type"] not in ("network", "cgroup")]
linux.pop("resources", None)
c["mounts"] = [m for m in c["mounts"] if m["destination"] != "/sys/fs/cgroup"]
c["mounts"].append({"destination": "/tmp", "type": "tmpfs", "source": "tmpfs",
                    "options": ["nosuid", "nodev", "mode=1777", "size=512m"]})
json.dump(c, open(path, "w"), indent=1)
PY
id="switchboard-smoke-$$"
(cd "$bundle" && runc run -d --pid-file "$work/run.pid" "$id" >"$work/run.log" 2>&1 </dev/null)
trap 'runc kill "$id" KILL 2>/dev/null || true; sleep 1; runc delete -f "$id" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready" || true)"
  [ "$status" = 200 ] && break
  sleep 1
done
[ "$status" = 200 ] || { echo "not ready after 120 s; log: $work/run.log" >&2; exit 1; }
answer="$(curl -s "http://127.0.0.1:$port/v1/chat/completions" -H 'content-type: application/json' \
  -d '{"model":"auto","messages":[{"role":"user","content":"What is the integral of x^2?"}]}')"
echo "$answer" | grep -q '"content"' || { echo "no answer: $answer" >&2; exit 1; }
user="$(runc exec "$id" id -u)"
[ "$user" = 10001 ] || { echo "runs as uid $user, expected 10001" >&2; exit 1; }
runc kill "$id" TERM
echo "ran in the image as uid $user: /ready 200, chat answered: $(echo "$answer" | head -c 160)"
