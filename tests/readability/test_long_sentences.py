"""Long sentences: more than 25 words."""

from __future__ import annotations

from backend.readability.findings.long_sentences import find_long_sentences
from backend.readability.findings.sentence_marks import find_sentence_marks
from backend.readability.splitting import split_sentences


def long_ones(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_long_sentences(text, split_sentences(text))]


def sentence(words: int) -> str:
    return " ".join(["Ord"] + ["ord"] * (words - 1)) + "."


def test_26_words_is_long() -> None:
    text = f"Kort mening. {sentence(26)} Ännu en kort."
    assert long_ones(text) == [sentence(26)]
    (finding,) = find_long_sentences(text, split_sentences(text))
    assert finding.kind == "long_sentence" and "26 ord" in finding.message


def test_25_words_is_not_long() -> None:
    assert long_ones(sentence(25)) == []


def test_list_items_are_counted_one_by_one() -> None:
    # 30 words in all, but the lead-in and each item are sentences of their own.
    items = "\n".join(f"- {' '.join(['punkt'] * 5)}" for _ in range(5))
    assert long_ones(f"Det här behöver du göra:\n{items}") == []


def test_a_long_text_without_punctuation_is_one_sentence_marked_very_hard() -> None:
    # Over 35 words a sentence is very hard by length alone: one mark, not a long and a very hard one.
    text = " ".join(["ord"] * 40)
    assert long_ones(text) == []
    (mark,) = find_sentence_marks(text, split_sentences(text))
    assert mark.kind == "very_hard_sentence" and text[mark.start : mark.end] == text
