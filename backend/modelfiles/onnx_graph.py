"""A Qwen2-style decoder written as an ONNX graph in the layout ONNX Runtime GenAI's CPU builder makes.

The graph is node for node what `onnxruntime_genai.models.builder -e cpu` (0.18) writes for Qwen2:
packed QKV MatMul plus bias, GroupQueryAttention with the rotary embedding inside it (`do_rotary`,
cos/sin caches), seqlens_k and total_sequence_length derived from attention_mask,
(Skip)SimplifiedLayerNormalization, a SiLU-gated MLP, MatMulNBits (int4, symmetric, block 32,
accuracy level 4) for every MatMul in int4, and a tied head shared with the embedding through
GatherBlockQuantized. tests/modelfiles/test_builder_parity.py compares it with the builder's output.
The sizes and weights it writes are decoder.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from backend.modelfiles.decoder import DecoderShape, DecoderWeights, LayerWeights, Matrix
from backend.modelfiles.quantize import BlockQuantized, quantize_blockwise

Precision = Literal["fp32", "int8", "int4"]

# The builder's defaults for int4 on CPU (quant_config.py): block 32, symmetric, accuracy level 4
# (int8 activations in MLAS, which is what makes int4 fast on CPU).
INT4_BLOCK_SIZE = 32
INT4_ACCURACY_LEVEL = 4
OPSET = 22
IR_VERSION = 10


@dataclass(frozen=True)
class Quantization:
    """How float matrices become MatMulNBits weights: bits, block size, MLAS accuracy level, which
    matrices (by kind: lm_head, qkv_proj, o_proj, gate_proj, up_proj, down_proj) keep 8 bits, and
    which kinds take a block size other than block_size."""

    bits: int = 4
    block_size: int = INT4_BLOCK_SIZE
    accuracy_level: int = INT4_ACCURACY_LEVEL
    eight_bit: frozenset[str] = frozenset()
    block_sizes: tuple[tuple[str, int], ...] = ()

    def bits_for(self, basename: str) -> int:
        return 8 if _kind(basename) in self.eight_bit else self.bits

    def block_size_for(self, basename: str, k: int) -> int:
        """The block size for a matrix of this kind with k inputs: halved until it divides k (at
        least 16, MatMulNBits' smallest), so a model whose sizes are not multiples of 64 still imports."""
        block = dict(self.block_sizes).get(_kind(basename), self.block_size)
        while k % block and block > 16:
            block //= 2
        return block


def _kind(basename: str) -> str:
    return basename.rsplit("/", 2)[-2]  # /model/layers.3/attn/qkv_proj/MatMul -> qkv_proj


def rotary_caches(shape: DecoderShape) -> tuple[np.ndarray, np.ndarray]:
    """cos/sin caches (context_length, head_size / 2) as the builder computes them."""
    d = shape.head_size
    inv_freq = 1.0 / (shape.rope_theta ** (np.arange(0, d, 2, dtype=np.int64).astype(np.float32) / d))
    if shape.rope_factors is not None:
        inv_freq = inv_freq / np.asarray(shape.rope_factors, dtype=np.float32)
    t = np.arange(shape.context_length, dtype=np.float32)
    freqs = np.outer(t, inv_freq.astype(np.float32))
    return np.cos(freqs).astype(np.float32), np.sin(freqs).astype(np.float32)


class _GraphWriter:
    """Collects nodes and initializers with the builder's naming scheme."""

    def __init__(self, precision: Precision, quantization: Quantization | None = None) -> None:
        self.precision = precision
        self.quantization = quantization or Quantization(bits=8 if precision == "int8" else 4)
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._weights: dict[str, list[str]] = {}
        self._quantized: dict[str, BlockQuantized] = {}

    def initializer(self, name: str, array: np.ndarray) -> str:
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def node(self, op_type: str, inputs: list[str], name: str, outputs: int | list[str] = 1,
             domain: str = "", **attrs: Any) -> list[str]:
        names = outputs if isinstance(outputs, list) else [f"{name}/output_{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op_type, inputs, names, name=name, domain=domain or None, **attrs))
        return names

    def constant(self, value: int | list[int]) -> str:
        """An int64 Constant node named like the builder's, e.g. /model/constants/INT64/[1]."""
        self.node("Constant", [], f"/model/constant_nodes/INT64/{value}", outputs=[f"/model/constants/INT64/{value}"],
                  value=numpy_helper.from_array(np.array(value, dtype=np.int64)))
        return f"/model/constants/INT64/{value}"

    def matmul_weights(self, basename: str, weight: Matrix) -> list[str]:
        """Initializers of a MatMul weight: [weight] in fp32, [weight_Q4, weight_scales(, zero points)] quantized."""
        if basename not in self._weights:
            name = basename[1:].replace("/", ".") + ".weight"
            if isinstance(weight, np.ndarray) and self.precision == "fp32":
                self._weights[basename] = [self.initializer(name, weight)]
            else:
                q = self.quantized(basename, weight)
                names = [self.initializer(f"{name}_Q{q.bits}", q.packed), self.initializer(f"{name}_scales", q.scales)]
                if q.zero_points is not None:
                    names.append(self.initializer(f"{name}_zero_points", q.zero_points))
                self._weights[basename] = names
        return self._weights[basename]

    def quantized(self, basename: str, weight: Matrix) -> BlockQuantized:
        if isinstance(weight, BlockQuantized):
            return weight
        key = f"{basename}#q"
        if key not in self._quantized:
            q = self.quantization
            block = q.block_size_for(basename, weight.shape[0])
            self._quantized[key] = quantize_blockwise(weight, block, q.bits_for(basename))
        return self._quantized[key]

    def matmul(self, basename: str, x: str, weight: Matrix, output: str | None = None) -> str:
        """x @ weight, as MatMul (fp32) or MatMulNBits (int4/int8) like the builder's quantizer pass."""
        weights = self.matmul_weights(basename, weight)
        outputs = [output or f"{basename}/output_0"]
        if len(weights) == 1:
            return self.node("MatMul", [x, *weights], basename, outputs=outputs)[0]
        q = self.quantized(basename, weight)
        return self.node(
            "MatMulNBits", [x, *weights], f"{basename}_Q{q.bits}", outputs=outputs,
            domain="com.microsoft", K=q.k, N=q.n, bits=q.bits, block_size=q.block_size,
            accuracy_level=self.quantization.accuracy_level,
        )[0]


def decoder_graph(shape: DecoderShape, weights: DecoderWeights, precision: Precision,
                  quantization: Quantization | None = None, producer: str = "kollega-testmodel") -> onnx.ModelProto:
    """The whole decoder as an ONNX model with ORT GenAI's input and output names."""
    g = _GraphWriter(precision, quantization)
    eps = shape.rms_norm_eps

    # GroupQueryAttention takes the valid length per row (minus one) and the total length,
    # both int32, instead of a 4D mask.
    mask = "/model/attn_mask_reformat/attn_mask_subgraph"
    one_1d = g.constant([1])
    (reduce_sum,) = g.node("ReduceSum", ["attention_mask", one_1d], f"{mask}/ReduceSum", keepdims=0)
    (sub,) = g.node("Sub", [reduce_sum, one_1d], f"{mask}/Sub")
    (seqlens_k,) = g.node("Cast", [sub], f"{mask}/Sub/Cast", to=TensorProto.INT32)
    (mask_shape,) = g.node("Shape", ["attention_mask"], f"{mask}/Shape")
    (total_len,) = g.node("Gather", [mask_shape, g.constant(1)], f"{mask}/Gather", axis=0)
    (total_seq_len,) = g.node("Cast", [total_len], f"{mask}/Gather/Cast", to=TensorProto.INT32)

    hidden = _embedding(g, shape, weights)
    cos, sin = rotary_caches(shape)
    g.initializer("cos_cache", cos)
    g.initializer("sin_cache", sin)

    residual, skip = hidden, ""
    for i, layer in enumerate(weights.layers):
        prefix = f"/model/layers.{i}"
        norm_w = g.initializer(f"model.layers.{i}.input_layernorm.weight", layer.input_norm)
        if i == 0:
            normed = f"{prefix}/input_layernorm/output_0"
            g.node("SimplifiedLayerNormalization", [residual, norm_w], f"{prefix}/input_layernorm/LayerNorm",
                   outputs=[normed], axis=-1, epsilon=eps, stash_type=1)
        else:
            normed, residual = _skip_norm(g, f"{prefix}/input_layernorm", residual, skip, norm_w, eps)

        qkv = g.matmul(f"{prefix}/attn/qkv_proj/MatMul", normed, layer.qkv)
        if layer.qkv_bias is not None:
            bias = g.initializer(f"model.layers.{i}.attn.qkv_proj.Add.bias", layer.qkv_bias)
            (qkv,) = g.node("Add", [qkv, bias], f"{prefix}/attn/qkv_proj/Add")
        qkv_inputs = [qkv, "", ""] if layer.q_norm is None else _normed_qkv(g, shape, layer, i, qkv)
        attn = g.node(
            "GroupQueryAttention",
            [*qkv_inputs, f"past_key_values.{i}.key", f"past_key_values.{i}.value", seqlens_k, total_seq_len,
             "cos_cache", "sin_cache"],
            f"{prefix}/attn/GroupQueryAttention",
            outputs=[f"{prefix}/attn/GroupQueryAttention/output_0", f"present.{i}.key", f"present.{i}.value"],
            domain="com.microsoft", num_heads=shape.num_heads, kv_num_heads=shape.num_kv_heads,
            scale=float(shape.head_size**-0.5), local_window_size=-1, softcap=0.0, do_rotary=1,
            rotary_interleaved=0,
        )[0]
        skip = g.matmul(f"{prefix}/attn/o_proj/MatMul", attn, layer.o_proj)

        norm_w = g.initializer(f"model.layers.{i}.post_attention_layernorm.weight", layer.post_attention_norm)
        normed, residual = _skip_norm(g, f"{prefix}/post_attention_layernorm", residual, skip, norm_w, eps)
        gate = g.matmul(f"{prefix}/mlp/gate_proj/MatMul", normed, layer.gate_proj)
        up = g.matmul(f"{prefix}/mlp/up_proj/MatMul", normed, layer.up_proj)
        (sigmoid,) = g.node("Sigmoid", [gate], f"{prefix}/mlp/act_fn/Sigmoid")
        (silu,) = g.node("Mul", [gate, sigmoid], f"{prefix}/mlp/act_fn/Mul")
        (gated,) = g.node("Mul", [silu, up], f"{prefix}/mlp/Mul")
        skip = g.matmul(f"{prefix}/mlp/down_proj/MatMul", gated, layer.down_proj)

    n = shape.num_layers
    norm_w = g.initializer(f"model.layers.{n}.final_norm_layernorm.weight", weights.final_norm)
    final = f"/model/layers.{n}/final_norm_layernorm/output_0"
    g.node("SkipSimplifiedLayerNormalization", [residual, skip, norm_w],
           f"/model/layers.{n}/final_norm_layernorm/SkipLayerNorm", outputs=[final], domain="com.microsoft",
           epsilon=eps)
    g.matmul("/lm_head/MatMul", final, weights.lm_head, output="logits")

    # The builder leaves the last cache dimension symbolic so quantized KV caches fit the same names.
    kv: list[str | int] = ["batch_size", shape.num_kv_heads]
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64,
                                      ["batch_size", "total_sequence_length"]),
    ]
    outputs = [
        helper.make_tensor_value_info("logits", TensorProto.FLOAT,
                                      ["batch_size", "sequence_length", shape.vocab_size]),
    ]
    for kind in ("key", "value"):
        for i in range(n):
            inputs.append(helper.make_tensor_value_info(
                f"past_key_values.{i}.{kind}", TensorProto.FLOAT,
                [*kv, "past_sequence_length", "kv_cache_dim"]))
            outputs.append(helper.make_tensor_value_info(
                f"present.{i}.{kind}", TensorProto.FLOAT, [*kv, "total_sequence_length", "kv_cache_dim"]))

    graph = helper.make_graph(g.nodes, "main_graph", inputs, outputs, g.initializers)
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)],
        producer_name=producer,
        ir_version=IR_VERSION,
    )
    return model


