"""Word classes for the nominal ratio: a lexicon lookup with a few context rules, no model.

No part-of-speech tagger for Swedish installs from the package registries this project uses, so the
classes come from a lexicon derived from the Swedish Hunspell dictionary (data/build_lexicon.py) and a
hand-written list of the closed classes. Its accuracy on a hand-tagged sample is measured by
tests/readability/test_tagger.py and stated in docs/readability.md.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator, Sequence

from backend.readability.wordlists import read_data

# Tags that a word alone cannot decide between are settled by the word before it.
_NOMINAL_CONTEXT = frozenset({"DT", "JJ", "PP", "PC", "RG"})
_VERBAL_CONTEXT_WORDS = frozenset(
    {"att", "jag", "du", "han", "hon", "hen", "vi", "ni", "de", "dom", "man", "ska", "skall", "skulle", "kan",
     "kunde", "måste", "får", "fick", "vill", "ville", "bör", "borde", "inte", "också", "ej", "som"}
)
# After "har"/"hade" a supine ("har skickat") is a verb; a noun may follow as well ("har frågor").
_PERFECT_AUXILIARIES = frozenset({"har", "hade", "ha"})
# Determiners and pronouns share forms ("det", "den", "de"); before a noun or adjective it is a determiner.
_DETERMINER_OR_PRONOUN = frozenset({"den", "det", "de", "denna", "detta", "dessa", "en"})
_FINITE_ENDINGS = ("ar", "er", "as", "es", "ades", "ade", "de", "te", "dde")
_ORDER = ("NN", "VB", "PC", "JJ", "AB", "PP", "PN", "DT", "KN", "SN", "IE", "HP", "RG", "PM", "IN")

# Endings of words the lexicon does not know, longest first: Swedish derivation is regular.
_SUFFIX_TAGS = (
    ("erade", "VB"), ("erat", "VB"), ("erad", "PC"), ("erar", "VB"),
    ("ningen", "NN"), ("ningar", "NN"), ("heten", "NN"), ("ning", "NN"), ("het", "NN"), ("else", "NN"),
    ("tion", "NN"), ("skap", "NN"), ("ökan", "NN"), ("älan", "NN"), ("äran", "NN"), ("udan", "NN"),
    ("ande", "PC"), ("ende", "PC"), ("ligt", "JJ"), ("iskt", "JJ"),
    ("lig", "JJ"), ("isk", "JJ"), ("ig", "JJ"), ("bar", "JJ"), ("ade", "VB"), ("ar", "NN"), ("er", "NN"),
)
_MIN_COMPOUND_HEAD = 3
_MAX_COMPOUND = 48
_MIN_COMPOUND_MODIFIER = 2


@functools.cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """Form → tags in order of preference; the closed classes override the generated lexicon."""
    table: dict[str, tuple[str, ...]] = {}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per combination: 90,000 words, 40 tuples
    for name in ("pos_lexicon.tsv", "closed_classes.tsv"):
        for line in read_data(name).splitlines():
            if not line or line.startswith("#"):
                continue
            form, _, tags = line.partition("\t")
            found = tags.split("|")
            if name == "pos_lexicon.tsv":
                found.sort(key=_ORDER.index)
            key = tuple(found)
            table[form] = shared.setdefault(key, key)
    return table


@functools.cache
def _closed() -> frozenset[str]:
    return frozenset(
        line.partition("\t")[0] for line in read_data("closed_classes.tsv").splitlines() if line and line[0] != "#"
    )


@functools.lru_cache(maxsize=65_536)
def candidates(lowered: str) -> tuple[str, ...]:
    """The tags a lowercase word can have, most likely first, without context."""
    table = lexicon()
    found = table.get(lowered)
    if found:
        return found
    if lowered[:1].isdigit():
        return ("RG",)
    if len(lowered) > _MAX_COMPOUND:
        return ("NN",)  # no Swedish word is this long; and the compound search below is quadratic
    # A compound takes the class of its last part: "bostadsbidraget" is a noun like "bidraget".
    for start in range(_MIN_COMPOUND_MODIFIER, len(lowered) - _MIN_COMPOUND_HEAD + 1):
        head = table.get(lowered[start:])
        # Only open-class heads: "ansökan" is not a compound of "kan".
        if head and head[0] in ("NN", "PC", "JJ") and lowered[start:] not in _closed():
            return head
    for ending, tag in _SUFFIX_TAGS:
        if lowered.endswith(ending):
            return (tag,)
    return ("NN",)


# Within one analyze() call the nominal ratio and the noun clusters tag the same sentences: tag once.
_SENTENCE_TAGS: contextvars.ContextVar[dict[int, list[str]] | None] = contextvars.ContextVar(
    "sentence_tags", default=None
)


@contextlib.contextmanager
def tag_cache() -> Iterator[None]:
    """Remember each sentence's tags (by the identity of its word list) until the block ends."""
    token = _SENTENCE_TAGS.set({})
    try:
        yield
    finally:
        _SENTENCE_TAGS.reset(token)


