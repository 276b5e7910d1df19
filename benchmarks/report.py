#!/usr/bin/env python3
"""Turns benchmarks/run.sh's JSON lines into the Markdown tables of BENCHMARKS.md."""
import json
import os
import sys

from peer_tables import fastest


def against(ours, theirs):
    """PyTorch's ms/image, the ratio and PyTorch's peak memory, as table cells ('-' without a twin)."""
    if theirs is None:
        return "-", "-", "-"
    return (f"{theirs['ms_per_image']:.1f}", f"{ours['ms_per_image'] / theirs['ms_per_image']:.2f}",
            f"{theirs['peak_rss_mb']:.0f}")


def main(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    timed = [r for r in rows if "ms_per_image" in r]
    best = fastest(timed, lambda r: (r["side"], r["model"], r["task"], r["batch"]))
    print("| model | task | batch | saliency4j ms/image | PyTorch ms/image | ratio | compile s | peak RSS MB (s4j / torch) |")
    print("|---|---|---|---|---|---|---|---|")
    for (side, model, task, batch), r in sorted(best.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][3])):
        if side != "saliency4j":
            continue
        torch_ms, ratio, torch_mem = against(r, best.get(("pytorch", model, task, batch)))
        print(f"| {model} | {task} | {batch} | {r['ms_per_image']:.1f} | {torch_ms} | {ratio} | {r['compile_s']:.2f} | {r['peak_rss_mb']:.0f} / {torch_mem} |")
    checks = [r for r in rows if "input_rel_err" in r]
    for r in checks:
        ref = os.path.join(r["case_dir"], "torch_float32_error.json")
        if os.path.isfile(ref):
            r["torch_float32"] = json.load(open(ref))
    if checks:
        print()
        print("| architecture | inner tap | d/dinput, saliency4j | d/dinput, PyTorch fp32 | d/dlayer, saliency4j | d/dlayer, PyTorch fp32 |")
        print("|---|---|---|---|---|---|")
        for r in checks:
            t = r.get("torch_float32", {"input": ["-"], "layer": ["-"]})
            print(f"| {r['model']} | `{r['layer']}` | {', '.join(r['input_rel_err'])} | {t['input'][0]} | {', '.join(r['layer_rel_err'])} | {t['layer'][0]} |")


def methods(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    timed = [r for r in rows if "ms_per_image" in r]
    print()
    print("| method | saliency4j ms/image | peak RSS MB |")
    print("|---|---|---|")
    for r in timed:
        print(f"| {r['method']} | {r['ms_per_image']:.1f} | {r['peak_rss_mb']:.0f} |")
    study = [r for r in rows if "hit" in r]
    if study:
        print()
        print("| method | pointing game hits (15 px) | mean energy in boxes |")
        print("|---|---|---|")
        for method in dict.fromkeys(r["method"] for r in study):
            rs = [r for r in study if r["method"] == method]
            print(f"| {method} | {sum(r['hit'] for r in rs)}/{len(rs)} | {sum(r['energy'] for r in rs) / len(rs):.3f} |")
    gaps = [r for r in rows if "completeness" in r]
    if gaps:
        print()
        print("| method | images | median abs gap | max abs gap | median abs gap / abs score difference |")
        print("|---|---|---|---|---|")
        for method in sorted({r["completeness"] for r in gaps}):
            g = sorted(abs(r["gap"]) for r in gaps if r["completeness"] == method)
            rel = sorted(abs(r["gap"]) / max(abs(r["score_difference"]), 1e-12) for r in gaps if r["completeness"] == method)
            print(f"| {method} | {len(g)} | {g[len(g) // 2]:.3g} | {g[-1]:.3g} | {rel[len(rel) // 2]:.3g} |")


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        methods(sys.argv[2])
