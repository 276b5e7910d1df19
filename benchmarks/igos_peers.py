"""Times the I-GOS authors' code on the CPU: Integrated_Mask (zhongangqi/IGOS, with its own noise) and
iGOS_pp (the iGOS++ authors', on the CPU as ../shared/peers/README.md says), at the demo defaults
(size 28, 15 iterations, 20 path steps, l1 1, tv 20), on torchvision's mobilenet_v2 with the random
weights of torch_side.py (the graph benchmarks/run.sh exports), for the first N ImageNet photos of
../shared, preprocessed as benchmarks/mobilenet_v2_shared.json says.

    /usr/bin/python3 benchmarks/igos_peers.py N THREADS      prints one JSON line per method
"""
import json
import pathlib
import resource
import sys
import time

import cv2
import numpy as np
import torch
from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tools/fixtures"))
from torch_side import build  # noqa: E402
from make_igos_fixtures import load_original, load_pp  # noqa: E402


def photo(path):
    """resize 256 (shorter side), centre crop 224, [0, 1] HWC; and its authors' blur (51 x 51, sigma 50)."""
    im = Image.open(path).convert("RGB")
    w, h = im.size
    s = 256 / min(w, h)
    im = im.resize((round(w * s), round(h * s)), Image.BILINEAR)
    w, h = im.size
    left, top = (w - 224) // 2, (h - 224) // 2
    img = np.asarray(im.crop((left, top, left + 224, top + 224)), np.float32) / 255
    return img, cv2.GaussianBlur(img, (51, 51), 50)


def tensor(img):
    return ((torch.from_numpy(img).permute(2, 0, 1) - 0.5) / 0.5)[None].contiguous()


def main():
    n, threads = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    model = build("mobilenet_v2")
    for p in model.parameters():
        p.requires_grad_(False)
    original = load_original(noise=True)
    pp = load_pp(224, noise=True)
    photos = sorted((ROOT.parent / "shared/images/imagenet").glob("*.JPEG"))[:n]
    inputs = [(tensor(a), tensor(b)) for a, b in map(photo, photos)]
    with torch.no_grad():
        labels = [int(model(x).argmax()) for x, _ in inputs]
    runs = {
        "igos": lambda x, b, c: original.Integrated_Mask(x, b, model, c, max_iterations=15, integ_iter=20,
                                                       l1_coeff=1, tv_coeff=20, size_init=28, use_cuda=0),
        "igos++": lambda x, b, c: pp.iGOS_pp(model, x, b, torch.tensor([c]), size=28, iterations=15, ig_iter=20,
                                            L1=1, L2=20, alpha=1000),
    }
    for method, run in runs.items():
        seconds = []
        for (x, b), c in zip(inputs, labels):
            start = time.perf_counter()
            run(x, b, c)
            seconds.append(time.perf_counter() - start)
        print(json.dumps({"side": "authors", "model": "mobilenet_v2", "method": method, "images": n,
                          "ms_per_image": 1e3 * float(np.median(seconds)),
                          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)


if __name__ == "__main__":
    main()
