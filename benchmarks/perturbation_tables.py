#!/usr/bin/env python3
"""The perturbation table of BENCHMARKS.md from benchmarks/run_perturbation.sh's JSON lines."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
ours = {(r["model"], r["method"]): r for r in rows if r["side"] == "saliency4j"}
peers = {(r["model"], r["method"]): r for r in rows if r["side"] != "saliency4j"}
print("| method | peer | model | saliency4j ms/image | peer ms/image | ratio | peak RSS MB (s4j / peer) |")
print("|---|---|---|---|---|---|---|")
for key, s in ours.items():
    p = peers.get(key)
    if p is None:
        continue
    print(f"| {key[1]} | {p['side']} | {key[0].removesuffix('.onnx')} | {s['ms_per_image']:.0f} | "
          f"{p['ms_per_image']:.0f} | {s['ms_per_image'] / p['ms_per_image']:.2f} | "
          f"{s['peak_rss_mb']:.0f} / {p['peak_rss_mb']:.0f} |")
