"""Builds the randomly initialised test models (tiny, small) in ONNX Runtime GenAI format, without torch."""

from __future__ import annotations

import fcntl
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import numpy as np
import onnx

from backend.modelfiles.check import ModelError
from backend.modelfiles.decoder import DecoderShape, random_weights
from backend.modelfiles.genai_config import write_genai_config
from backend.modelfiles.onnx_graph import Precision, decoder_graph
from backend.modelfiles.tokenizer import SpecialIds, save_tokenizer, train_tokenizer

Size = Literal["tiny", "small"]

# Bump when the graph, weights, tokenizer or config change, so ensure_test_model rebuilds.
GENERATOR_VERSION = "1"
MARKER_FILE = "kollega_testmodel.json"
MODEL_FILE = "model.onnx"


SHAPES: dict[Size, DecoderShape] = {
    # Short context on purpose: tests summarise long text in parts against it.
    "tiny": DecoderShape(vocab_size=2048, hidden_size=128, num_layers=2, num_heads=4, num_kv_heads=2,
                         intermediate_size=352, context_length=1024),
    # About the size the benchmarks were measured with (26 M parameters, 19 MB in int4: docs/measurements.md).
    "small": DecoderShape(vocab_size=8192, hidden_size=512, num_layers=8, num_heads=8, num_kv_heads=4,
                          intermediate_size=1024, context_length=4096),
}
PRECISIONS: dict[Size, Precision] = {"tiny": "fp32", "small": "int4"}
TIED_EMBEDDINGS: dict[Size, bool] = {"tiny": False, "small": True}


def make_test_model(out: Path, size: Size, seed: int = 0) -> Path:
    """Write a complete model folder to `out`, replacing an older test model; a seed gives the same bytes."""
    if size not in SHAPES:
        raise ValueError(f"unknown test model size {size!r}; use one of {', '.join(SHAPES)}")
    shape = SHAPES[size]
    out = Path(out)
    if out.exists() and not (out.is_dir() and (not any(out.iterdir()) or (out / MARKER_FILE).is_file())):
        # Never delete what this module did not make, such as a real model folder.
        raise ModelError(f"{out} exists and is not a test model made by Kollega, so it is left alone. "
                         f"Choose an empty or new folder for the test model.")
    out.parent.mkdir(parents=True, exist_ok=True)
    # Build next to the target and swap it in, so a crash never leaves a half-written folder.
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        tokenizer = train_tokenizer(shape.vocab_size)
        if tokenizer.get_vocab_size() != shape.vocab_size:
            # A corpus too small for the vocabulary would leave rows no token can reach.
            raise RuntimeError(f"the tokenizer has {tokenizer.get_vocab_size()} tokens, "
                               f"not {shape.vocab_size}: the corpus is too small")
        ids = save_tokenizer(tokenizer, work, shape.context_length)
        weights = random_weights(shape, np.random.default_rng(seed), tie_embeddings=TIED_EMBEDDINGS[size])
        model = decoder_graph(shape, weights, PRECISIONS[size])
        onnx.save_model(model, str(work / MODEL_FILE))
        _write_genai_config(work / "genai_config.json", shape, ids)
        marker = {"generator_version": GENERATOR_VERSION, "size": size, "seed": seed,
                  "precision": PRECISIONS[size]}
        (work / MARKER_FILE).write_text(json.dumps(marker, indent=2) + "\n")
        if out.exists():
            shutil.rmtree(out)
        work.chmod(0o755)  # mkdtemp makes it private; the server may run as another user.
        work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return out


def ensure_test_model(path: Path, size: Size, seed: int = 0) -> Path:
    """Build the test model only when `path` is missing or was made by another generator version."""
    path = Path(path)
    wanted = {"generator_version": GENERATOR_VERSION, "size": size, "seed": seed}
    with _build_lock(path):
        if not is_current(path / MARKER_FILE, wanted) or not (path / MODEL_FILE).is_file():
            make_test_model(path, size, seed)
    return path


def is_current(marker: Path, wanted: dict[str, object]) -> bool:
    """Whether a model folder's marker file records exactly the `wanted` build (a missing or bad one does not)."""
    try:
        made = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    return isinstance(made, dict) and all(made.get(key) == value for key, value in wanted.items())


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """One builder at a time: `make demo` and test sessions may start side by side."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_genai_config(path: Path, shape: DecoderShape, ids: SpecialIds) -> None:
    # A chat turn ends with <|im_end|>; plain text ends with <|endoftext|>.
    write_genai_config(path, shape, bos_id=ids.endoftext, eos_ids=[ids.im_end, ids.endoftext],
                       pad_id=ids.endoftext, model_type="qwen2", filename=MODEL_FILE)
