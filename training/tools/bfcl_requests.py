"""Builds a request file for `switchboard eval tools --data FILE` from the Berkeley Function Calling Leaderboard.

A check of tool selection on another benchmark's tools (names, descriptions, JSON-schema parameters); nothing is
fitted or chosen on it. Each BFCL question becomes one request: its latest user message, its gold function(s) from
the possible answers, and a tool list of the gold functions plus functions drawn at random (seeded) from every
function the chosen categories define, shuffled, `TOOLS` in all.

    pip download bfcl-eval==2026.3.23 --no-deps -d /tmp/bfcl && unzip -q -o /tmp/bfcl/*.whl -d /tmp/bfcl
    python3 training/tools/bfcl_requests.py /tmp/bfcl/bfcl_eval/data target/bfcl20.jsonl 20
    java -jar switchboard-cli/target/switchboard.jar eval tools --data target/bfcl20.jsonl

Standard library only.
"""
import json
import os
import random
import sys

CATEGORIES = ["simple_python", "multiple", "live_simple", "live_multiple", "parallel_multiple", "simple_java",
              "simple_javascript"]


def read_lines(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def questions(root):
    """(category, user text, gold function definitions, gold names) per question, and every function by name."""
    pool, requests = {}, []
    for category in CATEGORIES:
        answers = {a["id"]: a["ground_truth"] for a in
                   read_lines(os.path.join(root, "possible_answer", f"BFCL_v4_{category}.json"))}
        for q in read_lines(os.path.join(root, f"BFCL_v4_{category}.json")):
            functions = {f["name"]: f for f in q["function"]}
            for f in q["function"]:
                pool.setdefault(f["name"], f)  # a name defined twice keeps its first definition
            gold = sorted({next(iter(call)) for call in answers.get(q["id"], [])})
            users = [m for m in q["question"][0] if m["role"] == "user"]
            if gold and users and all(g in functions for g in gold):
                requests.append((category, users[-1]["content"], [functions[g] for g in gold], gold))
    return pool, requests


def main(root, out, tools):
    pool, requests = questions(root)
    rnd = random.Random(42)
    names = sorted(pool)
    with open(out, "w") as w:
        for category, text, gold_functions, gold in requests:
            others = [n for n in rnd.sample(names, min(len(names), tools + 10)) if n not in gold]
            sent = [{"type": "function", "function": f} for f in gold_functions]
            sent += [{"type": "function", "function": pool[n]} for n in others[:tools - len(gold)]]
            rnd.shuffle(sent)
            w.write(json.dumps({"query": text, "tools": sent, "gold": gold, "category": category}) + "\n")
    print(f"{len(requests)} requests, {len(pool)} distinct functions", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
