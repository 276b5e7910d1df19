#!/usr/bin/env bash
# The perturbation family against its peers in the same run (BENCHMARKS.md, issue 11): saliency4j
# and pytorch-grad-cam (scorecam, ablationcam, fullgrad) or Captum (occlusion, lime, kernelshap) on
# torchvision mobilenet_v2 and resnet18 (random weights, 224 x 224, 2 threads, internal batch 16),
# alternating sides; then benchmarks/perturbation_tables.py prints the table.
# Usage: benchmarks/run_perturbation.sh [RESULTS.jsonl]     (about 25 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-benchmarks/perturbation.jsonl}
work=${SALIENCY4J_BENCH_DIR:-/tmp/s4j-bench}
py=/usr/bin/python3
jar=${BENCH_JAR:-saliency4j-bench/target/saliency4j-bench.jar}
[ -f "$jar" ] || mvn -B -q package -DskipTests
[ -f "$work/resnet18.onnx" ] || $py benchmarks/torch_side.py export "$work" mobilenet_v2 resnet18 2>/dev/null
: > "$results"
batch=2
for model in mobilenet_v2 resnet18; do
  for method in scorecam ablationcam fullgrad occlusion lime kernelshap; do
    case $method in
      scorecam) params=(variant=pytorch-grad-cam) ;;
      lime) params=(segmentation=grid segments=50 score=logit distance=input) ;;
      kernelshap) params=(segmentation=grid segments=50) ;;
      *) params=() ;;
    esac
    iterations=$([ "$method" = fullgrad ] || [ "$method" = ablationcam ] && echo 5 || echo 1)
    java -jar "$jar" "$work/$model.onnx" --method "$method" $batch "$iterations" 2 "${params[@]}" >> "$results"
    (cd benchmarks && PYTHONPATH=../../shared/peers $py perturbation_peers.py $model $method $batch "$iterations" 2 \
      2>/dev/null) >> "$results"
  done
done
$py benchmarks/perturbation_tables.py "$results"
