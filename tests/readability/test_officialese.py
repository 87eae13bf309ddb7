"""The officialese list (size, duplicates, alternatives) and the officialese finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.readability.findings.officialese import find_officialese
from backend.readability.officialese import officialese_entries, parse_officialese
from backend.readability.report import Finding

LIST = Path(__file__).resolve().parents[2] / "backend" / "readability" / "data" / "officialese.tsv"


def raw_rows() -> list[tuple[int, list[str]]]:
    """The data rows of the shipped file, split on tabs, read without the production parser."""
    rows = []
    for number, line in enumerate(LIST.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append((number, line.split("\t")))
    return rows


# -- the list --------------------------------------------------------------------------------


def test_list_has_at_least_150_entries() -> None:
    assert len(raw_rows()) >= 150
    assert len(officialese_entries()) == len(raw_rows())


def test_every_entry_has_an_alternative() -> None:
    for number, columns in raw_rows():
        assert len(columns) in (2, 3), f"line {number}: {columns}"
        forms = columns[0].split("/")
        alternatives = columns[1].split("/")
        assert all(form.strip() for form in forms), f"line {number}: empty form"
        assert all(alternative.strip() for alternative in alternatives), f"line {number}: empty alternative"
        assert len(alternatives) in (1, len(forms)), f"line {number}: forms and alternatives do not pair up"


def test_no_form_appears_twice() -> None:
    seen: dict[str, int] = {}
    for number, columns in raw_rows():
        for form in columns[0].split("/"):
            key = " ".join(form.split()).lower()
            assert key not in seen, f"line {number}: {form!r} is already on line {seen[key]}"
            seen[key] = number


def test_no_alternative_equals_its_phrase() -> None:
    for number, columns in raw_rows():
        forms = columns[0].split("/")
        alternatives = columns[1].split("/")
        for index, form in enumerate(forms):
            alternative = alternatives[0] if len(alternatives) == 1 else alternatives[index]
            assert " ".join(form.split()).lower() != " ".join(alternative.split()).lower(), f"line {number}"


def test_forms_have_no_stray_whitespace_or_case() -> None:
    for number, columns in raw_rows():
        for form in columns[0].split("/"):
            assert form == form.strip() and "  " not in form, f"line {number}: {form!r}"
            assert form == form.lower(), f"line {number}: forms are written in lowercase"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("erhålla\tfå\nerhålla\tfå\n", "repeats line 1"),
        ("erhålla/Erhålla\tfå\n", "repeats line 1"),
        ("erhålla\n", "expected 2 or 3"),
        ("erhålla/erhöll\tfå/\n", "empty phrase or alternative"),
        ("erhålla\t\n", "expected 2 or 3"),  # a trailing tab is stripped: no alternative at all
        ("erhålla/erhöll\tfå/fick/fått\n", "2 forms but 3 alternatives"),
        ("få\tFå\n", "its own alternative"),
        ("a\tb\tc\td\n", "expected 2 or 3"),
    ],
)
def test_parser_rejects_a_bad_list(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_officialese(text)


def test_parser_reads_forms_alternatives_and_note() -> None:
    (entry,) = parse_officialese("# comment\n\nerhålla/erhöll\tfå/fick\tvanligt i beslut\n")
    assert entry.forms == ("erhålla", "erhöll")
    assert entry.alternative_for("erhöll") == "fick"
    assert entry.note == "vanligt i beslut"


# -- the finding -----------------------------------------------------------------------------


def found(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.suggestion) for f in find_officialese(text, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Du kommer att erhålla ett beslut.", [("erhålla", "få")]),
        ("Du erhåller ett beslut.", [("erhåller", "får")]),
        ("Du erhöll ett beslut.", [("erhöll", "fick")]),
        ("Du har erhållit ett beslut.", [("erhållit", "fått")]),
        ("Vi tillhandahåller blanketter.", [("tillhandahåller", "ger")]),
        ("Angående din ansökan.", [("Angående", "Om")]),
        ("ANGÅENDE DIN ANSÖKAN", [("ANGÅENDE", "OM")]),
        ("Vi ringer i syfte att boka.", [("i syfte att", "för att")]),
        ("Vi ringer i syfte\natt boka.", [("i syfte\natt", "för att")]),  # across a line break
        ("Med anledning av att du flyttar.", [("Med anledning av att", "Eftersom")]),  # longest wins
        ("Med anledning av flytten.", [("Med anledning av", "På grund av")]),
        ("Han har samt. Samt då?", [("samt", "och"), ("Samt", "Och")]),
        ("Avseende din ansökan", [("Avseende", "Om")]),  # the preposition
        ("Vi är eniga i detta avseende.", [("i detta avseende", "på den här punkten")]),  # the noun
    ],
)
def test_officialese_found_with_alternative(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Du får ett beslut om bidraget inom två veckor.",
        "Samtalet och dockan låg i skallen.",  # samt, dock, skall inside other words
        "Erhållandet",  # not a listed form
        "Ett e-tillhandahållande",
    ],
)
def test_no_officialese(text: str) -> None:
    assert found(text) == []


def test_finding_carries_note_and_kind() -> None:
    text = "Vi förelägger dig att riva."
    (finding,) = find_officialese(text, [])
    assert finding == Finding(
        "officialese",
        text.index("förelägger"),
        text.index("förelägger") + len("förelägger"),
        finding.message,
        "kräver",
    )
    assert "förelägger" in finding.message and "kräver" in finding.message
    assert "föreläggande" in finding.message  # the note about the legal term
