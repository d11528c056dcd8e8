"""Per-source report of a jailbreak classifier's verdicts: flag rate on benign sources, recall on attack sources."""
from collections import defaultdict

# Real user prompts: the sources the ≤ 1 % flag target is about.
REAL_USER = ("oasst", "self_instruct", "mtbench", "awesome_chatgpt")


def table(rows, flagged):
    """Markdown table: one line per source, then the pooled real-user, all-benign and all-attack lines."""
    per = defaultdict(lambda: [0, 0, 0])  # n, flagged, label
    for r, f in zip(rows, flagged):
        entry = per[r["source"]]
        entry[0] += 1
        entry[1] += int(bool(f))
        entry[2] = r["label"]
    lines = ["| source | kind | n | flagged | rate |", "|---|---|---:|---:|---:|"]
    for source in sorted(per, key=lambda s: (per[s][2], s)):
        n, k, label = per[source]
        lines.append(f"| {source} | {'attack (recall)' if label else 'benign (flag rate)'} | {n} | {k} | "
                     f"{100 * k / n:.1f} % |")

    def pooled(name, pick):
        n = sum(v[0] for s, v in per.items() if pick(s, v))
        k = sum(v[1] for s, v in per.items() if pick(s, v))
        if n:
            lines.append(f"| **{name}** | | {n} | {k} | **{100 * k / n:.1f} %** |")

    pooled("real user prompts (benign)", lambda s, v: s in REAL_USER)
    pooled("all benign", lambda s, v: v[2] == 0)
    pooled("all attacks", lambda s, v: v[2] == 1)
    return "\n".join(lines)
