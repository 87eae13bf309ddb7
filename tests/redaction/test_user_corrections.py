"""The user's corrections of the masking (backend/redaction/corrections.py), on the real redactor."""

from __future__ import annotations

import pytest

from backend.redaction import Redactor
from backend.redaction.corrections import (
    MAX_CORRECTIONS,
    Corrections,
    InvalidCorrection,
    MaskSpan,
    UnmaskSpan,
)

TEXT = ("Hej! Vi pratade om kanariefeber i går. Kanariefeber är ovanligt, och kanariefeberns förlopp är kort. "
        "Ring Anna Svensson på 070-123 45 67. Vi ska bo hos Bo i Eken.")


def span(text: str, value: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return start, start + len(value)


def masks(*spans: tuple[int, int, str]) -> Corrections:
    return Corrections(tuple(MaskSpan(s, e, t) for s, e, t in spans))


def test_without_corrections_nothing_changes(redactor: Redactor) -> None:
    assert redactor.redact(TEXT, Corrections()) == redactor.redact(TEXT)
    assert redactor.redact(TEXT, None) == redactor.redact(TEXT)


def test_a_missed_word_is_masked_with_its_type_and_so_is_every_mention(redactor: Redactor) -> None:
    plain = redactor.redact(TEXT)
    assert "kanariefeber" in plain.redacted  # the detector misses it: that is why the user corrects
    start, end = span(TEXT, "kanariefeber")
    session = redactor.session()
    result = session.redact(TEXT, masks((start, end, "OTHER")))
    assert "kanariefeber" not in result.redacted.casefold()
    hits = [e for e in result.entities if TEXT[e.start:e.end].casefold().startswith("kanariefeber")]
    # The selected one, the capitalised one at a sentence start, and the inflected one (its ending stays).
    assert [TEXT[e.start:e.end] for e in hits] == ["kanariefeber", "Kanariefeber", "kanariefeber"]
    assert {e.type for e in hits} == {"OTHER"} and {e.placeholder for e in hits} == {"[OTHER_1]"}
    assert "och [OTHER_1]ns förlopp" in result.redacted
    # Detection still does its part.
    assert "070-123 45 67" not in result.redacted
    assert session.correction_counts() == {"mask": {"OTHER": 1}}
    # One placeholder for the value in every case: it restores to the form the user marked.
    assert session.restore(result.redacted).casefold() == TEXT.casefold()


def test_a_capitalised_value_masks_only_capitalised_mentions(redactor: Redactor) -> None:
    text = "Vi ska bo hos Bo. Bo har en katt. Där bor vi, och Bodil också."
    start, end = span(text, "Bo")
    result = redactor.redact(text, masks((start, end, "PERSON")))
    assert result.redacted.startswith("Vi ska bo hos [PERSON_1]. [PERSON_1] har")
    # A short value masks neither other words that start with it nor its lowercase twin.
    assert "Där bor vi" in result.redacted and "Bodil" not in [text[e.start:e.end] for e in result.entities
                                                                if e.placeholder == "[PERSON_1]"]


def test_a_genitive_mention_is_masked_and_restores_as_written(redactor: Redactor) -> None:
    text = "Vi kontaktade Zorbax AB. Zorbax:s svar kom i dag, och Zorbax' chef ringde."
    start, end = span(text, "Zorbax")
    session = redactor.session()
    result = session.redact(text, masks((start, end, "OTHER")))
    assert "Zorbax" not in result.redacted
    assert result.redacted.startswith("Vi kontaktade [OTHER_1] AB. [OTHER_1]:s svar")
    assert "och [OTHER_1]' chef" in result.redacted
    assert session.restore(result.redacted) == text


def test_a_masked_name_joins_the_detected_person(redactor: Redactor) -> None:
    text = "Möte med Anna Svensson. Annas kollega Kjell kommer också; Kjell tar med kaffe."
    start, end = span(text, "Kjell")
    result = redactor.redact(text, masks((start, end, "PERSON")))
    assert "Kjell" not in result.redacted
    kjell = {e.placeholder for e in result.entities if text[e.start:e.end] == "Kjell"}
    anna = {e.placeholder for e in result.entities if text[e.start:e.end] == "Anna Svensson"}
    assert len(kjell) == 1 and len(anna) == 1 and kjell != anna


def test_the_users_type_wins_over_a_detected_span_it_overlaps(redactor: Redactor) -> None:
    detected = redactor.redact(TEXT)
    phone = next(e for e in detected.entities if e.type == "PHONE")
    result = redactor.redact(TEXT, masks((phone.start, phone.end, "BANK")))
    assert [e.type for e in result.entities if e.start == phone.start] == ["BANK"]


def test_values_masked_in_one_text_are_masked_in_the_requests_later_texts(redactor: Redactor) -> None:
    session = redactor.session()
    first = "Diagnos: kanariefeber."
    start, end = span(first, "kanariefeber")
    session.redact(first, masks((start, end, "OTHER")))
    later = session.redact("Skriv om kanariefeber och dess behandling.")
    assert later.redacted == "Skriv om [OTHER_1] och dess behandling."
    # Counted once: the later text carries no correction of its own.
    assert session.correction_counts() == {"mask": {"OTHER": 1}}


def test_an_unmasked_span_is_sent_as_it_is(redactor: Redactor) -> None:
    detected = redactor.redact(TEXT)
    phone = next(e for e in detected.entities if e.type == "PHONE")
    session = redactor.session()
    result = session.redact(TEXT, Corrections(unmask=(UnmaskSpan(phone.start, phone.end),)))
    assert "070-123 45 67" in result.redacted
    assert len(result.entities) == len(detected.entities) - 1
    assert session.correction_counts() == {"unmask": {"PHONE": 1}}


def test_unmask_reveals_only_spans_it_covers_whole(redactor: Redactor) -> None:
    detected = redactor.redact(TEXT)
    phone = next(e for e in detected.entities if e.type == "PHONE")
    session = redactor.session()
    # Part of the number only: the number stays masked; nothing more is revealed than asked for.
    partial = session.redact(TEXT, Corrections(unmask=(UnmaskSpan(phone.start + 2, phone.end),)))
    assert "070-123 45 67" not in partial.redacted and partial == detected
    # A range over plain text covers no span: nothing changes.
    nothing = session.redact(TEXT, Corrections(unmask=(UnmaskSpan(0, 4),)))
    assert nothing == detected
    # A wide range sends every span inside it.
    everything = redactor.redact(TEXT, Corrections(unmask=(UnmaskSpan(0, len(TEXT)),)))
    assert everything.redacted == TEXT and everything.entities == ()
    assert session.correction_counts() == {}


@pytest.mark.parametrize(("corrections", "message"), [
    (Corrections((MaskSpan(5, 500),)), "outside the text"),
    (Corrections((MaskSpan(-1, 3),)), "outside the text"),
    (Corrections((MaskSpan(7, 7),)), "start must be less than end"),
    (Corrections(unmask=(UnmaskSpan(9, 3),)), "start must be less than end"),
    (Corrections((MaskSpan(3, 4),)), "only white space"),
    (Corrections((MaskSpan(0, 3, "SECRET"),)), "unknown type"),
    (Corrections((MaskSpan(0, 3),), (UnmaskSpan(2, 8),)), "overlaps mask item 0"),
    (Corrections(tuple(MaskSpan(0, 3) for _ in range(MAX_CORRECTIONS + 1))), "At most"),
])
def test_corrections_that_do_not_fit_the_text_are_refused(redactor: Redactor, corrections: Corrections,
                                                          message: str) -> None:
    text = "Hej Kjell, hur mår du?"
    with pytest.raises(InvalidCorrection, match=message) as caught:
        redactor.redact(text, corrections)
    assert "Kjell" not in str(caught.value)  # positions only, never the text


def test_no_value_in_reprs_or_counts(redactor: Redactor) -> None:
    session = redactor.session()
    start, end = span(TEXT, "kanariefeber")
    session.redact(TEXT, masks((start, end, "OTHER")))
    assert "kanariefeber" not in repr(session) + repr(session._corrections) + repr(session.correction_counts())


def test_mention_search_is_linear_on_pathological_text(redactor: Redactor) -> None:
    """A value with a space, against 100,000 characters of that value's words and spaces (no timing here:
    bench/ measures speed; this finishes at all only if the scan does not backtrack)."""
    head = "Kjell  Ek"
    text = head + (" Kjell" + " " * 40) * 2000
    result = redactor.redact(text, masks((0, len(head), "PERSON")))
    assert result.redacted.startswith("[PERSON_1]")


def test_values_learnt_from_a_later_text_are_masked_in_an_earlier_one(redactor: Redactor) -> None:
    session = redactor.session()
    context = "Diagnos: kanariefeber."
    start, end = span(context, "kanariefeber")
    corrections = masks((start, end, "OTHER"))
    session.learn(context, corrections)
    assert session.redact("Svara om kanariefeber.").redacted == "Svara om [OTHER_1]."
    assert session.redact(context, corrections).redacted == "Diagnos: [OTHER_1]."
    assert session.correction_counts() == {"mask": {"OTHER": 1}}  # learning counts nothing
