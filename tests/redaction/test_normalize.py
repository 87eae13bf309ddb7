"""The normalised view the recognizers read, its map back, and identifiers in disguise."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.redaction import Redactor
from backend.redaction.normalize import normalize
from backend.redaction.text import Document

FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


@pytest.mark.parametrize(("raw", "view"), [
    ("850101\u20131236", "850101-1236"),  # en dash
    ("850101\u22121236", "850101-1236"),  # minus sign
    ("85\u200b0101\u00ad-12\u206036", "850101-1236"),  # zero-width space, soft hyphen, word joiner
    ("070\u202f123\u00a045\u300067", "070 123 45 67"),  # narrow no-break, no-break, ideographic space
    ("１９８５０１０１－１２３６", "19850101-1236"),  # fullwidth
    ("٠٧٠-١٢٣", "070-123"),  # Arabic-Indic digits
    ("a\tb\u2028c\rd\r\ne\vf", "a b\nc\nd\r\ne\nf"),  # tab, line separator, lone CR, CRLF, VT
    ("Åsa Öberg", "Åsa Öberg"),  # nothing to do
    ("A\u030asa", "Åsa"),  # decomposed å composes
    ("\ufb01l", "fil"),  # ligature expands
])
def test_view(raw: str, view: str) -> None:
    assert normalize(raw)[0] == view


def test_plain_text_has_no_map() -> None:
    assert normalize("Hej Åsa, ring 070-123 45 67.")[1] is None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(
    "ab Å1-\n\r\t\u00ad\u200b\u2013\u2212\u00a0\u202f\u0301\u030a１٣\ufb01\u2028\u2060\ufeffé")), max_size=40))
def test_every_view_span_maps_to_whole_original_characters(raw: str) -> None:
    doc = Document.normalized(raw)
    view = doc.text
    for start in range(len(view)):
        for end in range(start + 1, len(view) + 1):
            a, b = doc.original_span(start, end)
            assert 0 <= a < b <= len(raw)
            # Never splits a character from its combining marks.
            assert b == len(raw) or unicodedata.combining(raw[b]) == 0
            # The original span, normalised, holds the view's span (a CR alone reads as a line break).
            assert view[start:end].replace("\r", "\n") in normalize(raw[a:b])[0].replace("\r", "\n")
    # Spans that do not overlap in the view do not overlap in the original, except inside one
    # original character that expanded (a ligature), which the session merges.
    for i in range(len(view) - 1):
        assert doc.original_span(i, i + 1)[1] <= doc.original_span(i + 1, i + 2)[1]


PNR = "850101-1236"  # a valid check digit
PNR12 = "19850101-1236"

DISGUISED = [
    ("en dash", PNR.replace("-", "\u2013")),
    ("minus sign", PNR.replace("-", "\u2212")),
    ("em dash", PNR.replace("-", "\u2014")),
    ("figure dash", PNR.replace("-", "\u2012")),
    ("non-breaking hyphen", PNR.replace("-", "\u2011")),
    ("horizontal bar", PNR.replace("-", "\u2015")),
    ("fullwidth hyphen", PNR.replace("-", "\uff0d")),
    ("zero-width space", "8501\u200b01-1236"),
    ("soft hyphen", "850101\u00ad1236"),
    ("word joiner", "850\u2060101-12\u206036"),
    ("zero-width joiner", "85010\u200d1-1236"),
    ("BOM", "\ufeff850101-1236"),
    ("spaced digits", "8 5 0 1 0 1 - 1 2 3 6"),
    ("spaced digits without hyphen", "8 5 0 1 0 1 1 2 3 6"),
    ("no-break space", "850101\u00a01236"),
    ("no-break space and hyphen", "850101\u00a0-\u00a01236"),
    ("line break", "850101-\n1236"),
    ("line break without hyphen", "850101\n1236"),
    ("CRLF in the middle", "8501\r\n01-1236"),
    ("fullwidth 12 digits", PNR12.translate(FULLWIDTH)),
    ("fullwidth 10 digits", PNR.translate(FULLWIDTH)),
    ("Arabic-Indic digits", PNR.translate(ARABIC_INDIC)),
    ("Persian digits", PNR.translate(PERSIAN)),
    ("Devanagari digits", PNR.translate(DEVANAGARI)),
    ("ideographic space", "850101\u30001236"),
    ("tab", "850101\t1236"),
    ("combining mark on a digit", "8501\u030301-1236"),
    ("mathematical digits", "𝟖𝟓𝟎𝟏𝟎𝟏-𝟏𝟐𝟑𝟔"),
    ("superscript digits", "⁸⁵⁰¹⁰¹-¹²³⁶"),
    ("date in pairs", "85 01 01-1236"),
    ("12 digits in groups with an en dash", "1985 01 01 \u2013 1236"),
    ("no-break spaces between pairs", "85\u00a001\u00a001-1236"),
    # Invisible characters that are not format characters (Default_Ignorable_Code_Point).
    ("combining grapheme joiner", "8501\u034f01-12\u034f36"),
    ("variation selectors", "850101\ufe0f-12\ufe0e36"),
    ("Mongolian free variation selector", "8501\u180b01-1236"),
    ("Hangul filler", "850101\u3164-1236"),
    ("Khmer inherent vowel", "85\u17b40101-1236"),
    # Dash-like signs that Unicode files elsewhere, and dashes of other scripts.
    ("swung dash", PNR.replace("-", "\u2053")),
    ("hyphen bullet", PNR.replace("-", "\u2043")),
    ("small hyphen-minus", PNR.replace("-", "\ufe63")),
    ("Hebrew maqaf", PNR.replace("-", "\u05be")),
    ("Armenian hyphen", PNR.replace("-", "\u058a")),
    ("double oblique hyphen", PNR.replace("-", "\u2e17")),
    # The date written as a date.
    ("date with full stops", "85.01.01-1236"),
    ("date with slashes", "85/01/01-1236"),
    ("date with hyphens", "85-01-01-1236"),
    ("12 digits in groups", "1985 01 01 1236"),
    ("12 digits, date with full stops", "1985.01.01.1236"),
]


@pytest.mark.parametrize(("form", "value"), DISGUISED, ids=[f for f, _ in DISGUISED])
def test_disguised_personnummer_is_masked(redactor: Redactor, form: str, value: str) -> None:
    text = f"Klienten, född {value}, har sökt bistånd."
    result = redactor.redact(text)
    pnr = [e for e in result.entities if e.type == "PERSONNUMMER"]
    assert len(pnr) == 1, form
    e = pnr[0]
    # The span covers the whole disguised value, invisible characters included, and no more.
    assert text[e.start:e.end].strip("\ufeff") == value.strip("\ufeff"), form
    assert result.redacted == text[:e.start] + e.placeholder + text[e.end:]
    digits = "".join(ch for ch in result.redacted if ch.isdigit())
    assert digits == "1", form  # only the placeholder's number is left
    session = redactor.session()
    assert session.restore(session.redact(text).redacted) == text


OTHER = [
    ("fullwidth phone", "PHONE", "０７０－１２３ ４５ ６７"),
    ("zero-width-split phone", "PHONE", "070\u200b-123\u200b45\u200b67"),
    ("narrow no-break spaces in a phone", "PHONE", "070\u202f123\u202f45\u202f67"),
    ("en dash in a phone", "PHONE", "070\u2013123 45 67"),
    ("no-break spaces in an international phone", "PHONE", "+46\u00a070\u00a0123\u00a045\u00a067"),
    ("Arabic-Indic phone", "PHONE", "٠٧٠-١٢٣ ٤٥ ٦٧"),
    ("fullwidth e-mail", "EMAIL", "ａｎｎａ．ｓｖｅｎｓｓｏｎ＠ｅｘｅｍｐｅｌ．ｓｅ"),
    ("zero-width-split e-mail", "EMAIL", "anna.sv\u200bensson@\u200bexempel.se"),
    ("soft hyphen in an e-mail", "EMAIL", "anna.svens\u00adson@exempel\u00ad.se"),
    ("lowercase IBAN", "BANK", "se45 5000 0000 0583 9825 7466"),
    ("IBAN with no-break spaces", "BANK", "SE45\u00a05000\u00a00000\u00a00583\u00a09825\u00a07466"),
    ("IBAN across a line break", "BANK", "SE45 5000 0000\n0583 9825 7466"),
    ("fullwidth IBAN", "BANK", "".join(chr(ord(c) + 0xFEE0) for c in "SE4550000000058398257466")),
    ("variation selectors in a phone", "PHONE", "070\ufe0e-123\ufe0e45\ufe0e67"),
    ("combining grapheme joiner in an e-mail", "EMAIL", "anna.sv\u034fensson@exempel.se"),
    ("Hangul filler in a phone", "PHONE", "070-123\u316445 67"),
    ("IBAN with hyphens", "BANK", "SE45-5000-0000-0583-9825-7466"),
    ("e-mail with spaces around the @", "EMAIL", "anna.svensson @ exempel.se"),
    ("e-mail with a space after the @", "EMAIL", "anna.svensson@ exempel.se"),
    ("e-mail with (a)", "EMAIL", "anna.svensson(a)exempel.se"),
    ("e-mail with [@]", "EMAIL", "anna.svensson[@]exempel.se"),
    ("e-mail with (@) and [dot]", "EMAIL", "anna(@)exempel[dot]se"),
]


@pytest.mark.parametrize(("form", "kind", "value"), OTHER, ids=[f for f, _, _ in OTHER])
def test_disguised_contact_details_are_masked(redactor: Redactor, form: str, kind: str, value: str) -> None:
    text = f"Du når mig på {value} under dagen."
    result = redactor.redact(text)
    hits = [e for e in result.entities if e.type == kind]
    assert len(hits) == 1, form
    assert text[hits[0].start:hits[0].end] == value, form
    session = redactor.session()
    assert session.restore(session.redact(text).redacted) == text


@pytest.mark.parametrize("text", [
    "Mötet flyttas till 08.00\u201310.00 i rum 3.",
    "Beslut 2024\u201304\u201322, dnr 2024/0991, \u00a7 45.",
    "Organisationsnummer 556912\u20133487.",
    "Beloppet \u2212 1 200 kr betalas 2024\u201305\u201331.",
    "Sidorna 12\u201318 i SFS 2001:453.",
    "Perioden 20240101\u201320240331.",
    "Ärende 850101\u00a01234 registrerades.",  # a bad check digit with only a space: two numbers
    "1 2 3 4 5 6 7 8 9 0 räknade barnen.",
    # Dates with a number after them, where the check digit disagrees.
    "Sammanträdet 2024-05-13-1530 protokollfördes.",
    "Version 24.05.13-1200 gäller.",
    "Lista 85.01.01-1234 bifogas.",
])
def test_folding_does_not_make_identifiers_of_ordinary_text(redactor: Redactor, text: str) -> None:
    assert not redactor.redact(text).entities


def test_names_are_found_through_invisible_characters(redactor: Redactor) -> None:
    text = "Hej An\u00adna Svens\u200bson!\nRing mig.\nMvh\nJ\u00f6rgen"
    result = redactor.redact(text)
    covered = {text[e.start:e.end] for e in result.entities}
    assert "An\u00adna Svens\u200bson" in covered
    session = redactor.session()
    assert session.restore(session.redact(text).redacted) == text


def test_restoring_gives_back_the_original_spelling(redactor: Redactor) -> None:
    """The value restored is what the user wrote, not its normal form."""
    text = "Ring ０７０－１２３ ４５ ６７ eller 070\u2013123 45 67."
    session = redactor.session()
    result = session.redact(text)
    assert [e.placeholder for e in result.entities] == ["[PHONE_1]", "[PHONE_1]"]  # one number, one tag
    assert session.restore(result.redacted).startswith("Ring ０７０")


@pytest.mark.parametrize(("text", "value"), [
    ("Ring mig på 0 7 0 1 2 3 4 5 6 7 i eftermiddag.", "0 7 0 1 2 3 4 5 6 7"),
    ("Ring mig på 070-123 45\n67 i eftermiddag.", "070-123 45\n67"),
    ("Nummer: 070 123\n45 67", "070 123\n45 67"),
    ("tel 0 3 1 1 2 3 4 5 6 7", "0 3 1 1 2 3 4 5 6 7"),
])
def test_spelled_out_and_broken_phone_numbers(redactor: Redactor, text: str, value: str) -> None:
    result = redactor.redact(text)
    assert [(text[e.start:e.end], e.type) for e in result.entities] == [(value, "PHONE")]


@pytest.mark.parametrize("text", [
    "Kön har nummer 0 1 2 3 4 5 6 7 8 9.",  # counting, not calling
    "Ring 070-123 45 67\n12 deltagare kommer.",  # the next line's number is not part of it
    "Mötet börjar 08.00 och\n045 deltagare kommer.",
])
def test_digits_across_lines_that_are_no_phone(redactor: Redactor, text: str) -> None:
    spans = [text[e.start:e.end] for e in redactor.redact(text).entities]
    assert all("\n" not in s and not s.startswith("0 1") for s in spans), spans


@pytest.mark.parametrize("value", ["ABC-123", "abc\u2013123", "ＡＢＣ １２３", "zru\u00a0903"])
def test_plates_in_other_dress_after_reg_nr(redactor: Redactor, value: str) -> None:
    text = f"Bilen med reg nr {value} stod kvar."
    result = redactor.redact(text)
    assert [(text[e.start:e.end], e.type) for e in result.entities] == [(value, "PLATE")]
