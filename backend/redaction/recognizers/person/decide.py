"""Decision: which tokens of a part of a run of capitalised words are a person's name.

In order: a lone ordinary word may be a nickname; leading ordinary words are context, not name; the
name stops at an ordinary word unless context vouches for it; then context, initials, the number of
name-like words and what stands around one lone word decide.
"""

from __future__ import annotations

import re
from typing import Final

from ...lexicon import Lexicon
from .context import (
    NUMBER_AFTER,
    SENT_TO,
    SLASH,
    after_hos,
    after_role,
    context,
    definite_of_common,
    nickname_speaks,
    noun_shaped,
    pet_form,
    signature,
    spoken_to,
    tense_after,
    word_name_acts,
    word_name_opens,
)
from .follows import organisation_after, possession_after, role_after, speaks_after, verb_after
from .tokens import AMBIGUOUS, COMMON, INITIAL, NAMELIKE, PARTICLE, STRONG, UNKNOWN, Tok, previous_word
from .words import (
    IMPERATIVES,
    MONTH_BEFORE,
    MONTH_NAMES,
    MONTHS_SV,
    PERSON_PREPOSITION,
    PLACE_PREPOSITION,
    ROLE_WORDS,
    SIGNOFF,
    SURNAME_ENDINGS,
)

# Endings of Swedish nouns in the plural or the indefinite, and of verbs: rare on a name no list has.
_NOUN_OR_VERB_ENDINGS: Final = ("ar", "er", "or", "ing", "are", "ad")
# "från Eken till Linden": two rooms or places, one on either side.
# "mötet i Eken flyttas till Linden" too.
_FROM_TO: Final = re.compile(r"(?<![\w])(?:från|i)[ \t]+[A-ZÅÄÖ][^\W\d_]*+(?:[ \t]+[a-zåäö]++){0,2}[ \t]+till[ \t]+$")
_PRONOUN_AFTER: Final = re.compile(r"[ \t]+(?:jag|vi|du|ni|man|de|hon|han|hen|alla|många)\b")
_TO_AFTER: Final = re.compile(r"[ \t]+till[ \t]+[A-ZÅÄÖ]")


def decide(lex: Lexicon, text: str, part: list[Tok]) -> list[Tok] | None:
    """The tokens of this part of a run that are a person's name, or None."""
    if len(part) == 1 and part[0].cls == COMMON and (signature(lex, text, part[0])
                                                       or nickname_speaks(lex, text, part[0])
                                                       or after_role(lex, text, part[0])
                                                       or word_name_acts(lex, text, part[0])
                                                       or after_hos(lex, text, part[0])):
        return part
    part, trigger = _strip_lead(lex, part)
    if not part:
        return None
    trigger = trigger or context(text, part[0].word.start)
    kept = _cut(lex, part, trigger)
    if not kept:
        return None
    return _judge(lex, text, kept, trigger)


def _strip_lead(lex: Lexicon, part: list[Tok]) -> tuple[list[Tok], bool]:
    """The part without leading ordinary words and trailing particles, and whether a role led it
    ("Mentor Göran Blom"). Mutates a token's class where the lead word is a given name ("Bror Lindholm")."""
    trigger = False
    lead = 0
    if len(part) > 1 and part[0].sentence_start and part[0].norm in IMPERATIVES and part[1].cls in NAMELIKE:
        lead = 1  # "Ring Anna Svensson": the verb is no part of the name, even where it is a family name
    while lead < len(part) and part[lead].cls in (COMMON, PARTICLE):
        head = part[lead]
        nxt = part[lead + 1] if lead + 1 < len(part) else None
        if (head.norm in lex.first_names and nxt is not None and nxt.cls in NAMELIKE
                and nxt.norm in lex.last_names):
            head.cls, head.first = AMBIGUOUS, True  # "Bror Lindholm": the role word is his name
            break
        if (head.cls == COMMON and head.norm not in lex.common and head.norm not in ROLE_WORDS
                and len(head.norm) <= 10 and not head.word.upper
                and nxt is not None and nxt.cls in NAMELIKE and not nxt.word.upper):
            # "Maxamed Ahmad": ordinary only by its shape (max + amed), before a name it is a given name
            head.cls = UNKNOWN
            break
        trigger = trigger or head.norm in ROLE_WORDS
        lead += 1
    part = part[lead:]
    while part and part[-1].cls == PARTICLE:
        part.pop()
    return part, trigger


def _cut(lex: Lexicon, part: list[Tok], trigger: bool) -> list[Tok]:
    """Cut at an ordinary word unless it follows a first name and is rare enough to be a surname
    ("Thomas Gren"), follows a particle ("von Essen"), or a context word said a name comes."""
    kept = [part[0]]
    for t in part[1:]:
        if t.cls == COMMON and not trigger:
            prev = kept[-1]
            if prev.cls == PARTICLE:
                kept.append(t)
                continue
            if not (prev.first and prev.cls in (STRONG, AMBIGUOUS) and t.norm not in lex.top_common
                    and t.norm not in ROLE_WORDS and "-" not in t.norm):
                break
        kept.append(t)
    while kept and kept[-1].cls == PARTICLE:
        kept.pop()
    return kept


