"""Rebuilds a Hugging Face tokenizer.json, tokenizer_config.json and chat template from GGUF metadata.

A GGUF file carries the vocabulary, the BPE merges, the token types and the chat template under
`tokenizer.ggml.*` and `tokenizer.chat_template`; the pre-tokenizer is only named
(`tokenizer.ggml.pre`), so its regular expression comes from the table below, copied from the
tokenizer.json files of the models that use each name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tokenizers import Tokenizer

from backend.modelfiles.check import ModelError

# llama.cpp's token types (gguf.TokenType): control tokens are special; user-defined ones are added.
_CONTROL, _USER_DEFINED = 3, 4

_BYTE_LEVEL = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
_LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                 r"|\s*[\r\n]+|\s+(?!\S)|\s+")
_QWEN2_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def _split_then_bytes(regex: str) -> dict[str, Any]:
    return {"type": "Sequence", "pretokenizers": [
        {"type": "Split", "pattern": {"Regex": regex}, "behavior": "Isolated", "invert": False},
        {**_BYTE_LEVEL, "use_regex": False},
    ]}


# tokenizer.ggml.pre -> (pre_tokenizer, normalizer, tokenizer_class for tokenizer_config.json).
# ORT Extensions picks its BPE implementation by tokenizer_class.
PRE_TOKENIZERS: dict[str, tuple[dict[str, Any], dict[str, Any] | None, str]] = {
    # SmolLM and SmolLM2: single digits, then GPT-2's byte-level split.
    "smollm": ({"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": True}, _BYTE_LEVEL]},
               None, "GPT2Tokenizer"),
    "gpt-2": (_BYTE_LEVEL, None, "GPT2Tokenizer"),
    "default": (_BYTE_LEVEL, None, "GPT2Tokenizer"),
    "llama-bpe": (_split_then_bytes(_LLAMA3_REGEX), None, "PreTrainedTokenizerFast"),
    "llama3": (_split_then_bytes(_LLAMA3_REGEX), None, "PreTrainedTokenizerFast"),
    "qwen2": (_split_then_bytes(_QWEN2_REGEX), {"type": "NFC"}, "Qwen2Tokenizer"),
}


@dataclass(frozen=True)
class GgufTokenizer:
    """What the model folder needs from the tokenizer: the files' contents and the ids of its specials."""

    tokenizer_json: dict[str, Any]
    tokenizer_config: dict[str, Any]
    chat_template: str
    bos_id: int | None
    pad_id: int
    stop_ids: tuple[int, ...]
    vocab_size: int

    def save(self, out: Path) -> None:
        (out / "tokenizer.json").write_text(json.dumps(self.tokenizer_json, ensure_ascii=False), encoding="utf-8")
        (out / "tokenizer_config.json").write_text(json.dumps(self.tokenizer_config, indent=2, ensure_ascii=False)
                                                   + "\n", encoding="utf-8")
        (out / "chat_template.jinja").write_text(self.chat_template, encoding="utf-8")


# End-of-turn tokens of the chat formats in use; a model that writes one has finished its answer.
_STOP_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>", "<|eom_id|>", "<end_of_turn>",
                "<|im_start|>")


def tokenizer_from_gguf(meta: dict[str, Any], source: str) -> GgufTokenizer:
    """Build the tokenizer from GGUF metadata (`meta`: key -> value); `source` names the file in errors."""
    model = meta.get("tokenizer.ggml.model")
    if model != "gpt2":
        raise ModelError(f"{source} has a {model!r} tokenizer; Kollega imports byte-level BPE ('gpt2') tokenizers, "
                         f"as used by SmolLM2, Llama 3 and Qwen2.5/Qwen3. SentencePiece models (Llama 2, Mistral, "
                         f"Gemma) are not supported by the GGUF import.")
    pre = str(meta.get("tokenizer.ggml.pre", "default"))
    if pre not in PRE_TOKENIZERS:
        raise ModelError(f"{source} uses the pre-tokenizer {pre!r}, which Kollega does not know; known: "
                         f"{', '.join(sorted(PRE_TOKENIZERS))}.")
    template = meta.get("tokenizer.chat_template")
    if not isinstance(template, str) or not template.strip():
        raise ModelError(f"{source} has no chat template (tokenizer.chat_template). It is probably a base model: "
                         f"use its instruct version.")
    tokens: list[str] = list(meta["tokenizer.ggml.tokens"])
    types: list[int] = list(meta.get("tokenizer.ggml.token_type") or [1] * len(tokens))
    merges: list[str] = list(meta.get("tokenizer.ggml.merges") or [])
    pre_tokenizer, normalizer, tokenizer_class = PRE_TOKENIZERS[pre]
    added = [
        {"id": i, "content": token, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": types[i] != _CONTROL, "special": types[i] == _CONTROL}
        for i, token in enumerate(tokens) if types[i] in (_CONTROL, _USER_DEFINED)
    ]
    tokenizer_json = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": normalizer, "pre_tokenizer": pre_tokenizer,
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False,
                           "use_regex": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "ignore_merges": pre in ("llama-bpe", "llama3"),
                  "vocab": {token: i for i, token in enumerate(tokens)}, "merges": merges},
    }
    try:  # the same library that counts tokens in the backend must accept it
        Tokenizer.from_str(json.dumps(tokenizer_json))
    except Exception as exc:
        raise ModelError(f"the tokenizer in {source} could not be rebuilt: {exc}") from None

    def token_at(key: str) -> str | None:
        index = meta.get(key)
        return tokens[int(index)] if isinstance(index, int) and 0 <= index < len(tokens) else None

    eos_id = int(meta["tokenizer.ggml.eos_token_id"])
    bos_id = meta.get("tokenizer.ggml.bos_token_id")
    pad_id = int(meta.get("tokenizer.ggml.padding_token_id", eos_id))
    stops = {eos_id} | {int(meta[k]) for k in ("tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id")
                        if isinstance(meta.get(k), int)}
    by_text = {token: i for i, token in enumerate(tokens) if types[i] == _CONTROL}
    stops |= {by_text[t] for t in _STOP_TOKENS if t in by_text}
    config = {
        "add_bos_token": bool(meta.get("tokenizer.ggml.add_bos_token", False)),
        "add_eos_token": False,
        "add_prefix_space": False,
        "added_tokens_decoder": {str(a["id"]): {k: v for k, v in a.items() if k != "id"} for a in added},
        "bos_token": token_at("tokenizer.ggml.bos_token_id"),
        "eos_token": token_at("tokenizer.ggml.eos_token_id"),
        "pad_token": token_at("tokenizer.ggml.padding_token_id"),
        "unk_token": token_at("tokenizer.ggml.unknown_token_id"),
        "chat_template": template,
        "clean_up_tokenization_spaces": False,
        "model_max_length": int(meta.get("context_length", 8192)),
        "tokenizer_class": tokenizer_class,
    }
    return GgufTokenizer(tokenizer_json, config, template, int(bos_id) if isinstance(bos_id, int) else None,
                         pad_id, tuple(sorted(stops)), len(tokens))
