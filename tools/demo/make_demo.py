#!/usr/bin/env python3
"""Makes the bundled demo: synthetic scenes with known object masks, a small CNN trained on them,
exported to ONNX, and a handful of demo images with their masks.

One-off developer step (needs Debian's python3-torch and python3-onnx); its outputs are committed:
    demo/shapes_cnn.onnx, demo/shapes_cnn.onnx.json, demo/images/*.png, demo/masks/*.png,
    demo/annotations.json

Run from the repository root:  python3 tools/demo/make_demo.py
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

CLASSES = ["disc", "square", "triangle", "cross"]
SCENE = 128      # scenes are drawn at this size (demo images) ...
INPUT = 64       # ... and the model sees them at this size
SEED = 20261122


def shape_mask(kind, size, rng):
    """Boolean mask of one object of the given kind, drawn in a size x size square with a random
    rotation, so that only the outline tells the class."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float64) + 0.5
    c = size / 2.0
    angle = rng.uniform(0, 2 * math.pi)
    u = (xx - c) * math.cos(angle) + (yy - c) * math.sin(angle)
    v = -(xx - c) * math.sin(angle) + (yy - c) * math.cos(angle)
    r = size / 2.0 * 0.95
    if kind == "disc":
        return u * u + v * v <= r * r
    if kind == "square":
        half = r / math.sqrt(2)
        return (np.abs(u) <= half) & (np.abs(v) <= half)
    if kind == "triangle":
        # equilateral triangle inscribed in the circle of radius r
        inside = np.ones_like(u, dtype=bool)
        for k in range(3):
            a = angle_k = 2 * math.pi * k / 3
            nx, ny = math.cos(angle_k), math.sin(angle_k)
            inside &= (u * nx + v * ny) <= r / 2
        return inside
    if kind == "cross":
        arm = r * 0.3
        return ((np.abs(u) <= arm) & (np.abs(v) <= r * 0.9)) | ((np.abs(v) <= arm) & (np.abs(u) <= r * 0.9))
    raise ValueError(kind)


def scene(label, rng):
    """One cluttered scene (SCENE x SCENE x 3 float in [0, 1]) with one object of class `label`,
    and the object's mask."""
    img = np.empty((SCENE, SCENE, 3))
    base = rng.uniform(0.2, 0.8, size=3)
    gy, gx = np.mgrid[0:SCENE, 0:SCENE] / SCENE
    for ch in range(3):
        img[:, :, ch] = base[ch] + 0.15 * np.sin(2 * math.pi * (rng.uniform(0.5, 3) * gx + rng.uniform(0.5, 3) * gy) + rng.uniform(0, 6))
    # clutter: random lines and small blobs that are not any of the classes
    for _ in range(rng.integers(4, 9)):
        colour = rng.uniform(0, 1, size=3)
        if rng.uniform() < 0.5:
            y0 = rng.integers(0, SCENE)
            img[y0:y0 + rng.integers(1, 4), :, :] = colour
        else:
            x0 = rng.integers(0, SCENE)
            img[:, x0:x0 + rng.integers(1, 4), :] = colour
    for _ in range(rng.integers(3, 7)):
        cy, cx = rng.integers(0, SCENE, size=2)
        rad = rng.uniform(2, 6)
        blob = (gy * SCENE - cy) ** 2 / rad ** 2 + (gx * SCENE - cx) ** 2 / (rad * 0.5) ** 2 <= 1
        img[blob] = rng.uniform(0, 1, size=3)
    img += rng.normal(0, 0.05, size=img.shape)
    size = int(rng.integers(36, 60))
    y, x = rng.integers(0, SCENE - size, size=2)
    obj = shape_mask(CLASSES[label], size, rng)
    colour = rng.uniform(0, 1, size=3)
    while np.abs(colour - base).max() < 0.35:
        colour = rng.uniform(0, 1, size=3)
    mask = np.zeros((SCENE, SCENE), dtype=bool)
    mask[y:y + size, x:x + size] = obj
    img[mask] = colour + rng.normal(0, 0.03, size=(mask.sum(), 3))
    return np.clip(img, 0, 1), mask


