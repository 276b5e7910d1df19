#!/usr/bin/env python3
"""BENCHMARKS.md's I-GOS section from benchmarks/run_igos.sh's outputs: the time per image against
the authors' code, deletion and insertion in both protocols, and the loss per iteration (also drawn
to benchmarks/igos_convergence.svg, with Debian's python3-matplotlib).

  igos_tables.py TIMING.jsonl EXPLAIN_DIR STANDARD_EVAL_DIR AUTHORS_EVAL_DIR
"""
import json
import pathlib
import statistics
import sys

from evaluation_tables import table

HERE = pathlib.Path(__file__).resolve().parent
FAMILY = ["igos", "igos+", "igos++"]


def timing(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    by = {(r["side"], r["method"]): r for r in rows}
    out = ["| method | saliency4j ms/image | authors' code ms/image | ratio | saliency4j peak RSS MB "
           "| authors' peak RSS MB |",
           "|---|---|---|---|---|---|"]
    for method in ["igos", "igos++"]:
        ours, theirs = by.get(("saliency4j", method)), by.get(("authors", method))
        if ours and theirs:
            out.append(f"| {method} | {ours['ms_per_image']:.0f} | {theirs['ms_per_image']:.0f} | "
                       f"{ours['ms_per_image'] / theirs['ms_per_image']:.2f} | {ours['peak_rss_mb']:.0f} | "
                       f"{theirs['peak_rss_mb']:.0f} |")
    return "\n".join(out)


def convergence(explain):
    results = json.load(open(f"{explain}/manifest.json"))["results"]
    curves = {m: [r["details"]["loss"] for r in results if r["method"] == m] for m in FAMILY}
    out = ["| method | " + " | ".join(f"iteration {i}" for i in (1, 2, 4, 8, 15)) + " |",
           "|---|" + "---|" * 5]
    for m, cs in curves.items():
        if cs:
            means = [statistics.mean(c[i - 1] for c in cs) for i in (1, 2, 4, 8, 15)]
            out.append(f"| {m} | " + " | ".join(f"{v:.4f}" for v in means) + " |")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
        for ax, m in zip(axes, FAMILY):
            for c in curves[m][:8]:
                ax.plot(range(1, len(c) + 1), c, lw=1)
            ax.set_title(f"{m}: loss per iteration (8 photos)")
            ax.set_xlabel("iteration")
        fig.tight_layout()
        fig.savefig(HERE / "igos_convergence.svg")
    except ImportError:
        pass
    return "\n".join(out)


if __name__ == "__main__":
    timing_file, explain, standard, authors = sys.argv[1:5]
    print("Time per image:\n\n" + timing(timing_file) + "\n")
    print("Standard protocol:\n\n" + table(standard) + "\n")
    print("The authors' protocol (resolution=28, auc=igos):\n\n" + table(authors) + "\n")
    print("Mean loss per iteration over the photos:\n\n" + convergence(explain) + "\n")
