"""Trains a jailbreak / prompt-injection classifier on bge-small-en-v1.5 states (a head, or top layers + a head), on CPU.

Default (what fits 2 shared cores, --encoder int8): a head over the frozen token states of the router's own int8
encoder; each window is pooled once ([CLS, mean, max]) and only the MLP head trains.
Recipe for more compute (--encoder fp32 --top-layers K): the lower 12-K layers stay frozen, so their output is computed once per text
window and cached (fp16, training/.cache/jailbreak/states-*.pt); only the top K layers and the head train. A text is
cut into windows of at most --max-len tokens (at most --windows of them); training sees the first window, scoring
takes the highest score over the windows, so an injection late in a pasted document is still seen. The threshold is
chosen on VALIDATION only (the lowest score that flags at most --max-fpr of the benign validation rows and of the
real-user validation rows); test is scored once, at the end, per source.

Usage:
  training/.venv/bin/python training/jailbreak/train.py                       (the placed head)
  training/.venv/bin/python training/jailbreak/train.py --encoder fp32 --top-layers 3 --epochs 3   (not run yet)
  ... --cache-only     compute and cache the frozen states, then stop
Checkpoints every --checkpoint-every steps and at each epoch end in training/.cache/jailbreak/run/; a rerun resumes.
"""
import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "encoder"))
sys.path.insert(0, str(HERE.parent / "eval"))
import convert  # noqa: E402
import report  # noqa: E402

DATA = HERE.parent / ".cache" / "data" / "jailbreak"
WORK = HERE.parent / ".cache" / "jailbreak"


class TopClassifier(nn.Module):
    """The top K BERT layers (K may be 0: a head over frozen token states), then [CLS, mean, max] pooling over the
    real tokens and a small MLP giving the jailbreak logit."""

    def __init__(self, bert, top_layers, hidden=256, dropout=0.1):
        super().__init__()
        self.layers = nn.ModuleList(bert.encoder.layer[-top_layers:] if top_layers else [])
        width = bert.config.hidden_size
        # feature standardisation, fixed from the training features (identity until set)
        self.register_buffer("feature_mean", torch.zeros(3 * width))
        self.register_buffer("feature_std", torch.ones(3 * width))
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(3 * width, hidden), nn.GELU(), nn.Dropout(dropout),
                                  nn.Linear(hidden, 1))

    def classify(self, features):
        """Jailbreak logit from pooled [CLS, mean, max] features."""
        return self.head((features - self.feature_mean) / self.feature_std).squeeze(-1)

    def forward(self, states, mask):
        ext = (1.0 - mask[:, None, None, :].to(states.dtype)) * torch.finfo(states.dtype).min
        for layer in self.layers:
            out = layer(states, attention_mask=ext)
            states = out[0] if isinstance(out, tuple) else out
        m = mask.unsqueeze(-1).to(states.dtype)
        mean = (states * m).sum(1) / m.sum(1).clamp(min=1)
        top = states.masked_fill(m == 0, -1e4).amax(1)
        return self.classify(torch.cat([states[:, 0], mean, top], dim=-1))


def pooled_features(states):
    """[CLS, mean, max] of each unpadded window: what TopClassifier pools when it has no layers of its own."""
    return torch.stack([torch.cat([s[0], s.mean(0), s.amax(0)]) for s in (w.float() for w in states)])


def windows(tok, text, max_len, max_windows):
    """Token-id windows of ``text``: [CLS] piece [SEP], each at most max_len long."""
    ids = tok.encode(text, add_special_tokens=False).ids or [100]  # [UNK] for empty
    body = max_len - 2
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    return [[cls] + ids[i:i + body] + [sep] for i in range(0, len(ids), body)][:max_windows]


