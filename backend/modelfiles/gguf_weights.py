"""From a GGUF file's tensors to decoder.py's weights, in the layout onnx_graph.py writes.

Blocks that MatMulNBits can hold as they are (Q4_0, Q4_1, Q8_0: 32 values with a scale, and for
Q4_1 a minimum) are copied exactly; other types are dequantized to float and quantized again as the
chosen precision asks. llama.cpp stores the query and key rows of llama models permuted for its own
rotary layout; that permutation is undone here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from backend.modelfiles.check import ModelError
from backend.modelfiles.decoder import DecoderShape, DecoderWeights, LayerWeights, Matrix
from backend.modelfiles.onnx_graph import Precision, Quantization
from backend.modelfiles.quantize import BlockQuantized, quantize_blockwise

Progress = Callable[[str, int, int], None]
# Chosen with bench/question_set.py and bench/decode_profile.py on SmolLM2 (docs/models.md): int4 in
# blocks of 64 with int8 activations (accuracy level 4), the packed query/key/value projection in 8 bits
# (what keeps the answers), and the tied LM head/embedding in int4 blocks of 32 (blocks of 64 there cost
# answers). Decode on one thread streams the weights from memory each token, so their bytes set its speed.
DEFAULT_INT4 = Quantization(bits=4, block_size=64, accuracy_level=4, eight_bit=frozenset({"qkv_proj"}),
                            block_sizes=(("lm_head", 32),))


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
                "eight_bit": sorted(q.eight_bit), "block_sizes": dict(q.block_sizes), "transcode": self.transcode,
                "exact_asymmetric": self.exact_asymmetric}



def read_weights(tensors: dict[str, Any], shape: DecoderShape, arch: str, settings: ImportSettings,
                 progress: Progress | None) -> DecoderWeights:
    """All weights in onnx_graph.py's (in, out) layout, exact blocks where the settings allow them."""

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
            bias = np.concatenate([tensor_floats(need(f"{b}.attn_{x}.bias")).reshape(-1) for x in "qkv"])
        layers.append(LayerWeights(
            input_norm=tensor_floats(need(f"{b}.attn_norm.weight")),
            qkv=_concat_columns([q, k, v], settings),
            qkv_bias=bias,
            o_proj=matrix(f"{b}.attn_output.weight"),
            post_attention_norm=tensor_floats(need(f"{b}.ffn_norm.weight")),
            gate_proj=matrix(f"{b}.ffn_gate.weight"),
            up_proj=matrix(f"{b}.ffn_up.weight"),
            down_proj=matrix(f"{b}.ffn_down.weight"),
            q_norm=tensor_floats(need(f"{b}.attn_q_norm.weight")) if shape.qk_norm else None,
            k_norm=tensor_floats(need(f"{b}.attn_k_norm.weight")) if shape.qk_norm else None,
        ))
    if progress:
        progress("Converting layers", shape.num_layers, shape.num_layers)
    embed_tensor = need("token_embd.weight")
    tied = "output.weight" not in tensors
    if tied:
        # The tied head is also the embedding table, which GatherBlockQuantized reads only with
        # symmetric blocks. It takes the bits and block size the settings give the LM head: the file's
        # blocks are copied when they are exactly that (Q4_0 blocks for an int4 head, Q8_0 for an 8-bit
        # one) and quantized again otherwise. The head is a fifth of a small model's decode work.
        head: Matrix = _matrix(embed_tensor, settings)
        embed = np.empty((0, 0), dtype=np.float32)
        if settings.precision != "fp32":
            name = "/lm_head/MatMul"
            bits = settings.quantization.bits_for(name)
            block = settings.quantization.block_size_for(name, shape.hidden_size)
            exact = (isinstance(head, BlockQuantized) and head.zero_points is None
                     and (head.bits, head.block_size) == (bits, block))
            if not exact:
                floats = head.dequantize() if isinstance(head, BlockQuantized) else head
                head = quantize_blockwise(floats, block, bits)
    else:
        embed = tensor_floats(embed_tensor)
        head = matrix("output.weight")
    return DecoderWeights(
        embed_tokens=embed if not tied else np.empty((0, 0), dtype=np.float32),
        layers=tuple(layers),
        final_norm=tensor_floats(need("output_norm.weight")),
        lm_head=head,
        tied=tied,
    )

def tensor_floats(tensor: Any) -> np.ndarray:
    """A tensor as float32, dequantized when needed, in GGUF's (rows, columns) = (out, in) order."""
    from gguf.quants import dequantize

    return np.ascontiguousarray(dequantize(tensor.data, tensor.tensor_type), dtype=np.float32)


def _unpermute_rows(heads: int, head_size: int) -> np.ndarray:
    """Row order that undoes convert_hf_to_gguf.py's permute(): interleaved halves back to rotate-half."""
    return np.arange(heads * head_size).reshape(heads, head_size // 2, 2).swapaxes(1, 2).reshape(-1)


def _matrix(tensor: Any, settings: ImportSettings, rows: np.ndarray | None = None) -> Matrix:
    """One weight as onnx_graph.py takes it: exact blocks, or floats as (in, out)."""
    exact = _exact_blocks(tensor) if settings.transcode and settings.precision != "fp32" else None
    if exact is not None and exact.zero_points is not None and not settings.exact_asymmetric:
        exact = None
    if exact is not None and (settings.precision == "int4" or exact.bits == 8):
        return _take_rows(exact, rows) if rows is not None else exact
    floats = tensor_floats(tensor)
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
