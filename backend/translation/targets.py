"""Which languages a text may be translated to and from: ISO 639-1 codes (pycountry's data), plus sv-lattlast."""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass

import pycountry

# Easy-to-read Swedish (lättläst): Swedish written after the common easy-to-read guidelines, checked by
# the readability findings and revised once (backend/translation/lattlast.py).
LATTLAST = "sv-lattlast"


@dataclass(frozen=True)
class Target:
    """A language to write in: its ISO 639-1 code and whether it is the easy-to-read form of Swedish."""

    code: str
    easy: bool = False

    @property
    def tag(self) -> str:
        """The code as the request gave it (sv-lattlast for easy Swedish)."""
        return LATTLAST if self.easy else self.code


@functools.cache
def iso_codes() -> frozenset[str]:
    """Every two-letter ISO 639-1 code (184 in pycountry 26.2)."""
    return frozenset(language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2"))


def parse_target(value: str) -> Target | None:
    """sv, en, sv-lattlast or any ISO 639-1 code, in lower case; None for anything else."""
    if value == LATTLAST:
        return Target("sv", easy=True)
    return Target(value) if value in iso_codes() else None


def parse_source(value: str) -> str | None:
    """An ISO 639-1 code in lower case; None for anything else (lättläst is never a source)."""
    return value if value in iso_codes() else None


@functools.cache
def _swedish_names() -> gettext.NullTranslations:
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["sv"], fallback=True)


def language_name(code: str, in_language: str) -> str:
    """The language's name to write inside a prompt: "finska" in Swedish, "Finnish" in English."""
    language = pycountry.languages.get(alpha_2=code)
    if language is None:
        raise ValueError(f"not an ISO 639-1 code: {code!r}")
    english: str = language.name
    if in_language == "sv":
        # Swedish writes language names in lower case inside a sentence ("till finska").
        return _swedish_names().gettext(english).lower()
    return english
