"""Direct address: does the text speak to the reader with "du" or "ni"?"""

from __future__ import annotations

import re
from collections.abc import Sequence

from backend.readability.report import Finding
from backend.readability.splitting import Sentence

# Whole words; a hyphen joins, so the name "Dina-Lena" is not "dina".
_ADDRESS = re.compile(r"(?<![\w-])(?:du|dig|din|ditt|dina|ni|er|ert|era)(?![\w-])", re.IGNORECASE)

# Below this a text is a heading, a note or a one-line answer, where "du" would often be forced.
MIN_WORDS_FOR_ADDRESS = 20


def addresses_reader(text: str) -> bool:
    """True if "du", "dig", "din", "ditt", "dina", "ni", "er", "ert" or "era" occurs as a whole word."""
    return _ADDRESS.search(text) is not None


def find_no_direct_address(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One whole-text finding, span 0..0, when a text of 20 words or more never addresses the reader."""
    if sum(len(sentence.words) for sentence in sentences) < MIN_WORDS_FOR_ADDRESS:
        return []
    if addresses_reader(text):
        return []
    return [
        Finding(
            "no_direct_address",
            0,
            0,
            "Texten tilltalar inte läsaren. Skriv ”du” eller ”ni” när du vänder dig till läsaren.",
        )
    ]
