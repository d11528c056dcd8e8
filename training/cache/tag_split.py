"""Prints a pairs file's lines with a `split` field set, e.g. to add a report-only evaluation set to the export."""
import json
import sys

split, path = sys.argv[1], sys.argv[2]
for line in open(path):
    if line.strip():
        row = json.loads(line)
        row["split"] = split
        print(json.dumps(row))
