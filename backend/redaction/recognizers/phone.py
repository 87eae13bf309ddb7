"""Telephone numbers: Swedish forms and foreign numbers with a country code."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document
from .starts import any_match_after_run, match_at

# One separator between digit groups: a space, or a hyphen or slash with optional spaces.
# Dots and dashes between digits are left out on purpose: "08.00–10.00" is a time span.
_SEP = r"(?:[ \u00a0]?[-/\u2010\u2011][ \u00a0]?|[ \u00a0])"
# Each pattern opens with its first character and checks the one before it right after (the
# lookbehind is two characters wide and ends at that first character): a pattern that opens with a
# character lets the regex engine skip ahead to the next "0", one that opens with a lookbehind tries
# every position of the text, three to four times slower. The same holds for the patterns of the
# other identifiers; tests/redaction/test_patterns.py checks each against its plain form.
_NATIONAL = re.compile(
    rf"(?:\((?<![\w+\-/.,:]\()0\d{{1,3}}\)|0(?<![\w+\-/.,:]0)\d{{1,3}})(?:{_SEP}?\d){{5,9}}(?![\w]|[.,:]\d|-\d)"
)
_INTERNATIONAL = re.compile(
    rf"(?:\+(?<![\w+\-/.,:]\+)|0(?<![\w+\-/.,:]0)0)[1-9]\d{{0,2}}{_SEP}?(?:\(0\){_SEP}?)?(?:{_SEP}?\(?\d\)?){{6,13}}"
    r"(?![\w]|[.,:]\d|-\d)"
)
# Spelled out digit by digit ("0 7 0 1 2 3 4 5 6 7") or broken by a line break ("070-123 45\n67"):
# read only when phonenumbers calls the whole a valid Swedish number. Every repetition takes a digit.
_LOOSE = re.compile(
    r"(?<![\w+\-/.,:])(?<!\d )0(?:(?: | ?[-/]? ?\r?\n ?| ?[-/] ?)?\d){7,9}(?![\w]|[.,:]\d|-\d| \d)"
)
_LOOSE_HINT = re.compile(r"\d \d \d|\d ?[-/]? ?\r?\n ?\d")
# Every _LOOSE_HINT opens with a run's last digit and then a space and a digit, or a line break
# within four characters (starts.any_match_after_run).
_SINGLE_DIGIT_GAPS = re.compile(r"(?<!\d)\d (?=\d(?!\d))")
# Words that say a phone number follows.
_PHONE_WORDS = r"tel|tfn|telefon|mobil|mobilnr|mobilnummer|nås|ring|sms|phone|mob|vxl|växel"
# The phone word right before, or with up to three short words between ("ring mig på", "du når mig
# enklast på", "numret är"). Searched in the 30 characters before the number.
_CONTEXT = re.compile(rf"\b(?:{_PHONE_WORDS}|telefon\w*|mobil\w*|nå|når|ringa|kontakta|sms:a|nummer|numret)"
                      r"(?:[ \t]+[a-zåäö]{1,9}){0,3}\W{0,6}$", re.I)
# Digits spelled one by one need the phone word itself right before: "kön har nummer 0 1 2 3 ..." counts.
_SPELLED_CONTEXT = re.compile(rf"(?:{_PHONE_WORDS})\W{{0,6}}$", re.I)


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


# Where the patterns can start (starts.py). Each opens with a "0", a "+" or a "(" and then a digit, with no
# word character before that digit: the "0" opens a run of digits, and the "+" or "(" stands right before one.


def international_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _INTERNATIONAL can start: a "+" right before a run, or a run that opens with "00"."""
    starts: list[int] = []
    for start, _end in runs:
        if start > 0 and text[start - 1] == "+":
            starts.append(start - 1)
        if text.startswith("00", start):
            starts.append(start)
    return starts


def national_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _NATIONAL can start: a run that opens with "0", or the "(" right before one."""
    starts: list[int] = []
    for start, _end in runs:
        if text[start] == "0":
            if start > 0 and text[start - 1] == "(":
                starts.append(start - 1)
            starts.append(start)
    return starts


def loose_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _LOOSE can start: a run that opens with "0"."""
    return [start for start, _end in runs if text[start] == "0"]


class PhoneRecognizer(Recognizer):
    """Finds number-shaped spans with a regex, then lets phonenumbers judge them."""

    entity_type = "PHONE"
    name = "phone"

    def find(self, doc: Document) -> Iterator[Candidate]:
        if not doc.has_digit:
            return
        text, runs = doc.text, doc.digit_runs
        for m in match_at(_INTERNATIONAL, text, international_starts(text, runs)):
            digits = _digits(m.group())
            raw = m.group()
            if raw.startswith("00"):
                digits = digits[2:]
            try:
                number = phonenumbers.parse("+" + digits, None)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(number):
                national = "0" + str(number.national_number) if number.country_code == 46 else digits
                yield Candidate(m.start(), m.end(), self.entity_type, 0.9, (national,), source=self.name)
        for m in match_at(_NATIONAL, text, national_starts(text, runs)):
            digits = _digits(m.group())
            try:
                number = phonenumbers.parse(digits, "SE")
            except phonenumbers.NumberParseException:
                continue
            context = bool(_CONTEXT.search(text, max(0, m.start() - 30), m.start()))
            # A valid Swedish number, or a possible one where the text says it is a phone number
            # (fictional ranges and typos still identify a person).
            if phonenumbers.is_valid_number(number) or (context and phonenumbers.is_possible_number(number)):
                yield Candidate(m.start(), m.end(), self.entity_type, 0.8, (digits,), source=self.name)
        if not any_match_after_run(_LOOSE_HINT, text, runs):
            return
        for m in match_at(_LOOSE, text, loose_starts(text, runs)):
            raw = m.group()
            if "\n" not in raw and len(_SINGLE_DIGIT_GAPS.findall(raw)) < 6:
                continue  # ordinary groups: the pattern above has judged them
            digits = _digits(raw)
            try:
                number = phonenumbers.parse(digits, "SE")
            except phonenumbers.NumberParseException:
                continue
            # Spelled out, a mobile number or one the text calls a phone number: "0 1 2 3 4 5 6 7 8 9"
            # is someone counting.
            spelled = "\n" not in raw
            said = _SPELLED_CONTEXT.search(text, max(0, m.start() - 20), m.start())
            if spelled and not (digits.startswith("07") or said):
                continue
            if phonenumbers.is_valid_number(number):
                yield Candidate(m.start(), m.end(), self.entity_type, 0.8, (digits,), source=self.name)
