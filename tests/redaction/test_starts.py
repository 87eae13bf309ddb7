"""The identifier patterns tried only where they can start find what their whole-text scans find.

recognizers/starts.py: the runs of digits are found once per document and each pattern is matched
only at the places beside a run (or, for the e-mail and account words, beside a sign or a word found
with str.find) where it can start. Each place-finder is held here to the whole-text scan it stands
for, matches and groups, on the test corpora, the generated corpora (as sent and as normalised), on
random text built from the characters and values that matter to the patterns, and on long runs of
what could start a match.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pattern_checks import fuzz, spans_and_groups

from backend.redaction import Redactor
from backend.redaction.recognizers import address, bank, email, personnummer, phone, plate
from backend.redaction.recognizers.starts import any_match_after_run, match_at, match_in_order, run_starts
from backend.redaction.text import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]", re.S)
Runs = list[tuple[int, int]]

PIECES = (
    "0", "00", "07", "070", "1", "12", "19", "20", "46", "5", "8", "9", "123", "1234", "4567", "850101", "8501011236",
    "2026", "01", " ", "  ", "\u00a0", "-", "+", "/", ".", ",", ":", "(", ")", "[", "]", "{", "}", "@", "\n", "\r\n",
    "\t", "_", "'", "?", "a", "A", "e", "E", "se", "SE", "ab", "ABC", "abc", "XYZ", "IO", "K", "k", "\u212a", "ı",
    "İ", "ſ", "å", "Ä", "é", "\u0301", "\u0663", "\uff11", "ż", "clearing", "CLEAR", "clearıng", "clnr",
    "konto", "Kontonummer", "kto", "\u212ato", "account", "nr", "är", "nummer", "bank", "giro", "bg", "pg",
    "at", "AT", " at ", "snabel-a", "ſnabel-a", "(at)", "[a]", "dot", "ul.", "al.", "aleja", "os.", "plac",
    "Kvarngatan", "Storgatan", "reg nr", "volvo", "Tel", "iban",
)
VALUES = (
    "5050-1055", "123-4567", "48 81 98-5", "4 78 80 51-2", "1 2 3 4 5 6 7 8 - 9", "1 2 3 4 5 6 7 8-9",
    "12345678 - 9", "8327-9", "913 456 782-3", "1234 567 890",
    "+46 70 123 45 67", "+46(0)70-123 45 67", "0046 73 550 12 08", "+4670123456", "08-123 456 78",
    "(08) 123 45 67", "070-123 45 67", "0701234567", "0 7 0 1 2 3 4 5 6 7", "070-123 45\n67", "ABC 123",
    "ABC123", "XYZ 12A", "ABC\u00a0123", "abc-123", "SE45 5000 0000 0583 9825 7466", "se45",
    "19850101-1236", "850101+1236", "8501011236", "8 5 0 1 0 1 - 1 2 3 6", "8501\n01-1236", "85 01 01-1236",
    "SE556677889901", "se 556677-8899 01", "SE8501011236 01", "85.01.01-1236", "85/01/01-1236",
    "1985 01 01 1236", "2026-12-03", "14.30", "konto 1234567", "clearingnr 8327-9", "kontonummer 913 456 782-3",
    "Storgatan 12", "ul. Marszałkowska 84", "anna (at) kommun.se", "anna at kommun dot se", "anna @ x.se",
)
# Long runs of what could start a match, and near misses at their end.
DENSE = ("1 " * 3000 + "8501011236", "850101-1236 " * 800, "0" * 3000 + " 8501011236", "SE45 " * 2000,
         "ab12" * 2000, "+1" * 2000, "(0" * 2000, "abc 123 " * 1000, "ABC 12 " * 1000, "konto 1 " * 1000,
         "@ " * 2000, "(at) " * 1000, " at " * 1000, "12\n34-\n" * 1000, "1\n" * 3000, "pg 1" * 1000,
         " " * 5000 + "1", "00" * 3000, "85.01." * 1000, "clear" * 1000 + " 1234")



def _texts() -> list[str]:
    from holdout_corpus import generate as holdout
    from identifier_corpus import generate as identifiers
    from redaction_corpus import generate as office

    texts = [MARK.sub(lambda m: m.group(2), t) for p in sorted(HERE.glob("*.txt"))
             for t in p.read_text(encoding="utf-8").split("\n\n")]
    texts += [MARK.sub(lambda m: m.group(2), t) for _i, t in holdout(300, seed=4)]
    texts += [d.text for d in office(200, seed=5)] + [d.text for d in identifiers(300, seed=6)]
    texts += [Document.normalized(t).text for t in texts]
    rng = random.Random(13)
    texts += fuzz(rng, PIECES, 4000, 40) + fuzz(rng, VALUES + PIECES, 4000, 40)
    return texts + list(DENSE)


TEXTS = _texts()
DOCS = [Document(t) for t in TEXTS]



def test_digit_runs_are_the_digit_scan() -> None:
    rng = random.Random(3)
    # Digits of other scripts, and "?" beside characters beyond Latin-1 (which encode as "?").
    pool = ("1", "23", "?", "ż", "\u0663", "\u06f4", "\uff11", "\U0001d7d9", "a", " ", "\u2013", "é")
    texts = [*TEXTS, *fuzz(rng, pool, 3000, 40), "", "?", "ż?1"]
    for text in texts:
        assert Document(text).digit_runs == [m.span() for m in re.finditer(r"\d+", text)], repr(text[:200])


def test_a_digit_is_what_isdecimal_says() -> None:
    # _find_digit_runs asks isdecimal() of the characters beyond Latin-1; the patterns use \d.
    digit = re.compile(r"\d")
    assert all(bool(digit.match(chr(c))) == chr(c).isdecimal() for c in range(0x110000))


STARTS: dict[str, tuple[re.Pattern[str], Callable[[str, Runs], list[int]]]] = {
    "personnummer": (personnummer._PNR, lambda text, runs: run_starts(runs, 6)),
    "personnummer spelled out": (personnummer._LOOSE, lambda text, runs: run_starts(runs)),
    "personnummer date apart": (personnummer._DATE_APART, personnummer.date_apart_starts),
    "VAT number": (personnummer._VAT, personnummer.vat_starts),
    "phone international": (phone._INTERNATIONAL, phone.international_starts),
    "phone national": (phone._NATIONAL, phone.national_starts),
    "phone spelled out": (phone._LOOSE, phone.loose_starts),
    "IBAN": (bank._IBAN, bank.iban_starts),
    "bankgiro": (bank._BANKGIRO, bank.bankgiro_starts),
    "plusgiro": (bank._PLUSGIRO, bank.plusgiro_starts),
    "account": (bank._ACCOUNT, bank.account_starts),
    "plate": (plate._PLATE, plate.plate_starts),
}


@pytest.mark.parametrize("name", sorted(STARTS))
def test_tried_where_it_can_start_finds_what_the_scan_finds(name: str) -> None:
    rx, starts_of = STARTS[name]
    hits = 0
    for doc in DOCS:
        starts = starts_of(doc.text, doc.digit_runs)
        assert starts == sorted(starts), (name, doc.text[:200])
        expected = spans_and_groups(rx.finditer(doc.text))
        assert spans_and_groups(match_in_order(rx, doc.text, starts)) == expected, (name, doc.text[:200])
        assert spans_and_groups(match_at(rx, doc.text, starts)) == expected, (name, doc.text[:200])
        hits += len(expected)
    assert hits > 50, name


@pytest.mark.parametrize("hint", [personnummer._LOOSE_HINT, phone._LOOSE_HINT])
def test_hints_are_found_after_runs(hint: re.Pattern[str]) -> None:
    rng = random.Random(7)
    # Digits around every mix of the separators the hints allow before a line break.
    near = ["".join(rng.choice(("1", "12", " ", "-", "/", "+", "\r", "\n", "x")) for _ in range(rng.randint(2, 12)))
            for _ in range(20_000)]
    before = itertools.product(("", " "), ("", "-", "/"), ("", " "), ("", "\r"))
    near += ["1" + "".join(parts) + "\n" + "".join(after) + "2" for parts in before
             for after in itertools.product(("", " "), ("", "-"), ("", " "))]
    hits = 0
    for text in [*TEXTS, *near]:
        found = hint.search(text) is not None
        assert any_match_after_run(hint, text, Document(text).digit_runs) == found, text[:200]
        hits += found
    assert hits > 1000


def test_numbers_after_spaces_are_the_scan() -> None:
    for doc in DOCS:
        expected = [m.span() for m in address._NUMBER_AHEAD.finditer(doc.text)]
        assert address.number_ahead(doc.text, doc.digit_runs) == expected, doc.text[:200]


def test_plate_digits_left_out_are_no_plates() -> None:
    kept = 0
    for doc in DOCS:
        text = doc.text
        chosen = {m.span(): m.groups() for m in plate.plate_digit_matches(text, doc.digit_runs)}
        for d in plate._PLATE_DIGITS.finditer(text):
            if d.span() in chosen:
                assert chosen.pop(d.span()) == d.groups()
                kept += 1
            else:
                assert plate._plate_ending_at(text, d.start(), d.end()) is None, text[:200]
        assert not chosen, text[:200]  # none that finditer does not find
    assert kept > 100


def test_polish_street_words_match_their_plain_form() -> None:
    plain = re.compile(r"(?<![\w])(?:ul\.|ulica|al\.|aleja|os\.|osiedle|pl\.|plac)[ \u00a0]")
    hits = 0
    for doc in DOCS:
        text = doc.text
        fast = spans_and_groups(address._POLISH_BEFORE.finditer(text))
        assert fast == spans_and_groups(plain.finditer(text)), text[:200]
        for p, _end in address.number_ahead(text, doc.digit_runs):
            window = (text, max(0, p - 40), p)
            found = address._POLISH_BEFORE.search(*window) is not None
            assert found == (plain.search(*window) is not None), text[:200]
            hits += found
    assert hits > 20


def _folds_to(letters: str) -> None:
    """Every character that ignoring case matches one of letters lowers to it."""
    for letter in letters:
        rx = re.compile(letter, re.I)
        for c in range(0x110000):
            if rx.fullmatch(chr(c)):
                assert chr(c).lower() == letter, (letter, hex(c))


def test_account_fields_tried_at_their_words() -> None:
    _folds_to("clearnotuk")
    # Every word with the most that may stand between it and its number, after other numbers.
    words = ("clearingnummer", "CLEARINGNR", "clearıng", "clnr", "kontonummer", "kontonr", "\u212aonto", "kto",
             "account number", "Account")
    fields = [f"12 x{w}{nr}{signs}{said}9{more}" for w, nr, signs, said, more in itertools.product(
        words, ("", ".", " nr", ". nr.", " NR."), ("", " ", ": ", " :- ", "----"),
        ("", "är ", "nummer: ", "ÄR - ", "nummer - "), ("", "123", "-4567", " 456 782-3", " 1 2 3", "-1-2", " 12"))]
    hits = 0
    for doc in [*DOCS, *(Document(t) for t in fields)]:
        expected = spans_and_groups(bank._FIELD.finditer(doc.text))
        assert spans_and_groups(bank.field_matches(doc.text, doc.lower, doc.digit_runs)) == expected, doc.text[:200]
        hits += len(expected)
    assert hits > 5000


def test_obfuscated_at_signs_tried_where_they_can_start() -> None:
    _folds_to("atnbel")
    rng = random.Random(8)
    pieces = ("at", "AT", "At", "a", "A", "@", " ", "\t", "(", ")", "[", "]", "{", "}", "snabel", "snabel-a",
              "SNABEL-A", "ſnabel-a", "anna", ".", "dot", "punkt", "kommun", "se", "x", "\n", "é", "İ")
    hits = 0
    for text in [*TEXTS, *fuzz(rng, pieces, 6000, 40)]:
        lower = text.lower()
        expected = spans_and_groups(email._AT_WORD.finditer(text))
        starts = email.at_word_starts(text, lower)
        if starts is None:
            assert len(lower) != len(text)
            continue
        assert spans_and_groups(match_in_order(email._AT_WORD, text, starts)) == expected, text[:200]
        hits += len(expected)
    assert hits > 300


def test_dense_text_takes_the_scan() -> None:
    text = "0" * 10 + " 1" * 20_000
    runs = Document(text).digit_runs
    assert len(run_starts(runs)) > 16 + len(text) // 32
    fast = spans_and_groups(match_at(phone._NATIONAL, text, run_starts(runs)))
    assert fast == spans_and_groups(phone._NATIONAL.finditer(text))


def test_identifiers_beside_dates_and_case_numbers_arespans_and_groups(redactor: Redactor) -> None:
    text = ("Dnr 2026/123, möte 2026-12-03 kl. 14.30. Anna, 850101-1236, tel 070-123 45 67, "
            "bor på Storgatan 12, 411 38 Göteborg; bil ABC 123; konto 1234 567 890 (Swedbank).")
    types = {e.type for e in redactor.redact(text).entities}
    assert {"PERSONNUMMER", "PHONE", "ADDRESS", "PLATE", "BANK"} <= types
