"""Abbreviations: listed ones written out, acronyms flagged until the text explains them."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.readability.abbreviations import abbreviations, parse_abbreviations
from backend.readability.findings.abbreviations import find_abbreviations

LIST = Path(__file__).resolve().parents[2] / "backend" / "readability" / "data" / "abbreviations.tsv"


def flagged(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.suggestion) for f in find_abbreviations(text, [])]


# -- the list --------------------------------------------------------------------------------


def test_list_is_well_formed() -> None:
    seen: dict[str, int] = {}
    for number, line in enumerate(LIST.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        variants, written_out, policy, ends = line.split("\t")
        assert written_out.strip() and policy in ("write_out", "accepted") and ends in ("yes", "no")
        for variant in variants.split("/"):
            assert variant.lower() not in seen, f"line {number}: {variant!r} is already on line {seen[variant.lower()]}"
            seen[variant.lower()] = number
    assert len(abbreviations()) == len(set(seen.values()))


def test_parser_rejects_a_repeated_variant() -> None:
    with pytest.raises(ValueError, match="repeats line 1"):
        parse_abbreviations("t.ex.\ttill exempel\twrite_out\tno\nT.EX.\ttill exempel\twrite_out\tno\n")


# -- listed abbreviations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ta med t.ex. ett intyg.", [("t.ex.", "till exempel")]),
        ("T.ex. ett intyg.", [("T.ex.", "Till exempel")]),
        ("Ta med t. ex. ett intyg.", [("t. ex.", "till exempel")]),
        ("Ta med t ex ett intyg.", [("t ex", "till exempel")]),
        (
            "Det gäller bl.a. bidrag, s.k. stöd, m.m.",
            [("bl.a.", "bland annat"), ("s.k.", "så kallad"), ("m.m.", "med mera")],
        ),
        (
            "Det tar ca 3 veckor, dvs. en månad, osv.",
            [("ca", "cirka"), ("dvs.", "det vill säga"), ("osv.", "och så vidare")],
        ),
        ("Ang. din ansökan", [("Ang.", "Om")]),
    ],
)
def test_listed_abbreviations_are_written_out(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mötet börjar kl. 9 i rum nr 3 och kostar 50 kr.",  # accepted: readers expect these abbreviated
        "Se 5 kap. 3 § och dnr 2024/17.",
        "Castor och Pollux, mm och cm.",  # not abbreviations we list
        "Taxen exkluderar inget.",  # "ex", "exkl" inside words
    ],
)
def test_no_listed_abbreviation(text: str) -> None:
    assert flagged(text) == []


# -- acronyms --------------------------------------------------------------------------------


def test_unexplained_acronym_is_flagged_everywhere() -> None:
    text = "Du kan söka studiemedel hos CSN. Kontakta CSN:s kundtjänst."
    assert flagged(text) == [("CSN", None), ("CSN", None)]
    assert "CSN" in find_abbreviations(text, [])[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Centrala studiestödsnämnden (CSN) betalar ut studiemedel. Kontakta CSN.",
        "CSN (Centrala studiestödsnämnden) betalar ut studiemedel. Kontakta CSN.",
        "Kontakta CSN. CSN står för Centrala studiestödsnämnden.",
        "Lagen om stöd och service (LSS) och LSS-handläggaren.",
    ],
)
def test_explained_acronym_is_not_flagged(text: str) -> None:
    assert flagged(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Reglerna gäller i hela EU och i FN:s organ.",  # known to every reader
        "Se kapitel IV och bilaga XII.",  # Roman numerals
        "BESLUT OM BIDRAG\nVi har beviljat din ansökan.",  # a heading in capitals
        "Det är VIKTIGT att du svarar.",  # six capitals or more: a shouted word
        "Öppettider: Mån–fre.",
    ],
)
def test_not_an_acronym_to_explain(text: str) -> None:
    assert flagged(text) == []


def test_mixed_case_acronym() -> None:
    assert flagged("Insatsen ges enligt SoL.") == [("SoL", None)]
