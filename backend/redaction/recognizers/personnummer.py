"""Personnummer, samordningsnummer, and interim and reserve numbers with a letter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document
from .checksums import luhn_ok
from .starts import any_match_after_run, match_at, run_starts

# YYMMDD or YYYYMMDD, a separator (- before, + from the 100th birthday; often none; a space or a
# line break sometimes; a full stop or a slash rarely), and four characters (a space between their
# pairs rarely): digits, or for interim/reserve numbers a letter first.
# The recognizers read the normalised view: every dash is "-", every space " ".
_PNR = re.compile(
    r"(?<![\w+\-/.,])"
    r"(?P<century>1[89]|20)?(?P<yy>\d\d)(?P<mm>\d\d)(?P<dd>\d\d)"
    r"(?P<sep> ?\r?\n? ?[-+] ?\r?\n? ?| ?\r?\n ?| |[./])?"
    r"(?P<serial>[A-Za-z]\d{3}|\d{4}|\d\d \d\d)"
    r"(?![\w\-/]|[.,]\d)"
)
# Where _PNR can start (starts.py): it opens with six digits in a row (the century or the year, then
# the date) with no word character before them, so at the start of a run of six digits or more.
# Digits spaced out ("8 5 0 1 0 1 - 1 2 3 6") or broken across a line anywhere ("8501\n01-1236").
# Every repetition takes a digit, so each try is bounded and the scan stays linear.
_GAP = r"(?: | ?\r?\n ?)"
_LOOSE = re.compile(
    rf"(?<![\w+\-/.,])(?<!\d )\d(?:{_GAP}?\d){{5,7}}(?:{_GAP}?[-+]{_GAP}?|{_GAP})?\d(?:{_GAP}?\d){{3}}"
    r"(?![\w\-/]|[.,]\d| \d)"
)
# A Swedish VAT number is "SE", the organisation number and "01"; a sole trader's organisation
# number is the owner's personnummer.
# The "S" first, in every form that ignoring case accepts (the long s too), then the rest ignoring
# case: see phone._NATIONAL.
_VAT = re.compile(r"[sS\u017f](?<![\w\-][sS\u017f])(?i:E ?(\d{6}-?\d{4}) ?01(?![\w\-]|[.,]\d))")
# The date written as a date, its parts apart by one and the same sign ("85.01.01-1236",
# "85/01/01-1236", "85-01-01-1236", "1985 01 01 1236"), then the serial after "-", "+" or that sign.
# Taken only when the date and the check digit both agree.
# Where it can start: it opens with a digit with no word character before it, so a run's start, and
# the run is the year, two or four digits (the separator follows it: a digit cannot).
_DATE_APART = re.compile(
    r"\d(?<![\w+\-/.,]\d)(?P<rest>\d|\d{3})(?P<sep>[-./ ])(?P<mm>\d\d)(?P=sep)(?P<dd>\d\d)(?:[-+]|(?P=sep))"
    r"(?P<serial>\d{4})(?![\w\-/]|[.,]\d)"
)
_LOOSE_HINT = re.compile(r"\d \d \d|\d ?-? ?\r?\n ?-? ?\d|\d \d\d \d\d ?[-+]")
# Every _LOOSE_HINT opens with a run's last digit and then a space and a digit, or a line break
# within four characters (starts.any_match_after_run).
_SERIAL_APART = re.compile(r"[-+] ?\r?\n? ?\d(?: ?\d){3}\Z")
_SINGLE_DIGIT_GAPS = re.compile(r"(?<!\d)\d (?=\d(?!\d))")


def date_apart_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _DATE_APART can start: a run of two or four digits, one of its separators, and the month,
    a run of two digits."""
    last = len(runs) - 1
    return [start for i, (start, end) in enumerate(runs) if end - start in (2, 4) and i < last
            and runs[i + 1] == (end + 1, end + 3) and text[end] in "-./ "]


