#!/usr/bin/env bash
# The evaluation tables of BENCHMARKS.md: every method on the 30 ImageNet photos of ../shared with
# the pretrained mobilenet_v2 (deletion, insertion, average drop, increase in confidence,
# sparseness, max-sensitivity), the localisation metrics on ../shared/pointing, and the
# randomisation test on 8 photos. Writes the evaluate folders under $SALIENCY4J_EVAL_DIR.
# Usage: benchmarks/run_evaluation.sh     (about two hours on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${SALIENCY4J_EVAL_DIR:-/tmp/s4j-eval}
threads=${THREADS:-2}
model=(--model ../shared/models/mobilenet_v2_1.0_224.onnx --preprocess benchmarks/mobilenet_v2_shared.json
  --labels ../shared/models/imagenet_labels_1000.txt --threads "$threads")
methods=gradient,gradient-x-input,smoothgrad,integrated-gradients,guided-backprop,deconvnet,gradcam,gradcam++
methods=$methods,xgradcam,hirescam,layercam,eigencam,guided-gradcam,rsi-gradcam,gradcam+ge,rsi-gradcam+ge
photos=(../shared/images/imagenet/*.JPEG)
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q package -DskipTests

./saliency4j evaluate "${model[@]}" --image "${photos[@]}" --method "$methods" \
  --metric deletion,insertion,average-drop,increase-in-confidence,sparseness,max-sensitivity --out "$out/faithfulness"
./saliency4j evaluate "${model[@]}" --image ../shared/pointing/*.jpg ../shared/pointing/*.png \
  ../shared/pointing/bird_segmentation.bmp ../shared/pointing/dog_segmentation_256.bmp --method "$methods" \
  --annotations ../shared/pointing/annotations.json --target annotated \
  --metric pointing-game,energy-in-box,relevance-mass,relevance-rank --out "$out/localisation"
./saliency4j evaluate "${model[@]}" --image "${photos[@]:0:8}" \
  --method gradient,gradcam,guided-backprop,integrated-gradients --param steps=16 \
  --metric randomisation,random-logit --out "$out/sanity"
# the perturbation family (issue 11): deletion and insertion only (max-sensitivity would explain each
# photo ten more times, hours for these methods), about 20 minutes; Extremal Perturbation on the
# first 10 photos (800 iterations, about 2 minutes a photo here)
./saliency4j evaluate "${model[@]}" --image "${photos[@]}" \
  --method scorecam,ablationcam,fullgrad,occlusion,rise,lime,kernelshap --metric deletion,insertion \
  --out "$out/perturbation"
./saliency4j evaluate "${model[@]}" --image "${photos[@]:0:10}" --method extremal-perturbation --metric deletion,insertion \
  --out "$out/extremal"
python3 benchmarks/evaluation_tables.py "$out"/faithfulness "$out"/localisation "$out"/sanity "$out"/perturbation \
  "$out"/extremal
