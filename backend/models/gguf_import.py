"""Turns a GGUF file (llama.cpp's format) into an ORT GenAI model folder with numpy only, no torch.

The tensors are read with `gguf`, the weights written into the same graph as the test models
(graph.py). Blocks that MatMulNBits can hold as they are (Q4_0, Q4_1, Q8_0: 32 values with a
scale, and for Q4_1 a minimum) are copied exactly; other types are dequantized to float and
quantized again as the chosen precision asks. llama.cpp stores the query and key rows of llama
models permuted for its own rotary layout; that permutation is undone here.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from backend.models.check import ModelError, ModelInfo, inspect_model
from backend.models.genai_config import write_genai_config
from backend.models.gguf_tokenizer import tokenizer_from_gguf
from backend.models.graph import (
    DecoderShape,
    DecoderWeights,
    LayerWeights,
    Matrix,
    Precision,
    Quantization,
    decoder_graph,
)
from backend.models.quantize import BlockQuantized, quantize_blockwise

SUPPORTED_ARCHITECTURES = ("llama", "qwen2", "qwen3")
MODEL_FILE = "model.onnx"
MARKER_FILE = "kollega_import.json"
# Bump when the graph or the conversion changes, so cached imports are made again.
IMPORT_VERSION = "1"
# The cos/sin caches hold one row per position; a 128k context would make them large for no use here.
MAX_CONTEXT = 32_768
# Above this the ONNX file is split into model.onnx and model.onnx.data (protobuf's limit is 2 GB).
_EXTERNAL_DATA_BYTES = 1_500_000_000

Progress = Callable[[str, int, int], None]
# Chosen with bench/question_set.py on SmolLM2 (docs/models.md): int4 in blocks of 32 with int8
# activations (accuracy level 4), the attention projections and the MLP's down projection in 8 bits.
DEFAULT_INT4 = Quantization(bits=4, block_size=32, accuracy_level=4, eight_bit=frozenset({"qkv_proj", "down_proj"}))


@dataclass(frozen=True)
class ImportSettings:
    """Precision and quantization settings; the defaults were chosen by measuring (docs/models.md)."""

    precision: Precision = "int4"
    quantization: Quantization = field(default_factory=lambda: DEFAULT_INT4)
    # Copy symmetric Q4_0/Q8_0 blocks as they are instead of quantizing the dequantized floats again.
    transcode: bool = True
    # Copy asymmetric Q4_1 blocks too, with float zero points: exact, but MLAS then takes a slow path
    # (SmolLM2: 2 tokens/s against 22 for the symmetric int4 import, measured), so off by default.
    exact_asymmetric: bool = False

    @staticmethod
    def for_precision(precision: str) -> ImportSettings:
        if precision not in ("int4", "int8", "fp32"):
            raise ModelError(f"Precision {precision!r} is not supported; use int4, int8 or fp32.")
        quantization = DEFAULT_INT4 if precision == "int4" else Quantization(bits=8)
        return ImportSettings(precision, quantization)  # type: ignore[arg-type]

    def describe(self) -> dict[str, Any]:
        q = self.quantization
        return {"bits": q.bits, "block_size": q.block_size, "accuracy_level": q.accuracy_level,
                "eight_bit": sorted(q.eight_bit), "transcode": self.transcode,
                "exact_asymmetric": self.exact_asymmetric}


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
        factors = tuple(float(v) for v in _floats(tensors["rope_freqs.weight"]).reshape(-1))
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


def read_weights(tensors: dict[str, Any], shape: DecoderShape, arch: str, settings: ImportSettings,
                 progress: Progress | None) -> DecoderWeights:
    """All weights in graph.py's (in, out) layout, exact blocks where the settings allow them."""

    def need(name: str) -> Any:
        if name not in tensors:
            raise ModelError(f"the GGUF file lacks the tensor {name}; it is not a complete {arch} model")
        return tensors[name]

    def matrix(name: str, rows: np.ndarray | None = None) -> Matrix:
        return _matrix(need(name), settings, rows)

    # llama.cpp permutes the query and key rows of llama models (not qwen) for its rotary layout.
    permute = arch == "llama"
    q_rows = _unpermute_rows(shape.num_heads, shape.head_size) if permute else None
    k_rows = _unpermute_rows(shape.num_kv_heads, shape.head_size) if permute else None
    layers = []
    for i in range(shape.num_layers):
        if progress:
            progress("Converting layers", i, shape.num_layers)
        b = f"blk.{i}"
        q, k = matrix(f"{b}.attn_q.weight", q_rows), matrix(f"{b}.attn_k.weight", k_rows)
        v = matrix(f"{b}.attn_v.weight")
        bias = None
        if f"{b}.attn_q.bias" in tensors:
            bias = np.concatenate([_floats(need(f"{b}.attn_{x}.bias")).reshape(-1) for x in "qkv"])
        layers.append(LayerWeights(
            input_norm=_floats(need(f"{b}.attn_norm.weight")),
            qkv=_concat_columns([q, k, v], settings),
            qkv_bias=bias,
            o_proj=matrix(f"{b}.attn_output.weight"),
            post_attention_norm=_floats(need(f"{b}.ffn_norm.weight")),
            gate_proj=matrix(f"{b}.ffn_gate.weight"),
            up_proj=matrix(f"{b}.ffn_up.weight"),
            down_proj=matrix(f"{b}.ffn_down.weight"),
            q_norm=_floats(need(f"{b}.attn_q_norm.weight")) if shape.qk_norm else None,
            k_norm=_floats(need(f"{b}.attn_k_norm.weight")) if shape.qk_norm else None,
        ))
    if progress:
        progress("Converting layers", shape.num_layers, shape.num_layers)
    embed_tensor = need("token_embd.weight")
    tied = "output.weight" not in tensors
    if tied:
        # The tied head is also the embedding table, which GatherBlockQuantized reads only with
        # symmetric blocks: Q8_0 is copied, anything else is quantized to 8 bits.
        head: Matrix = _matrix(embed_tensor, settings)
        if isinstance(head, BlockQuantized) and head.zero_points is not None:
            head = quantize_blockwise(head.dequantize(), settings.quantization.block_size, 8)
        embed = np.empty((0, 0), dtype=np.float32)
        if isinstance(head, np.ndarray) and settings.precision != "fp32":
            head = quantize_blockwise(head, settings.quantization.block_size,
                                      max(8, settings.quantization.bits_for("/lm_head/MatMul")))
    else:
        embed = _floats(embed_tensor)
        head = matrix("output.weight")
    return DecoderWeights(
        embed_tokens=embed if not tied else np.empty((0, 0), dtype=np.float32),
        layers=tuple(layers),
        final_norm=_floats(need("output_norm.weight")),
        lm_head=head,
        tied=tied,
    )


