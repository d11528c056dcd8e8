"""The head's training-time shortcut (pooled features) equals its forward pass, and the threshold rule holds."""
import numpy as np
import torch

import train


class _Bert:
    config = train.convert.bge_small_config()


def test_pooled_features_match_the_forward_pass_on_padded_windows():
    torch.manual_seed(0)
    model = train.TopClassifier(_Bert(), 0).eval()
    windows = [torch.randn(n, 384).half() for n in (3, 9, 5)]
    x, mask = train.pad(windows)
    with torch.no_grad():
        padded = model(x, mask)
        pooled = model.classify(train.pooled_features(windows))
    assert torch.allclose(padded, pooled, atol=1e-5)


def test_threshold_flags_at_most_the_allowed_share_of_benign_and_real_user_rows():
    rng = np.random.default_rng(1)
    rows = [{"label": 0, "source": "oasst"}] * 200 + [{"label": 0, "source": "mmlu_pro"}] * 300 \
        + [{"label": 1, "source": "garak"}] * 50
    scores = np.concatenate([rng.random(200) * 0.9, rng.random(300) * 0.5, 0.5 + rng.random(50) / 2])
    threshold = train.choose_threshold(rows, scores, 0.01)
    assert (scores[:200] >= threshold).mean() <= 0.01
    assert (scores[:500] >= threshold).mean() <= 0.01
