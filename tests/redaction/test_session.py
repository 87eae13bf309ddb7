"""Placeholders, numbering within a request, restoring and keeping values out of reprs and errors."""

from __future__ import annotations

import pytest

from backend.redaction import ENTITY_TYPES, Entity, InvalidText, Redaction, RedactionError, Redactor
from backend.redaction.restore import restore_text

TEXT = (
    "Vårdplanering för Astrid Falk (19391104-2848). Sonen Mats Falk nås på 0346-71 23 90 "
    "eller mats.falk@bredband.net. Astrid bor på Ekbacken 5, lgh 1001, 311 31 Falkenberg."
)


def test_json_shape_and_offsets(redactor: Redactor) -> None:
    result = redactor.redact(TEXT)
    data = result.to_json()
    assert set(data) == {"redacted", "entities"}
    for e in data["entities"]:
        assert set(e) == {"start", "end", "type", "placeholder"}
        assert e["type"] in ENTITY_TYPES
        assert e["placeholder"] == f"[{e['type']}_{e['placeholder'].split('_')[-1]}"
    # Rebuilding the redacted text from the offsets gives the same text.
    pieces, pos = [], 0
    for e in result.entities:
        assert pos <= e.start < e.end
        pieces += [TEXT[pos:e.start], e.placeholder]
        pos = e.end
    assert "".join([*pieces, TEXT[pos:]]) == result.redacted
    for value in ("Astrid", "Falk ", "Falk)", "19391104-2848", "0346-71 23 90", "mats.falk", "Ekbacken"):
        assert value not in result.redacted


def test_numbering_is_per_type_and_shared_across_texts_of_a_request(redactor: Redactor) -> None:
    session = redactor.session()
    first = session.redact("Hej Anna Svensson! Ring 070-123 45 67.")
    second = session.redact("Anna ringde igen från 070-123 45 67. Även Erik Berg ringde.")
    assert [e.placeholder for e in first.entities] == ["[PERSON_1]", "[PHONE_1]"]
    assert [e.placeholder for e in second.entities] == ["[PERSON_1]", "[PHONE_1]", "[PERSON_2]"]
    assert session.placeholders["[PERSON_1]"] == "Anna Svensson"
    assert session.placeholders["[PERSON_2]"] == "Erik Berg"
    assert session.counts() == {"PERSON": 3, "PHONE": 2}
    assert second.counts() == {"PERSON": 2, "PHONE": 1}
    # A fresh session numbers from 1 again and knows nothing of the first.
    other = redactor.session()
    assert "[PERSON_1]" not in other.placeholders
    assert other.redact("Hej Erik Berg!").entities[0].placeholder == "[PERSON_1]"


def test_a_shorter_mention_first_gets_the_fuller_value(redactor: Redactor) -> None:
    session = redactor.session()
    session.redact("Hej Lena!")
    session.redact("Lena Holm har ringt.")
    assert session.placeholders == {"[PERSON_1]": "Lena Holm"}


def test_restore_round_trip(redactor: Redactor) -> None:
    session = redactor.session()
    result = session.redact(TEXT)
    assert session.restore(result.redacted) == TEXT.replace("Astrid bor", "Astrid Falk bor")


def test_restore_near_misses_and_unknown_placeholders() -> None:
    values = {"[PERSON_1]": "Anna", "[PHONE_2]": "070-1"}
    assert restore_text("Hej [PERSON_1]!", values) == "Hej Anna!"
    assert restore_text("Hej [person_1], [ PERSON 1 ] och [[PERSON_1]].", values) == "Hej Anna, Anna och Anna."
    assert restore_text("Ring [PHONE-2] eller [Phone_2]", values) == "Ring 070-1 eller 070-1"
    # Without brackets: restored too; never issued: removed, so no code reaches the reader.
    assert restore_text("Hej [PERSON_9] och PERSON_1 [PERSON_]", values) == "Hej  och Anna [PERSON_]"
    assert restore_text("[[PERSON_1]", values) == "[Anna"
    assert restore_text("[PERSON_1]]", values) == "Anna]"


