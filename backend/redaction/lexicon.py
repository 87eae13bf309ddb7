"""Word lists the recognizers use, read once from data/ on first use and shared read-only."""

from __future__ import annotations

import gettext
import re
import threading
from dataclasses import dataclass

import pycountry

from .data import DATA
from .text import WORD_RE, normalize_word

# Words this frequent are function words and everyday vocabulary: never a surname after a first name.
TOP_COMMON = 3000


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _phrases(*names: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(normalize_word(w) for w in WORD_RE.findall(line)) for n in names for line in _lines(n))


def _countries() -> frozenset[tuple[str, ...]]:
    """Countries' Swedish names of several words from pycountry's ISO 3166 translations ("Nya Zeeland", "Kap Verde"),
    without the official tails ("Bolivia, Mångnationella staten" -> Bolivia; "(Malvinas)" dropped)."""
    swedish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"], fallback=True)
    found = set()
    for country in pycountry.countries:
        name = re.sub(r"\s*\(.*?\)", "", swedish.gettext(country.name)).split(",")[0]
        words = tuple(normalize_word(w) for w in WORD_RE.findall(name))
        # Names of several words only: a one-word country ("Mali", "Kenya") is also a given name, and
        # after "från", "i" or "till" the rules already read a place.
        if len(words) > 1:
            found.add(words)
    return frozenset(found)


@dataclass(frozen=True)
class Lexicon:
    """Name lists, common words and allowlisted names of places, organisations and medicines."""

    first_names: frozenset[str]
    last_names: frozenset[str]
    common: frozenset[str]
    top_common: frozenset[str]
    # Multi-word allowlist entries as tuples of normalized words ("region", "halland").
    allow_phrases: frozenset[tuple[str, ...]]
    # Single words that name a place, an organisation or a medicine.
    allow_words: frozenset[str]
    max_phrase: int

    def is_name(self, norm: str) -> bool:
        return norm in self.first_names or norm in self.last_names


_lock = threading.Lock()
_cached: Lexicon | None = None


def load_lexicon() -> Lexicon:
    """The process-wide lexicon, loaded on first call (about 0.1 s, a few MB)."""
    global _cached
    with _lock:
        if _cached is None:
            common = _lines("common_words.txt")
            phrases = _phrases("municipalities.txt", "regions.txt", "places.txt", "authorities.txt",
                               "medicines.txt", "named_after_people.txt", "stores.txt") | _countries()
            single = {p[0] for p in phrases if len(p) == 1}
            # Genitive forms ("Halmstads kommun", "Hallands sjukhus") are places too.
            single |= {w + "s" for w in single if not w.endswith("s")}
            multi = frozenset(p for p in phrases if len(p) > 1)
            _cached = Lexicon(
                first_names=frozenset(_lines("first_names.txt")),
                last_names=frozenset(_lines("last_names.txt")),
                common=frozenset(common),
                top_common=frozenset(common[:TOP_COMMON]),
                allow_phrases=multi,
                allow_words=frozenset(single),
                max_phrase=max((len(p) for p in multi), default=1),
            )
        return _cached


_SPLIT = re.compile(r"[-'’]")


def parts(norm: str) -> list[str]:
    """The parts of a hyphenated or apostrophed word ("nils-åke" -> nils, åke)."""
    return [p for p in _SPLIT.split(norm) if p]
