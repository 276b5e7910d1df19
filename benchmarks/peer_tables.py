#!/usr/bin/env python3
"""Turns benchmarks/run_peers.sh's JSON lines into the Markdown tables of BENCHMARKS.md."""
import json
import sys

MODELS = ("mobilenet_v2.onnx", "resnet18.onnx")


def fastest(rows, key):
    best = {}
    for r in rows:
        k = key(r)
        if k not in best or r["ms_per_image"] < best[k]["ms_per_image"]:
            best[k] = r
    return best


def methods(rows):
    timed = [r for r in rows if "method" in r]
    best = fastest(timed, lambda r: (r["side"], r["model"], r["method"], r["batch"]))
    print("| method | peer | batch | model | saliency4j ms/image | peer ms/image | ratio | peak RSS MB (s4j / peer) |")
    print("|---|---|---|---|---|---|---|---|")
    for method in dict.fromkeys(r["method"] for r in timed):
        for batch in (1, 16):
            for model in MODELS:
                ours = best.get(("saliency4j", model, method, batch))
                theirs = [r for (side, m, me, b), r in best.items()
                          if side != "saliency4j" and (m, me, b) == (model, method, batch)]
                if ours is None:
                    continue
                if not theirs:
                    print(f"| {method} | none | {batch} | {model[:-5]} | {ours['ms_per_image']:.1f} | - | - | "
                          f"{ours['peak_rss_mb']:.0f} / - |")
                    continue
                t = theirs[0]
                print(f"| {method} | {t['side']} | {batch} | {model[:-5]} | {ours['ms_per_image']:.1f} | "
                      f"{t['ms_per_image']:.1f} | {ours['ms_per_image'] / t['ms_per_image']:.2f} | "
                      f"{ours['peak_rss_mb']:.0f} / {t['peak_rss_mb']:.0f} |")


def rates(rows):
    peak = max((r for r in rows if r.get("peak") == "matmul"), key=lambda r: r["gflop_per_s"], default=None)
    flops = {r["model"]: r["forward_gflop"] for r in rows if "forward_gflop" in r}
    tasks = fastest([r for r in rows if "task" in r], lambda r: (r["side"], r["model"], r["task"], r["batch"]))
    if peak is None or not flops:
        return
    print()
    print(f"Measured peak: {peak['gflop_per_s']:.0f} GFLOP/s (a {peak['n']} x {peak['n']} MatMul in ONNX Runtime, "
          f"{peak['threads']} thread).")
    print()
    print("| model | work | GFLOP/image | batch | saliency4j ms/image | GFLOP/s | % of peak | PyTorch ms/image | GFLOP/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    factor = {"forward": 1, "input": 2, "layer": 1}
    names = {"forward": "forward", "input": "forward + input gradient", "layer": "forward + layer gradient"}
    for model in MODELS:
        for task in ("forward", "input", "layer"):
            for batch in (1, 16):
                ours = tasks.get(("saliency4j", model, task, batch))
                torch = tasks.get(("pytorch", model, task, batch))
                if ours is None:
                    continue
                g = flops[model] * factor[task]
                rate = g / ours["ms_per_image"] * 1e3
                cells = f"{torch['ms_per_image']:.1f} | {g / torch['ms_per_image'] * 1e3:.0f}" if torch else "- | -"
                print(f"| {model[:-5]} | {names[task]} | {g:.2f} | {batch} | {ours['ms_per_image']:.1f} | {rate:.0f} | "
                      f"{100 * rate / peak['gflop_per_s']:.0f} | {cells} |")


if __name__ == "__main__":
    lines = [json.loads(line) for line in open(sys.argv[1]) if line.strip().startswith("{")]
    methods(lines)
    rates(lines)
