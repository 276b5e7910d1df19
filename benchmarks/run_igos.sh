#!/usr/bin/env bash
# I-GOS and iGOS++ against the authors' code, and the I-GOS papers' claim, for BENCHMARKS.md.
# 1. Time per image at the demo defaults (size 28, 15 iterations, 20 path steps) on torchvision's
#    mobilenet_v2 with random weights (the graph benchmarks/run.sh exports), saliency4j and the
#    authors' code (benchmarks/igos_peers.py) on the same photos, 2 threads each, in one run.
# 2. Deletion and insertion on the first 15 ImageNet photos with the pretrained mobilenet_v2, in the
#    standard protocol and the authors' (28 x 28 cells, auc=igos), for the I-GOS family and four
#    other methods (one explain run; the metrics read its maps).
# Usage: benchmarks/run_igos.sh [PHOTOS_TIMED] [PHOTOS_EVALUATED]     (about 1 h 40 min on 2 cores;
#        0 skips a part)
set -euo pipefail
cd "$(dirname "$0")/.."
timed=${1:-2}
evaluated=${2:-15}
work=${SALIENCY4J_BENCH_DIR:-/tmp/s4j-bench}
out=${SALIENCY4J_IGOS_DIR:-/tmp/s4j-igos}
jar=${SALIENCY4J_JAR:-saliency4j-cli/target/saliency4j.jar}
py=/usr/bin/python3
[ -f "$jar" ] || mvn -B -q package -DskipTests
[ -f "$work/mobilenet_v2.onnx" ] || $py benchmarks/torch_side.py export "$work" 2>/dev/null
s4j=(java -jar "$jar")
mkdir -p "$out"
photos=(../shared/images/imagenet/*.JPEG)
results=${SALIENCY4J_IGOS_RESULTS:-benchmarks/igos.jsonl}
[ "$timed" -eq 0 ] || : > "$results"

for method in igos igos++; do
  [ "$timed" -gt 0 ] || break
  rm -rf "$out/time-$method"
  /usr/bin/time -f "%M" -o "$out/rss" "${s4j[@]}" explain --model "$work/mobilenet_v2.onnx" \
    --preprocess benchmarks/mobilenet_v2_shared.json --threads 2 --image "${photos[@]:0:$timed}" \
    --method "$method" --out "$out/time-$method" > /dev/null
  $py - "$out/time-$method/manifest.json" "$method" "$(cat "$out/rss")" "$timed" >> "$results" <<'PY'
import json, statistics, sys
m = json.load(open(sys.argv[1]))
ms = 1e3 * statistics.median(r["seconds"] for r in m["results"])
print(json.dumps({"side": "saliency4j", "model": "mobilenet_v2", "method": sys.argv[2], "images": int(sys.argv[4]),
                  "ms_per_image": ms, "peak_rss_mb": int(sys.argv[3]) / 1024}))
PY
done
[ "$timed" -eq 0 ] || $py benchmarks/igos_peers.py "$timed" 2 2>/dev/null | grep '^{' >> "$results"
[ "$evaluated" -gt 0 ] || exit 0

model=(--model ../shared/models/mobilenet_v2_1.0_224.onnx --preprocess benchmarks/mobilenet_v2_shared.json
  --labels ../shared/models/imagenet_labels_1000.txt --threads 2)
rm -rf "$out/explain" "$out/standard" "$out/authors"
"${s4j[@]}" explain "${model[@]}" --image "${photos[@]:0:$evaluated}" \
  --method gradient,integrated-gradients,gradcam,rsi-gradcam,igos,igos+,igos++ --out "$out/explain" > /dev/null
"${s4j[@]}" evaluate "${model[@]}" --image "${photos[@]:0:$evaluated}" --maps "$out/explain" \
  --metric deletion,insertion --out "$out/standard" > /dev/null
"${s4j[@]}" evaluate "${model[@]}" --image "${photos[@]:0:$evaluated}" --maps "$out/explain" \
  --metric deletion,insertion --metric-param resolution=28 --metric-param auc=igos --out "$out/authors" > /dev/null
$py benchmarks/igos_tables.py "$results" "$out/explain" "$out/standard" "$out/authors"
