"""The test models: shape, graph layout, genai_config, determinism, tokenizer and chat template."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime_genai as og
import pytest
from tokenizers import Tokenizer

from backend.modelfiles import ModelError, ensure_test_model, inspect_model, make_test_model
from backend.modelfiles.prose import CORPUS_FILE, corpus_text
from backend.modelfiles.testmodel import MARKER_FILE, SHAPES, Size

SWEDISH = "Hej Åsa och Örjan! Mötet i Växjö är flyttat till måndag. Vänliga hälsningar, Märta Öberg"


def _graph(folder: Path) -> onnx.GraphProto:
    return onnx.load(str(folder / "model.onnx")).graph


def _parameter_count(size: Size) -> int:
    """Parameters of the Qwen2 layout, counting tied embeddings once."""
    s = SHAPES[size]
    qkv = s.hidden_size * (s.q_size + 2 * s.kv_size) + s.q_size + 2 * s.kv_size
    layer = qkv + s.q_size * s.hidden_size + 3 * s.hidden_size * s.intermediate_size + 2 * s.hidden_size
    embeddings = s.vocab_size * s.hidden_size * (1 if size == "small" else 2)
    return s.num_layers * layer + embeddings + s.hidden_size


@pytest.mark.parametrize(("size", "precision"), [("tiny", "fp32"), ("small", "int4")])
def test_inspect_describes_the_model(size: Size, precision: str, request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(f"{size}_model")
    shape = SHAPES[size]
    info = inspect_model(folder)
    assert (info.architecture, info.precision) == ("qwen2", precision)
    assert info.context_length == shape.context_length
    assert (info.num_layers, info.hidden_size) == (shape.num_layers, shape.hidden_size)
    assert (info.num_heads, info.num_kv_heads) == (shape.num_heads, shape.num_kv_heads)
    assert info.vocab_size == shape.vocab_size == Tokenizer.from_file(str(folder / "tokenizer.json")).get_vocab_size()
    assert info.has_chat_template and info.loaded
    assert info.size_bytes == sum(f.stat().st_size for f in folder.iterdir())
    text = info.describe()
    assert "qwen2" in text and precision in text and f"{shape.context_length:,}" in text
    assert json.loads(json.dumps(info.to_json()))["precision"] == precision


def test_small_model_is_int4_in_builder_format(small_model: Path) -> None:
    nodes = _graph(small_model).node
    assert not [n.name for n in nodes if n.op_type == "MatMul"], "every MatMul should be MatMulNBits"
    nbits = [n for n in nodes if n.op_type == "MatMulNBits"]
    # Per layer qkv, o, gate, up and down, then the LM head, which the builder quantizes too.
    assert len(nbits) == 5 * SHAPES["small"].num_layers + 1
    for node in nbits:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        assert (attrs["bits"], attrs["block_size"], attrs["accuracy_level"]) == (4, 32, 4)
    assert 20e6 <= _parameter_count("small") <= 26e6


def test_graph_has_genai_names_and_gqa_with_rotary(tiny_model: Path) -> None:
    graph = _graph(tiny_model)
    config = json.loads((tiny_model / "genai_config.json").read_text())["model"]["decoder"]
    layers = SHAPES["tiny"].num_layers
    cache = [f"past_key_values.{i}.{part}" for part in ("key", "value") for i in range(layers)]
    assert [i.name for i in graph.input] == ["input_ids", "attention_mask", *cache]
    present = [f"present.{i}.{part}" for part in ("key", "value") for i in range(layers)]
    assert [o.name for o in graph.output] == ["logits", *present]
    assert config["inputs"]["past_key_names"] % 0 == cache[0]
    assert config["outputs"]["present_value_names"] % 1 == present[3]
    gqa = [n for n in graph.node if n.op_type == "GroupQueryAttention"]
    assert len(gqa) == layers
    attrs = {a.name: onnx.helper.get_attribute_value(a) for a in gqa[0].attribute}
    assert attrs["do_rotary"] == 1 and attrs["num_heads"] == 4 and attrs["kv_num_heads"] == 2
    assert list(gqa[0].input[7:9]) == ["cos_cache", "sin_cache"]
    ops = {n.op_type for n in graph.node}
    assert {"SimplifiedLayerNormalization", "SkipSimplifiedLayerNormalization", "MatMul"} <= ops


def test_genai_config_search_defaults_and_eos(tiny_model: Path) -> None:
    config = json.loads((tiny_model / "genai_config.json").read_text())
    tokenizer = Tokenizer.from_file(str(tiny_model / "tokenizer.json"))
    model = config["model"]
    assert config["search"]["max_length"] == model["context_length"] == SHAPES["tiny"].context_length
    assert config["search"]["do_sample"] is False
    # The engine sets the thread count; a value here would fight it.
    assert "intra_op_num_threads" not in model["decoder"]["session_options"]
    assert model["eos_token_id"] == [tokenizer.token_to_id("<|im_end|>"), tokenizer.token_to_id("<|endoftext|>")]
    og_tokenizer = og.Tokenizer(og.Model(str(tiny_model)))
    assert sorted(int(i) for i in og_tokenizer.eos_token_ids) == sorted(model["eos_token_id"])


def test_same_seed_gives_the_same_files(tiny_model: Path, tmp_path: Path) -> None:
    again = make_test_model(tmp_path / "again", "tiny", seed=0)
    other = make_test_model(tmp_path / "other", "tiny", seed=1)
    for name in ("model.onnx", "tokenizer.json", "genai_config.json", "chat_template.jinja"):
        assert (again / name).read_bytes() == (tiny_model / name).read_bytes(), name
    assert (other / "model.onnx").read_bytes() != (tiny_model / "model.onnx").read_bytes()
    assert (other / "tokenizer.json").read_bytes() == (tiny_model / "tokenizer.json").read_bytes()


def test_ensure_test_model_builds_only_when_missing_or_stale(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    ensure_test_model(folder, "tiny")
    keep = folder / "keep-me"
    keep.write_text("a rebuild would remove this")
    ensure_test_model(folder, "tiny")
    assert keep.exists(), "an up-to-date model was rebuilt"

    marker = json.loads((folder / MARKER_FILE).read_text())
    (folder / MARKER_FILE).write_text(json.dumps({**marker, "generator_version": "0"}))
    ensure_test_model(folder, "tiny")
    assert not keep.exists(), "a model from an older generator was kept"
    assert inspect_model(folder, load=False).num_layers == SHAPES["tiny"].num_layers


def test_a_folder_that_is_not_a_test_model_is_never_replaced(tiny_copy: Path) -> None:
    (tiny_copy / MARKER_FILE).unlink()  # now it looks like any real model folder
    with pytest.raises(ModelError, match="not a test model"):
        make_test_model(tiny_copy, "tiny")
    with pytest.raises(ModelError, match="not a test model"):
        ensure_test_model(tiny_copy, "tiny")
    assert (tiny_copy / "model.onnx").is_file()


def test_unknown_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="tiny, small"):
        make_test_model(tmp_path / "x", "huge")  # type: ignore[arg-type]


def test_tokenizer_round_trips_swedish_like_the_tokenizers_library(tiny_model: Path) -> None:
    og_tokenizer = og.Tokenizer(og.Model(str(tiny_model)))
    ids = [int(i) for i in og_tokenizer.encode(SWEDISH)]
    assert og_tokenizer.decode(np.array(ids, dtype=np.int32)) == SWEDISH
    assert ids == Tokenizer.from_file(str(tiny_model / "tokenizer.json")).encode(SWEDISH).ids
    # Trained on Swedish text: common words are single tokens, not byte soup.
    assert len(ids) < len(SWEDISH.encode()) / 2


def test_chat_template_makes_chatml(tiny_model: Path) -> None:
    messages = [{"role": "system", "content": "Du är en hjälpsam assistent."},
                {"role": "user", "content": SWEDISH}]
    og_tokenizer = og.Tokenizer(og.Model(str(tiny_model)))
    prompt = og_tokenizer.apply_chat_template(json.dumps(messages), add_generation_prompt=True)
    expected = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
    assert prompt == expected + "<|im_start|>assistant\n"
    ids = [int(i) for i in og_tokenizer.encode(prompt)]
    im_start = og_tokenizer.to_token_id("<|im_start|>")
    assert ids.count(im_start) == 3, "special tokens must stay single tokens"


def test_corpus_file_is_what_the_generator_writes() -> None:
    text = CORPUS_FILE.read_text(encoding="utf-8")
    assert text == corpus_text(), "regenerate with backend.modelfiles.prose.write_corpus()"
    assert 100_000 < len(text.encode()) < 1_000_000
    assert all(letter in text for letter in "åäöÅÄÖ")


def test_inspect_without_template_requirement_reports_it(tiny_copy: Path) -> None:
    (tiny_copy / "chat_template.jinja").unlink()
    info = inspect_model(tiny_copy, load=False, require_chat_template=False)
    assert not info.has_chat_template
    with pytest.raises(ModelError):
        inspect_model(tiny_copy, load=False)
