"""Swedish vehicle registration numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document

# Three letters (I, Q, V, Å, Ä, Ö are never used) and three digits, or, since 2019, two digits
# and a letter (never O) last.
_PLATE = re.compile(r"(?<![\w.\-/])([A-HJ-PR-UW-Z]{3})[ \u00a0]?(\d\d[\dA-HJ-NPR-UW-Z])(?![\w\-/]|[.,]\d)")
_CONTEXT = re.compile(r"(?:reg\.?\s*nr|regnr|registreringsnummer|registreringsnr|fordon|bil(?:en)?|"
                      r"skylt|plate)\W{0,4}$", re.I)
# Three-letter abbreviations that stand before numbers in case notes: laws, currencies, codes.
_NOT_PLATES = frozenset((
    "SFS", "LSS", "LOU", "LVU", "LVM", "HSL", "OSL", "SOL", "PBL", "SEK", "EUR", "USD", "NOK", "DKK",
    "GBP", "CHF", "ISK", "PLN", "KAP", "AVD", "NUM", "TEL", "FAX", "BBR", "ICD", "KVA", "ATC", "ABC",
    "NPF", "ADL", "SCB", "SKR", "MBN", "KSN", "RSN", "BUN", "SBN", "MHN", "TKN", "GDP", "CET", "UTC",
    "GMT", "VAT", "MOM", "BNP",
))


class PlateRecognizer(Recognizer):
    """Masks ABC 123 and ABC 12A."""

    entity_type = "PLATE"
    name = "plate"

    def find(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        for m in _PLATE.finditer(text):
            letters = m.group(1)
            context = bool(_CONTEXT.search(text, max(0, m.start() - 30), m.start()))
            if letters in _NOT_PLATES and not context:
                continue
            key = (letters + m.group(2),)
            yield Candidate(m.start(), m.end(), self.entity_type, 0.9 if context else 0.6, key, source=self.name)
