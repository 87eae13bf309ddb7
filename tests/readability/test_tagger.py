"""The word-class tagger behind the nominal ratio, measured on hand-tagged Swedish text."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.readability.tagger import candidates, lexicon, tag_words

TAGGED = Path(__file__).parent / "tagged"
# The nominal ratio only asks which of three groups a word is in.
GROUP = {"NN": "numerator", "PP": "numerator", "PC": "numerator", "PN": "denominator", "AB": "denominator",
         "VB": "denominator"}


def accuracy(name: str) -> tuple[int, float, float]:
    """(words, tag accuracy, group accuracy) of the tagger on one hand-tagged file."""
    total = right = right_group = 0
    for line in (TAGGED / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        pairs = [token.rsplit("/", 1) for token in line.split()]
        predicted = tag_words([word for word, _ in pairs])
        for (_, gold), tag in zip(pairs, predicted, strict=True):
            total += 1
            right += gold == tag
            right_group += GROUP.get(gold, "other") == GROUP.get(tag, "other")
    return total, right / total, right_group / total


def test_the_samples_are_large_enough() -> None:
    assert accuracy("sample.txt")[0] + accuracy("heldout.txt")[0] >= 500


@pytest.mark.parametrize(
    ("name", "tags", "groups"),
    # Measured: 93.3 % / 94.7 % on sample.txt (used while writing the rules), 90.3 % / 91.1 % on
    # heldout.txt (not used). The bounds sit a little below, so a real regression fails.
    [("sample.txt", 0.91, 0.92), ("heldout.txt", 0.87, 0.88)],
)
def test_accuracy_on_hand_tagged_text(name: str, tags: float, groups: float) -> None:
    _, tag_accuracy, group_accuracy = accuracy(name)
    assert tag_accuracy >= tags
    assert group_accuracy >= groups


def test_closed_classes_win_over_the_generated_lexicon() -> None:
    assert candidates("och") == ("KN",)
    assert candidates("inte") == ("AB",)
    assert lexicon()["är"] == ("VB",)


def test_compounds_take_the_class_of_their_last_part() -> None:
    assert candidates("bostadsanpassningsbidraget")[0] == "NN"
    assert candidates("ansökan")[0] == "NN"  # not a compound of "kan"


def test_context_decides_between_readings() -> None:
    assert tag_words(["det", "stora", "huset"])[0] == "DT"
    assert tag_words(["vi", "ser", "det"])[2] == "PN"
    assert tag_words(["att", "skriva"])[0] == "IE"
    assert tag_words(["Beslutet", "om", "bidrag"])[1] == "PP"
    assert tag_words(["Om", "du", "vill"])[0] == "SN"


def test_a_capital_inside_a_sentence_unknown_to_the_lexicon_is_a_name() -> None:
    assert tag_words(["Vi", "ringde", "Karlsson"])[2] == "PM"


def test_a_huge_word_is_answered_at_once() -> None:
    assert candidates("a" * 200_000) == ("NN",)
