"""Builds tiny token-classification models in ONNX (onnx.helper + numpy) with a `tokenizers` tokenizer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer, models, pre_tokenizers

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]


def build(folder: Path, words: list[str], *, person: frozenset[str] = frozenset(), seed: int = 0,
          hidden: int = 8) -> Path:
    """Write model.onnx, tokenizer.json and config.json to folder.

    With person empty the weights are random. Otherwise they are set so that the tokens in person get
    B-PER and every other token O, which makes the merging path testable.
    """
    folder.mkdir(parents=True, exist_ok=True)
    vocab = {tok: i for i, tok in enumerate(dict.fromkeys(SPECIALS + words))}
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]", max_input_chars_per_word=100))
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.save(str(folder / "tokenizer.json"))

    rng = np.random.default_rng(seed)
    emb = rng.normal(size=(len(vocab), hidden)).astype(np.float32)
    head = rng.normal(size=(hidden, len(LABELS))).astype(np.float32)
    if person:
        emb[:] = 0.0
        emb[:, 0] = 1.0
        for tok in person:
            emb[vocab[tok]] = 0.0
            emb[vocab[tok], 1] = 1.0
        head[:] = 0.0
        head[0, LABELS.index("O")] = 8.0
        head[1, LABELS.index("B-PER")] = 8.0

    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"])
    logits = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "sequence", len(LABELS)])
    graph = helper.make_graph(
        [
            helper.make_node("Gather", ["embeddings", "input_ids"], ["hidden"], axis=0),
            helper.make_node("MatMul", ["hidden", "classifier"], ["scores"]),
            helper.make_node("Add", ["scores", "bias"], ["logits"]),
        ],
        "tiny_token_classifier",
        [ids, mask],
        [logits],
        [
            numpy_helper.from_array(emb, "embeddings"),
            numpy_helper.from_array(head, "classifier"),
            numpy_helper.from_array(np.zeros(len(LABELS), dtype=np.float32), "bias"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(folder / "model.onnx"))
    config = {"id2label": {str(i): lab for i, lab in enumerate(LABELS)}, "cls_token_id": vocab["[CLS]"],
              "sep_token_id": vocab["[SEP]"]}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder
