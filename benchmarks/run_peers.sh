#!/usr/bin/env bash
# Every gradient and CAM method at its defaults against the peers' own code in the same run
# (rsi-gradcam, which has no peer, alone):
# Captum 0.8 and pytorch-grad-cam 1.5.5 from ../shared/peers (benchmarks/peer_methods.py), on the
# torchvision exports of torch_side.py, at batch 1 and 16. One thread on each side, both pinned to
# the same core (CPU 1), each pair run back to back; with SALIENCY4J_ROUNDS=2 the whole run is
# repeated and the tables keep each side's faster round. Then the FLOP rates: the forward and
# gradient passes of both models (and PyTorch's) against a large MatMul in ONNX Runtime.
# Usage: benchmarks/run_peers.sh [RESULTS.jsonl]     (about 30 minutes per round)
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-benchmarks/peers.jsonl}
work=${SALIENCY4J_BENCH_DIR:-/tmp/s4j-bench}
py=/usr/bin/python3
jar=${SALIENCY4J_BENCH_JAR:-saliency4j-bench/target/saliency4j-bench.jar}
[ -f "$jar" ] || mvn -B -q package -DskipTests
[ -f "$work/resnet18.onnx" ] || (cd benchmarks && $py torch_side.py export "$work" mobilenet_v2 resnet18 2>/dev/null)
pin="taskset -c 1"
methods="gradient gradient-x-input smoothgrad integrated-gradients guided-backprop deconvnet guided-gradcam
         gradcam gradcam++ xgradcam hirescam layercam eigencam rsi-gradcam"
iterations() {  # batch, method: fewer calls where one call is long
  case "$2" in
    smoothgrad|integrated-gradients|rsi-gradcam) [ "$1" = 1 ] && echo 3 || echo 1 ;;
    *) [ "$1" = 1 ] && echo 10 || echo 3 ;;
  esac
}
: > "$results"
for round in $(seq "${SALIENCY4J_ROUNDS:-1}"); do
  for model in mobilenet_v2 resnet18; do
    for batch in 1 16; do
      for method in $methods; do
        n=$(iterations $batch "$method")
        $pin java -jar "$jar" "$work/$model.onnx" --method "$method" $batch "$n" 1 >> "$results"
        (cd benchmarks && PYTHONPATH=../../shared/peers $pin $py peer_methods.py $model "$method" $batch "$n" 1 \
          2>/dev/null) >> "$results"
      done
      for task in forward input layer; do
        n=$([ $batch = 1 ] && echo 20 || echo 5)
        $pin java -jar "$jar" "$work/$model.onnx" $task $batch $n 1 >> "$results"
        (cd benchmarks && $pin $py torch_side.py time $model $task $batch $n 1 2>/dev/null) >> "$results"
      done
    done
  done
done
$py benchmarks/flops.py "$work/mobilenet_v2.onnx" "$work/resnet18.onnx" >> "$results"
$pin java -cp "$jar" org.saliency4j.bench.MatMulPeak 2048 5 1 >> "$results"
$py benchmarks/peer_tables.py "$results"
