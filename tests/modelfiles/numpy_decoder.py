"""A plain numpy forward pass of a test model, reading the weights back from its model.onnx.

It recomputes the whole sequence at every step (no KV cache), so agreeing with ORT GenAI's
incremental generation shows that its cache, rotary embedding and attention do what we meant.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

from backend.modelfiles.quantize import dequantize_int4


class NumpyDecoder:
    """Qwen2-style decoder math in float64, on the weights stored in a model folder."""

    def __init__(self, folder: Path) -> None:
        config = json.loads((folder / "genai_config.json").read_text())["model"]
        decoder = config["decoder"]
        self.num_layers = decoder["num_hidden_layers"]
        self.num_heads = decoder["num_attention_heads"]
        self.num_kv_heads = decoder["num_key_value_heads"]
        self.head_size = decoder["head_size"]
        model = onnx.load(str(folder / decoder["filename"]))
        self.weights = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        self.matmuls = {}
        for node in model.graph.node:
            if node.op_type == "MatMul":
                self.matmuls[node.name] = self.weights[node.input[1]].astype(np.float64)
            elif node.op_type == "MatMulNBits":
                attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
                assert attrs["bits"] == 4 and len(node.input) == 3, "zero points are not used"
                packed, scales = self.weights[node.input[1]], self.weights[node.input[2]]
                w = dequantize_int4(packed, scales, attrs["K"], attrs["N"], attrs["block_size"])
                self.matmuls[node.name.removesuffix("_Q4")] = w.astype(np.float64)
            elif node.op_type.endswith("SimplifiedLayerNormalization"):
                epsilon = next(a for a in node.attribute if a.name == "epsilon")
                self.eps = onnx.helper.get_attribute_value(epsilon)
        # A tied model has no embedding table of its own: it gathers rows of the LM head's weight.
        embed = self.weights.get("model.embed_tokens.weight")
        self.embed = self.matmuls["/lm_head/MatMul"].T if embed is None else embed.astype(np.float64)
        self.cos = self.weights["cos_cache"].astype(np.float64)
        self.sin = self.weights["sin_cache"].astype(np.float64)

    def logits(self, ids: list[int]) -> np.ndarray:
        """Logits (len(ids), vocab) for one sequence, computed from scratch."""
        w = self.weights
        x = self.embed[np.array(ids)]
        positions = np.arange(len(ids))
        for i in range(self.num_layers):
            p = f"/model/layers.{i}"
            h = self._rms(x, w[f"model.layers.{i}.input_layernorm.weight"])
            # The builder leaves the bias out when it is all zeros.
            qkv = h @ self.matmuls[f"{p}/attn/qkv_proj/MatMul"] + w.get(f"model.layers.{i}.attn.qkv_proj.Add.bias", 0)
            x = x + self._attention(qkv, positions) @ self.matmuls[f"{p}/attn/o_proj/MatMul"]
            h = self._rms(x, w[f"model.layers.{i}.post_attention_layernorm.weight"])
            gate = h @ self.matmuls[f"{p}/mlp/gate_proj/MatMul"]
            up = h @ self.matmuls[f"{p}/mlp/up_proj/MatMul"]
            x = x + (gate / (1.0 + np.exp(-gate)) * up) @ self.matmuls[f"{p}/mlp/down_proj/MatMul"]
        h = self._rms(x, w[f"model.layers.{self.num_layers}.final_norm_layernorm.weight"])
        return h @ self.matmuls["/lm_head/MatMul"]

    def greedy(self, prompt: list[int], new_tokens: int) -> list[int]:
        ids = list(prompt)
        for _ in range(new_tokens):
            ids.append(int(self.logits(ids)[-1].argmax()))
        return ids[len(prompt):]

    def _rms(self, x: np.ndarray, weight: np.ndarray) -> np.ndarray:
        return x / np.sqrt((x * x).mean(axis=-1, keepdims=True) + self.eps) * weight

    def _rotate(self, x: np.ndarray, positions: np.ndarray) -> np.ndarray:
        # Rotate-half (not interleaved) rotary embedding on (seq, heads, head_size).
        half = self.head_size // 2
        cos, sin = self.cos[positions][:, None, :], self.sin[positions][:, None, :]
        x1, x2 = x[..., :half], x[..., half:]
        return np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)

    def _attention(self, qkv: np.ndarray, positions: np.ndarray) -> np.ndarray:
        s, d = len(positions), self.head_size
        q_size, kv_size = self.num_heads * d, self.num_kv_heads * d
        q = self._rotate(qkv[:, :q_size].reshape(s, self.num_heads, d), positions)
        k = self._rotate(qkv[:, q_size:q_size + kv_size].reshape(s, self.num_kv_heads, d), positions)
        v = qkv[:, q_size + kv_size:].reshape(s, self.num_kv_heads, d)
        group = self.num_heads // self.num_kv_heads
        k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
        scores = np.einsum("qhd,khd->hqk", q, k) / np.sqrt(d)
        scores = np.where(np.tril(np.ones((s, s), dtype=bool)), scores, -np.inf)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        return np.einsum("hqk,khd->qhd", probs, v).reshape(s, self.num_heads * d)
