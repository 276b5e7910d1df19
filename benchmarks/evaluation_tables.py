#!/usr/bin/env python3
"""Markdown tables of evaluate's summary.csv files, as BENCHMARKS.md shows them.

  evaluation_tables.py EVAL_DIR...     each a folder evaluate wrote; prints one table per folder
"""
import csv
import sys


def table(folder):
    rows = list(csv.DictReader(open(f"{folder}/summary.csv")))
    methods = list(dict.fromkeys(r["method"] for r in rows))
    metrics = list(dict.fromkeys(r["metric"] for r in rows))
    cell = {(r["method"], r["metric"]): r for r in rows}
    out = ["| method | " + " | ".join(metrics) + " |", "|---|" + "---|" * len(metrics)]
    for m in methods:
        values = []
        for k in metrics:
            r = cell.get((m, k))
            values.append("" if r is None else
                          f"{float(r['mean']):.3f} [{float(r['ci_low']):.3f}, {float(r['ci_high']):.3f}]")
        out.append(f"| {m} | " + " | ".join(values) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        print(f"{folder}:\n\n{table(folder)}\n")
