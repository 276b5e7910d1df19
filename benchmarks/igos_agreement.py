#!/usr/bin/env python3
"""saliency4j's I-GOS family against the authors' code, run with their noise set to 0 on the demo
model (the masks of tools/fixtures/make_igos_fixtures.py), per image: the correlation of the two
masks, and the difference of the deletion and insertion areas that saliency4j's metrics give the
two maps.

  igos_agreement.py maps OUT      writes OUT/authors-KIND.npy, the authors' maps 1 - up(M), [4, 64, 64]
  igos_agreement.py table OUT     reads OUT/ours-KIND (explain) and OUT/eval-{ours,authors}-KIND (evaluate)
"""
import csv
import json
import pathlib
import sys

import numpy as np
import torch
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "saliency4j-core/src/test/resources/methods/igos/expected.json"
KINDS = ["igos", "igos-khorram", "igos+", "igos++"]


def authors_maps(out):
    e = json.load(open(FIXTURE))
    for kind in KINDS:
        masks = torch.tensor([i["authors"][kind] for i in e["inputs"]], dtype=torch.float32)[:, None]
        up = F.interpolate(masks, size=(64, 64), mode="bilinear", align_corners=True)[:, 0]
        np.save(out / f"authors-{kind}.npy", (1 - up).numpy().astype(np.float32))


def areas(folder):
    rows = csv.DictReader(open(folder / "metrics.csv"))
    return {(r["input"], r["metric"]): float(r["value"]) for r in rows}


def table(out):
    e = json.load(open(FIXTURE))
    lines = ["| method | image | mask correlation | deletion: saliency4j − authors "
             "| insertion: saliency4j − authors |",
             "|---|---|---|---|---|"]
    for kind in KINDS:
        ours = json.load(open(out / f"ours-{kind}/manifest.json"))["results"]
        a, b = areas(out / f"eval-ours-{kind}"), areas(out / f"eval-authors-{kind}")
        keys = sorted({k[0] for k in a})
        for n, r in enumerate(ours):
            layer = np.load(out / f"ours-{kind}" / r["files"]["layerMap"]).ravel()
            theirs = 1 - np.array(e["inputs"][n]["authors"][kind]).ravel()
            corr = np.corrcoef(layer, theirs)[0, 1]
            key = keys[n]
            lines.append(f"| {kind} | {n} | {corr:.5f} | {a[(key, 'deletion')] - b[(key, 'deletion')]:+.5f} | "
                         f"{a[(key, 'insertion')] - b[(key, 'insertion')]:+.5f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    (authors_maps if sys.argv[1] == "maps" else table)(pathlib.Path(sys.argv[2]))
