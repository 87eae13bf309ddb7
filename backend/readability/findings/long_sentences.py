"""Long sentences: more than 25 words."""

from __future__ import annotations

from collections.abc import Sequence

from backend.readability.report import Finding
from backend.readability.splitting import Sentence

# Klarspråk advice puts a comfortable sentence at 15–20 words; past 25 most readers have to go back.
LONG_SENTENCE_WORDS = 25


def find_long_sentences(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per sentence with more than LONG_SENTENCE_WORDS words, spanning the sentence."""
    return [
        Finding(
            "long_sentence",
            sentence.start,
            sentence.end,
            f"Lång mening ({len(sentence.words)} ord). Dela upp den; sikta på högst "
            f"{LONG_SENTENCE_WORDS} ord per mening.",
        )
        for sentence in sentences
        if len(sentence.words) > LONG_SENTENCE_WORDS
    ]
