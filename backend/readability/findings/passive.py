"""Passive forms: the s-passive ("beslutas", "ska lämnas", "skickades") and "bli" + participle.

A heuristic without a dictionary, tuned to miss rather than to nag: it skips deponent and reciprocal
verbs ("finnas", "hoppas", "träffas"), genitives ("en kvinnas", "deras", "kommunernas") and the
common nouns that end like a passive ("plats", "databas").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from backend.readability.report import Finding
from backend.readability.splitting import Sentence
from backend.readability.wordlists import WordStarts, suffix_lookbehind, word_sections, word_set

_LOWER = "a-zåäöéü"

# Plural definite genitives ("kommunernas", "medborgarnas") end like "lämnas" but are nouns.
_PLURAL_GENITIVE_ENDINGS = ("arnas", "ernas", "ornas", "urnas")
# The only passives shorter than four letters; "gas", "bas" or a bare "as" are not.
_SHORT_PASSIVES = frozenset({"tas", "ges", "fås", "nås"})

_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[^\w\r\n]*\Z")

# "bli" in any form, up to two adverbs, then a participle: "blir beviljad", "blev inte avslagen".
# It starts with a plain [Bb] so the regex engine can skip to candidates; the lookbehind then checks
# that the "b" starts a word.
_BLI_PARTICIPLE = re.compile(
    r"[Bb](?<!\w[Bb])(?i:li|lir|lev|livit|liva|livande|livna)\s+"
    r"(?i:(?:inte|också|även|då|sedan|redan|snart|därför|alltså|ofta|normalt|automatiskt|alltid|"
    r"aldrig|nog|troligen|kanske)\s+){0,2}"
    rf"(?P<participle>[{_LOWER}]{{4,}})(?!\w)"
)
# Participle endings: -ad/-at/-ade (beviljad), -d/-t/-da (godkänd, godkänt), strong -en/-et/-na
# after the stem consonants that strong verbs have (avslagen, skriven, funnen, gripen).
_PARTICIPLE_ENDING = re.compile(
    r"(?:ad|at|ade|ada|[^aeiouyåäö]d|[^aeiouyåäö]da|[^aeiouyåäöst]t|dd|tt"
    r"|(?:g|v|nn|p|ut|ud)(?:en|et|na))\Z"
)
_ADJECTIVE_ENDINGS = ("gt", "ant", "ent", "ellt", "ivt", "iskt", "ast", "ert", "ingen")


@functools.cache
def _s_passive() -> WordStarts:
    """A lowercase word ending like an s-passive: -as, -ades, -ats, -its, or a listed irregular form."""
    endings = suffix_lookbehind(["as", "ades", "ats", "its", *word_set("passive_forms.txt")])
    # A possessive run of letters, then a look back at its ending: no backtracking through the word.
    return WordStarts(rf"[{_LOWER}]{{2,}}+{endings}(?!\w)")


@functools.cache
def _deponents() -> frozenset[str]:
    return word_set("deponents.txt")


@functools.cache
def _exceptions() -> dict[str, frozenset[str]]:
    return word_sections("passive_exceptions.txt")


def is_s_passive(word: str, previous: str | None) -> bool:
    """Whether a word found by the s-passive pattern is really a passive verb form."""
    if word in _deponents() or word in _exceptions()["not_verbs"]:
        return False
    if word.endswith(_PLURAL_GENITIVE_ENDINGS):
        return False
    if word.endswith("plats") or (word.endswith("sats") and not word.endswith("ssats")):
        return False  # arbetsplats, webbplats, insats, uppsats
    if len(word) < 4 and word not in _SHORT_PASSIVES:
        return False
    if word.endswith(("its", "ades")) and len(word) < 6:
        return False
    return previous is None or previous.lower() not in _exceptions()["determiners"]


def is_participle(word: str) -> bool:
    """Whether a word after "bli" reads as a passive participle ("beviljad") and not an adjective."""
    lowered = word.lower()
    if lowered in _exceptions()["not_participles"] or lowered.endswith(_ADJECTIVE_ENDINGS):
        return False
    return _PARTICIPLE_ENDING.search(lowered) is not None


def find_passives(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """One finding per passive form; for "bli" + participle the span covers both words."""
    findings: list[Finding] = []
    # What a word alone decides, once per word: False (never a passive), True (always), or None (an
    # -as word that the word before may show to be a genitive, "en kvinnas").
    verdicts: dict[str, bool | None] = {}
    determiners = _exceptions()["determiners"]
    longest = _longest_determiner()
    for start, end in _s_passive().spans(text):
        word = text[start:end]
        if word in verdicts:
            verdict = verdicts[word]
        else:
            verdict = verdicts[word] = _verdict(word)
        if verdict is None:
            before = start - 2 - longest
            if before >= 0 and text[start - 1] == " " and text[before : start - 1].isalpha():
                verdict = True  # the word before is longer than any determiner: no regex needed
            else:
                found = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
                verdict = found is None or found.group(1).lower() not in determiners
        if verdict:
            findings.append(_finding(start, end, word))
    for match in _BLI_PARTICIPLE.finditer(text):
        if is_participle(match.group("participle")):
            findings.append(_finding(match.start(), match.end(), match.group()))
    return findings


@functools.cache
def _longest_determiner() -> int:
    return max(map(len, _exceptions()["determiners"]), default=0)


def _verdict(word: str) -> bool | None:
    """is_s_passive(word, previous) as far as the word alone decides it; None where the previous word counts."""
    if not is_s_passive(word, None):
        return False
    # Only -as words can be genitives of nouns ("en kvinnas"): for them the word before decides,
    # as the last line of is_s_passive() does.
    return None if word.endswith("as") else True


def _finding(start: int, end: int, found: str) -> Finding:
    return Finding(
        "passive",
        start,
        end,
        f"Passiv form: ”{found}”. Skriv aktivt om det framgår vem som gör något, "
        "som ”vi skickar beslutet” i stället för ”beslutet skickas”.",
    )
