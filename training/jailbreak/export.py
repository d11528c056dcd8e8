"""Exports the trained jailbreak classifier to ONNX and writes its manifest.

With --encoder int8 (the default recipe) the model is a head over the frozen token states of the router's own int8
bge-small-en-v1.5 pass, so the export is the head alone: inputs ``last_hidden_state`` [batch, tokens, 384] (float32)
and ``attention_mask`` [batch, tokens] (int64), output ``jailbreak_probability`` [batch]. The router's shared encoder
pass feeds it directly: no second encoder pass. The export is checked against PyTorch on cached validation windows.

Usage: training/.venv/bin/python training/jailbreak/export.py --out DIR
Writes DIR/jailbreak-head.onnx and DIR/jailbreak-head.manifest.json (base model, data sha256, seed, threshold,
metrics), from training/.cache/jailbreak/run/{final.pt,result.json}.
"""
import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import train  # noqa: E402


class Probability(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, last_hidden_state, attention_mask):
        return torch.sigmoid(self.model(last_hidden_state, attention_mask))


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    torch.set_num_threads(2)
    run = train.WORK / "run"
    result = json.loads((run / "result.json").read_text())
    targs = result["args"]
    if targs["encoder"] != "int8":
        raise SystemExit("only the head over the int8 encoder's states is exported so far")
    bert = train.convert.load_bert()
    model = train.TopClassifier(bert, 0, dropout=targs.get("dropout", 0.1))
    model.load_state_dict(torch.load(run / "final.pt"))
    model.eval()
    wrapped = Probability(model).eval()
    args.out.mkdir(parents=True, exist_ok=True)
    onnx_file = args.out / "jailbreak-head.onnx"
    example = (torch.randn(2, 7, 384), torch.ones(2, 7, dtype=torch.long))
    torch.onnx.export(wrapped, example, str(onnx_file), input_names=["last_hidden_state", "attention_mask"],
                      output_names=["jailbreak_probability"], opset_version=17, dynamo=False,
                      dynamic_axes={"last_hidden_state": {0: "batch", 1: "tokens"},
                                    "attention_mask": {0: "batch", 1: "tokens"},
                                    "jailbreak_probability": {0: "batch"}})
    diff = parity(wrapped, onnx_file, targs)
    base = train.convert.BASE
    data_manifest = train.DATA / "manifest.json"
    manifest = {
        "model": "jailbreak head over frozen bge-small-en-v1.5-int8 token states ([CLS, mean, max] pooling, MLP 256)",
        "base": {"artifact": (base / "SOURCE").read_text().splitlines()[0],
                 "encoder_file": "bge-small-en-v1.5-q.onnx", "encoder_sha256": sha256(base / "bge-small-en-v1.5-q.onnx")},
        "inputs": "last_hidden_state [batch, tokens, 384] float32 of [CLS] ... [SEP] windows of at most "
                  f"{targs['max_len']} tokens; attention_mask [batch, tokens] int64",
        "scoring": f"highest probability over the text's windows (at most {targs['windows']} of {targs['max_len']} "
                   "tokens, no overlap)",
        "threshold": result["threshold"],
        "threshold_rule": f"lowest score flagging at most {targs['max_fpr']:.0%} of benign and of real-user "
                          "validation rows",
        "data": {"manifest_sha256": sha256(data_manifest), **json.loads(data_manifest.read_text())},
        "train_args": targs,
        "onnx_sha256": sha256(onnx_file),
        "onnx_vs_pytorch_max_abs_diff": diff,
        "metrics": {"validation": result["val"], "test": result["test"]},
        "command": "training/jailbreak/train.py " + " ".join(f"--{k.replace('_', '-')} {v}" for k, v in targs.items()
                                                             if k not in ("cache_only",)),
    }
    (args.out / "jailbreak-head.manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    print(f"wrote {onnx_file} ({onnx_file.stat().st_size} bytes), max |onnx - torch| = {diff:.2e}")


def parity(wrapped, onnx_file, targs):
    import onnxruntime as ort
    blob = next(train.WORK.glob("states-val-int8-*.pt"))
    states = torch.load(blob)["states"][:16]
    x, mask = train.pad(states)
    with torch.no_grad():
        ref = wrapped(x, mask).numpy()
    session = ort.InferenceSession(str(onnx_file), providers=["CPUExecutionProvider"])
    got = session.run(None, {"last_hidden_state": x.numpy(), "attention_mask": mask.numpy()})[0]
    return float(np.abs(got - ref).max())


if __name__ == "__main__":
    main()
