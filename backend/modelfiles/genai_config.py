"""genai_config.json: what ONNX Runtime GenAI needs to know about a decoder written by onnx_graph.py."""

from __future__ import annotations

import json
from pathlib import Path

from backend.modelfiles.decoder import DecoderShape


def write_genai_config(path: Path, shape: DecoderShape, *, bos_id: int | None, eos_ids: list[int], pad_id: int,
                       model_type: str, filename: str = "model.onnx") -> None:
    """genai_config.json with the fields the builder writes for a CPU GroupQueryAttention model."""
    config = {
        "model": {
            "bos_token_id": pad_id if bos_id is None else bos_id,
            "context_length": shape.context_length,
            "decoder": {
                # No intra_op_num_threads here: the engine overlays it per deployment.
                "session_options": {"log_id": "onnxruntime-genai", "provider_options": []},
                "filename": filename,
                "head_size": shape.head_size,
                "hidden_size": shape.hidden_size,
                "inputs": {
                    "input_ids": "input_ids",
                    "attention_mask": "attention_mask",
                    "past_key_names": "past_key_values.%d.key",
                    "past_value_names": "past_key_values.%d.value",
                },
                "outputs": {
                    "logits": "logits",
                    "present_key_names": "present.%d.key",
                    "present_value_names": "present.%d.value",
                },
                "num_attention_heads": shape.num_heads,
                "num_hidden_layers": shape.num_layers,
                "num_key_value_heads": shape.num_kv_heads,
            },
            "eos_token_id": eos_ids,
            "pad_token_id": pad_id,
            "type": model_type,
            "vocab_size": shape.vocab_size,
        },
        "search": {
            "diversity_penalty": 0.0,
            "do_sample": False,
            "early_stopping": True,
            "length_penalty": 1.0,
            "max_length": shape.context_length,
            "min_length": 0,
            "no_repeat_ngram_size": 0,
            "num_beams": 1,
            "num_return_sequences": 1,
            # GroupQueryAttention writes into one KV buffer reserved for max_length.
            "past_present_share_buffer": True,
            "repetition_penalty": 1.0,
            "temperature": 1.0,
            "top_k": 50,
            "top_p": 1.0,
        },
    }
    path.write_text(json.dumps(config, indent=4) + "\n")