def _embedding(g: _GraphWriter, shape: DecoderShape, weights: DecoderWeights) -> str:
    """Token embeddings; a tied model reads the LM head's weights, quantized or not, like the builder."""
    embed = "/model/embed_tokens"
    if not weights.tied and g.precision == "fp32":
        g.initializer("model.embed_tokens.weight", weights.embed_tokens)
        return g.node("Gather", ["model.embed_tokens.weight", "input_ids"], f"{embed}/Gather")[0]
    if not weights.tied:
        # A quantized model keeps its own embedding table in 8 bits: a large vocabulary in fp32
        # would be most of the model's size.
        block = g.quantization.block_size_for("/model/embed_tokens/Gather", shape.hidden_size)
        q = quantize_blockwise(weights.embed_tokens.T, block, 8)
        packed = g.initializer("model.embed_tokens.weight_Q8", q.packed)
        scales = g.initializer("model.embed_tokens.weight_scales", q.scales)
        rows = g.constant([shape.vocab_size, shape.hidden_size])
        (table,) = g.node("Reshape", [packed, rows], f"{embed}/Reshape")
        return g.node("GatherBlockQuantized", [table, "input_ids", scales], f"{embed}/GatherBlockQuantized",
                      domain="com.microsoft", bits=8, block_size=q.block_size, gather_axis=0, quantize_axis=1)[0]
    head = g.matmul_weights("/lm_head/MatMul", weights.lm_head)
    if len(head) == 1:
        (table,) = g.node("Transpose", [head[0]], f"{embed}/Transpose", perm=[1, 0])
        return g.node("Gather", [table, "input_ids"], f"{embed}/Gather")[0]
    q = g.quantized("/lm_head/MatMul", weights.lm_head)
    # GatherBlockQuantized takes zero points only as packed integers, like its data.
    assert q.zero_points is None, "a tied head needs symmetric blocks"
    # The quantized LM head is (vocab, hidden / block, block * bits / 8) bytes; as (vocab, hidden * bits / 8)
    # its rows are the quantized embeddings, so the table is stored once. Needs hidden_size % block == 0.
    rows = g.constant([shape.vocab_size, shape.hidden_size * q.bits // 8])
    (table,) = g.node("Reshape", [head[0], rows], f"{embed}/Reshape")
    return g.node("GatherBlockQuantized", [table, "input_ids", head[1]], f"{embed}/GatherBlockQuantized",
                  domain="com.microsoft", bits=q.bits, block_size=q.block_size, gather_axis=0, quantize_axis=1)[0]


def _normed_qkv(g: _GraphWriter, shape: DecoderShape, layer: LayerWeights, i: int, qkv: str) -> list[str]:
    """Qwen3: split the packed projection and RMS-normalise each query and key head before attention."""
    prefix = f"/model/layers.{i}/attn"
    split = g.initializer(f"model.layers.{i}.attn.qkv_split",
                          np.array([shape.q_size, shape.kv_size, shape.kv_size], dtype=np.int64))
    q, k, v = g.node("Split", [qkv, split], f"{prefix}/qkv_split", outputs=3, axis=-1)
    per_head = g.constant([0, 0, -1, shape.head_size])
    flat = g.constant([0, 0, -1])
    normed = []
    for name, x, weight in (("q_norm", q, layer.q_norm), ("k_norm", k, layer.k_norm)):
        assert weight is not None
        w = g.initializer(f"model.layers.{i}.attn.{name}.weight", weight)
        (heads,) = g.node("Reshape", [x, per_head], f"{prefix}/{name}/Reshape")
        (y,) = g.node("SimplifiedLayerNormalization", [heads, w], f"{prefix}/{name}/LayerNorm", axis=-1,
                      epsilon=shape.rms_norm_eps, stash_type=1)
        normed.append(g.node("Reshape", [y, flat], f"{prefix}/{name}/Reshape_1")[0])
    return [normed[0], normed[1], v]


def _skip_norm(
    g: _GraphWriter, location: str, residual: str, skip: str, weight: str, eps: float
) -> tuple[str, str]:
    """SkipSimplifiedLayerNormalization: returns (normed, residual + skip)."""
    normed, _, _, summed = g.node("SkipSimplifiedLayerNormalization", [residual, skip, weight],
                                  f"{location}/SkipLayerNorm",
                                  outputs=[f"{location}/output_0", "", "", f"{location}/output_3"],
                                  domain="com.microsoft", epsilon=eps)
    return normed, summed
