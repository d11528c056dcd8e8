import sys
from pathlib import Path

TRAINING = Path(__file__).resolve().parents[1]
for sub in ("encoder", "data", "jailbreak", "eval"):
    sys.path.insert(0, str(TRAINING / sub))
