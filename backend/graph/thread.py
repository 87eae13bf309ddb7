"""A mail thread as plain text for the model: quoted history and signature blocks removed.

What strip_quoted keeps and drops:
- drops everything from the first quoted-history marker on: Outlook's "Från:/From:" header block (with
  its "Skickat:/Sent:" and "Till:/To:/Ämne:/Subject:" lines and the rule above it), "-----Ursprungligt
  meddelande-----" / "-----Original Message-----" and forwarded-message markers, and a
  "Den … skrev …:" / "On … wrote:" line when only quoted lines follow it;
- drops every "> " quoted line (so inline and bottom-posted replies keep their own text);
- drops a signature after a "-- " delimiter;
- keeps a sign-off line ("Med vänliga hälsningar", "Mvh Anna", "Best regards") but drops the short
  block of name, title, phone and disclaimer lines under it (at most 15 lines, 1,500 characters);
- drops "Skickat från min iPhone" / "Sent from my iPhone" style lines and Outlook's
  "You don't often get email from …" banner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class ThreadMessage:
    """One message of a conversation, as read from the mailbox."""

    sender_name: str
    sent_at: datetime
    subject: str
    body: str


_FROM = re.compile(r"^[\s*]*(från|from)[\s*]*:", re.IGNORECASE)
_SENT = re.compile(r"^[\s*]*(skickat|sent|datum|date)[\s*]*:", re.IGNORECASE)
_TO_OR_SUBJECT = re.compile(r"^[\s*]*(till|to|kopia|cc|ämne|subject)[\s*]*:", re.IGNORECASE)
_SENT_INLINE = re.compile(r"\b(skickat|sent)[\s*]*:", re.IGNORECASE)
_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(ursprungligt meddelande|original message|vidarebefordrat meddelande|forwarded message)"
    r"\s*-{2,}\s*$",
    re.IGNORECASE,
)
_FORWARDED = re.compile(r"^\s*(början av vidarebefordrat meddelande|begin forwarded message)\s*:\s*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*(_{10,}|-{10,})\s*$")
_ATTRIBUTION = re.compile(r"\b(skrev|wrote)\b[^:]{0,200}:\s*$", re.IGNORECASE)
_ATTRIBUTION_OPENING = re.compile(r"^\s*(den|on)\b", re.IGNORECASE)
_SIG_DELIMITER = re.compile(r"^--\s?$")
# Possessive throughout: with plain "[\s,.!]*" and "\s*$" both able to take the spaces after "Mvh",
# a line of "Mvh" and 100,000 spaces and one letter was tried every way of sharing them (quadratic).
_SIGN_OFF = re.compile(
    r"^\s*+(?i:med\s++vänlig(?:a)?\s++hälsning(?:ar)?|vänlig(?:a)?\s++hälsning(?:ar)?|bästa\s++hälsningar|"
    r"varma\s++hälsningar|hälsningar|mvh|m\.v\.h\.?|with\s++kind\s++regards|kind\s++regards|best\s++regards|"
    r"regards|best\s++wishes)"
    # An optional name on the same line: "Mvh Anna", "Hälsningar /Erik".
    r"[\s,.!]*+(?:/?\s*+[A-ZÅÄÖÉÜ][\w'-]*+(?:\s++[A-ZÅÄÖÉÜ][\w'-]*+){0,2}[.!]?)?\s*+$"
)
_MOBILE_FOOTER = re.compile(
    r"^\s*(skickat från min|sent from my|skickat från outlook|sent from outlook|hämta outlook för|"
    r"get outlook for|skickat från e-post för windows|sent from mail for windows)\b",
    re.IGNORECASE,
)
_SENDER_BANNER = re.compile(r"^\s*(du får inte ofta e-post från|you don't often get email from)\b", re.IGNORECASE)
_SIGNATURE_MAX_LINES = 15
_SIGNATURE_MAX_CHARS = 1500
_REPLY_PREFIX = re.compile(r"^\s*((sv|re|vb|fw|fwd|vs|aw|antw)\s*:\s*)+", re.IGNORECASE)


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _outlook_header_at(lines: list[str], i: int) -> bool:
    """An Outlook reply header: "Från:" then "Skickat:" and "Till:"/"Ämne:" within a few lines (or on one line)."""
    if not _FROM.match(lines[i]):
        return False
    if _SENT_INLINE.search(lines[i]):
        return True
    window = lines[i + 1 : i + 8]
    return any(_SENT.match(line) for line in window) and any(_TO_OR_SUBJECT.match(line) for line in window)


def _attribution_at(lines: list[str], i: int, next_text: list[str]) -> int | None:
    """Lines used by a "Den … skrev:" / "On … wrote:" line starting at i (it may wrap once), else None."""
    if not lines[i].strip():
        return None
    for span in (1, 2):
        text = " ".join(line.strip() for line in lines[i : i + span])
        if span == 2 and i + 1 >= len(lines):
            return None
        if len(text) <= 300 and _ATTRIBUTION.search(text):
            opening = _ATTRIBUTION_OPENING.match(text) and re.search(r"\d", text)
            following = next_text[min(i + span, len(lines))]
            if opening or "@" in text or _is_quoted(following):
                return span
    return None


def _history_start(lines: list[str]) -> tuple[int, set[int]]:
    """Where quoted history begins, and attribution lines to drop on their own (inline replies)."""
    drop: set[int] = set()
    # From the end, once: whether every non-blank line from i on is quoted, and the first
    # non-blank line from i on. Looking ahead from each line instead was quadratic.
    only_quoted = [True] * (len(lines) + 1)
    next_text = [""] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        blank = not lines[i].strip()
        only_quoted[i] = only_quoted[i + 1] and (blank or _is_quoted(lines[i]))
        next_text[i] = next_text[i + 1] if blank else lines[i]
    for i, line in enumerate(lines):
        if _ORIGINAL.match(line) or _FORWARDED.match(line):
            return i, drop
        if _outlook_header_at(lines, i):
            start = i
            before = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)
            if before is not None and _RULE.match(lines[before]):
                start = before
            return start, drop
        span = _attribution_at(lines, i, next_text) if not _is_quoted(line) else None
        if span is not None:
            if only_quoted[i + span]:
                return i, drop
            drop.update(range(i, i + span))
    return len(lines), drop


def _without_signature(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if i > 0 and _SIG_DELIMITER.match(line):
            return lines[:i]
    # The non-blank lines after each line, counted from the end once: a block measured from every
    # sign-off line ("Mvh" on each of 20,000 lines) was quadratic.
    count = [0] * (len(lines) + 1)
    chars = [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        text = bool(lines[i].strip())
        count[i] = count[i + 1] + text
        chars[i] = chars[i + 1] + (len(lines[i]) if text else 0)
    for i, line in enumerate(lines):
        if count[i + 1] > _SIGNATURE_MAX_LINES or chars[i + 1] > _SIGNATURE_MAX_CHARS:
            continue  # too much below it to be a signature block, whatever this line is
        if _SIGN_OFF.match(line):
            return lines[: i + 1]
    return lines


def _tidy(lines: Iterable[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def strip_quoted(body: str, *, keep_history: bool = False) -> str:
    """The message's own text: quoted history, "> " lines and the signature block removed.

    With keep_history, quoted history stays (for a forward whose original is not in the thread).
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line for line in lines if not _SENDER_BANNER.match(line)]
    start, drop = _history_start(lines)
    own = [
        line
        for i, line in enumerate(lines[:start])
        if i not in drop and not _is_quoted(line) and not _MOBILE_FOOTER.match(line)
    ]
    own = _without_signature(own)
    if keep_history and start < len(lines):
        return _tidy([*own, "", *lines[start:]])
    return _tidy(own)


