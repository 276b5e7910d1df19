#!/usr/bin/env bash
# rsi-gradcam's time on torchvision mobilenet_v2 (224x224, 2 threads; it has no peer), the
# completeness gaps of rsi-gradcam and integrated-gradients on the ../shared ImageNet photos with
# the pretrained mobilenet_v2, and the Gradual Extrapolation study. Run by benchmarks/run.sh, or
# alone after it has exported the models.
# Usage: benchmarks/run_methods.sh [RESULTS.jsonl]     (about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-benchmarks/methods.jsonl}
work=${SALIENCY4J_BENCH_DIR:-/tmp/s4j-bench}
py=/usr/bin/python3
jar=saliency4j-bench/target/saliency4j-bench.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
: > "$results"
batch=4
# the methods with a peer are timed against it by benchmarks/run_peers.sh; rsi-gradcam has none
java -jar "$jar" "$work/mobilenet_v2.onnx" --method rsi-gradcam $batch 3 2 >> "$results"

# completeness of the path methods on real photos (the manifest records each input's gap)
out=$(mktemp -d)
./saliency4j explain --model ../shared/models/mobilenet_v2_1.0_224.onnx --preprocess benchmarks/mobilenet_v2_shared.json \
  --image ../shared/images/imagenet/*.JPEG --method rsi-gradcam,integrated-gradients --out "$out" > /dev/null
$py - "$out/manifest.json" >> "$results" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    d = r["details"]
    if r["method"] == "rsi-gradcam":
        c = d["completeness"][0]
        gap, diff = c["gap"], c["scoreDifference"]
    else:
        gap, diff = d["completenessDelta"], r["score"] - d["scoreBaseline"]
    print(json.dumps({"completeness": r["method"], "input": r["input"].split("/")[-1], "gap": gap, "score_difference": diff}))
PY
rm -rf "$out"

# Gradual Extrapolation: extra cost over the base method, and localisation with and without it
for method in gradcam gradcam+ge rsi-gradcam rsi-gradcam+ge gradient gradient+ge; do
  java -jar "$jar" "$work/mobilenet_v2.onnx" --method "$method" $batch 3 2 >> "$results"
done
java -cp "$jar" org.saliency4j.bench.LocalisationStudy ../shared/models/mobilenet_v2_1.0_224.onnx benchmarks/mobilenet_v2_shared.json \
  ../shared/pointing/annotations.json gradcam gradcam+ge rsi-gradcam rsi-gradcam+ge >> "$results"
