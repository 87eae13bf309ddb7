"""A decoder's sizes and weights, as the ONNX graph writer (onnx_graph.py) takes them.

The test models fill them with seeded random numbers (random_weights); the GGUF import fills them
with a real model's weights (gguf_weights.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backend.modelfiles.quantize import BlockQuantized

# A weight matrix as (in_features, out_features) floats, or already quantized (exact GGUF blocks).
Matrix = np.ndarray | BlockQuantized


@dataclass(frozen=True)
class DecoderShape:
    """The sizes of a decoder; the names follow Hugging Face's config.json."""

    vocab_size: int
    hidden_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    intermediate_size: int
    context_length: int
    rope_theta: float = 1_000_000.0
    rms_norm_eps: float = 1e-6
    # Qwen3 has heads wider than hidden_size / num_heads, and an RMS norm on each query and key head.
    head_dim: int | None = None
    qk_norm: bool = False
    # Llama 3.1+ scales the rotary frequencies per dimension (GGUF's rope_freqs tensor divides them).
    rope_factors: tuple[float, ...] | None = None

    @property
    def head_size(self) -> int:
        return self.head_dim or self.hidden_size // self.num_heads

    @property
    def q_size(self) -> int:
        return self.num_heads * self.head_size

    @property
    def kv_size(self) -> int:
        return self.num_kv_heads * self.head_size


@dataclass(frozen=True)
class LayerWeights:
    """One decoder layer. Matrices are stored as (in_features, out_features): y = x @ W."""

    input_norm: np.ndarray
    qkv: Matrix
    qkv_bias: np.ndarray | None
    o_proj: Matrix
    post_attention_norm: np.ndarray
    gate_proj: Matrix
    up_proj: Matrix
    down_proj: Matrix
    q_norm: np.ndarray | None = None
    k_norm: np.ndarray | None = None


@dataclass(frozen=True)
class DecoderWeights:
    """All weights of a decoder, in float32. Tied means lm_head is embed_tokens transposed."""

    embed_tokens: np.ndarray
    layers: tuple[LayerWeights, ...]
    final_norm: np.ndarray
    lm_head: Matrix
    tied: bool = False


def random_weights(shape: DecoderShape, rng: np.random.Generator, tie_embeddings: bool) -> DecoderWeights:
    """Random weights scaled so attention is sharp and logits have clear winners.

    Hugging Face's std 0.02 would give near-uniform attention, and then a wrong rotary or KV cache
    would hardly change the output; these scales make such mistakes change the tokens.
    """
    h = shape.hidden_size

    def normal(rows: int, cols: int, std: float) -> np.ndarray:
        return rng.normal(0.0, std, size=(rows, cols)).astype(np.float32)

    def norm_weight() -> np.ndarray:
        return (1.0 + rng.normal(0.0, 0.1, size=h)).astype(np.float32)

    # q.k / sqrt(d) then has a standard deviation of about 3 for unit-RMS inputs.
    qk_std = (3.0 / h) ** 0.5
    layers = []
    for _ in range(shape.num_layers):
        q = normal(h, shape.q_size, qk_std)
        k = normal(h, shape.kv_size, qk_std)
        v = normal(h, shape.kv_size, h**-0.5)
        layers.append(
            LayerWeights(
                input_norm=norm_weight(),
                qkv=np.concatenate([q, k, v], axis=1),
                qkv_bias=rng.normal(0.0, 0.1, size=shape.q_size + 2 * shape.kv_size).astype(np.float32),
                o_proj=normal(shape.q_size, h, shape.q_size**-0.5),
                post_attention_norm=norm_weight(),
                gate_proj=normal(h, shape.intermediate_size, h**-0.5),
                up_proj=normal(h, shape.intermediate_size, h**-0.5),
                down_proj=normal(shape.intermediate_size, h, shape.intermediate_size**-0.5),
            )
        )
    # Small embeddings, as in trained models: with unit-scale tied embeddings every position's
    # logits are dominated by its own input token and greedy decoding just repeats the last token.
    embed_std = 0.05
    embed = rng.normal(0.0, embed_std, size=(shape.vocab_size, h)).astype(np.float32)
    # Logits with a standard deviation of about 4 make greedy choices well separated. When the
    # head is tied to the embeddings, the final norm's weight carries that scale.
    final_norm = norm_weight()
    if tie_embeddings:
        lm_head = embed.T.copy()
        final_norm = (final_norm * (4.0 / (embed_std * h**0.5))).astype(np.float32)
    else:
        lm_head = normal(h, shape.vocab_size, 4.0 / h**0.5)
    return DecoderWeights(embed, tuple(layers), final_norm, lm_head, tied=tie_embeddings)
