#!/usr/bin/env bash
# Throughput of the Spark job against the CLI on the same work: the 30 ImageNet photos, the
# pretrained mobilenet_v2, gradcam and integrated-gradients, one ONNX Runtime thread per task.
# Prints one line per run (wall seconds including the JVM's start) to benchmarks/spark.tsv.
# Build first: mvn -B -q package -DskipTests. Run from the repository's root.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
model=(--model ../shared/models/mobilenet_v2_1.0_224.onnx --preprocess benchmarks/mobilenet_v2_shared.json)
methods=(--method gradcam,integrated-gradients)
mkdir -p "$work/two"
cp $(ls ../shared/images/imagenet/*.JPEG | head -2) "$work/two/"
results=benchmarks/spark.tsv
echo -e "run\timages\tseconds" > "$results"
timed() {
  local name=$1 images=$2
  shift 2
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  t1=$(date +%s.%N)
  echo -e "$name\t$images\t$(echo "$t1 - $t0" | bc)" | tee -a "$results"
}
for threads in 1 2; do
  timed "cli --threads $threads" 30 ./saliency4j explain "${model[@]}" "${methods[@]}" --threads "$threads" \
    --image ../shared/images/imagenet/*.JPEG --out "$work/cli$threads"
done
for cores in 1 2; do
  timed "spark local[$cores]" 30 ./saliency4j-spark explain --master "local[$cores]" "${model[@]}" "${methods[@]}" \
    --images '../shared/images/imagenet/*.JPEG' --out "$work/spark$cores"
done
timed "spark local[1]" 2 ./saliency4j-spark explain --master "local[1]" "${model[@]}" "${methods[@]}" \
  --images "$work/two/*.JPEG" --out "$work/spark-two"
timed "cli --threads 1" 2 ./saliency4j explain "${model[@]}" "${methods[@]}" --threads 1 \
  --image "$work/two/"*.JPEG --out "$work/cli-two"
