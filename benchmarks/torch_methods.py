#!/usr/bin/env python3
"""Each saliency4j method implemented directly in PyTorch at the same defaults, for timing in the
same run (Captum and pytorch-grad-cam are not installable from this machine's registries).

  torch_methods.py NAME METHOD BATCH ITERATIONS THREADS    prints one JSON line
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

import torch_side

STEPS = 50
CHUNK = 16  # the same internal batch size as saliency4j's default


def grads(model, x, targets, layer=None, probability=False):
    """Gradient at the input (layer None) or the layer's activation and gradient, in chunks."""
    outs = []
    for i in range(0, x.shape[0], CHUNK):
        xi = x[i:i + CHUNK].clone().requires_grad_(layer is None)
        store = {}
        handle = layer.register_forward_hook(lambda m, inp, o: store.__setitem__("a", o)) if layer is not None else None
        logits = model(xi)
        s = torch.softmax(logits, 1) if probability else logits
        score = s.gather(1, targets[i:i + CHUNK].view(-1, 1)).sum()
        if handle:
            handle.remove()
            g, = torch.autograd.grad(score, store["a"])
            outs.append((store["a"].detach(), g))
        else:
            g, = torch.autograd.grad(score, xi)
            outs.append(g)
    if layer is None:
        return torch.cat(outs)
    return torch.cat([a for a, _ in outs]), torch.cat([g for _, g in outs])


def run(model, layer, method, x, targets):
    if method == "gradient":
        return grads(model, x, targets).abs().amax(1)
    if method == "gradient-x-input":
        return (x * grads(model, x, targets)).sum(1).abs()
    if method in ("guided-backprop", "deconvnet", "guided-gradcam"):
        raise NotImplementedError  # timed with the ReLU swapped, below
    if method == "smoothgrad":
        out = []
        for n in range(x.shape[0]):
            sigma = 0.15 * (x[n].max() - x[n].min())
            noisy = x[n:n + 1] + sigma * torch.randn(25, *x.shape[1:])
            out.append(grads(model, noisy, targets[n].repeat(25)).mean(0))
        return torch.stack(out)
    if method == "integrated-gradients":
        nodes, w = np.polynomial.legendre.leggauss(STEPS)
        alphas, w = torch.tensor(0.5 * (nodes + 1), dtype=x.dtype), torch.tensor(0.5 * w, dtype=x.dtype)
        out = []
        for n in range(x.shape[0]):
            pts = alphas.view(-1, 1, 1, 1) * x[n:n + 1]
            g = grads(model, pts, targets[n].repeat(STEPS))
            out.append(x[n] * (w.view(-1, 1, 1, 1) * g).sum(0))
        return torch.stack(out)
    if method == "rsi-gradcam":
        alphas = torch.linspace(0, 1, STEPS + 1)
        black = (0 - 0.5) / 0.5 * torch.ones_like(x[0])
        out = []
        for n in range(x.shape[0]):
            pts = black + alphas.view(-1, 1, 1, 1) * (x[n] - black)
            a, g = grads(model, pts, targets[n].repeat(STEPS + 1), layer, probability=True)
            igl = (0.5 * (g[1:] + g[:-1]) * (a[1:] - a[:-1])).sum(0)
            sel = (a[-1] > 0) & (igl > 0) & (a[-1] - a[0] > 0)
            wc = (sel * igl).mean(dim=(1, 2))
            out.append(F.relu((wc.view(-1, 1, 1) * a[-1]).sum(0)))
        return torch.stack(out)
    a, g = grads(model, x, targets, layer)
    if method == "gradcam":
        w = g.mean(dim=(2, 3), keepdim=True)
        return F.relu((w * a).sum(1))
    if method == "gradcam++":
        g2, g3 = g ** 2, g ** 3
        aij = g2 / (2 * g2 + a.sum(dim=(2, 3), keepdim=True) * g3 + 1e-6)
        aij = torch.where(g != 0, aij, torch.zeros_like(aij))
        w = (F.relu(g) * aij).sum(dim=(2, 3), keepdim=True)
        return F.relu((w * a).sum(1))
    if method == "xgradcam":
        w = (g * a).sum(dim=(2, 3), keepdim=True) / (a.sum(dim=(2, 3), keepdim=True) + 1e-7)
        return F.relu((w * a).sum(1))
    if method == "hirescam":
        return F.relu((g * a).sum(1))
    if method == "layercam":
        return F.relu((F.relu(g) * a).sum(1))
    if method == "eigencam":
        out = []
        for s in a:
            m = s.reshape(s.shape[0], -1).T
            m = m - m.mean(0)
            _, _, vt = torch.linalg.svd(m, full_matrices=False)
            out.append(F.relu(m @ vt[0]))
        return torch.stack(out)
    raise ValueError(method)


def main(name, method, batch, iterations, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = torch_side.build(name)
    layer = torch_side.module(model, torch_side.MODELS[name][1])
    if method in ("guided-backprop", "deconvnet", "guided-gradcam"):
        # backward hooks on every rectifier, as Captum's GuidedBackprop and Deconvolution do
        for m in model.modules():
            if isinstance(m, (torch.nn.ReLU, torch.nn.ReLU6)):
                m.inplace = False
                if method == "deconvnet":
                    m.register_full_backward_hook(lambda mod, gin, gout: (F.relu(gout[0]),))
                else:
                    m.register_full_backward_hook(lambda mod, gin, gout: (F.relu(gin[0]),))
        x = torch.randn(batch, 3, 224, 224)
        targets = torch.arange(batch) * 7 % 1000

        def step():
            g = grads(model, x, targets)
            if method == "guided-gradcam":
                grads(model, x, targets, layer)
            return g
    else:
        x = torch.randn(batch, 3, 224, 224)
        targets = torch.arange(batch) * 7 % 1000

        def step():
            return run(model, layer, method, x, targets)

    torch_side.report({"side": "pytorch", "model": name + ".onnx", "method": method, "batch": batch}, step, batch, iterations)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