@torch.no_grad()
def lower_states(bert, frozen, ids_list, batch=64):
    """Hidden states after the first ``frozen`` layers for each id list, fp16, unpadded."""
    out = []
    order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
    result = [None] * len(ids_list)
    for start in range(0, len(order), batch):
        idx = order[start:start + batch]
        width = max(len(ids_list[i]) for i in idx)
        ids = torch.zeros(len(idx), width, dtype=torch.long)
        mask = torch.zeros(len(idx), width, dtype=torch.long)
        for row, i in enumerate(idx):
            ids[row, :len(ids_list[i])] = torch.tensor(ids_list[i])
            mask[row, :len(ids_list[i])] = 1
        h = bert.embeddings(input_ids=ids, token_type_ids=torch.zeros_like(ids))
        ext = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in bert.encoder.layer[:frozen]:
            o = layer(h, attention_mask=ext)
            h = o[0] if isinstance(o, tuple) else o
        for row, i in enumerate(idx):
            result[i] = h[row, :len(ids_list[i])].to(torch.float16).clone()
    out.extend(result)
    return out


@torch.no_grad()
def layer_output(layer):
    """Name of the tensor holding the output of ``layer`` (0-based) in the int8 graph: the input of a grafted branch."""
    return f"/encoder/layer.{layer}/output/LayerNorm/Add_1_output_0"


def branch_input(frozen):
    """The int8 graph tensor a branch over ``frozen`` frozen layers reads: the last hidden state when all 12 are."""
    return "last_hidden_state" if frozen == convert.bge_small_config().num_hidden_layers else layer_output(frozen - 1)


def int8_model(output):
    """The router's int8 encoder graph, serialized, with ``output`` exposed as a graph output when it is internal."""
    import onnx
    model = onnx.load(str(convert.BASE / "bge-small-en-v1.5-q.onnx"))
    if output not in [o.name for o in model.graph.output]:
        model.graph.output.append(onnx.helper.make_tensor_value_info(output, onnx.TensorProto.FLOAT, None))
    return model.SerializeToString()


