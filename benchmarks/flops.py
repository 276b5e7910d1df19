#!/usr/bin/env python3
"""Multiply-adds of a model's convolutions and matrix products per image, from its ONNX graph.

  flops.py MODEL.onnx...    prints one JSON line per model: {"model", "forward_gflop"}

Forward FLOPs are 2 x the multiply-adds of Conv, ConvTranspose, Gemm and MatMul (the rest is a few
per cent of the work). The input gradient's backward pass repeats each of them once more (the
gradient with respect to the layer's input, not its weights), so forward + input gradient is
counted as twice the forward; the default layer of these models feeds only pooling and the
classifier, so forward + layer gradient is counted as the forward.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import shape_inference


def shapes(model):
    """Every tensor's shape at batch 1."""
    for i in model.graph.input:
        d = i.type.tensor_type.shape.dim
        if d and not d[0].dim_value:
            d[0].dim_value = 1
    inferred = shape_inference.infer_shapes(model)
    out = {}
    for v in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        out[v.name] = [d.dim_value for d in v.type.tensor_type.shape.dim]
    for t in model.graph.initializer:
        out[t.name] = list(t.dims)
    return out


def multiply_adds(model):
    s = shapes(model)
    total = 0
    for n in model.graph.node:
        if n.op_type == "Conv":
            w, y = s[n.input[1]], s[n.output[0]]
            total += int(np.prod(y)) * int(np.prod(w[1:]))
        elif n.op_type == "ConvTranspose":
            x, w = s[n.input[0]], s[n.input[1]]
            total += int(np.prod(x)) * int(np.prod(w[1:]))
        elif n.op_type in ("Gemm", "MatMul"):
            a, y = s[n.input[0]], s[n.output[0]]
            total += int(np.prod(y)) * a[-1]
    return total


if __name__ == "__main__":
    for path in sys.argv[1:]:
        macs = multiply_adds(onnx.load(path))
        print(json.dumps({"model": os.path.basename(path), "forward_gflop": round(2 * macs / 1e9, 3)}))
