"""Personnummer, samordningsnummer, and interim and reserve numbers with a letter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import Recognizer
from ..entities import Candidate
from ..text import Document
from .checksums import luhn_ok

# YYMMDD or YYYYMMDD, a separator (- before, + from the 100th birthday; often none; a space
# sometimes), and four characters: digits, or for interim/reserve numbers a letter first.
_PNR = re.compile(
    r"(?<![\w+\-/.,])"
    r"(?P<century>1[89]|20)?(?P<yy>\d\d)(?P<mm>\d\d)(?P<dd>\d\d)"
    r"(?P<sep>[ \u00a0]?[-+\u2010-\u2012][ \u00a0]?|[ \u00a0])?"
    r"(?P<serial>[A-Za-z]\d{3}|\d{4})"
    r"(?![\w\-/]|[.,]\d)"
)


class PersonnummerRecognizer(Recognizer):
    """Masks anything shaped like a personnummer; a failed check digit is probably a typo of one."""

    entity_type = "PERSONNUMMER"
    name = "personnummer"

    def find(self, doc: Document) -> Iterator[Candidate]:
        for m in _PNR.finditer(doc.text):
            month, day = int(m["mm"]), int(m["dd"])
            # A real birth date, or day + 60 for a samordningsnummer. Organisation numbers have
            # a month field of 20 or more, so this also keeps them out.
            if not (1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)):
                continue
            serial, sep = m["serial"], m["sep"]
            letter = not serial.isdigit()
            valid = not letter and luhn_ok(m["yy"] + m["mm"] + m["dd"] + serial)
            if sep is not None and sep.strip() == "" and not (valid or letter):
                continue  # "850101 1234" with only a space: two numbers unless the check digit agrees
            if sep is None and not m["century"] and not valid and not letter:
                score = 0.45  # ten bare digits with a bad check digit: a phone number may claim them
            else:
                score = 0.95 if valid or letter else 0.7
            key = (m["yy"] + m["mm"] + m["dd"] + serial.upper(),)
            yield Candidate(m.start(), m.end(), self.entity_type, score, key, source=self.name)
