"""Turns a GGUF file (llama.cpp's format) into an ORT GenAI model folder with numpy only, no torch.

This module opens and checks the file, reads its metadata into a decoder shape, and writes the model
folder; gguf_weights.py converts the tensors, and the graph is the test models' (onnx_graph.py).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from backend.modelfiles.check import ModelError, ModelInfo, inspect_model
from backend.modelfiles.decoder import DecoderShape
from backend.modelfiles.genai_config import write_genai_config
from backend.modelfiles.gguf_tokenizer import tokenizer_from_gguf
from backend.modelfiles.gguf_weights import ImportSettings, Progress, read_weights, tensor_floats
from backend.modelfiles.onnx_graph import decoder_graph

SUPPORTED_ARCHITECTURES = ("llama", "qwen2", "qwen3")
MODEL_FILE = "model.onnx"
MARKER_FILE = "kollega_import.json"
# Bump when the graph or the conversion changes, so cached imports are made again.
IMPORT_VERSION = "1"
# The cos/sin caches hold one row per position; a 128k context would make them large for no use here.
MAX_CONTEXT = 32_768
# Above this the ONNX file is split into model.onnx and model.onnx.data (protobuf's limit is 2 GB).
_EXTERNAL_DATA_BYTES = 1_500_000_000


def is_gguf(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".gguf"


def import_gguf(
    source: Path,
    out: Path,
    precision: str = "int4",
    *,
    settings: ImportSettings | None = None,
    overwrite: bool = False,
    load: bool = True,
    progress: Progress | None = None,
) -> ModelInfo:
    """Convert the GGUF file `source` into the model folder `out` and check that it loads."""
    source, out = Path(source), Path(out)
    settings = settings or ImportSettings.for_precision(precision)
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise ModelError(f"{out} already exists and is not empty. Choose a new folder, or pass overwrite "
                         f"to replace it.")
    reader = open_gguf(source)
    meta = metadata(reader)
    arch = str(meta.get("general.architecture"))
    if arch not in SUPPORTED_ARCHITECTURES:
        raise ModelError(f"{source.name} is a {arch!r} model; the GGUF import supports "
                         f"{', '.join(SUPPORTED_ARCHITECTURES)} (SmolLM2, Llama 3.x, Qwen2.5, Qwen3). Convert a "
                         f"Hugging Face folder of other models with the builder instead (see docs/models.md).")
    tokenizer = tokenizer_from_gguf(meta, source.name)
    tensors = {t.name: t for t in reader.tensors}
    shape = decoder_shape(meta, arch, tensors, tokenizer.vocab_size)
    weights = read_weights(tensors, shape, arch, settings, progress)
    if progress:
        progress("Writing the ONNX graph", 0, 1)
    model = decoder_graph(shape, weights, settings.precision, settings.quantization, producer="kollega-gguf-import")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        import onnx

        external = sum(t.ByteSize() for t in model.graph.initializer) > _EXTERNAL_DATA_BYTES
        onnx.save_model(model, str(work / MODEL_FILE), save_as_external_data=external,
                        all_tensors_to_one_file=True, location=f"{MODEL_FILE}.data")
        del model
        tokenizer.save(work)
        write_genai_config(work / "genai_config.json", shape, bos_id=tokenizer.bos_id,
                           eos_ids=list(tokenizer.stop_ids), pad_id=tokenizer.pad_id,
                           model_type="qwen2" if arch.startswith("qwen") else "llama", filename=MODEL_FILE)
        marker = {"import_version": IMPORT_VERSION, "source": source.name, "source_bytes": source.stat().st_size,
                  "architecture": arch, "precision": settings.precision, "quantization": settings.describe(),
                  "name": meta.get("general.name"), "languages": meta.get("general.languages") or []}
        (work / MARKER_FILE).write_text(json.dumps(marker, indent=2) + "\n")
        if progress:
            progress("Writing the ONNX graph", 1, 1)
        if out.exists():
            shutil.rmtree(out)
        work.chmod(0o755)
        work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return inspect_model(out, load=load)


def open_gguf(source: Path) -> Any:
    """A GGUFReader, or a clear error for a file that is missing, not GGUF, or cut short."""
    from gguf import GGUFReader

    if not source.is_file():
        raise ModelError(f"{source} does not exist or is not a file.")
    with open(source, "rb") as f:
        magic = f.read(4)
    if magic != b"GGUF":
        raise ModelError(f"{source} is not a GGUF file (it does not start with 'GGUF').")
    size = source.stat().st_size
    try:
        reader = GGUFReader(str(source), "r")
    except Exception as exc:
        raise ModelError(f"{source} could not be read as GGUF ({type(exc).__name__}: {exc}). The file is "
                         f"probably truncated or damaged ({size:,} bytes): download it again.") from None
    for tensor in reader.tensors:
        end = int(tensor.data_offset) + int(tensor.n_bytes)
        if end > size:
            raise ModelError(f"{source} is truncated: tensor {tensor.name} ends at byte {end:,} but the file has "
                             f"{size:,} bytes. Download it again.")
    return reader


def metadata(reader: Any) -> dict[str, Any]:
    return {name: f.contents() for name, f in reader.fields.items() if not name.startswith("GGUF.")}


def decoder_shape(meta: dict[str, Any], arch: str, tensors: dict[str, Any], vocab_size: int) -> DecoderShape:
    def get(key: str, default: Any = None) -> Any:
        value = meta.get(f"{arch}.{key}", default)
        if value is None:
            raise ModelError(f"the GGUF metadata lacks {arch}.{key}")
        return value

    hidden = int(get("embedding_length"))
    heads = int(get("attention.head_count"))
    kv_heads = get("attention.head_count_kv", heads)
    if isinstance(kv_heads, list):  # per-layer counts; the graph needs one
        if len(set(kv_heads)) != 1:
            raise ModelError("layers with different numbers of key/value heads are not supported")
        kv_heads = kv_heads[0]
    head_dim = int(meta.get(f"{arch}.attention.key_length", hidden // heads))
    rope_dims = int(meta.get(f"{arch}.rope.dimension_count", head_dim))
    if rope_dims != head_dim:
        raise ModelError(f"partial rotary embeddings ({rope_dims} of {head_dim} dimensions) are not supported")
    scaling = meta.get(f"{arch}.rope.scaling.type")
    if scaling not in (None, "none", "llama3") and "rope_freqs.weight" not in tensors:
        raise ModelError(f"rope scaling {scaling!r} is not supported")
    factors = None
    if "rope_freqs.weight" in tensors:
        factors = tuple(float(v) for v in tensor_floats(tensors["rope_freqs.weight"]).reshape(-1))
    return DecoderShape(
        vocab_size=vocab_size,
        hidden_size=hidden,
        num_layers=int(get("block_count")),
        num_heads=heads,
        num_kv_heads=int(kv_heads),
        intermediate_size=int(get("feed_forward_length")),
        context_length=min(int(get("context_length")), MAX_CONTEXT),
        rope_theta=float(meta.get(f"{arch}.rope.freq_base", 10_000.0)),
        rms_norm_eps=float(get("attention.layer_norm_rms_epsilon")),
        head_dim=head_dim if head_dim != hidden // heads else None,
        qk_norm="blk.0.attn_q_norm.weight" in tensors,
        rope_factors=factors,
    )