def sentence_tags(words: list[str]) -> list[str]:
    """tag_words(words), remembered inside tag_cache() for this very list of words."""
    cache = _SENTENCE_TAGS.get()
    if cache is None:
        return tag_words(words)
    found = cache.get(id(words))
    if found is None:
        found = cache[id(words)] = tag_words(words)
    return found


def tag_words(words: Sequence[str]) -> list[str]:
    """One tag per word of a sentence, in order."""
    known = _known_words
    tags: list[str] = []
    append = tags.append
    previous_word = ""
    for index, word in enumerate(words):
        # Most words of a text are repeats: everything the word alone decides comes from one dict lookup.
        entry = known.get(word)
        if entry is None:
            entry = known[word] = _word_entry(word)
            if len(known) > _KNOWN_MAX:
                known.clear()
        lowered, options, fixed, unknown_capital = entry
        if unknown_capital and index:
            append("PM")  # a capital inside a sentence that no lexicon knows: a name
        elif fixed:
            append(fixed)
        else:
            append(_choose(options, previous_word, tags[-1] if tags else "", words, index))
        previous_word = lowered
    return tags


def _word_entry(word: str) -> tuple[str, tuple[str, ...], str, bool]:
    """(lowered, readings, the one reading or "", capitalised and unknown to the lexicon)."""
    lowered = word.lower()
    options = candidates(lowered)
    return lowered, options, options[0] if len(options) == 1 else "", word[:1].isupper() and lowered not in lexicon()


# Word as written → what the word alone decides; bounded, as the process lives long.
_known_words: dict[str, tuple[str, tuple[str, ...], str, bool]] = {}
_KNOWN_MAX = 200_000


def _choose(options: tuple[str, ...], previous_word: str, previous_tag: str, words: Sequence[str],
            index: int) -> str:
    if words[index].lower() in _DETERMINER_OR_PRONOUN and "DT" in options:
        next_tag = candidates(words[index + 1].lower())[0] if index + 1 < len(words) else ""
        return "DT" if next_tag in ("NN", "JJ", "PC", "RG") else "PN"
    if previous_word in _PERFECT_AUXILIARIES and words[index].endswith("t") and "VB" in options:
        return "VB"
    if words[index].lower() == "att":
        following = candidates(words[index + 1].lower()) if index + 1 < len(words) else ()
        return "IE" if "VB" in following else "SN"
    if index == 0 and "SN" in options:
        return "SN"  # "Om du …", "När beslutet …": a sentence that starts with a subordinate clause
    if previous_tag in ("NN", "PN", "PM") and "VB" in options and words[index].endswith(_FINITE_ENDINGS):
        return "VB"  # subject, then the finite verb: "Föreläggandet förenas", "handläggaren visar"
    if previous_word in _VERBAL_CONTEXT_WORDS:
        for tag in ("VB", "PC"):
            if tag in options:
                return tag
    if "JJ" in options and index + 1 < len(words) and candidates(words[index + 1].lower())[0] == "NN":
        return "JJ"  # an adjective before its noun: "hög arbetsbelastning"
    if previous_tag in _NOMINAL_CONTEXT:
        for tag in ("NN", "JJ"):
            if tag in options:
                return tag
    return options[0]
