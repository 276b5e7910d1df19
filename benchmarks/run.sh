#!/usr/bin/env bash
# Measures what BENCHMARKS.md reports: ms/image, session compile time and peak memory of the
# compiled gradient graphs, against PyTorch doing the same work in the same run (torchvision
# architectures, random weights, 2 threads), plus per-sample accuracy against float64 autograd.
# Needs Debian's python3-torch, python3-torchvision and python3-onnx (apt-get install them).
# Then benchmarks/run_methods.sh and benchmarks/run_peers.sh (every method against the peers).
# Usage: benchmarks/run.sh [RESULTS.jsonl]     (about 75 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-benchmarks/results.jsonl}
work=${SALIENCY4J_BENCH_DIR:-/tmp/s4j-bench}
threads=2
py=/usr/bin/python3
mvn -B -q package -DskipTests
jar=saliency4j-bench/target/saliency4j-bench.jar
[ -f "$work/resnet18.onnx" ] || $py benchmarks/torch_side.py export "$work" 2>/dev/null
: > "$results"
iterations() { [ "$1" = 1 ] && echo 20 || echo 5; }

# Same work on both sides, alternating, two rounds each; the report takes the faster round.
for round in 1 2; do
  for model in mobilenet_v2 resnet18; do
    for task in forward input layer; do
      for batch in 1 16; do
        n=$(iterations $batch)
        java -jar "$jar" "$work/$model.onnx" $task $batch $n $threads >> "$results"
        $py benchmarks/torch_side.py time $model $task $batch $n $threads 2>/dev/null >> "$results"
      done
    done
  done
done

# The pretrained models in ../shared (no PyTorch twin of these exact graphs).
for model in ../shared/models/*.onnx; do
  for task in input layer; do
    for batch in 1 16; do
      java -jar "$jar" "$model" $task $batch "$(iterations $batch)" $threads >> "$results"
    done
  done
done

# Accuracy per sample against float64 autograd, on every exported architecture.
for case in "$work"/*/; do
  name=$(basename "$case")
  java -jar "$jar" "$work/$name.onnx" --check "$case" >> "$results"
done

# Deletion + insertion at the I-GOS authors' settings, and ROAD, against the peers on the same model
for metric in deletion insertion; do
  java -jar "$jar" "$work/mobilenet_v2.onnx" --metric $metric 3 $threads \
    resolution=28 step=15 auc=igos-legacy substrate=zeros >> "$results"
done
java -jar "$jar" "$work/mobilenet_v2.onnx" --metric road 3 $threads >> "$results"
$py benchmarks/metric_timing.py "$work" 3 $threads 2>/dev/null >> "$results"

bash benchmarks/run_methods.sh benchmarks/methods.jsonl
$py benchmarks/report.py "$results" benchmarks/methods.jsonl
# every gradient and CAM method against Captum and pytorch-grad-cam, and the FLOP rates
bash benchmarks/run_peers.sh benchmarks/peers.jsonl
