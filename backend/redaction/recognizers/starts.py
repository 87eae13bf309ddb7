"""Identifier patterns tried only where they can start: beside a run of digits.

Case notes hold digits in almost every document (dates, times, case numbers), so Document.has_digit
spares them none of the identifier scans, each 10 to 17 ms a megabyte. But every identifier pattern
but the e-mail address's holds a run of digits at a known place: the personnummer opens with one, a
plate's digits follow its three letters, an IBAN's check digits its two. The runs are found once per
document (Document.digit_runs) and each pattern is matched only at the few places beside a run where
it can start. Each recognizer says, beside its pattern, why its places hold every start;
tests/redaction/test_starts.py holds each equal to the whole-text scan.
"""

from __future__ import annotations

import re


def match_at(rx: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What rx.finditer(text) finds, with rx tried only at starts (in increasing order), which must hold
    every position where rx matches. Where the starts are many (text dense with digits), finditer
    itself runs: a Python loop over every start would cost more than its scan."""
    if len(starts) > 16 + len(text) // 32:
        return list(rx.finditer(text))
    return match_in_order(rx, text, starts)


def match_in_order(rx: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """match_at() without the scan for dense text.

    finditer tries every position from the end of its last match on and takes the first that
    matches; here the positions that can match are tried in the same order after the same last
    match, so the matches are the same.
    """
    found: list[re.Match[str]] = []
    pos = 0
    for start in starts:
        if start >= pos:
            m = rx.match(text, start)
            if m is not None:
                found.append(m)
                pos = m.end()
    return found


def run_starts(runs: list[tuple[int, int]], shortest: int = 1, longest: int = 1 << 30) -> list[int]:
    """Where each run of digits from shortest to longest digits long starts."""
    return [start for start, end in runs if shortest <= end - start <= longest]


def any_match_after_run(rx: re.Pattern[str], text: str, runs: list[tuple[int, int]]) -> bool:
    """Whether rx.search(text) finds a match, for a pattern (the hints of spelled-out and line-broken
    numbers) whose every match opens with a run's last digit and then a space and another digit, or
    a line break within four characters.

    Only a run that has the next run one space after it, or a line break that near, is tried.
    """
    last, n = len(runs) - 1, len(text)
    for i, (_start, end) in enumerate(runs):
        if end >= n:
            continue
        # Before the line break only spaces, "-", "/" and "\r" may stand: look for it only after them.
        after = text[end]
        if (after == " " and i < last and runs[i + 1][0] == end + 1) or after in "\r\n":
            found = True
        else:
            found = (after in " -/" and end + 1 < n and text[end + 1] in " -/\r\n"
                     and text.find("\n", end + 1, end + 5) >= 0)
        if found and rx.match(text, end - 1) is not None:
            return True
    return False