def _floats(tensor: Any) -> np.ndarray:
    """A tensor as float32, dequantized when needed, in GGUF's (rows, columns) = (out, in) order."""
    from gguf.quants import dequantize

    return np.ascontiguousarray(dequantize(tensor.data, tensor.tensor_type), dtype=np.float32)


def _unpermute_rows(heads: int, head_size: int) -> np.ndarray:
    """Row order that undoes convert_hf_to_gguf.py's permute(): interleaved halves back to rotate-half."""
    return np.arange(heads * head_size).reshape(heads, head_size // 2, 2).swapaxes(1, 2).reshape(-1)


def _matrix(tensor: Any, settings: ImportSettings, rows: np.ndarray | None = None) -> Matrix:
    """One weight as graph.py takes it: exact blocks, or floats as (in, out)."""
    exact = _exact_blocks(tensor) if settings.transcode and settings.precision != "fp32" else None
    if exact is not None and exact.zero_points is not None and not settings.exact_asymmetric:
        exact = None
    if exact is not None and (settings.precision == "int4" or exact.bits == 8):
        return _take_rows(exact, rows) if rows is not None else exact
    floats = _floats(tensor)
    if rows is not None:
        floats = floats[rows]
    return floats.T.copy()


def _take_rows(q: BlockQuantized, rows: np.ndarray) -> BlockQuantized:
    zp = None if q.zero_points is None else q.zero_points[rows]
    return BlockQuantized(q.k, q.n, q.bits, q.block_size, q.packed[rows], q.scales[rows], zp)


def _exact_blocks(tensor: Any) -> BlockQuantized | None:
    """Q4_0, Q4_1 and Q8_0 blocks (32 values along the input dimension) in MatMulNBits' layout."""
    from gguf import GGMLQuantizationType as T

    kind = tensor.tensor_type
    sizes = {T.Q4_0: 18, T.Q4_1: 20, T.Q8_0: 34}
    if kind not in sizes or len(tensor.shape) != 2:
        return None
    k, n = int(tensor.shape[0]), int(tensor.shape[1])  # GGUF lists the fastest dimension (in) first
    blocks = np.asarray(tensor.data).reshape(n, k // 32, sizes[kind])
    scales = blocks[..., 0:2].copy().view(np.float16)[..., 0].astype(np.float32)
    if kind == T.Q8_0:
        packed = (blocks[..., 2:].view(np.int8).astype(np.int16) + 128).astype(np.uint8)
        return BlockQuantized(k, n, 8, 32, packed, scales)
    qs = blocks[..., 4:] if kind == T.Q4_1 else blocks[..., 2:]
    # GGUF keeps values 0-15 of a block in the low nibbles and 16-31 in the high ones; MatMulNBits
    # keeps neighbours together (2j low, 2j+1 high).
    values = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)
    packed = (values[..., 0::2] | (values[..., 1::2] << 4)).astype(np.uint8)
    if kind == T.Q4_0:
        return BlockQuantized(k, n, 4, 32, packed, scales)  # zero point 8, MatMulNBits' default
    minimum = blocks[..., 2:4].copy().view(np.float16)[..., 0].astype(np.float32)
    # d*q + m = d*(q - zero) with zero = -m/d. A block of equal values has d = 0 and q = 0: keep m
    # as the scale with zero -1.
    flat = scales == 0
    zero = np.where(flat, -1.0, -minimum / np.where(flat, 1.0, scales)).astype(np.float32)
    scales = np.where(flat, minimum, scales).astype(np.float32)
    return BlockQuantized(k, n, 4, 32, packed, scales, zero)


def _concat_columns(parts: list[Matrix], settings: ImportSettings) -> Matrix:
    """Pack q, k and v side by side (along out) for one MatMul, in one representation."""
    if all(isinstance(p, np.ndarray) for p in parts):
        return np.concatenate(parts, axis=1)  # type: ignore[arg-type]
    blocks = [p for p in parts if isinstance(p, BlockQuantized)]
    same = len(blocks) == len(parts) and len({(b.bits, b.block_size) for b in blocks}) == 1
    if not same:
        floats = [p.dequantize() if isinstance(p, BlockQuantized) else p for p in parts]
        return np.concatenate(floats, axis=1)
    if any(b.zero_points is not None for b in blocks):
        zero = float(2 ** (blocks[0].bits - 1))
        zps = [b.zero_points if b.zero_points is not None else np.full_like(b.scales, zero) for b in blocks]
        zp: np.ndarray | None = np.concatenate(zps, axis=0)
    else:
        zp = None
    b0 = blocks[0]
    return BlockQuantized(b0.k, sum(b.n for b in blocks), b0.bits, b0.block_size,
                          np.concatenate([b.packed for b in blocks], axis=0),
                          np.concatenate([b.scales for b in blocks], axis=0), zp)