def _judge(lex: Lexicon, text: str, kept: list[Tok], trigger: bool) -> list[Tok] | None:
    classes = [t.cls for t in kept]
    names = [t for t in kept if t.cls in NAMELIKE]
    if not names:
        return kept if trigger and _signed_initials(text, kept) else None
    if len(names) == 1 and not names[0].first and organisation_after(text, kept[-1].word.end):
        return None  # a family name in a company name; with a given name it would still be a person
    if trigger:
        return kept if any(t.cls != COMMON for t in kept) else None
    if INITIAL in classes or len(names) >= 2:
        return kept
    return kept if _single_name(lex, text, kept, names[0]) else None


def _signed_initials(text: str, kept: list[Tok]) -> bool:
    """Initials alone after "/" or a sign-off: "/K.E.", "Mvh\nA.B."."""
    start = kept[0].word.start
    return all(t.cls == INITIAL for t in kept) and bool(
        SLASH.search(text[max(0, start - 3):start]) or SIGNOFF.search(text[max(0, start - 80):start])
    )


def _single_name(lex: Lexicon, text: str, kept: list[Tok], only: Tok) -> bool:
    """Whether one name-like word (with ordinary words after it, at most) is a name without context."""
    prev_word = previous_word(text, only.word.start)
    if only.norm in MONTH_NAMES and (prev_word in MONTH_BEFORE or prev_word.isdigit()
                                     or NUMBER_AFTER.match(text, only.word.end)):
        return False  # "in August", "15 May", "June 2024": an English month
    speaks = speaks_after(text, only.word.end) if only.norm in MONTHS_SV and len(kept) == 1 else None
    if speaks and not _PRONOUN_AFTER.match(text, speaks.end()):
        return True  # "Maj tyckte inte det": a month thinks nothing; "Maj tycker jag om" is the month
    if only.norm in MONTHS_SV or (not only.first and only.cls != UNKNOWN and (
            prev_word == "i" or (prev_word == "till"  # what _FROM_TO ends with, checked cheaply first
                                 and _FROM_TO.search(text, max(0, only.word.start - 40), only.word.start))
            or (prev_word == "från" and _TO_AFTER.match(text, only.word.end)))):
        return False  # "Maj är en intensiv månad", "möte i Linden", "från Eken till Linden": a month, a room
    if only.cls in (UNKNOWN, AMBIGUOUS):
        if prev_word == "till" and (spoken_to(text, only.word.start) or (
                lex.is_name(only.norm) and only.norm not in lex.allow_words
                and SENT_TO.search(text, max(0, only.word.start - 40), only.word.start))):
            return True  # "säg till Tompa", "skicka en ros till Ros": one says or sends to a person
        if (only.word.raw.endswith("s") and only.norm not in lex.top_common  # "Hans mamma": his
                and possession_after(text, kept[-1].word.end)):
            if only.cls == UNKNOWN and not only.genitive:
                only.norm, only.genitive = only.norm[:-1], 1  # known by its stem, as "Bawan"
            return True  # "nyckeln till Bawans lägenhet": a person's home
    if only.cls == STRONG:
        return True
    if not only.word.raw[1:].islower():
        return False  # "SoL", "McKinsey": an abbreviation or a brand, unless context says more
    if len(kept) == 1 and pet_form(lex, only.norm) and tense_after(text, only.word.end):
        return True  # "v. 52. Mickan täcker upp": a pet name acting, wherever the sentence starts
    if prev_word.isdigit() or prev_word in PLACE_PREPOSITION:
        return False  # "15 May", "i Berg"
    after = text[kept[-1].word.end:kept[-1].word.end + 40]
    if role_after(after):
        return True
    if (only.cls == UNKNOWN or (only.cls == AMBIGUOUS and only.first)) and verb_after(after, 0) and not (
            only.sentence_start and only.cls == UNKNOWN and definite_of_common(lex, only.norm)):
        return True  # "Bardia är", not "Gåvan kan" or "Firman är" opening a sentence
    if len(kept) == 1 and word_name_acts(lex, text, only):
        return True  # "när Vinter kom": a family name that is also a word
    if only.sentence_start and len(kept) == 1 and word_name_opens(lex, text, only):
        return True  # "Ros fick en ros"
    if only.sentence_start:
        # "Sasithorn samordnar", "Dao pratade": a word no list has, without a noun's ending, before a
        # verb in the present or past tense ("Gåvan överlämnades" has the definite ending, "Midsommar
        # infaller" a noun's -ar; the listed names with those endings need no such rule).
        return (only.cls == UNKNOWN and len(kept) == 1 and not noun_shaped(lex, only.norm)
                and not only.norm.endswith(_NOUN_OR_VERB_ENDINGS) and bool(tense_after(after, 0)))
    if only.cls == AMBIGUOUS and only.norm not in lex.allow_words and not only.word.upper:
        return only.first or only.norm not in lex.top_common
    if len(only.norm) <= 3 and NUMBER_AFTER.match(text, only.word.end):
        return False  # "enligt Dnr 2024/12": an abbreviation before its number
    return only.cls == UNKNOWN and (only.norm.endswith(SURNAME_ENDINGS) or prev_word in PERSON_PREPOSITION)
