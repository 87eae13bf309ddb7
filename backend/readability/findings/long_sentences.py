"""Long sentences: more than 25 words, unless their structure makes them very hard (sentence_marks)."""

from __future__ import annotations

from collections.abc import Sequence

from backend.readability.findings.sentence_marks import LONG_SENTENCE_WORDS, sentence_level
from backend.readability.report import Finding
from backend.readability.splitting import Sentence

__all__ = ["LONG_SENTENCE_WORDS", "find_long_sentences"]


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
        if len(sentence.words) > LONG_SENTENCE_WORDS and sentence_level(sentence) == "long_sentence"
    ]
