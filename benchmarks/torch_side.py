#!/usr/bin/env python3
"""PyTorch side of the benchmarks (Debian's python3-torch and python3-torchvision).

  export DIR [NAME...] torchvision models (random weights; all, or those named) to DIR/<name>.onnx, with a float64
                       accuracy case in DIR/<name>/ (x.npy, targets.txt, layer.txt, grad_input.npy, grad_layer.npy)
  time NAME TASK BATCH ITERATIONS THREADS
                       the same work as the Java side: forward, forward + input gradient, or
                       forward + gradient at the layer the accuracy case names; prints one JSON line
"""
import json
import os
import resource
import sys
import time

import numpy as np
import onnx
import torch
import torchvision

# model name -> (constructor, module whose output is the inner tap, opset)
MODELS = {
    "resnet18": (lambda: torchvision.models.resnet18(), "layer4", 13),
    "mobilenet_v2": (lambda: torchvision.models.mobilenet_v2(), "features", 13),
    "vgg11_bn": (lambda: torchvision.models.vgg11_bn(), "features.27", 13),
    "mobilenet_v3_small": (lambda: torchvision.models.mobilenet_v3_small(), "features", 14),
    "squeezenet1_1": (lambda: torchvision.models.squeezenet1_1(), "features", 13),
    # not "features": DenseNet applies an in-place ReLU to that output, which corrupts a hooked gradient
    "densenet121": (lambda: torchvision.models.densenet121(), "features.denseblock4", 13),
    "efficientnet_b0": (lambda: torchvision.models.efficientnet_b0(), "features", 13),
    "googlenet": (lambda: torchvision.models.googlenet(aux_logits=False, init_weights=True), "inception5b", 13),
    "shufflenet_v2_x1_0": (lambda: torchvision.models.shufflenet_v2_x1_0(), "conv5", 13),
    "regnet_y_400mf": (lambda: torchvision.models.regnet_y_400mf(), "trunk_output", 13),
    "convnext_tiny": (lambda: torchvision.models.convnext_tiny(), "features", 17),
}


def build(name):
    torch.manual_seed(0)
    model = MODELS[name][0]().eval()
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            # random running statistics, so BatchNorm is not the identity
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
    return model


def module(model, path):
    for part in path.split("."):
        model = model[int(part)] if part.isdigit() else getattr(model, part)
    return model


def onnx_tap_name(path, module_path):
    """The output of the last node inside the module (torch names nodes by module path)."""
    parts = module_path.split(".")
    # torch names a node by its modules' local names; a Sequential's child i is "<parent>.i"
    levels = [parts[i - 1] + "." + p if p.isdigit() else p for i, p in enumerate(parts)]
    prefix = "/" + "/".join(levels) + "/"
    nodes = [n for n in onnx.load(path).graph.node if n.name.startswith(prefix)]
    return nodes[-1].output[0]


def per_sample_error(ref, other):
    return ", ".join(f"{np.abs(o - r).max() / np.abs(r).max():.2e}" for r, o in zip(ref, other))


def export(out, names=()):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(0)
    for name, (_, tap, opset) in MODELS.items():
        if names and name not in names:
            continue
        if os.path.isfile(os.path.join(out, name, "layer.txt")):
            continue
        model = build(name)
        path = os.path.join(out, name + ".onnx")
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), path, opset_version=opset, input_names=["input"],
                          output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
        case = os.path.join(out, name)
        os.makedirs(case, exist_ok=True)
        x32 = rng.standard_normal((2, 3, 224, 224)).astype(np.float32)
        store = {}

        def keep(mod, inputs, output):
            output.retain_grad()
            store["tap"] = output

        module(model, tap).register_forward_hook(keep)

        def gradients(dtype, targets=None):
            model.to(dtype)
            x = torch.from_numpy(x32).to(dtype).requires_grad_(True)
            logits = model(x)
            targets = logits.argmax(1) if targets is None else targets
            logits.gather(1, targets.view(-1, 1)).sum().backward()
            return x.grad.double().numpy(), store["tap"].grad.double().numpy(), targets

        gx, gl, targets = gradients(torch.float64)
        fx, fl, _ = gradients(torch.float32, targets)
        np.save(os.path.join(case, "x.npy"), x32)
        np.save(os.path.join(case, "grad_input.npy"), gx.astype(np.float32))
        np.save(os.path.join(case, "grad_layer.npy"), gl.astype(np.float32))
        # how far PyTorch's own float32 result is from float64: the conditioning of the reference
        with open(os.path.join(case, "torch_float32_error.json"), "w") as f:
            json.dump({"input": [per_sample_error(gx, fx)], "layer": [per_sample_error(gl, fl)]}, f)
        with open(os.path.join(case, "targets.txt"), "w") as f:
            f.write(",".join(str(t) for t in targets.tolist()))
        with open(os.path.join(case, "layer.txt"), "w") as f:
            f.write(onnx_tap_name(path, tap))
        print("exported", name, flush=True)


def time_one(name, task, batch, iterations, threads):
    torch.set_num_threads(threads)
    model = build(name)
    x = torch.randn(batch, 3, 224, 224)
    targets = torch.arange(batch) * 7 % 1000
    store = {}
    if task == "layer":
        module(model, MODELS[name][1]).register_forward_hook(lambda m, i, o: store.__setitem__("tap", o))

    def step():
        if task == "forward":
            with torch.no_grad():
                model(x)
            return
        xi = x.clone().requires_grad_(task == "input")
        logits = model(xi)
        score = logits.gather(1, targets.view(-1, 1)).sum()
        torch.autograd.grad(score, xi if task == "input" else store["tap"])

    report({"side": "pytorch", "model": name + ".onnx", "task": task, "batch": batch}, step, batch, iterations)


def report(record, step, batch, iterations, warm_up=None):
    """Times step() after warm_up() (default: one call of step); prints the record with the median
    ms/image and peak RSS."""
    (warm_up or step)()
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000 / batch)
    times.sort()
    record["ms_per_image"] = round(times[iterations // 2], 3)
    record["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(record))


if __name__ == "__main__":
    if sys.argv[1] == "export":
        export(sys.argv[2], sys.argv[3:])
    else:
        time_one(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