def vat_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _VAT can start: "SE" (and a space) before a run of six digits or more, which its number
    opens with ("E" or the space before it: no digit)."""
    starts: list[int] = []
    for start, end in runs:
        if end - start >= 6 and start >= 2:
            start -= 3 if text[start - 1] == " " else 2
            if start >= 0:
                starts.append(start)
    return starts


class PersonnummerRecognizer(Recognizer):
    """Masks anything shaped like a personnummer; a failed check digit is probably a typo of one."""

    entity_type = "PERSONNUMMER"
    name = "personnummer"

    def find(self, doc: Document) -> Iterator[Candidate]:
        if not doc.has_digit:
            return
        text, runs = doc.text, doc.digit_runs
        for m in match_at(_PNR, text, run_starts(runs, 6)):
            month, day = int(m["mm"]), int(m["dd"])
            # A real birth date, or day + 60 for a samordningsnummer. Organisation numbers have
            # a month field of 20 or more, so this also keeps them out.
            if not (1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)):
                continue
            serial, sep = m["serial"].replace(" ", ""), m["sep"]
            letter = not serial.isdigit()
            valid = not letter and luhn_ok(m["yy"] + m["mm"] + m["dd"] + serial)
            if not valid and (sep in (".", "/") or " " in m["serial"]):
                continue  # "850101.1236", "850101-12 36": unusual shapes, taken only when the check digit agrees
            if sep is not None and sep.strip() == "" and not (valid or letter):
                continue  # "850101 1234" with only a space: two numbers unless the check digit agrees
            if sep is None and not m["century"] and not valid and not letter:
                score = 0.45  # ten bare digits with a bad check digit: a phone number may claim them
            else:
                score = 0.95 if valid or letter else 0.7
            key = (m["yy"] + m["mm"] + m["dd"] + serial.upper(),)
            yield Candidate(m.start(), m.end(), self.entity_type, score, key, source=self.name)
        yield from self._loose(text, runs)
        yield from self._date_apart(text, runs)
        for m in match_at(_VAT, text, vat_starts(text, runs)):
            digits = m.group(1).replace("-", "")
            month, day = int(digits[2:4]), int(digits[4:6])
            if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and luhn_ok(digits):
                yield Candidate(m.start(), m.end(), self.entity_type, 0.9, (digits,), source=self.name)

    def _date_apart(self, text: str, runs: list[tuple[int, int]]) -> Iterator[Candidate]:
        for m in match_at(_DATE_APART, text, date_apart_starts(text, runs)):
            year = m.group()[0] + m["rest"]
            if len(year) == 4 and year[:2] not in ("18", "19", "20"):
                continue
            short = year[-2:] + m["mm"] + m["dd"] + m["serial"]
            month, day = int(m["mm"]), int(m["dd"])
            if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and luhn_ok(short):
                yield Candidate(m.start(), m.end(), self.entity_type, 0.9, (short,), source=self.name)

    def _loose(self, text: str, runs: list[tuple[int, int]]) -> Iterator[Candidate]:
        """Spaced-out or line-broken numbers, where the date and the check digit both agree.

        Phone numbers are digit groups with spaces; only a number spelled digit by digit, or cut by
        a line break, is read this way.
        """
        if not any_match_after_run(_LOOSE_HINT, text, runs):
            return  # no digit spelled out and no digit on both sides of a line break: most texts
        # _LOOSE opens with a digit with no word character before it: a run's start.
        for m in match_at(_LOOSE, text, run_starts(runs)):
            raw = m.group()
            digits = "".join(ch for ch in raw if ch.isdigit())
            if len(digits) not in (10, 12) or (len(digits) == 12 and digits[:2] not in ("18", "19", "20")):
                continue
            short = digits[-10:]
            month, day = int(short[2:4]), int(short[4:6])
            if not (1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)) or not luhn_ok(short):
                continue
            # Spelled out, broken by a line, or grouped with the serial after its own "-" or "+"
            # ("85 01 01-1236"): a phone number has none of these shapes.
            serial_apart = bool(_SERIAL_APART.search(raw))
            if "\n" not in raw and not serial_apart and len(_SINGLE_DIGIT_GAPS.findall(raw)) < 5:
                continue
            yield Candidate(m.start(), m.end(), self.entity_type, 0.9, (short,), source=self.name)
