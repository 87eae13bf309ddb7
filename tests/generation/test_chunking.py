"""split_to_fit on its own: every part fits, nothing is lost, and the order is kept."""

from __future__ import annotations

import pytest

from backend.generation.chunking import split_to_fit


def words(text: str) -> int:
    return len(text.split())


def test_paragraphs_that_fit_stay_whole_and_are_packed_together() -> None:
    text = "Ett två tre.\n\nFyra fem.\n\nSex sju åtta nio."
    assert split_to_fit(text, 100, words) == ["Ett två tre.\n\nFyra fem.\n\nSex sju åtta nio."]
    parts = split_to_fit(text, 7, words)  # each piece costs its tokens plus one
    assert parts == ["Ett två tre.\n\nFyra fem.", "Sex sju åtta nio."]


def test_long_paragraphs_are_cut_at_sentences_then_words() -> None:
    sentences = " ".join(f"Mening nummer {i} om budgeten." for i in range(30))
    text = f"{sentences}\n\n" + "ord " * 400
    for limit in (3, 7, 25, 60):
        parts = split_to_fit(text, limit, words)
        assert all(words(part) <= limit for part in parts), limit
        assert " ".join(" ".join(parts).split()) == " ".join(text.split())  # nothing lost, order kept
    # With room for a sentence, no sentence is cut.
    parts = split_to_fit(sentences, 5, words)
    assert all(part.startswith("Mening") and part.endswith(".") for part in parts)


def test_one_enormous_word_is_cut_by_characters() -> None:
    blob = "x" * 10_000

    def chars(text: str) -> int:
        return max(1, len(text) // 4)

    parts = split_to_fit(blob, 100, chars)
    assert "".join(parts) == blob
    assert all(chars(part) <= 100 for part in parts)


def test_empty_text_and_a_bad_limit() -> None:
    assert split_to_fit("", 10, words) == []
    assert split_to_fit("\n\n  \n\n", 10, words) == []
    with pytest.raises(ValueError):
        split_to_fit("text", 0, words)
