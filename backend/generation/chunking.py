"""Splitting a text that is longer than the model's context into parts that fit."""

from __future__ import annotations

import re
from collections.abc import Callable

_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def split_to_fit(text: str, max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """Pack paragraphs (then sentences, then words) into parts of at most max_tokens tokens."""
    if max_tokens < 1:
        raise ValueError("max_tokens must be positive")
    pieces: list[str] = []
    for paragraph in (p.strip() for p in _PARAGRAPHS.split(text)):
        if paragraph:
            pieces.extend(_fit_piece(paragraph, max_tokens, count))
    parts: list[str] = []
    current: list[str] = []
    current_tokens = 0
    for piece in pieces:
        tokens = count(piece) + 1
        if current and current_tokens + tokens > max_tokens:
            parts.append("\n\n".join(current))
            current, current_tokens = [], 0
        current.append(piece)
        current_tokens += tokens
    if current:
        parts.append("\n\n".join(current))
    return parts


def _fit_piece(piece: str, max_tokens: int, count: Callable[[str], int]) -> list[str]:
    if count(piece) <= max_tokens:
        return [piece]
    sentences = [s for s in _SENTENCES.split(piece) if s]
    if len(sentences) > 1:
        return [part for sentence in sentences for part in _fit_piece(sentence, max_tokens, count)]
    words = piece.split()
    if len(words) > 1:
        half = len(words) // 2
        return _fit_piece(" ".join(words[:half]), max_tokens, count) + _fit_piece(
            " ".join(words[half:]), max_tokens, count
        )
    # One enormous "word" (a URL, a base64 blob): cut it by characters.
    size = max(1, len(piece) * max_tokens // max(1, count(piece)))
    return [piece[i : i + size] for i in range(0, len(piece), size)]
