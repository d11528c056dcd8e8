"""Trains the semantic cache verifier on features exported by `switchboard train cache-features`, picks its cut on
the validation split (at most --max-false-hits false hits among validation non-paraphrases, per source), and writes
the weights and a manifest. Splits named eval-* and qqp* are reported only, never trained on or used for the cut.

    python train.py --features features.jsonl --pairs pairs.jsonl --out DIR [--plot curve.png]
"""
import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

SEED = 7
CANDIDATE_MIN_SIMILARITY = 0.80


def load(path):
    lines = open(path).read().splitlines()
    header = json.loads(lines[0])
    rows = [json.loads(l) for l in lines[1:]]
    x = np.array([r["features"] for r in rows], dtype=np.float64)
    y = np.array([r["label"] for r in rows], dtype=np.float64)
    split = np.array([r.get("split", "") for r in rows])
    source = np.array([r.get("source", "") for r in rows])
    return header, x, y, split, source


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def train_mlp(x, y, w, hidden, rng, epochs=400, lr=0.01, l2=1e-4):
    """Full-batch Adam on weighted log loss; hidden=0 is logistic regression."""
    sizes = [x.shape[1]] + ([hidden] if hidden else []) + [1]
    params = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        params += [rng.normal(0, np.sqrt(2.0 / a), (b, a)), np.zeros(b)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for t in range(1, epochs + 1):
        acts = [x]
        for i in range(0, len(params), 2):
            z = acts[-1] @ params[i].T + params[i + 1]
            acts.append(np.maximum(z, 0) if i + 2 < len(params) else z)
        p = sigmoid(acts[-1][:, 0])
        delta = ((p - y) * w / w.sum())[:, None]
        grads = [None] * len(params)
        for i in range(len(params) - 2, -1, -2):
            grads[i] = delta.T @ acts[i // 2] + l2 * params[i]
            grads[i + 1] = delta.sum(0)
            if i > 0:
                delta = (delta @ params[i]) * (acts[i // 2] > 0)
        for k, g in enumerate(grads):
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            params[k] -= lr * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
    return params


def predict(params, x):
    a = x
    for i in range(0, len(params), 2):
        z = a @ params[i].T + params[i + 1]
        a = np.maximum(z, 0) if i + 2 < len(params) else z
    return sigmoid(a[:, 0])


def hits(score, cosine, cut):
    return (score >= cut) & (cosine >= CANDIDATE_MIN_SIMILARITY)


def choose_cut(score, cosine, y, source, max_false_hits, per_source):
    """Lowest cut whose false-hit rate on the validation non-paraphrases (pooled, or on every source) stays within
    the target."""
    for cut in np.round(np.arange(0.05, 1.0, 0.005), 3):
        hit = hits(score, cosine, cut)
        if per_source:
            worst = max(hit[(y == 0) & (source == s)].mean() for s in set(source[y == 0]))
        else:
            worst = hit[y == 0].mean()
        if worst <= max_false_hits:
            return float(cut)
    return 0.999


def report(name, score, cosine, y, source, cut):
    lines = []
    for s in sorted(set(source)) + ["all"]:
        sel = np.ones_like(y, bool) if s == "all" else source == s
        hit = hits(score[sel], cosine[sel], cut)
        pos, neg = y[sel] == 1, y[sel] == 0
        recall = hit[pos].mean() if pos.any() else float("nan")
        false_hits = hit[neg].mean() if neg.any() else float("nan")
        lines.append({"split": name, "source": s, "paraphrases": int(pos.sum()), "different": int(neg.sum()),
                      "recall": round(float(recall), 4), "false_hits": round(float(false_hits), 4)})
    return lines


def curve(score, cosine, y):
    out = []
    for cut in np.round(np.arange(0.05, 1.0, 0.05), 2):
        hit = hits(score, cosine, cut)
        out.append({"cut": float(cut), "recall": round(float(hit[y == 1].mean()), 4),
                    "false_hits": round(float(hit[y == 0].mean()), 4)})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", required=True)
    ap.add_argument("--pairs", required=True, help="the pairs file the features came from (its sha256 is recorded)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-false-hits", type=float, default=0.01)
    ap.add_argument("--hidden", type=int, nargs="*", default=[0, 16, 32])
    ap.add_argument("--epochs", type=int, default=1500)
    ap.add_argument("--per-source", action="store_true",
                    help="hold every validation source to the false-hit target, not only their pool")
    ap.add_argument("--plot")
    args = ap.parse_args()
    header, x, y, split, source = load(args.features)
    tr, va = split == "train", split == "validation"
    mean, scale = x[tr].mean(0), x[tr].std(0) + 1e-6
    z = (x - mean) / scale
    # chat-style pairs are what the router sees: weigh each source equally within a class
    w = np.ones_like(y)
    for s in set(source[tr]):
        for label in (0, 1):
            sel = tr & (source == s) & (y == label)
            if sel.any():
                w[sel] = tr[(y == label)].sum() / (sel.sum() * len(set(source[tr])))
    cosine = x[:, 0]
    best = None
    for hidden in args.hidden:
        params = train_mlp(z[tr], y[tr], w[tr], hidden, np.random.default_rng(SEED), epochs=args.epochs)
        s = predict(params, z)
        cut = choose_cut(s[va], cosine[va], y[va], source[va], args.max_false_hits, args.per_source)
        recall = hits(s[va], cosine[va], cut)[y[va] == 1].mean()
        print(f"hidden={hidden}: validation recall {recall:.4f} at cut {cut}")
        if best is None or recall > best[0]:
            best = (recall, hidden, params, cut, s)
    _, hidden, params, cut, s = best
    metrics = []
    for name in sorted(set(split)):
        sel = split == name
        metrics += report(name, s[sel], cosine[sel], y[sel], source[sel], cut)
    for m in metrics:
        print(m)
    layers = []
    for i in range(0, len(params), 2):
        layers.append({"weights": np.round(params[i], 6).tolist(), "bias": np.round(params[i + 1], 6).tolist(),
                       "activation": "relu" if i + 2 < len(params) else "linear"})
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "verifier.json").write_text(json.dumps({
        "format": "switchboard-cache-verifier/1", "encoder": header["encoder"],
        "feature_names": header["feature_names"], "mean": np.round(mean, 6).tolist(),
        "scale": np.round(scale, 6).tolist(), "layers": layers, "cut": cut,
        "candidate_min_similarity": CANDIDATE_MIN_SIMILARITY}) + "\n")
    (out / "verifier.manifest.json").write_text(json.dumps({
        "head": "semantic cache hit verifier", "model": "logistic regression" if hidden == 0
        else f"MLP, one hidden layer of {hidden} ReLU units", "encoder": header["encoder"], "seed": SEED,
        "data": {"pairs_sha256": hashlib.sha256(open(args.pairs, "rb").read()).hexdigest(),
                 "features_sha256": hashlib.sha256(open(args.features, "rb").read()).hexdigest(),
                 "sources": "STS-B (CC-BY-SA) + STS2016 question-question (CC-BY-SA) + generated (seed 11); "
                            "QQP never trained on"},
        "cut": cut, "cut_rule": f"lowest cut with <= {args.max_false_hits:.0%} false hits on validation"
        + (" on every source" if args.per_source else " (all sources pooled)"), "epochs": args.epochs,
        "candidate_min_similarity": CANDIDATE_MIN_SIMILARITY,
        "validation_curve": curve(s[va], cosine[va], y[va]), "metrics": metrics}, indent=1) + "\n")
    if args.plot:
        plot(args.plot, s, cosine, y, split, cut)


def plot(path, s, cosine, y, split, cut):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    for name in sorted(set(split)):
        sel = split == name
        pts = [(hits(s[sel], cosine[sel], c)[y[sel] == 0].mean(), hits(s[sel], cosine[sel], c)[y[sel] == 1].mean())
               for c in np.arange(0.01, 1.0, 0.01)]
        ax.plot([p[0] for p in pts], [p[1] for p in pts], label=name)
    ax.axvline(0.01, ls=":", c="grey")
    ax.set_xscale("symlog", linthresh=0.01)
    ax.set_xlabel("false-hit rate")
    ax.set_ylabel("paraphrases hit (recall)")
    ax.set_title(f"cache verifier (shipped cut {cut})")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


if __name__ == "__main__":
    main()