def _local_zone() -> tzinfo:
    try:
        return ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:  # a system without tz data: show UTC and say so
        return UTC


_LABELS = {
    "sv": {
        "message": "Meddelande {n} av {total}",
        "from": "Från",
        "date": "Datum",
        "subject": "Ämne",
        "empty": "(inget eget innehåll)",
        "unknown": "(okänd avsändare)",
    },
    "en": {
        "message": "Message {n} of {total}",
        "from": "From",
        "date": "Date",
        "subject": "Subject",
        "empty": "(no text of its own)",
        "unknown": "(unknown sender)",
    },
}


def _bare_subject(subject: str) -> str:
    return _REPLY_PREFIX.sub("", subject).strip().casefold()


def _is_forward(subject: str) -> bool:
    return re.match(r"^\s*(vb|fw|fwd|vs)\s*:", subject, re.IGNORECASE) is not None


def format_thread(messages: Iterable[ThreadMessage], *, language: str = "sv", zone: tzinfo | None = None) -> str:
    """The thread oldest first, each message under a header with sender name, date and (changed) subject.

    The oldest message keeps its quoted history when it is a forward: the forwarded mail is then
    the only copy of that text in the thread.
    """
    labels = _LABELS.get(language, _LABELS["en"])
    zone = zone or _local_zone()
    ordered = sorted(messages, key=lambda m: m.sent_at)
    blocks: list[str] = []
    previous_subject: str | None = None
    for n, message in enumerate(ordered, start=1):
        when = message.sent_at.astimezone(zone)
        header = [
            f"--- {labels['message'].format(n=n, total=len(ordered))} ---",
            f"{labels['from']}: {message.sender_name.strip() or labels['unknown']}",
            f"{labels['date']}: {when:%Y-%m-%d %H:%M}" + (" UTC" if zone is UTC else ""),
        ]
        bare = _bare_subject(message.subject)
        if message.subject.strip() and bare != previous_subject:
            header.append(f"{labels['subject']}: {message.subject.strip()}")
        previous_subject = bare
        keep_history = n == 1 and _is_forward(message.subject)
        body = strip_quoted(message.body, keep_history=keep_history) or labels["empty"]
        blocks.append("\n".join(header) + "\n\n" + body)
    return "\n\n".join(blocks)
