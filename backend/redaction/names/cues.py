"""What the name model's features look for around a word: header, greeting and sign-off words, the
endings of institutions and surnames, a word's shape, and what the line and the line before say.

Split from features.py, which builds the features from these; training and tagging both read them.
"""

from __future__ import annotations

import re

from ..text import normalize_word

# Words that open a line with a header: "Från:", "Deltagare:", "Antecknat av:".
HEADER_WORDS = frozenset((
    "från", "from", "till", "to", "kopia", "cc", "avsändare", "mottagare", "namn", "name", "sökande", "patient",
    "elev", "brukare", "klient", "kontakt", "kontaktperson", "handläggare", "ansvarig", "undertecknad",
    "signatur", "underskrift", "ombud", "förälder", "vårdnadshavare", "deltagare", "närvarande", "frånvarande",
    "sekreterare", "justerare", "ordförande", "antecknat", "antecknad", "sign", "signerat", "dokumenterat",
    "skriven", "skrivet", "ämne", "subject", "mentor", "lärare", "chef", "utredare", "mottagen", "anmälare",
    "syskon", "tolk", "vikarie", "vid", "barnets", "dokumenterat",
))
GREETING_WORDS = frozenset((
    "hej", "hejsan", "hallå", "hello", "hi", "hey", "dear", "kära", "käre", "bästa", "tjena", "tja", "tjenare",
    "god", "grattis", "tack", "välkommen", "morrn", "hejhej",
))
SIGNOFF_WORDS = frozenset((
    "mvh", "hälsningar", "hälsning", "regards", "cheers", "thanks", "kram", "kramar", "hörs", "vänligen",
    "vh", "hälsar", "sign", "/",
))
# Endings of words that name an institution or a place built on a person's name (Wallenbergskolan).
INSTITUTION_END = re.compile(
    r"(?:skolan|skola|gymnasiet|gymnasium|hemmet|hemmets|sjukhuset|sjukhus|kliniken|gården|salen|parken|"
    r"torget|huset|centret|center|institutet|akademin|kyrkan|stiftelsen|prisset|priset|vägen|gatan|"
    r"plan|rummet|hallen|biblioteket|museet|teatern|förskolan|hälsan)$"
)
SURNAME_END = re.compile(
    r"(?:sson|son|berg|ström|qvist|kvist|quist|gren|lund|holm|dahl|stedt|ander|ell|ius|lin|lind|bäck|sjö|fors|"
    r"hammar|feldt|vall|blad|ovic|ović|ević|vić|ić|ski|ska|wicz|czyk|enko|yan|zadeh|pour|oglu|oğlu|escu|"
    r"nen|ez)$"
)
FOREIGN_LETTERS = re.compile(r"[čćšžđłńśźżğışçéèáíóúñãõêôâîûœøæ]")


def shape(word: str) -> str:
    """Xx, x, X, d with runs collapsed, other characters kept: "Al-Ali" -> "Xx-Xx", "070" -> "d"."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


_HEADER_LINE = re.compile(r"[ \t>*-]*([^\W\d_]+)(?:[ \t]+[^\W\d_]+)?\.?[ \t]*:")


def line_head(text: str, line_start: int) -> bool:
    """Whether the line opens with a header word and a colon ("Från:", "Antecknat av:")."""
    if text.find(":", line_start, line_start + 40) < 0:
        return False  # the match ends with a colon within its 40 characters: most lines have none
    m = _HEADER_LINE.match(text, line_start, line_start + 40)
    return bool(m and m.group(1).casefold() in HEADER_WORDS)


def line_features(head: bool, prev_line: str, n: int) -> tuple[list[str], list[str]]:
    """The features every word of a line of n tokens gets ("hdr", "shortline"), and those its first word
    gets besides ("bol", "after_greet"), from line_head() and prev_line_kind() of the line."""
    fixed = (["hdr"] if head else []) + (["shortline"] if n <= 4 else [])
    return fixed, (["bol", "after_" + prev_line] if prev_line else ["bol"])


def prev_line_kind(text: str, line_start: int) -> str:
    """'signoff' when the line before is a sign-off ("Mvh", "Vänliga hälsningar"), 'greet' for a greeting."""
    if line_start < 2:
        return ""
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    line = text[prev_start:line_start - 1]
    # More than four words make no greeting or sign-off: five chunks that each give a word settle it
    # without normalizing a whole paragraph. normalize_word() works character by character (NFC too,
    # which white space takes no part in), so a chunk gives the same words alone as in the line.
    chunks = line.split(None, 5)
    if len(chunks) == 6 and all(_gives_word(c) for c in chunks[:5]):
        return ""
    words = _words(line)
    if not words or len(words) > 4:
        return ""
    if words[-1] in SIGNOFF_WORDS or words[0] in ("mvh", "med", "vänliga", "bästa", "hälsningar", "kind", "best"):
        return "signoff"
    if words[0] in GREETING_WORDS:
        return "greet"
    return ""


def _words(line: str) -> list[str]:
    return normalize_word(line).replace(",", " ").replace("!", " ").split()


def _gives_word(chunk: str) -> bool:
    """Whether _words(chunk) has a word: for an ASCII chunk, which normalize_word() only lower-cases,
    whether it has a character other than "," and "!", without building the words."""
    return bool(chunk.strip(",!")) if chunk.isascii() else bool(_words(chunk))
