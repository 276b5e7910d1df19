#!/usr/bin/env python3
"""PyTorch side of the deletion + insertion timing (Debian's python3-torch, python3-torchvision).

  metric_timing.py DIR ITERATIONS THREADS

On torchvision's mobilenet_v2 with the random weights of torch_side.py (exported to
DIR/mobilenet_v2.onnx for the Java side when missing), one 224 x 224 input and a random 28 x 28
mask, times the I-GOS authors' metric() (../shared/peers/igos_pp, deletion and insertion in one
call, on the CPU with the replacements of ../shared/peers/README.md made as it loads: size 28,
step 15, a zero baseline), and a batched PyTorch implementation of the same 53 + 53 copies, 16 per
forward pass; and pytorch-grad-cam's ROADCombined (MoRF and LeRF at the percentiles 10 to 90, its
default noise) with a smooth random 224 x 224 map. Prints one JSON line per side and metric: the
median ms per image of ITERATIONS calls.
"""
import json
import os
import pathlib
import sys
import time

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import torch_side  # noqa: E402

sys.path.insert(0, str(HERE.parent / "tools/fixtures"))
from demo_torch import igos_helper  # noqa: E402

SIZE, STEP, CHUNK = 28, 15, 16


def batched(model, image, baseline, mask, label):
    """Deletion and insertion areas (the I-GOS right Riemann sum), the copies 16 per forward pass."""
    order = torch.argsort(mask.view(-1))
    cells = SIZE * SIZE
    masks = []
    for changed in range(0, cells + STEP, STEP):
        m = torch.ones(cells)
        m[order[:min(changed, cells)]] = 0
        masks.append(m.view(1, SIZE, SIZE))
    up = torch.nn.functional.interpolate(torch.stack(masks), size=(224, 224), mode="bilinear", align_corners=True)
    areas = []
    for deletion in (True, False):
        copies = image * up + baseline * (1 - up) if deletion else baseline * up + image * (1 - up)
        with torch.no_grad():
            p = torch.cat([torch.softmax(model(copies[i:i + CHUNK]), 1)[:, label]
                           for i in range(0, len(copies), CHUNK)])
        areas.append(float(p[1:].sum() * STEP / cells))
    return areas


def median_ms(call, iterations):
    call()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1e3)
    return float(np.median(times))


def main():
    out, iterations, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    model = torch_side.build("mobilenet_v2")
    path = os.path.join(out, "mobilenet_v2.onnx")
    if not os.path.isfile(path):
        os.makedirs(out, exist_ok=True)
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), path, opset_version=13, input_names=["input"],
                          output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    torch.manual_seed(1)
    image = torch.randn(1, 3, 224, 224)
    baseline = torch.zeros_like(image)
    mask = torch.rand(1, SIZE, SIZE)
    label = torch.tensor([7])
    helper = igos_helper(224)
    peer = median_ms(lambda: helper.metric(image, baseline, mask, model, label, step=STEP, size=SIZE), iterations)
    ours = median_ms(lambda: batched(model, image, baseline, mask, 7), iterations)
    for side, ms in (("igos-metric", peer), ("pytorch-batched", ours)):
        print(json.dumps({"side": side, "model": "mobilenet_v2", "metric": "deletion+insertion",
                          "ms_per_image": round(ms, 1), "threads": threads}))
    sys.path.insert(0, str(HERE.parent.parent / "shared/peers"))
    from pytorch_grad_cam.metrics.road import ROADCombined
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputSoftmaxTarget
    ys, xs = np.mgrid[0:224, 0:224] / 223.0
    cam = (np.sin(ys * 5) * np.cos(xs * 3) + 1).astype(np.float32)[None] / 2
    road = ROADCombined()
    ms = median_ms(lambda: road(image, cam, [ClassifierOutputSoftmaxTarget(7)], model), iterations)
    print(json.dumps({"side": "pytorch-grad-cam", "model": "mobilenet_v2", "metric": "road",
                      "ms_per_image": round(ms, 1), "threads": threads}))


if __name__ == "__main__":
    main()
