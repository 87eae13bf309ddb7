"""Passive forms: s-passive and "bli" + participle found; deponents, genitives and adjectives left alone."""

from __future__ import annotations

import pytest

from backend.readability.findings.passive import find_passives


def passives(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_passives(text, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ansökan beviljas.", ["beviljas"]),
        ("Beslutet skickas till dig.", ["skickas"]),
        ("Blanketten ska lämnas in senast i maj.", ["lämnas"]),
        ("Det beslutas av nämnden.", ["beslutas"]),
        ("Ärendet behandlades i går.", ["behandlades"]),
        ("Avgiften har betalats.", ["betalats"]),
        ("Beslutet har tagits av nämnden.", ["tagits"]),
        ("Frågan avgörs av domstolen.", ["avgörs"]),  # irregular: listed ending "görs"
        ("Mötet genomfördes i maj.", ["genomfördes"]),
        ("Det krävs ett intyg.", ["krävs"]),
        ("Uppgifterna anges i bilagan.", ["anges"]),
        ("Boken tas bort.", ["tas"]),
        ("Ansökan blir beviljad.", ["blir beviljad"]),
        ("Ansökan blev inte avslagen.", ["blev inte avslagen"]),
        ("Beslutet har blivit godkänt.", ["blivit godkänt"]),
        ("Hon blev uppsagd i maj.", ["blev uppsagd"]),
        ("Blanketten blir skickad och beslutet fattas.", ["blir skickad", "fattas"]),
    ],
)
def test_passive_found(text: str, expected: list[str]) -> None:
    assert sorted(passives(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        # deponent and reciprocal verbs
        "Det finns en blankett.",
        "Vi hoppas att du trivs.",
        "Hon andas lugnt.",
        "Vi lyckades till slut.",
        "Jag minns det väl.",
        "Han låtsas sova.",
        "Vi ses i morgon och hörs sedan.",
        "Det behövs inget intyg.",
        "Intyget saknas.",
        "Vi träffas på torsdag.",
        # genitives and nouns
        "Det gäller en kvinnas rätt och varje människas värde.",
        "Kommunernas ansvar och medborgarnas rättigheter.",
        "Deras ansökan och andras intyg.",
        "Din arbetsplats, vår webbplats och hennes insats.",
        "Gas, glas och databas.",
        "Jonas och Lucas kommer.",
        # adjectives and nouns after "bli"
        "Jag blev glad.",
        "Det blir svårt och dyrt.",
        "Det blir bra.",
        "Det blir intressant.",
        "Det blev tydligt.",
        "Hon blev tvungen att gå.",
        "Det blir det bästa.",
        "Vad blir beslutet?",
        "Det blir lösningen.",
        # active voice
        "Vi behandlar din ansökan och skickar beslutet.",
    ],
)
def test_not_passive(text: str) -> None:
    assert passives(text) == []


def test_spans_map_back_to_the_text() -> None:
    text = "Först lämnas ansökan in.\nAnsökan blir sedan beviljad."
    findings = find_passives(text, [])
    start = text.index("blir sedan beviljad")
    assert [(f.start, f.end) for f in findings] == [
        (text.index("lämnas"), text.index("lämnas") + len("lämnas")),
        (start, start + len("blir sedan beviljad")),
    ]
    assert all(f.kind == "passive" for f in findings)
    assert "lämnas" in findings[0].message
