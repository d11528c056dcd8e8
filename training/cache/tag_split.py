"""Prints a pairs file's lines with a `split` (and optionally `source`) field set, optionally a seeded sample: adds a
report-only evaluation set (the hand-written pairs, a QQP sample) to the feature export. Never used for training.

    python tag_split.py SPLIT FILE [--source NAME] [--limit N] [--seed S]
"""
import argparse
import json
import random

ap = argparse.ArgumentParser()
ap.add_argument("split")
ap.add_argument("file")
ap.add_argument("--source")
ap.add_argument("--limit", type=int)
ap.add_argument("--seed", type=int, default=42)
args = ap.parse_args()
rows = [json.loads(line) for line in open(args.file) if line.strip()]
if args.limit:
    random.Random(args.seed).shuffle(rows)
    rows = rows[:args.limit]
for row in rows:
    out = {"text_a": row["text_a"], "text_b": row["text_b"], "label": row["label"],
           "source": args.source or row.get("source", ""), "split": args.split}
    print(json.dumps(out))
