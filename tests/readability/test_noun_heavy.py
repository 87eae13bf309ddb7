"""Noun-heavy sentences: three or more nominalizations making up at least 15 % of the words."""

from __future__ import annotations

import pytest

from backend.readability.findings.noun_heavy import find_noun_heavy, nominalizations
from backend.readability.splitting import split_sentences


def heavy(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_noun_heavy(text, split_sentences(text))]


@pytest.mark.parametrize(
    ("text", "nouns"),
    [
        (
            "Handläggningen av ansökningar sker i ordning efter inkomstdag.",
            ["Handläggningen", "ansökningar", "ordning"],
        ),
        ("Säkerheten och verksamheten är myndighetens ansvar.", ["Säkerheten", "verksamheten", "myndighetens"]),
        ("Bestämmelsen om informationen gäller.", ["Bestämmelsen", "informationen"]),
        ("UTREDNINGEN och ersättningarnas", ["UTREDNINGEN", "ersättningarnas"]),
        # -ting without n, kring and -köping are not nominalizations
        ("Någonting kring flyktingar i Jönköping.", []),
        ("Ring och ting.", []),  # stems shorter than three letters
    ],
)
def test_nominalizations(text: str, nouns: list[str]) -> None:
    assert nominalizations(text) == nouns


def test_noun_heavy_sentence_found() -> None:
    # 8 words, 3 nominalizations (handläggningen, ansökningar, ordning): 37 %.
    text = "Handläggningen av ansökningar sker i ordning efter inkomstdag. Vi svarar snart."
    assert heavy(text) == ["Handläggningen av ansökningar sker i ordning efter inkomstdag."]
    (finding,) = find_noun_heavy(text, split_sentences(text))
    assert "3 av 8 ord" in finding.message and "Handläggningen" in finding.message


def test_two_nominalizations_are_not_heavy() -> None:
    assert heavy("Vi behandlar ansökningarna i den ordning de kommer in.") == []


def test_three_in_a_long_sentence_are_under_the_share() -> None:
    # 3 nominalizations in 22 words is 14 %: under the 15 % share.
    text = (
        "Vi läser din ansökan noga och ringer dig direkt om vi behöver fler papper från dig, "
        "till exempel om betalningen, bedömningen eller ersättningen."
    )
    assert len(nominalizations(text)) == 3
    assert heavy(text) == []


def test_exactly_the_share_is_heavy() -> None:
    # 3 nominalizations in 20 words is exactly 15 %.
    text = (
        "Vi läser din ansökan noga och ringer dig om vi behöver fler papper, "
        "till exempel om betalningen, bedömningen eller ersättningen."
    )
    assert heavy(text) == [text]


def test_each_heavy_sentence_is_its_own_finding() -> None:
    text = (
        "Prövningen av ansökningen kräver utredning.\n"
        "Du får svar.\n"
        "Utbetalningen sker efter granskningen av bedömningen."
    )
    assert heavy(text) == [
        "Prövningen av ansökningen kräver utredning.",
        "Utbetalningen sker efter granskningen av bedömningen.",
    ]
