"""Draws attacks caught against real user prompts flagged (0-5 %) for scored test splits, as one SVG.

Each input is a JSONL or JSON list of {"source", "label", "score"} rows in the test split's order (baseline_java.py's
<split>.java-scores.jsonl, export_branch.py's branch-test-scores.json).
Usage: curve_svg.py --out docs/img/jailbreak-curve.svg NAME=FILE [NAME=FILE ...]
"""
import argparse
import json
from pathlib import Path

import report

W, H, PAD = 560, 360, 50
MAX_X = 0.05
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]


def rows(path):
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text) if text.lstrip().startswith("[") else [json.loads(line) for line in text.splitlines()]


def curve(scored):
    """(real-user flag rate, attack recall) at every threshold, highest first."""
    real = [r["score"] for r in scored if r["label"] == 0 and r["source"] in report.REAL_USER]
    attacks = [r["score"] for r in scored if r["label"] == 1]
    points = []
    for t in sorted({r["score"] for r in scored}, reverse=True):
        x = sum(s >= t for s in real) / len(real)
        if x > MAX_X:
            break
        points.append((x, sum(s >= t for s in attacks) / len(attacks)))
    return points


def svg(curves):
    sx = lambda x: PAD + x / MAX_X * (W - 2 * PAD)  # noqa: E731
    sy = lambda y: H - PAD - y * (H - 2 * PAD)  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>']
    for i in range(6):
        x = i / 100
        out.append(f'<line x1="{sx(x):.1f}" y1="{sy(0):.1f}" x2="{sx(x):.1f}" y2="{sy(1):.1f}" stroke="#ddd"/>'
                   f'<text x="{sx(x):.1f}" y="{H - PAD + 16}" text-anchor="middle">{i} %</text>')
    for i in range(0, 11, 2):
        y = i / 10
        out.append(f'<line x1="{sx(0):.1f}" y1="{sy(y):.1f}" x2="{sx(MAX_X):.1f}" y2="{sy(y):.1f}" stroke="#ddd"/>'
                   f'<text x="{PAD - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">{i * 10} %</text>')
    out.append(f'<text x="{W / 2}" y="{H - 10}" text-anchor="middle">real user prompts flagged (test)</text>'
               f'<text x="14" y="{H / 2}" text-anchor="middle" transform="rotate(-90 14 {H / 2})">'
               'attacks caught (test)</text>')
    for k, (name, points) in enumerate(curves):
        path = " ".join(f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}" for i, (x, y) in enumerate(points))
        colour = COLOURS[k % len(COLOURS)]
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
                   f'<text x="{sx(0.031):.1f}" y="{sy(0.30 - 0.07 * k):.1f}" fill="{colour}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("inputs", nargs="+", help="NAME=FILE")
    args = ap.parse_args()
    curves = [(spec.split("=", 1)[0], curve(rows(spec.split("=", 1)[1]))) for spec in args.inputs]
    args.out.write_text(svg(curves), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