def test_translated_placeholders_restore_by_their_number_or_go() -> None:
    values = {"[PERSON_1]": "Anna", "[PHONE_2]": "070-1"}
    assert restore_text("Soita [PUHELIN_2], [HENKILÖ_1]!", values) == "Soita 070-1, Anna!"
    assert restore_text("[هاتف_2]", values) == "070-1"  # a script without capitals
    assert restore_text("Hei [HENKILÖ_5].", values) == "Hei ."  # no value has that number: removed
    both = {"[PERSON_1]": "Anna", "[PHONE_1]": "070-1"}
    assert restore_text("Hei [HENKILÖ_1].", both) == "Hei ."  # two have it: never guessed
    # Ordinary bracketed text is no placeholder: not capitals, one letter, or no number.
    assert restore_text("[Bilaga_1] [X_1] [sic] [NOTE]", values) == "[Bilaga_1] [X_1] [sic] [NOTE]"


def test_bracketed_capitals_in_the_input_come_back_as_written(redactor: Redactor) -> None:
    session = redactor.session()
    session.redact("Ring Anna Svensson, 070-123 45 67.")
    mail = session.redact("Se [BILAGA_1] och [PUHELIN_1] i brevet.")
    assert "[BILAGA_1]" not in mail.redacted and "[PUHELIN_1]" not in mail.redacted
    assert session.restore(mail.redacted) == "Se [BILAGA_1] och [PUHELIN_1] i brevet."
    assert mail.counts() == {}


