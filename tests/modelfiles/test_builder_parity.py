"""The hand-written graph matches what the official builder makes from the same weights.

Needs torch, transformers and onnx-ir (not Kollega dependencies), so it is skipped without them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import numpy_helper

from backend.modelfiles.decoder import DecoderWeights, LayerWeights
from backend.modelfiles.onnx_graph import Precision, decoder_graph
from backend.modelfiles.testmodel import SHAPES

pytestmark = pytest.mark.skipif(
    not all(importlib.util.find_spec(name) for name in ("torch", "transformers", "onnx_ir")),
    reason="the model builder needs torch, transformers and onnx-ir",
)
SHAPE = SHAPES["tiny"]


def _hf_model(folder: Path, tied: bool) -> DecoderWeights:
    """Save a random Hugging Face Qwen2 of the tiny shape and return its weights in our layout."""
    import torch
    from transformers import AutoModelForCausalLM, Qwen2Config

    torch.manual_seed(0)
    config = Qwen2Config(vocab_size=SHAPE.vocab_size, hidden_size=SHAPE.hidden_size,
                         intermediate_size=SHAPE.intermediate_size, num_hidden_layers=SHAPE.num_layers,
                         num_attention_heads=SHAPE.num_heads, num_key_value_heads=SHAPE.num_kv_heads,
                         max_position_embeddings=SHAPE.context_length, rope_theta=SHAPE.rope_theta,
                         rms_norm_eps=SHAPE.rms_norm_eps, tie_word_embeddings=tied)
    model = AutoModelForCausalLM.from_config(config).eval()
    with torch.no_grad():
        for parameter in model.parameters():
            # Non-zero biases and norms, or the builder leaves them out and the test proves less.
            parameter.normal_(0.0 if parameter.dim() > 1 else 1.0, 0.2)
    model.save_pretrained(folder)

    def t(name: str) -> np.ndarray:
        return model.state_dict()[name].float().numpy()

    layers = []
    for i in range(SHAPE.num_layers):
        p = f"model.layers.{i}"
        attn = [f"{p}.self_attn.{x}_proj" for x in "qkv"]
        layers.append(LayerWeights(
            input_norm=t(f"{p}.input_layernorm.weight"),
            qkv=np.concatenate([t(f"{a}.weight") for a in attn]).T.copy(),
            qkv_bias=np.concatenate([t(f"{a}.bias") for a in attn]),
            o_proj=t(f"{p}.self_attn.o_proj.weight").T.copy(),
            post_attention_norm=t(f"{p}.post_attention_layernorm.weight"),
            gate_proj=t(f"{p}.mlp.gate_proj.weight").T.copy(),
            up_proj=t(f"{p}.mlp.up_proj.weight").T.copy(),
            down_proj=t(f"{p}.mlp.down_proj.weight").T.copy(),
        ))
    return DecoderWeights(t("model.embed_tokens.weight"), tuple(layers), t("model.norm.weight"),
                          t("lm_head.weight").T.copy(), tied=tied)


@pytest.fixture(scope="module")
def hf_models(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, tuple[Path, DecoderWeights]]:
    folders = {tied: tmp_path_factory.mktemp("tied" if tied else "untied") for tied in (False, True)}
    return {tied: (folder, _hf_model(folder, tied)) for tied, folder in folders.items()}


def _build(hf: Path, out: Path, precision: Precision) -> onnx.ModelProto:
    subprocess.run([sys.executable, "-m", "onnxruntime_genai.models.builder", "-i", str(hf), "-o", str(out),
                    "-p", precision, "-e", "cpu", "-c", str(out / "cache")], check=True, capture_output=True)
    return onnx.load(str(out / "model.onnx"))


def _nodes(model: onnx.ModelProto) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    def inputs(node: onnx.NodeProto) -> tuple[str, ...]:
        names = list(node.input)
        while names and not names[-1]:  # trailing optional inputs left empty
            names.pop()
        return tuple(names)

    return [(n.op_type, n.name, inputs(n), tuple(n.output)) for n in model.graph.node]


def _logits(model: onnx.ModelProto, ids: list[int]) -> np.ndarray:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # MLAS splits int8 work by thread count; one thread is reproducible
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    d, kv = SHAPE.head_size, SHAPE.num_kv_heads
    feeds = {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), dtype=np.int64)}
    for i in range(SHAPE.num_layers):
        for kind in ("key", "value"):
            feeds[f"past_key_values.{i}.{kind}"] = np.zeros((1, kv, 0, d), dtype=np.float32)
    return session.run(["logits"], feeds)[0][0]


@pytest.mark.parametrize("tied", [False, True], ids=["untied", "tied"])
@pytest.mark.parametrize("precision", ["fp32", "int4"])
def test_same_graph_and_logits_as_the_builder(
    hf_models: dict[bool, tuple[Path, DecoderWeights]], tmp_path: Path, precision: Precision, tied: bool
) -> None:
    # The builder shares the embedding table with the LM head when config.json ties them.
    hf, weights = hf_models[tied]
    theirs = _build(hf, tmp_path / "builder", precision)
    ours = decoder_graph(SHAPE, weights, precision)

    assert _nodes(ours) == _nodes(theirs)
    assert [i.name for i in ours.graph.input] == [i.name for i in theirs.graph.input]
    assert [o.name for o in ours.graph.output] == [o.name for o in theirs.graph.output]
    their_weights = {t.name: numpy_helper.to_array(t) for t in theirs.graph.initializer}
    our_weights = {t.name: numpy_helper.to_array(t) for t in ours.graph.initializer}
    assert our_weights.keys() == their_weights.keys()
    for name, value in our_weights.items():
        np.testing.assert_allclose(value, their_weights[name], rtol=1e-5, atol=1e-6, err_msg=name)

    # numpy's and torch's float32 cos/sin differ in the last bit at some positions, and with int8
    # activations (int4, accuracy level 4) such a bit can move a rounding step. With the builder's
    # caches in our graph every logit must be the same.
    for tensor in ours.graph.initializer:
        if tensor.name in ("cos_cache", "sin_cache"):
            tensor.CopyFrom(numpy_helper.from_array(their_weights[tensor.name], tensor.name))
    ids = list(range(3, 60))
    np.testing.assert_allclose(_logits(ours, ids), _logits(theirs, ids), rtol=1e-5, atol=1e-5)
