"""Bank details: IBAN, bankgiro, plusgiro, and Swedish clearing and account numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document
from .checksums import iban_ok, luhn_ok
from .starts import match_at

# Lower case too ("se45 5000 ..."), but then only with a good check: "ab12 cdef ghij" is no IBAN. Groups
# apart by a space, a line break or a hyphen ("SE45-5000-0000-...").
_IBAN = re.compile(
    r"([A-Za-z](?<![\w\-][A-Za-z])[A-Za-z]\d\d(?:(?: |-|\r?\n)?[A-Za-z0-9]{4}){2,7}(?:(?: |-|\r?\n)?[A-Za-z0-9]{1,3})?)"
    r"(?![\w\-])"
)
_IBAN_CONTEXT = re.compile(r"iban\W{0,4}$", re.I)
# The giro and account patterns open with a digit with no word character before it: a run's start.
# A bankgiro number's run is its first three or four digits (a "-" follows), a plusgiro number's at
# most eight, and a clearing number's four (no digit follows).
_BANKGIRO = re.compile(r"(\d(?<![\w\-]\d)\d{2,3}-\d{4})(?![\w\-]|[.,]\d)")
_BG_CONTEXT = re.compile(r"(?:bankgiro|bankgironummer|bankgironr|bg)\W{0,6}$", re.I)
# Plusgiro: two to eight digits, grouped any way ("48 81 98-5", "4 78 80 51-2", "123 4567-8").
_PLUSGIRO = re.compile(r"(\d(?<![\w\-]\d)(?: ?\d){1,7} ?- ?\d)(?![\w\-]|[.,]\d)")
_PG_CONTEXT = re.compile(r"(?:plusgiro\w*|postgiro\w*|pg)(?:\W{1,3}\w{1,8}){0,2}\W{0,6}$", re.I)
# Clearing number (4 digits, Swedbank adds a fifth after a hyphen) and the account number.
_ACCOUNT = re.compile(
    r"([1-9](?<![\w\-+][1-9])\d{3}(?:-\d)?)(?:[ \u00a0]?[-,][ \u00a0]?|[ \u00a0])"
    r"((?:\d[ \u00a0-]?){6,11}\d)(?![\w\-]|[.,]\d)"
)
# Clearing and account numbers in fields of their own: "clearingnummer 8327-9, kontonummer 913 456
# 782-3". Swedbank's clearing numbers have a fifth digit ("8327-9" or "83279").
# The word's first letter is spelled out in every case the ignore-case match of "clearing",
# "konto" and "account" accepts (the Kelvin sign is a "k"), the rest ignores case: a pattern that
# ignores case from its first letter cannot skip ahead to the next candidate letter.
_FIELD = re.compile(
    r"(?P<word>[cCkK\u212aaA](?:(?<=[cC])(?i:learing(?:nummer|nr)?|lnr)|(?<=[kK\u212a])(?i:onto(?:nummer|nr)?|to)"
    r"|(?<=[aA])(?i:ccount(?: number)?)))"
    r"(?i:(?:\.? ?nr\.?)?\W{0,4}(?:(?:är|nummer)\W{1,3})?"
    r"(?P<number>\d(?:[ -]?\d){3,15})(?![\w\-]|[.,]\d))",
)
# Where _FIELD can start: the openings of its words, not far before a run of digits (field_matches()).
_FIELD_WORDS = ("clear", "clnr", "konto", "kto", "account")
FIELD_REACH = 32
_CLEARING = re.compile(r"\d{4}(?: ?- ?\d)?|\d{5}")
_ACCOUNT_CONTEXT = re.compile(
    r"(?:konto|kontonr|kontonummer|bankkonto|lönekonto|clearing|clearingnr|clearingnummer|clnr|kto|"
    r"account|bank)\W{0,12}(?:\w+\W{1,3}){0,2}$",
    re.I,
)
_BANK_AFTER = re.compile(
    r"^\W{0,4}(?:\(?\s*(?:swedbank|handelsbanken|nordea|seb|danske bank|ica banken|länsförsäkringar|"
    r"sparbank|skandiabanken|skandia|avanza|nordnet|sbab|marginalen|resurs|santander|lån & spar))",
    re.I,
)


_ACCOUNT_WORDS = ("konto", "clearing", "clnr", "kto", "account", "bank", "nordea", "seb", "avanza", "nordnet",
                  "sbab", "marginalen", "resurs", "santander", "lån & spar", "skandia", "länsförsäkringar")


def iban_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _IBAN can start: two ASCII letters right before its check digits, which open a run of two
    digits or more (a letter before them): far rarer than a letter."""
    return [start - 2 for start, end in runs if end - start >= 2 and start >= 2 and _ascii_letter(text[start - 1])
            and _ascii_letter(text[start - 2])]


def _ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def bankgiro_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _BANKGIRO can start: a run of three or four digits with a "-" after it."""
    return [start for start, end in runs if 3 <= end - start <= 4 and text.startswith("-", end)]


def plusgiro_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _PLUSGIRO can start: a run of at most eight digits, then "-", or a space and "-" or the
    next run; and its "-" at most 16 characters on (seven more digits, each after a space, and a space)."""
    n, last = len(text), len(runs) - 1
    starts: list[int] = []
    for i, (start, end) in enumerate(runs):
        if end - start <= 8 and end < n and (text[end] == "-" or (text[end] == " " and (
                text.startswith("-", end + 1) or (i < last and runs[i + 1][0] == end + 1)))) \
                and text.find("-", end, start + 17) >= 0:
            starts.append(start)
    return starts


