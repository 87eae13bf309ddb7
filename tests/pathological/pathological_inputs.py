"""Inputs that make backtracking regular expressions quadratic, at any length.

Each is a run of one thing that a pattern may start on at every position (spaces, full stops,
digits, capitalised words, hyphens, sign-offs), often with one character at the end that makes
every try fail. Used by the tests (completion at the field limit) and bench/pathological.py.
"""

from __future__ import annotations

from collections.abc import Callable


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _run_then(unit: str, last: str) -> Callable[[int], str]:
    return lambda n: (unit * n)[: n - len(last)] + last


def _after(head: str, unit: str, last: str = "") -> Callable[[int], str]:
    return lambda n: head + (unit * n)[: n - len(head) - len(last)] + last


INPUTS: dict[str, Callable[[int], str]] = {
    "spaces": _repeat(" "),
    "spaces then a letter": _run_then(" ", "x"),
    "no-break spaces": _repeat("\u00a0"),
    "narrow no-break spaces then a digit": _run_then("\u202f", "1"),
    "tabs": _repeat("\t"),
    "line breaks then a letter": _run_then("\n", "x"),
    "full stops": _repeat("."),
    "full stops then a letter": _run_then(".", "x"),
    "exclamation marks then a capital": _run_then("!", "A."),
    "ellipses then a letter": _run_then("…", "x"),
    "full stop and space": _repeat(". "),
    "digits": _repeat("1"),
    "digits then a letter": _run_then("0", "x"),
    "spaced digits": _repeat("1 "),
    "digits on lines": _repeat("1\n"),
    "digit groups": _repeat("123 45 "),
    "digit pairs and hyphens": _repeat("12 34 56-"),
    "digits across lines": _repeat("12\n34-\n"),
    "capitalised words": _repeat("Anna "),
    "capitalised words with hyphens": _repeat("Anna-Karin "),
    "street words": _repeat("Storgatan "),
    "street and number": _repeat("Storgatan 1 "),
    "farm names": _repeat("Stora Hult "),
    "hyphens": _repeat("-"),
    "hyphens then a letter": _run_then("-", "x"),
    "en dashes": _repeat("\u2013"),
    "letter and hyphen": _repeat("A-"),
    "Hej then spaces": _after("Hej", " "),
    "Hej then spaces then a letter": _after("Hej", " ", "x"),
    "Mvh then spaces": _after("Mvh", " "),
    "Mvh then spaces then a letter": _after("Mvh", " ", "x"),
    "Mvh then no-break spaces": _after("Mvh", "\u00a0", "x"),
    "sign-offs on every line": _repeat("Mvh\n"),
    "sign-offs with names": _repeat("Med vänliga hälsningar Anna\n"),
    "attribution lines": _repeat("Den 1 mars skrev:\n"),
    "wrote lines": _repeat("On 1 May wrote:\n\n"),
    "header lines": _repeat("Från: x\n"),
    "quoted lines": _repeat("> \n"),
    "at signs": _repeat("@"),
    "local parts": _repeat("a@"),
    "dotted words": _repeat("abcdef."),
    "dotted domain": _after("a@", "b."),
    "brackets": _repeat("["),
    "placeholder pieces": _repeat("[PERSON_1"),
    "bare placeholders": _repeat("PERSON_1"),
    "c/o": _repeat("c/o "),
    "lgh": _repeat("lgh "),
    "giro words": _repeat("pg 1"),
    "account words": _repeat("konto 1 "),
    "plates": _repeat("abc 123 "),
    "IBAN pieces": _repeat("SE45 "),
    "invisible characters": _repeat("\u200b"),
    "soft hyphens in a word": _repeat("a\u00ad"),
    "combining marks": _repeat("a\u0301\u0301"),
    "fullwidth digits": _repeat("\uff11"),
    "chat speaker lines": _repeat("anna: hej\n"),
    "names with brackets": _repeat("Aa (Bb) x "),
    "född": _repeat("född "),
    "slash initials": _repeat("/ab\n"),
    "responsibility labels": _repeat("Ansvarig för uppföljning: "),
    "inverted verbs of saying": _repeat(", sa Aa"),
    "from and till": _repeat("från Aa till "),
    "Polish street words": _repeat("ul. "),
    "hos and a nickname": _repeat("hos Putte "),
    "header display names": _repeat("Till: Aa, Bb; "),
    "lone carriage returns": _repeat("\r"),
    "colons": _repeat(": "),
}

# One long capitalised word ("AbAbAb…"): the person recognizer's compound check splits it at
# every position (backend/redaction/recognizers/person/classify.py, Classifier.compound), which is quadratic.
KNOWN_SLOW = {"one long capitalised word": _repeat("Ab")}


def normal_text(n: int) -> str:
    """Ordinary office Swedish of length n, with personal data, to set the figures beside."""
    paragraph = (
        "Hej Anna Svensson!\n\nTack för ditt mejl den 3 mars. Vi har tagit emot din ansökan om "
        "bostadsanpassning och handläggaren Erik Lind återkommer inom två veckor. Ring 070-123 45 67 "
        "eller skriv till erik.lind@kommun.se om du har frågor. Beslutet skickas till Storgatan 12, "
        "411 38 Göteborg. Ärendet har diarienummer 2024/1234.\n\nMed vänliga hälsningar\nKarin Ek\n\n"
    )
    return _repeat(paragraph)(n)
