"""Scores a jailbreak split through the running Java router, exactly as it ships, and reports per source.

Start the router first (`./switchboard demo --port 18817`: the demo config has the jailbreak guard on at its shipped
threshold), then: training/.venv/bin/python training/eval/baseline_java.py --split test
It POSTs /api/v1/classify/batch with task_type security (256 texts a call at most) and reads risk_score and
is_jailbreak. Writes the scores next to the split (<split>.java-scores.jsonl) and prints a Markdown table.
"""
import argparse
import json
import urllib.request
from pathlib import Path

import report

DATA = Path(__file__).resolve().parents[1] / ".cache" / "data" / "jailbreak"


def score(url, texts, batch=64):
    out = []
    for i in range(0, len(texts), batch):
        body = json.dumps({"texts": texts[i:i + batch], "task_type": "security"}).encode()
        req = urllib.request.Request(url + "/api/v1/classify/batch", body, {"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=600) as resp:
            out.extend(json.load(resp)["results"])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://localhost:18817")
    ap.add_argument("--split", default="test")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.data / f"{args.split}.jsonl", encoding="utf-8")]
    results = score(args.url, [r["text"] for r in rows])
    with open(args.data / f"{args.split}.java-scores.jsonl", "w", encoding="utf-8") as f:
        for r, res in zip(rows, results):
            f.write(json.dumps({"source": r["source"], "label": r["label"], "score": res["risk_score"],
                                "flagged": res["is_jailbreak"]}) + "\n")
    flagged = [res["is_jailbreak"] for res in results]
    print(report.table(rows, flagged))


if __name__ == "__main__":
    main()