SAMPLES = [
    "Hej [PERSON_1]! Ring [PHONE_2] före [[PERSON_1]] [ person 1 ] [PERSON_9] [x] [[ [PERSON_1",
    "[PERSON_1][PERSON_1]]][[[PHONE_2]]] text [PER SON_1] [PERSON_1",
    "Inga platshållare alls, bara [hakparenteser] och ]] och [[ och å ä ö 😊.",
    "PERSON_1PERSON_1 person_1s xPERSON_1 PERSON_12 PHONE_2] [PERSON_1 PERS PERSONNUMMER_3 ph",
    "Bare: Phone_2, PERSON_9, _PERSON_1_, 1PERSON_1 [PERSON 1]x PERSON_1234567 PERSON_",
    "Translated: [PUHELIN_2] [HENKILÖ_1] [هاتف_2] [Bilaga_1] [ANM_7] [[TELÉFONO_2]] [X_1] [PUHELIN_2",
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_stream_restoring_equals_whole_restoring_at_every_split(sample: str) -> None:
    values = {"[PERSON_1]": "Anna Svensson", "[PHONE_2]": "070-123 45 67"}
    whole = restore_text(sample, values)
    from backend.redaction.restore import StreamRestorer

    for i in range(len(sample) + 1):
        for j in range(i, len(sample) + 1):
            r = StreamRestorer(values)
            out = r.feed(sample[:i]) + r.feed(sample[i:j]) + r.feed(sample[j:]) + r.finish()
            assert out == whole, (i, j)
    # One character at a time, too.
    r = StreamRestorer(values)
    assert "".join(r.feed(ch) for ch in sample) + r.finish() == whole


def test_stream_holds_back_only_a_possible_placeholder(redactor: Redactor) -> None:
    session = redactor.session()
    session.redact("Hej Anna Svensson!")
    r = session.restorer()
    assert r.feed("Hej ") == "Hej "
    assert r.feed("[PERS") == ""
    assert r.feed("ON_1], hur mår du? [") == "Anna Svensson, hur mår du? "
    assert r.feed("sic]") == "[sic]"
    assert r.finish() == ""


@pytest.mark.parametrize(("model_wrote", "reader_sees"), [
    ("Hej PERSON_1!", "Hej Anna Svensson!"),
    ("Hej person_1!", "Hej Anna Svensson!"),
    ("PERSON_1s bok", "Anna Svenssons bok"),
    ("Ring PHONE_1PERSON_1", "Ring 070-123 45 67Anna Svensson"),
    ("Hej [PERSON_7] och PERSON_7!", "Hej  och !"),
    ("Hej [[person 1]]", "Hej Anna Svensson"),
])
def test_mangled_placeholders_never_reach_the_reader(redactor: Redactor, model_wrote: str,
                                                     reader_sees: str) -> None:
    session = redactor.session()
    session.redact("Hej Anna Svensson, ring 070-123 45 67.")
    assert session.restore(model_wrote) == reader_sees
    for i in range(len(model_wrote) + 1):
        r = session.restorer()
        assert r.feed(model_wrote[:i]) + r.feed(model_wrote[i:]) + r.finish() == reader_sees


@pytest.mark.parametrize("literal", ["[PERSONNUMMER_1]", "[personnummer_1]", "PERSONNUMMER_1", "[ PERSONNUMMER 1 ]",
                                     "[[PERSONNUMMER_1]]", "ＰＥＲＳＯＮＮＵＭＭＥＲ_１"])
def test_placeholder_text_in_the_input_never_restores_to_real_data(redactor: Redactor, literal: str) -> None:
    """A citizen writes a placeholder; the draft echoes it; nobody's personnummer comes back."""
    session = redactor.session()
    case = session.redact("Ärendet gäller Astrid Falk, 19391104-2848.")
    mail = session.redact(f"Hej! Jag fick ett brev där det stod {literal} i stället för mitt nummer.")
    assert "2848" not in mail.redacted
    # Whatever the model does with the tags it was shown, the citizen gets their own text back.
    for e in mail.entities:
        draft = f"Du skrev {e.placeholder}, och vi har rättat det. Ditt nummer är {e.placeholder}."
        restored = session.restore(draft)
        assert "2848" not in restored and "Astrid" not in restored
        assert literal in restored
    # The literal was shown to the model under a tag of its own, never as the real number's tag.
    assert all(e.placeholder != case.entities[-1].placeholder for e in mail.entities)
    # The real number still restores through the placeholder it was given.
    real = case.entities[-1].placeholder
    assert session.restore(real) == "19391104-2848"
    # Escaped literals are not counted as personal data, in the session or in the preview's audit.
    assert session.counts() == {"PERSON": 1, "PERSONNUMMER": 1}
    assert mail.entities and mail.counts() == {}


def test_values_stay_out_of_reprs_and_errors(redactor: Redactor) -> None:
    session = redactor.session()
    result = session.redact(TEXT)
    for obj in (session, result.entities[0], session.restorer(), redactor):
        assert "Falk" not in repr(obj) and "2848" not in repr(obj)
    assert isinstance(result, Redaction) and isinstance(result.entities[0], Entity)
    secret = "Astrid Falk 19391104-2848"
    with pytest.raises(InvalidText) as info:
        redactor.redact(secret + "\x00")
    assert "Astrid" not in str(info.value) and "2848" not in str(info.value)
    assert issubclass(InvalidText, RedactionError)


class _Broken:
    """A recognizer that fails with the text in its message, as a buggy one might."""

    entity_type = "PERSON"
    name = "broken"

    def find(self, doc):  # type: ignore[no-untyped-def]
        raise ValueError(f"cannot parse {doc.text}")

    def refine(self, doc, candidates):  # type: ignore[no-untyped-def]
        return candidates


def test_detection_failure_fails_the_request_without_the_text() -> None:
    broken = Redactor()
    broken.registry.add(_Broken())  # type: ignore[arg-type]
    with pytest.raises(RedactionError) as info:
        broken.redact("Astrid Falk 19391104-2848")
    assert "Astrid" not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_masked_span_widens_to_whole_placeholders(redactor: Redactor) -> None:
    text = "Ring oss på 070-123 45 67 eller skriv till Anna Svensson i dag."
    r = redactor.redact(text)
    assert r.redacted == "Ring oss på [PHONE_1] eller skriv till [PERSON_1] i dag."

    def quote(start: int, end: int) -> str | None:
        span = r.masked_span(start, end)
        return None if span is None else r.redacted[span[0]:span[1]]

    assert quote(0, 4) == "Ring"
    assert quote(0, text.index("-")) == "Ring oss på [PHONE_1]"  # cut inside the number
    assert quote(text.index("123"), text.index(" i dag")) == "[PHONE_1] eller skriv till [PERSON_1]"
    assert quote(text.index("123"), text.index("123") + 3) is None  # inside one value
    assert quote(0, len(text)) == r.redacted
    assert quote(0, 0) == ""
