"""The identifier patterns rewritten for speed match exactly what their plain forms match.

The plain forms (below, as they were written first) open with a lookbehind, which makes the regex
engine try every position of the text; the shipped forms open with a character and check the one
before it right after, or are tried only where a cheap pattern says a match can start. Both must give
the same matches, groups included, on the test corpora and on random text built from the characters
that matter to them (digits, separators, letters that ignore-case matching folds: the Kelvin sign,
dotless i, long s).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from pattern_checks import fuzz, same_matches, spans_and_groups

from backend.redaction.recognizers import address, bank, personnummer, phone, plate
from backend.redaction.text import _UPPER, CAP_WORD_RE, LETTER, MARK

HERE = Path(__file__).resolve().parent
_SEP = r"(?:[ \u00a0]?[-/\u2010\u2011][ \u00a0]?|[ \u00a0])"
_UP = r"[A-ZÅÄÖÉÜ]"

PLAIN: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "phone national": (phone._NATIONAL, re.compile(
        rf"(?<![\w+\-/.,:])(?:\(0\d{{1,3}}\)|0\d{{1,3}})(?:{_SEP}?\d){{5,9}}(?![\w]|[.,:]\d|-\d)")),
    "phone international": (phone._INTERNATIONAL, re.compile(
        rf"(?<![\w+\-/.,:])(?:\+|00)[1-9]\d{{0,2}}{_SEP}?(?:\(0\){_SEP}?)?(?:{_SEP}?\(?\d\)?){{6,13}}"
        r"(?![\w]|[.,:]\d|-\d)")),
    "iban": (bank._IBAN, re.compile(
        r"(?<![\w\-])([A-Za-z]{2}\d\d(?:(?: |-|\r?\n)?[A-Za-z0-9]{4}){2,7}(?:(?: |-|\r?\n)?[A-Za-z0-9]{1,3})?)"
        r"(?![\w\-])")),
    "bankgiro": (bank._BANKGIRO, re.compile(r"(?<![\w\-])(\d{3,4}-\d{4})(?![\w\-]|[.,]\d)")),
    "plusgiro": (bank._PLUSGIRO, re.compile(r"(?<![\w\-])(\d(?: ?\d){1,7} ?- ?\d)(?![\w\-]|[.,]\d)")),
    "account": (bank._ACCOUNT, re.compile(
        r"(?<![\w\-+])([1-9]\d{3}(?:-\d)?)(?:[ \u00a0]?[-,][ \u00a0]?|[ \u00a0])"
        r"((?:\d[ \u00a0-]?){6,11}\d)(?![\w\-]|[.,]\d)")),
    "account field": (bank._FIELD, re.compile(
        r"(?P<word>clearing(?:nummer|nr)?|clnr|konto(?:nummer|nr)?|kto|account(?: number)?)"
        r"(?:\.? ?nr\.?)?\W{0,4}(?:(?:är|nummer)\W{1,3})?"
        r"(?P<number>\d(?:[ -]?\d){3,15})(?![\w\-]|[.,]\d)", re.I)),
    "plate": (plate._PLATE, re.compile(
        r"(?<![\w.\-/])([A-HJ-PR-UW-Z]{3})[ \u00a0]?(\d\d[\dA-HJ-NPR-UW-Z])(?![\w\-/]|[.,]\d)")),
    "apartment or c/o": (address._LONE, re.compile(
        rf"(?<![\w])(?:(?:lgh|lägenhet|lägenhetsnummer)\.?[ \u00a0]*(?:nr\.?[ \u00a0]*)?\d{{4}}(?!\d)"
        rf"|c/o[ \u00a0]+{_UP}[\w\-]*(?:[ \u00a0]+{_UP}[\w\-]*){{0,2}})", re.I)),
    "VAT number": (personnummer._VAT, re.compile(r"(?<![\w\-])SE ?(\d{6}-?\d{4}) ?01(?![\w\-]|[.,]\d)", re.I)),
    "number after spaces": (address._NUMBER_AHEAD, re.compile(r"(?<![ \u00a0])[ \u00a0]++\d")),
    "capitalised word": (CAP_WORD_RE, re.compile(
        rf"(?<![\w\u0300-\u036f])[{_UPPER}](?:{LETTER}|{MARK})*(?:['’\-]{LETTER}(?:{LETTER}|{MARK})*)*")),
}

PIECES = (
    "0", "00", "07", "070", "1", "19", "20", "46", "5", "8", "9", "123", "4567", "850101", "8501011236",
    " ", "  ", "\u00a0", "-", "+", "/", ".", ",", ":", "(", ")", "\n", "\r\n", "_", "'",
    "a", "A", "se", "SE", "ab", "ABC", "abc", "IO", "K", "k", "\u212a", "ı", "İ", "ſ", "å", "Ä", "é", "\u0301",
    "clearing", "CLEARING", "clnr", "konto", "Kontonummer", "kto", "\u212ato", "account", "account number",
    "nr", "är", "nummer", "lgh", "LGH", "lägenhet", "c/o", "C/O", "Svensson", "Nils", "Anna", "bg", "pg",
    "Kvarngatan", "Tel", "Ring", "iban", "Tf", "Dnr",
)
# Whole values and near misses, for the patterns that need many digits in a row.
VALUES = (
    "5050-1055", "123-4567", "48 81 98-5", "4 78 80 51-2", "8327", "8327-9", "83279", "913 456 782-3",
    "1234 567 890", "1234-5678901", "+46", "+46 70 123 45 67", "+46(0)70-123 45 67", "0046 73 550 12 08",
    "+4670123456", "+1 (555) 123-4567", "08-123 456 78", "(08) 123 45 67", "070-123 45 67", "0701234567",
    "ABC 123", "ABC123", "XYZ 12A", "ABC\u00a0123", "MLB 45", "SE45 5000 0000 0583 9825 7466", "se45",
    "GB82 WEST 1234 5698 7654 32", "19850101-1236", "850101+1236", "8501011236", "12345678901234",
    "SE556677889901", "se 556677-8899 01", "\u017fE5566778899 01", "SE8501011236 01",
    "SE45-5000-0000-0583-9825-7466", "85.01.01-1236", "85/01/01-1236", "85-01-01-1236", "1985 01 01 1236",
)



def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*.txt"))]
    rng = random.Random(11)
    texts += fuzz(rng, PIECES, 3000)
    texts += fuzz(rng, VALUES + PIECES[:40], 3000)
    return texts


TEXTS = _texts()



@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_form_matches_the_plain_form(name: str) -> None:
    fast, plain = PLAIN[name]
    for text in TEXTS:
        assert spans_and_groups(fast.finditer(text)) == spans_and_groups(plain.finditer(text)), (name, text[:200])


def test_end_patterns_tried_near_the_end_match_as_from_the_start() -> None:
    # The person rules search the 80 characters before a capitalised word for a role, greeting,
    # introduction, sign-off or "bokad av" that ends right there.
    from backend.redaction.recognizers.person import words

    corpus = [p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*.txt"))]
    phrases = [*words.ROLES, *words.LISTS["greetings"], *words.LISTS["signoffs"], *words.LISTS["introductions"],
               *(f"{p} {by}" for p in words.LISTS["by"] for by in ("av", "AV", "by"))]
    rng = random.Random(5)
    windows = [text[max(0, m.start() - 80):m.start()] for text in corpus for m in CAP_WORD_RE.finditer(text)]
    tails = ("", " ", ":", " : ", "\t", "!", ", ", ".", "\n", "\r\n", " \n  \n", ":\n")
    windows += [rng.choice(("", "x", "Hej och ", "text. ", "a-")) + rng.choice(phrases) + rng.choice(tails)
                for _ in range(3000)]
    hits = 0
    for pattern in (words.ROLE_BEFORE, words.GREETING, words.INTRODUCTION, words.SIGNOFF, words.BY):
        for before in windows:
            fast, plain = pattern.search(before), pattern.rx.search(before)
            assert (fast and fast.span()) == (plain and plain.span()), (pattern, before)
            hits += plain is not None
    assert hits > 500


def test_chat_like_is_the_plain_pattern() -> None:
    from backend.redaction.recognizers.person.classify import CHAT_LIKE, chat_like

    rng = random.Random(6)
    pieces = ("a", "A", "å", "Ö", ".", "!", "?", " ", "  ", "\t", "\n", "\r\n", "x", "1", "-", "é")
    texts = TEXTS + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    assert sum(chat_like(t) for t in texts) > 1000
    for text in texts:
        assert chat_like(text) == bool(CHAT_LIKE.search(text)), text[:200]


def test_apartment_and_c_o_scan_runs_wherever_it_can_match() -> None:
    from backend.redaction.text import Document

    seen = 0
    for text in [*TEXTS, "LGH 1102", "Lägenhet nr 1203", "LÄGENHETSNUMMER 1001", "C/O Svensson", "c/O Ek"]:
        if address._LONE.search(text):
            lower = Document(text).lower
            assert "lgh" in lower or "lägenhet" in lower or "c/o" in lower, text[:200]
            seen += 1
    assert seen > 10


def test_latin1_byte_checks_agree_with_the_patterns() -> None:
    from backend.redaction import normalize
    from backend.redaction import text as text_module

    rng = random.Random(9)
    # Every Latin-1 character alone and in mixed texts, and texts beyond Latin-1 (which take the scans).
    singles = [chr(c) for c in range(256)]
    pool = (*singles, "\u2013", "\u00a0", "\u200b", "\uff11", "Anna", " ", "\n")
    texts = [*singles, *TEXTS, *["".join(rng.choice(pool) for _ in range(rng.randint(1, 20))) for _ in range(6000)]]
    for t in texts:
        doc = text_module.Document(t)
        assert doc.has_digit == (text_module._DIGIT.search(t) is not None), repr(t)
        raw = text_module.latin1(t)
        if raw is not None:
            assert bool(raw.translate(None, text_module._NOT_DISALLOWED)) == bool(text_module._DISALLOWED.search(t))
            assert bool(raw.translate(None, normalize._PLAIN_BYTES)) == bool(normalize._SPECIAL_RUN.search(t))
        view, offsets = normalize.normalize(t)
        assert (offsets is None) == (view == t), repr(t)


def test_person_marks_open_with_a_character_and_match_their_plain_forms() -> None:
    from backend.redaction.recognizers.person import marks

    cap = r"[A-ZÅÄÖ][^\W\d_]++(?:-[A-ZÅÄÖ][^\W\d_]++)?"
    plain = {
        "slash": (marks._SLASH_LOWER, re.compile(r"(?:^|(?<=\s))/[ \t]?([a-zåäö]{2,3})(?=[ \t]*(?:\r?\n|$))")),
        "initials": (marks._INITIALS, re.compile(r"(?<![\w-])([A-ZÅÄÖ]{2,3})(?![\w-])")),
        "bracket id": (marks._BRACKET_ID, re.compile(
            rf"(?<![\w-])({cap}(?:[ \t]{cap})?)[ \t]*+\([ \t]*+(?:[\w.+-]++@|(?:19|20)?\d{{6}}[-+]?\d{{4}}\))")),
        "bracket name": (marks._BRACKET_NAME, re.compile(rf"(?<![\w-])({cap})[ \t]*+\(({cap})\)(?=[ \t]++[a-zåäö])")),
    }
    rng = random.Random(12)
    pieces = ("/", " ", "\t", "\n", "\r\n", "ms", "jn", "och", "AK", "ABC", "ABCD", "Å", "-", "x", "Anna", "Ek",
              "Svensson-Berg", "(", ")", "anna@x.se", "850101-1236", "19850101-1236", "hade", " feber", "é", "_")
    texts = [*TEXTS, *fuzz(rng, pieces, 6000)]
    assert same_matches(plain, texts) > 1000