class ShapesCnn(nn.Module):
    """Conv-BN-ReLU, MaxPool, a residual block, MaxPool, Conv-BN-ReLU, global pooling, Gemm."""

    def __init__(self, classes):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU())
        self.res_a = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU())
        self.res_b = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32))
        self.pool2 = nn.MaxPool2d(2)
        self.conv3 = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU())
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = self.pool1(self.stem(x))
        x = self.conv2(x)
        x = F.relu(x + self.res_b(self.res_a(x)))
        x = self.conv3(self.pool2(x))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(x)


def to_model_input(images):
    """[N, S, S, 3] in [0, 1] -> [N, 3, 64, 64] normalised as the preprocessing file says."""
    t = torch.from_numpy(images).permute(0, 3, 1, 2).float()
    t = F.avg_pool2d(t, SCENE // INPUT)
    return (t - 0.5) / 0.5


def make_set(n, rng):
    labels = rng.integers(0, len(CLASSES), size=n)
    images, masks = zip(*(scene(int(l), rng) for l in labels))
    return np.stack(images), np.stack(masks), labels


def main():
    out = "demo"
    os.makedirs(f"{out}/images", exist_ok=True)
    os.makedirs(f"{out}/masks", exist_ok=True)
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = np.random.default_rng(SEED)
    train_x, _, train_y = make_set(12000, rng)
    test_x, _, test_y = make_set(1000, rng)
    xt, yt = to_model_input(train_x), torch.from_numpy(train_y)
    xv, yv = to_model_input(test_x), torch.from_numpy(test_y)

    model = ShapesCnn(len(CLASSES))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    epochs = 12
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=epochs * (len(xt) // 64))
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt) - 63, 64):
            idx = perm[i:i + 64]
            loss = F.cross_entropy(model(xt[idx]), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        with torch.no_grad():
            acc = (model(xv).argmax(1) == yv).float().mean().item()
        print(f"epoch {epoch + 1}: loss {loss.item():.3f}, held-out accuracy {acc:.3f}", flush=True)

    model.eval()
    torch.onnx.export(model, xv[:1], f"{out}/shapes_cnn.onnx", opset_version=13,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True)
    with open(f"{out}/shapes_cnn.onnx.json", "w") as f:
        json.dump({"resize": INPUT, "crop": INPUT, "channels": "RGB", "scale": 1 / 255.0,
                   "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "layout": "NCHW",
                   "labels": CLASSES}, f, indent=1)

    # demo images: two per class, from a generator stream of their own
    demo_rng = np.random.default_rng(SEED + 1)
    notes = {"held_out_accuracy": acc, "classes": CLASSES,
             "format": "bbox = [x, y, width, height] in pixels of the image file; 'classes' = the model's "
                       "class indices whose saliency should point into the object; 'mask' = label image "
                       "whose pixels of 'mask_values' are the object",
             "images": []}
    for i, label in enumerate([0, 1, 2, 3, 0, 1, 2, 3]):
        img, mask = scene(label, demo_rng)
        name = f"{i:02d}_{CLASSES[label]}"
        Image.fromarray((img * 255).round().astype(np.uint8)).save(f"{out}/images/{name}.png")
        Image.fromarray(mask.astype(np.uint8) * 255).save(f"{out}/masks/{name}.png")
        ys, xs = np.nonzero(mask)
        bbox = [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)]
        notes["images"].append({"file": f"images/{name}.png", "width": mask.shape[1], "height": mask.shape[0],
                                "mask": f"masks/{name}.png", "mask_values": [255],
                                "objects": [{"name": CLASSES[label], "bbox": bbox, "classes": [label]}]})
    with open(f"{out}/annotations.json", "w") as f:
        json.dump(notes, f, indent=1)


if __name__ == "__main__":
    main()