def account_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _ACCOUNT can start: a run of four digits that opens with 1-9."""
    return [start for start, end in runs if end - start == 4 and text[start] != "0"]


def field_matches(text: str, lower: str, runs: list[tuple[int, int]]) -> list[re.Match[str]]:
    """What _FIELD.finditer(text) finds, with _FIELD tried only where lower (text.lower()) has the
    opening of one of its words, at most FIELD_REACH characters before a run of digits (starts.py).

    Its number opens a run (what stands before it ends in a letter, a full stop or a sign), and its word
    starts at most FIELD_REACH characters before: the word 14 ("clearingnummer", "account number"),
    " nr." 5, four signs, "nummer" and three signs 9. Every spelling that ignoring case accepts for the
    openings' letters (the Kelvin sign for "k" too) lowers to them (tests/redaction/test_starts.py);
    "clearing" is found by "clear", as its "i" may be a dotless one. An opening holds no digit, so
    none straddles a run's start: each is found in one window. Where lower is not as long as text,
    its offsets are not the text's: the scan runs.
    """
    if len(lower) != len(text):
        return list(_FIELD.finditer(text))
    starts: list[int] = []
    searched = 0
    last = len(runs) - 1
    for i, (start, end) in enumerate(runs):
        # The number has four digits or more, its groups apart by one space or "-" at most.
        digits, j = end - start, i
        while digits < 4 and j < last and runs[j + 1][0] == runs[j][1] + 1 and text[runs[j][1]] in " -":
            j += 1
            digits += runs[j][1] - runs[j][0]
        if digits < 4:
            continue
        lo = max(searched, start - FIELD_REACH)
        found: list[int] = []
        for word in _FIELD_WORDS:
            i = lower.find(word, lo, start)
            while i >= 0:
                found.append(i)
                i = lower.find(word, i + 1, start)
        if found:
            found.sort()
            starts += found
        searched = start
    return match_at(_FIELD, text, starts)


def _iban_end(raw: str) -> int:
    """The length of the longest prefix of raw, ending at a space or its end, with a good IBAN check.

    The pattern may have taken a following word's letters ("... 7466 senast"); trying the shorter
    ends finds the number itself.
    """
    ends = [len(raw)] + [i for i in range(len(raw) - 1, 0, -1) if raw[i] in " \r\n-"]
    for end in ends:
        compact = _compact(raw[:end])
        if len(compact) >= 15 and iban_ok(compact):
            return end
    return 0


def _compact(raw: str) -> str:
    """An IBAN as written, without its spaces, line breaks and hyphens, in capitals."""
    return "".join(raw.split()).replace("-", "").upper()


def _near_before(rx: re.Pattern[str], text: str, start: int, span: int = 40) -> bool:
    return bool(rx.search(text, max(0, start - span), start))


class BankRecognizer(Recognizer):
    """IBAN by its mod 97 check; giro and account numbers where the text says what they are."""

    entity_type = "BANK"
    name = "bank"

    def find(self, doc: Document) -> Iterator[Candidate]:
        if not doc.has_digit:
            return  # every pattern below needs a digit
        text = doc.text
        runs = doc.digit_runs
        for m in match_at(_IBAN, text, iban_starts(text, runs)):
            end = _iban_end(m.group(1))
            if end:
                compact = _compact(m.group(1)[:end])
                yield Candidate(m.start(), m.start() + end, self.entity_type, 0.95, (compact,), source=self.name)
            elif (m.group(1)[:2].isupper() and "\n" not in m.group(1)
                  and _near_before(_IBAN_CONTEXT, text, m.start(), 12)):
                compact = _compact(m.group(1))
                yield Candidate(m.start(), m.end(), self.entity_type, 0.95, (compact,), source=self.name)
        # A giro or account number without a word that says so is too like a case or invoice
        # number to mask; with the word, a failed check digit is still masked as a likely typo.
        # The giro and account patterns need a word that says what the number is somewhere in the
        # text. The words are searched for in the lowered text (a search for each) only where a
        # pattern has matched: the patterns, tried only where they can start, cost less.
        lower = doc.lower
        bankgiro = match_at(_BANKGIRO, text, bankgiro_starts(text, runs))
        plusgiro = match_at(_PLUSGIRO, text, plusgiro_starts(text, runs))
        giro = bool(bankgiro or plusgiro) and ("giro" in lower or "bg" in lower or "pg" in lower)
        for matches, ctx in ((bankgiro, _BG_CONTEXT), (plusgiro, _PG_CONTEXT)):
            for m in matches if giro else []:
                if _near_before(ctx, text, m.start(), 32):
                    digits = m.group(1).replace("-", "").replace(" ", "").replace("\u00a0", "")
                    score = 0.9 if luhn_ok(digits) else 0.7
                    yield Candidate(m.start(), m.end(), self.entity_type, score, (digits,), source=self.name)
        fields = field_matches(text, lower, runs)
        accounts = match_at(_ACCOUNT, text, account_starts(text, runs))
        account = bool(fields or accounts) and any(word in lower for word in _ACCOUNT_WORDS)
        for m in fields if account else []:
            number = m.group("number")
            digits = "".join(ch for ch in number if ch.isdigit())
            if m.group("word").lower().startswith(("clearing", "clnr")):
                if not _CLEARING.fullmatch(number):
                    continue
            elif len(digits) < 7:
                continue  # "konto 4010" is an account of the chart of accounts, not a bank account
            yield Candidate(m.start("number"), m.end("number"), self.entity_type, 0.85, (digits,), source=self.name)
        for m in accounts if account else []:
            if _near_before(_ACCOUNT_CONTEXT, text, m.start(), 50) or _BANK_AFTER.search(text[m.end():m.end() + 30]):
                digits = "".join(ch for ch in m.group() if ch.isdigit())
                yield Candidate(m.start(), m.end(), self.entity_type, 0.85, (digits,), source=self.name)
