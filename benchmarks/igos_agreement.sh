#!/usr/bin/env bash
# saliency4j's I-GOS family against the authors' code on the demo model, their noise set to 0 (the
# masks of the test fixture, tools/fixtures/make_igos_fixtures.py): per image, the correlation of
# the masks and the difference of the deletion and insertion areas of the two maps.
# Usage: benchmarks/igos_agreement.sh [OUT]     (about 3 minutes on 2 cores; prints a markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/s4j-igos-agreement}
jar=${SALIENCY4J_JAR:-saliency4j-cli/target/saliency4j.jar}
threads=${THREADS:-2}
py=/usr/bin/python3
s4j=(java -jar "$jar")
fixture=saliency4j-core/src/test/resources/methods/igos
demo=(--model demo/shapes_cnn.onnx --input-npy "$fixture/x.npy" --threads "$threads"
  --target "$($py -c "import json; print(','.join(map(str, json.load(open('$fixture/expected.json'))['targets'])))")")
mkdir -p "$out"
$py benchmarks/igos_agreement.py maps "$out"
for kind in igos igos-khorram igos+ igos++; do
  params=(--param noise=0 --param baseline=blur)
  [ "$kind" = igos-khorram ] && params+=(--param variant=khorram)
  rm -rf "$out/ours-$kind" "$out/eval-ours-$kind" "$out/eval-authors-$kind"
  "${s4j[@]}" explain "${demo[@]}" --method "${kind%-khorram}" "${params[@]}" --out "$out/ours-$kind" > /dev/null
  "${s4j[@]}" evaluate "${demo[@]}" --maps "$out/ours-$kind" --metric deletion,insertion \
    --out "$out/eval-ours-$kind" > /dev/null
  "${s4j[@]}" evaluate "${demo[@]}" --maps "$out/authors-$kind.npy" --metric deletion,insertion \
    --out "$out/eval-authors-$kind" > /dev/null
done
$py benchmarks/igos_agreement.py table "$out"
