"""The person recognizer's parts: its word lists as data, its token classes, the state it passes
between its passes, and the entity-type traits that keep PERSON out of the merge and numbering seam."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backend.redaction.entities import TRAITS, Candidate, TypeTraits, traits
from backend.redaction.placeholders import PlaceholderBook
from backend.redaction.recognizers import person
from backend.redaction.recognizers.person import PersonRecognizer, TokenClass, words
from backend.redaction.spans import merge
from backend.redaction.text import Document

# From the package's __init__, which is never compiled: a module mypyc compiles sees __file__ as the path
# it was compiled from, relative to the checkout.
PACKAGE = Path(person.__file__).parent


def test_every_module_of_the_package_is_small() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")}
    assert len(sizes) >= 8
    assert max(sizes.values()) <= 300, sizes


def test_every_list_section_is_read() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py"))
    unused = [name for name in words.LISTS if f'"{name}"' not in source and f"'{name}'" not in source]
    assert not unused


def test_a_word_before_the_first_section_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "lists.txt"
    bad.write_text("# lists\nhej\n[greetings]\nhallå\n", encoding="utf-8")
    with pytest.raises(ValueError, match="before the first"):
        words.sections(bad)
    bad.write_text("[a]\n# why\nx\ny z\n[b]\nw\n", encoding="utf-8")
    assert words.sections(bad) == {"a": ("x", "y z"), "b": ("w",)}


@pytest.mark.parametrize(("section", "pattern", "cheap"), [
    ("greetings", words.GREETING, words.GREETING_WORDS),
    ("signoffs", words.SIGNOFF, words.SIGNOFF_WORDS),
])
def test_one_list_builds_both_the_set_and_the_pattern(section: str, pattern: re.Pattern[str],
                                                      cheap: frozenset[str]) -> None:
    for phrase in words.LISTS[section]:
        before = f"Text.\n{phrase.capitalize()} "
        assert pattern.search(before), phrase
        # The cheap test made before the pattern runs lets every phrase of the list through.
        assert phrase.split()[-1].strip(".") in cheap, phrase


def test_header_and_role_patterns_come_from_their_lists() -> None:
    for header in words.LISTS["headers"]:
        assert words.HEADER.search(f"\n{header.capitalize()}: "), header
    for role in words.ROLES:
        assert words.ROLE_BEFORE.search(f"min {role} "), role
    for verb in words.LISTS["verbs_after"]:
        assert words.VERB_AFTER.match(f" {verb} här"), verb
    assert not words.VERB_AFTER.match(" ordförande")


def test_token_classes_are_the_letters_the_model_was_trained_on() -> None:
    rec = PersonRecognizer(load_model=False)
    assert {c.value for c in TokenClass} == set("SAUCXPILK")
    assert rec.word_class("Kundtjänst") == TokenClass.SHAPED == "K"  # a compound: ordinary by shape only
    assert rec.word_class("Lindqvist") == TokenClass.STRONG
    assert rec.word_class("SFS") == TokenClass.BLOCKED  # an acronym
    features = rec.featurizer.flags("Kundtjänst")
    assert "cls=K" in features


def test_the_second_pass_reuses_the_first_passes_tokens() -> None:
    rec = PersonRecognizer(load_model=False)
    # "Tsegeredas fall", not "Tsegeredas son": a genitive before a person's own (son, lägenhet) is a name
    # in the first pass already.
    text = "I dag kom Tsegereda Measho. Tolken hjälpte Tsegereda. Tsegeredas fall väntade."
    doc = Document(text)
    scan = rec.scan(doc)
    assert [text[c.start:c.end] for c in scan.candidates] == ["Tsegereda Measho"]
    both = scan.refine(scan.candidates)
    assert [text[c.start:c.end] for c in both] == ["Tsegereda Measho", "Tsegereda", "Tsegeredas"]
    # The same as the stand-alone refine, which classifies again; nothing is left on the document.
    again = rec.refine(doc, list(scan.candidates))
    assert [(c.start, c.end, c.key) for c in again] == [(c.start, c.end, c.key) for c in both]
    assert not hasattr(doc, "cache")


def test_only_person_is_known_by_its_parts() -> None:
    assert traits("PERSON").by_parts
    assert not any(traits(t).by_parts for t in ("PHONE", "EMAIL", "OTHER", "NO_SUCH_TYPE"))
    assert set(TRAITS) <= {"PERSON", "PERSONNUMMER", "PHONE", "EMAIL", "ADDRESS", "BANK", "PLATE", "OTHER"}


def test_numbering_follows_the_trait_not_the_type_name() -> None:
    book = PlaceholderBook()
    # Plain: "Kjell" and "Kjell Ek" are two values.
    assert book.tag_for("OTHER", ("kjell", "ek"), "Kjell Ek") != book.tag_for("OTHER", ("kjell",), "Kjell")
    parts = {"OTHER": TypeTraits(by_parts=True)}
    book = PlaceholderBook(lambda t: parts.get(t, TypeTraits()))
    whole = book.tag_for("OTHER", ("kjell", "ek"), "Kjell Ek")
    assert book.tag_for("OTHER", ("kjell",), "Kjell") == whole == "[OTHER_1]"
    # A person is now plain: its parts no longer join.
    assert book.tag_for("PERSON", ("anna", "ek"), "Anna Ek") != book.tag_for("PERSON", ("anna",), "Anna")


def test_a_widened_span_keeps_its_key_only_for_a_type_known_by_parts() -> None:
    def widened(entity_type: str) -> tuple[str, ...]:
        best = Candidate(0, 8, entity_type, 0.9, ("anna", "ek"))
        other = Candidate(4, 12, "PHONE", 0.5, ())
        (only,) = merge([best, other])
        assert (only.start, only.end, only.type) == (0, 12, entity_type)
        return only.key

    assert widened("PERSON") == ("anna", "ek")
    assert widened("ADDRESS") == ()
