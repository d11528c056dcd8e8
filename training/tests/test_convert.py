"""The PyTorch BERT built from the ONNX initializers reproduces the ONNX model (run training/encoder/fetch_base.sh)."""
import pytest

convert = pytest.importorskip("convert")

pytestmark = pytest.mark.skipif(not convert.ONNX_FILE.exists(), reason="run training/encoder/fetch_base.sh first")


def test_pytorch_forward_matches_onnx_runtime():
    model = convert.load_bert()
    assert convert.max_abs_diff(model, convert.SENTENCES) < 1e-4


def test_every_weight_is_mapped():
    state = convert.onnx_state_dict()
    assert "encoder.layer.11.output.dense.weight" in state
    assert tuple(state["encoder.layer.0.intermediate.dense.weight"].shape) == (1536, 384)
