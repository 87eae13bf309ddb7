"""Rebuild first_names.txt, last_names.txt and common_words.txt from their open sources.

A maintainer's tool, not used at run time. Needs faker==40.54.0 and wordfreq==3.1.1 installed:
    python -m backend.redaction.data.build_lists [--names-only]
--names-only rebuilds the name lists and leaves common_words.txt (wordfreq not needed).
SOURCES.md says where each list comes from and under which licence.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Faker locales whose names are written in Latin script: the scripts that Swedish case notes use.
LOCALES = (
    "sv_SE", "no_NO", "da_DK", "fi_FI", "is_IS", "de_DE", "de_AT", "de_CH", "en_US", "en_GB", "en_IE", "en_NZ",
    "fr_FR", "es_ES", "it_IT", "pt_PT", "pt_BR", "nl_NL", "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU",
    "ro_RO", "et_EE", "lv_LV", "lt_LT", "tr_TR", "az_AZ", "en_PK", "en_IN", "en_KE", "en_NG", "id_ID",
)
# Romanised Thai, Algerian (Arabic names in French spelling), Chilean and Vietnamese names. Short
# Vietnamese names are everyday Swedish words ("Vi", "Ha", "Hoa"): those among the 3 000 most
# frequent Swedish words are left out, so that "Vi har" and "Ha det bra" stay sentences.
LOCALES_WORLD = ("en_TH", "fr_DZ", "es_CL", "vi_VN")
FIRST_ATTRS = ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary")
LAST_ATTRS = ("last_names", "last_names_female", "last_names_male", "male_last_names", "unisex_last_names")
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'\-]+$")

# Swedish inflection endings: a true common word shows up in several inflected forms in the
# frequency list, a proper name mostly does not (measured: gren/grenen/grenar vs haddad alone).
ENDINGS = ("en", "et", "ar", "er", "or", "arna", "erna", "orna", "na", "t", "a", "e", "de", "te", "r",
           "ade", "at", "are", "ast", "aste", "ing", "ning", "ningen", "ligt", "lig", "iga")
SV_TOP_ALWAYS_COMMON = 6000
SV_SIZE = 150_000
EN_SIZE = 12_000


def _norm(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _names(attrs: Iterable[str], locales: Iterable[str] = LOCALES) -> set[str]:
    found: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in attrs:
            names = getattr(provider, attr, ())
            if not isinstance(names, (list, tuple, dict)):
                continue  # a computed attribute (en_TH), not a list
            for name in names:
                # Multi-part entries ("Mc Donald") are split; each part is a name on its own.
                for part in str(name).split():
                    if LATIN.match(part) and len(part) >= 2:
                        found.add(_norm(part))
    return found


def _supplement(path: Path, split: bool = False) -> set[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("#", "origin:"))]
    words = [w for line in lines for w in (line.split() if split else [line.strip()])]
    return {_norm(w) for w in words if w}


def _common_words(names: set[str]) -> list[str]:
    import wordfreq

    ambiguous = _supplement(HERE / "ambiguous_names.txt", split=True)

    sv = wordfreq.top_n_list("sv", SV_SIZE)
    sv_set = set(sv)
    common: dict[str, None] = {}  # keeps frequency order: the recognizer reads the top ranks apart
    for rank, word in enumerate(sv):
        if not word.isalpha():
            continue
        forms = sum(1 for e in ENDINGS if word + e in sv_set)
        if word in names and word not in ambiguous:
            continue  # a name first: only the hand-checked ambiguous_names.txt keeps it common
        inflected = any(word.endswith(e) and word[: -len(e)] in sv_set for e in ENDINGS if len(word) - len(e) >= 3)
        if rank < SV_TOP_ALWAYS_COMMON or forms >= 2 or inflected:
            common[word] = None
    for word in wordfreq.top_n_list("en", EN_SIZE):
        if word.isalpha() and (word not in names or word in ambiguous):
            common.setdefault(word, None)
    for word in sorted(ambiguous):
        common.setdefault(word, None)
    return list(common)


def _top_common(n: int = 3000) -> set[str]:
    words = [w for w in (HERE / "common_words.txt").read_text(encoding="utf-8").splitlines() if not w.startswith("#")]
    return set(words[:n])


def _write(path: Path, header: str, words: Iterable[str]) -> None:
    path.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")


def main() -> None:
    import sys

    top = _top_common()
    first = (_names(FIRST_ATTRS) | (_names(FIRST_ATTRS, LOCALES_WORLD) - top)
             | _supplement(HERE / "first_names_extra.txt") | _supplement(HERE / "world_first_names.txt", split=True))
    last = (_names(LAST_ATTRS) | (_names(LAST_ATTRS, LOCALES_WORLD) - top)
            | _supplement(HERE / "last_names_extra.txt") | _supplement(HERE / "world_last_names.txt", split=True))
    note = "# Generated by build_lists.py; see SOURCES.md. One lower-case NFC word a line.\n"
    _write(HERE / "first_names.txt", note, sorted(first))
    _write(HERE / "last_names.txt", note, sorted(last))
    if "--names-only" in sys.argv:
        print(f"first {len(first)}, last {len(last)}; common_words.txt left as it is")
        return
    common = _common_words(first | last)
    ranked = "# Generated by build_lists.py; see SOURCES.md. One lower-case word a line, most frequent first.\n"
    _write(HERE / "common_words.txt", ranked, common)
    print(f"first {len(first)}, last {len(last)}, common {len(common)}")


if __name__ == "__main__":
    main()
