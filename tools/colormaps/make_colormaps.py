"""Writes the 256-entry colormap tables saliency4j draws with, from matplotlib's published tables.

Run with Debian's python3-matplotlib:
    /usr/bin/python3 tools/colormaps/make_colormaps.py
It writes saliency4j-core/src/main/resources/org/saliency4j/render/colormaps.txt: one line per map,
its name and 256 colours as RRGGBB hex, from the value 0 to 1.
"""
import pathlib

import matplotlib

OUT = pathlib.Path(__file__).resolve().parents[2] / "saliency4j-core/src/main/resources/org/saliency4j/render/colormaps.txt"


def hex_colours(name):
    cmap = matplotlib.colormaps[name].resampled(256)
    colours = []
    for i in range(256):
        r, g, b, _ = cmap(i)
        colours.append("%02x%02x%02x" % tuple(int(round(c * 255)) for c in (r, g, b)))
    return colours


def main():
    lines = ["# 256-entry tables from matplotlib %s (tools/colormaps/make_colormaps.py)" % matplotlib.__version__]
    for name in ("viridis", "inferno", "turbo"):
        lines.append(name + " " + " ".join(hex_colours(name)))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