@torch.no_grad()
def int8_states(ids_list, threads, batch=32, output="last_hidden_state"):
    """States of the router's own int8 encoder (ONNX Runtime; ``output``: its last hidden state, or an inner
    layer's output for a branch) for each id list, fp16, unpadded."""
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(int8_model(output), opts, providers=["CPUExecutionProvider"])
    order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
    result = [None] * len(ids_list)
    for start in range(0, len(order), batch):
        idx = order[start:start + batch]
        width = max(len(ids_list[i]) for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for row, i in enumerate(idx):
            ids[row, :len(ids_list[i])] = ids_list[i]
            mask[row, :len(ids_list[i])] = 1
        h = session.run([output], {"input_ids": ids, "attention_mask": mask,
                                                "token_type_ids": np.zeros_like(ids)})[0]
        for row, i in enumerate(idx):
            result[i] = torch.from_numpy(h[row, :len(ids_list[i])].astype(np.float16))
    return result


def load_split(name, cap, seed):
    """A split's rows; with ``cap``, at most that many rows of each source (seeded), for train/val only."""
    rows = [json.loads(line) for line in open(DATA / f"{name}.jsonl", encoding="utf-8")]
    if not cap or name == "test":
        return rows
    rng = random.Random(seed)
    by_source = {}
    for i, r in enumerate(rows):
        by_source.setdefault(r["source"], []).append(i)
    keep = sorted(i for idx in by_source.values() for i in (idx if len(idx) <= cap else rng.sample(idx, cap)))
    return [rows[i] for i in keep]


FILLER_SOURCES = ("mmlu_pro", "oasst", "self_instruct", "mtbench", "gen_everyday", "metatool", "deepset_benign")


def with_filler(rows, seed, benign_share=0.1):
    """Training rows plus copies wrapped in harmless text: every attack once with filler after it and once with
    filler before it (an injection at the end of a pasted page), and a seeded ``benign_share`` of benign rows the
    same way, so that filler carries no label. The filler is other benign TRAINING texts (20-120 words): a head
    that pools whole windows must learn to find the attack's tokens among ordinary ones (vLLM SR #3164)."""
    rng = random.Random(seed)
    pool = [r["text"] for r in rows if r["label"] == 0 and r["source"] in FILLER_SOURCES]

    def filler():
        words, target = [], rng.randint(20, 120)
        while len(words) < target:
            words.extend(rng.choice(pool).split())
        return " ".join(words[:target])

    out = list(rows)
    for r in rows:
        if r["label"] == 1 or rng.random() < benign_share:
            out.append({**r, "text": r["text"] + "\n\n" + filler(), "augmented": "after"})
            out.append({**r, "text": filler() + "\n\n" + r["text"], "augmented": "before"})
    return out


def cached_states(bert, frozen, tok, split, args):
    """(rows, per-row list of window indices, window states) for a split, cached on disk."""
    filler = "-F" if split == "train" and args.filler else ""
    path = WORK / f"states-{split}-{args.encoder}-L{frozen}-T{args.max_len}-W{args.windows}-C{args.cap}{filler}.pt"
    rows = load_split(split, {"train": args.cap, "val": args.cap // 2}.get(split, 0), args.seed)
    if filler:
        rows = with_filler(rows, args.seed)
    if path.exists():
        blob = torch.load(path)
        if blob["n"] == len(rows):
            return rows, blob["owner"], blob["states"]
    t0 = time.time()
    ids, owner = [], []
    for i, r in enumerate(rows):
        ws = windows(tok, r["text"], args.max_len, 1 if split == "train" else args.windows)
        owner.append(list(range(len(ids), len(ids) + len(ws))))
        ids.extend(ws)
    if args.encoder == "int8":
        states = int8_states(ids, args.threads)
    elif args.encoder == "int8-branch":
        states = int8_states(ids, args.threads, output=branch_input(frozen))
    else:
        states = lower_states(bert, frozen, ids)
    tokens = sum(len(x) for x in ids)
    print(f"cached {split}: {len(ids)} windows, {tokens} tokens in {time.time() - t0:.0f}s "
          f"({tokens / (time.time() - t0):.0f} tokens/s)", flush=True)
    WORK.mkdir(parents=True, exist_ok=True)
    torch.save({"n": len(rows), "owner": owner, "states": states}, path)
    return rows, owner, states


def pad(states_list):
    width = max(s.shape[0] for s in states_list)
    x = torch.zeros(len(states_list), width, states_list[0].shape[1])
    mask = torch.zeros(len(states_list), width, dtype=torch.long)
    for i, s in enumerate(states_list):
        x[i, :s.shape[0]] = s.float()
        mask[i, :s.shape[0]] = 1
    return x, mask


@torch.no_grad()
def score(model, owner, states, batch=128):
    model.eval()
    if torch.is_tensor(states):  # pooled features
        win = torch.sigmoid(model.classify(states))
        return np.array([float(win[o].max()) for o in owner])
    order = sorted(range(len(states)), key=lambda i: states[i].shape[0])
    win = torch.empty(len(states))
    for start in range(0, len(order), batch):
        idx = order[start:start + batch]
        x, mask = pad([states[i] for i in idx])
        win[idx] = torch.sigmoid(model(x, mask))
    return np.array([float(win[o].max()) for o in owner])


def choose_threshold(rows, scores, max_fpr):
    """Lowest threshold at which benign and real-user validation flag rates are both ≤ max_fpr."""
    benign = np.sort([s for r, s in zip(rows, scores) if r["label"] == 0])
    real = np.sort([s for r, s in zip(rows, scores) if r["label"] == 0 and r["source"] in report.REAL_USER])

    def quantile_threshold(values):
        k = int(math.floor(max_fpr * len(values)))  # at most k benign rows may reach the threshold
        return float(values[len(values) - k - 1]) + 1e-6 if len(values) else 0.0

    return max(quantile_threshold(benign), quantile_threshold(real))


def train(args):
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    bert = convert.load_bert()
    tok = convert.tokenizer(max_length=100000)
    tok.no_padding()
    tok.no_truncation()
    if args.encoder == "int8":
        args.top_layers = 0
    frozen = bert.config.num_hidden_layers - args.top_layers
    data = {s: cached_states(bert, frozen, tok, s, args) for s in ("train", "val", "test")}
    if args.cache_only:
        sys.exit(0)
    model = TopClassifier(bert, args.top_layers, dropout=args.dropout)
    del bert
    if args.top_layers == 0:  # the head only sees pooled features: pool each window once
        data = {k: (rows, owner, pooled_features(states)) for k, (rows, owner, states) in data.items()}
        first = data["train"][2][[o[0] for o in data["train"][1]]]
        model.feature_mean.copy_(first.mean(0))
        model.feature_std.copy_(first.std(0) + 1e-6)
    run = WORK / "run"
    run.mkdir(parents=True, exist_ok=True)
    rows, owner, states = data["train"]
    labels = torch.tensor([float(r["label"]) for r in rows])
    pos_weight = torch.tensor((labels == 0).sum().item() / max(1, labels.sum().item()))
    opt = torch.optim.AdamW([{"params": model.layers.parameters(), "lr": args.lr},
                             {"params": model.head.parameters(), "lr": args.head_lr}], weight_decay=args.weight_decay)
    steps_per_epoch = math.ceil(len(rows) / args.batch)
    total = steps_per_epoch * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 50) * max(0.05, 1 - s / total))
    step = 0
    ckpt = run / "last.pt"
    if ckpt.exists():
        blob = torch.load(ckpt)
        model.load_state_dict(blob["model"])
        opt.load_state_dict(blob["opt"])
        sched.load_state_dict(blob["sched"])
        step = blob["step"]
        print(f"resumed at step {step}", flush=True)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    t0, seen = time.time(), 0
    while step < total:
        epoch = step // steps_per_epoch
        perm = torch.randperm(len(rows), generator=torch.Generator().manual_seed(args.seed + epoch)).tolist()
        for b in range(step % steps_per_epoch, steps_per_epoch):
            model.train()
            idx = perm[b * args.batch:(b + 1) * args.batch]
            if torch.is_tensor(states):
                logits = model.classify(states[[owner[i][0] for i in idx]])
            else:
                logits = model(*pad([states[owner[i][0]] for i in idx]))
            loss = loss_fn(logits, labels[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            seen += len(idx)
            if step % 20 == 0:
                print(f"epoch {epoch} step {step}/{total} loss {loss.item():.4f} "
                      f"{seen / (time.time() - t0):.1f} examples/s", flush=True)
            if step % args.checkpoint_every == 0 or b == steps_per_epoch - 1:
                torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                            "step": step}, ckpt)
    return model, data


def evaluate(model, data, args):
    val_rows, val_owner, val_states = data["val"]
    val_scores = score(model, val_owner, val_states)
    threshold = choose_threshold(val_rows, val_scores, args.max_fpr)
    test_rows, test_owner, test_states = data["test"]
    test_scores = score(model, test_owner, test_states)
    out = {"threshold": threshold, "val": report.table(val_rows, val_scores >= threshold),
           "test": report.table(test_rows, test_scores >= threshold)}
    (WORK / "run" / "test-scores.json").write_text(json.dumps(
        [{"source": r["source"], "label": r["label"], "score": float(s)} for r, s in zip(test_rows, test_scores)]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", choices=["int8", "int8-branch", "fp32"], default="int8",
                    help="int8: head over the frozen states of the router's int8 encoder (top-layers forced to 0); "
                         "int8-branch: the int8 encoder's lower 12-K layers frozen, a copy of its top --top-layers "
                         "K layers fine-tuned as a branch (what the router ships: grafted onto its one pass); "
                         "fp32: the converted PyTorch encoder with its top --top-layers layers fine-tuned")
    ap.add_argument("--cap", type=int, default=500, help="at most this many train/val rows per source (0: all)")
    ap.add_argument("--cache-only", action="store_true", help="compute and cache the frozen states, then stop")
    ap.add_argument("--filler", action="store_true",
                    help="add filler-wrapped copies of the training attacks (and of a tenth of benign rows)")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--top-layers", type=int, default=3)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--windows", type=int, default=4)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--weight-decay", type=float, default=0.1)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--max-fpr", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--checkpoint-every", type=int, default=50)
    args = ap.parse_args()
    model, data = train(args)
    result = evaluate(model, data, args)
    torch.save(model.state_dict(), WORK / "run" / "final.pt")
    (WORK / "run" / "result.json").write_text(json.dumps({"args": vars(args), **result}, indent=2))
    print(f"threshold (from validation): {result['threshold']:.4f}\n\nVALIDATION\n{result['val']}\n\n"
          f"TEST\n{result['test']}")


if __name__ == "__main__":
    main()
