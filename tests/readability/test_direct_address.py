"""Direct address: "du"/"ni" and their forms as whole words; the whole-text finding has span 0..0."""

from __future__ import annotations

import pytest

from backend.readability.findings.direct_address import addresses_reader, find_no_direct_address
from backend.readability.splitting import split_sentences

IMPERSONAL = (
    "Ansökan ska lämnas in senast den sista mars. Handläggningen tar normalt fyra veckor. "
    "Beslutet skickas med post till den sökande."
)  # 21 words


@pytest.mark.parametrize("word", ["du", "dig", "din", "ditt", "dina", "ni", "er", "ert", "era"])
def test_each_form_addresses_the_reader(word: str) -> None:
    assert addresses_reader(f"Vi skickar beslutet till {word} i morgon.")
    assert addresses_reader(f"{word.capitalize()} får beslutet i morgon.")
    assert addresses_reader(f"{word.upper()} FÅR BESLUTET.")


@pytest.mark.parametrize(
    "text",
    ["Nina och Dina-Lena", "dinosaurie och operan", "Erik och Dugge", "Dubai", "nio teriers"],
)
def test_words_that_only_contain_the_forms(text: str) -> None:
    assert not addresses_reader(text)


def test_no_direct_address_finding() -> None:
    findings = find_no_direct_address(IMPERSONAL, split_sentences(IMPERSONAL))
    assert [(f.kind, f.start, f.end, f.suggestion) for f in findings] == [("no_direct_address", 0, 0, None)]


def test_addressed_text_has_no_finding() -> None:
    text = IMPERSONAL.replace("den sökande", "dig")
    assert find_no_direct_address(text, split_sentences(text)) == []


def test_short_text_has_no_finding() -> None:
    text = "Mötet är flyttat till torsdag."
    assert find_no_direct_address(text, split_sentences(text)) == []
