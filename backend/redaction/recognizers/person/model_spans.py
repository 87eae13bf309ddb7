"""Names the trained model (names/model.py) finds around the words the rules left open."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Final

from ...entities import Candidate
from ...names.model import NameModel
from ...text import normalize_word
from .classify import MAX_NAME, Classifier, chat_like
from .context import (
    NUMBER_AFTER,
    compound_support,
    initials_place,
    names_a_thing,
    pet_form,
    solo_start_support,
    spoken_to,
    start_trigger,
)
from .tokens import Tok, TokenClass, merged_spans, previous_word, sentence_start
from .words import (
    ABBREVIATIONS,
    CAR_MAKES,
    FUNCTION_WORDS,
    NOUN_ENDINGS,
    ORGANISATION_AFTER,
    PLACE_PREPOSITION,
    ROLE_WORDS,
    VERB_AFTER,
)

C = TokenClass
# The model's confidence needed for one word alone at the start of a sentence, where ordinary words
# have capitals too (its other spans need names.model.THRESHOLD).
SOLO_START_THRESHOLD = 0.8
# At most this many words left open per text go to the model: a 200 000-character case note has a
# few hundred; pathological input has tens of thousands.
MAX_MODEL_TRIGGERS = 5000


_LIST_LINK = re.compile(r"(?:,[ \t]*|[ \t]+och[ \t]+)$")
_CAP_BEFORE = re.compile(r"[A-ZÅÄÖ][^\W\d_]*$")


# "till Annas lägenhet": a genitive stands before its noun; "till Vallås i morgon", "via Vallås," end in -s.
_NOUN_NEXT = re.compile(r"[ \t]++(?!(?:i|på|vid|från|till|mot|över|genom|och|som|att|om|med|hos|för|av|nu|sen|"
                        r"senast|igen|imorgon|idag|ikväll)\b)[a-zåäö]{2,}")


def _genitive(text: str, end: int) -> bool:
    return text.startswith("s", end - 1) and bool(_NOUN_NEXT.match(text, end))


def _list_start(text: str, start: int) -> int:
    """Where a list of capitalised words that ends at start begins ("via Andersberg, Vallås och Söndrum"):
    the word before the list says what the list is."""
    for _ in range(6):
        link = _LIST_LINK.search(text, max(0, start - 8), start)
        if not link:
            break
        word = _CAP_BEFORE.search(text, max(0, link.start() - 30), link.start())
        if not word:
            break
        start = word.start()
    return start


# The classes and lists _open() and _triggers() read for every capitalised word, as this module's own
# Final names: compiled (mypyc), such a name is a C static, where an imported name is a dictionary
# lookup in the module's globals at each use, and TokenClass.STRONG a Python attribute lookup on
# the enum class besides (about 80 ns, five of them per word). The same objects, so the same results.
_STRONG: Final = TokenClass.STRONG
_AMBIGUOUS: Final = TokenClass.AMBIGUOUS
_UNKNOWN: Final = TokenClass.UNKNOWN
_INITIAL: Final = TokenClass.INITIAL
_COMMON: Final = TokenClass.COMMON
_BLOCKED: Final = TokenClass.BLOCKED
_MAX_NAME: Final = MAX_NAME
_ROLE_WORDS: Final = ROLE_WORDS
_CAR_MAKES: Final = CAR_MAKES
_ABBREVIATIONS: Final = ABBREVIATIONS
_VERB_AFTER: Final = VERB_AFTER
_NUMBER_AFTER: Final = NUMBER_AFTER
_FUNCTION_WORDS: Final = FUNCTION_WORDS


def _open(cls: Classifier, text: str, t: Tok) -> bool:
    """Whether the rules leave a capitalised word open for the model.

    Open: a name-like word, an ordinary word with a capital where a sentence does not start
    (wordfreq lists nicknames such as "Danne" as words), a short run of capitals ("AK"); one
    opening a sentence only before a verb ("Kenta ringde").
    """
    c = t.cls
    if c in (_STRONG, _AMBIGUOUS, _UNKNOWN, _INITIAL):
        return True
    lex = cls.lex
    norm = t.norm
    if c == _COMMON:
        if norm not in lex.common:
            return not t.sentence_start and len(norm) <= _MAX_NAME
        return (norm not in lex.top_common and norm not in _ROLE_WORDS and "-" not in norm
                and len(norm) > 2 and (not t.sentence_start or bool(_VERB_AFTER.match(text, t.word.end))))
    raw = t.word.raw
    return (c == _BLOCKED and raw.isupper() and 2 <= len(raw) <= 3
            and norm not in _CAR_MAKES and norm not in lex.allow_words and norm not in _ABBREVIATIONS)


class _Covered:
    """tokens.inside() on one list of merged spans, with their starts and ends as two lists of ints.

    inside() bisects the (start, end) tuples with a tuple it builds for each word; merged spans
    (tokens.merged_spans()) have distinct, increasing starts, so the last span with (s, e) <=
    (start, sys.maxsize) is the last one with s <= start: bisecting the starts alone finds the same
    span, and its start is <= start already."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _e in spans]
        self.ends = [e for _s, e in spans]

    def inside(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]


def _triggers(cls: Classifier, text: str, toks: list[Tok], lower: list[Tok],
              covered: list[tuple[int, int]], chat_open: list[tuple[int, int]] | None) -> list[int]:
    lex = cls.lex
    triggers: list[int] = []
    spans = _Covered(covered)
    # One loop with the cheap tests first: each test is pure, so the order of the "and"s does not
    # change which words pass; Word.upper (a property: a Python call) is read only for short words.
    for t in toks:
        if not _open(cls, text, t):
            continue
        start, end, raw = t.word.start, t.word.end, t.word.raw
        if covered and spans.inside(start, end):
            continue
        # A short word before a number is an abbreviation ("BG 5050-1055", "Dnr 2024/12"); two or
        # three capitals are initials only where initials stand.
        if len(raw) <= 3 and (_NUMBER_AFTER.match(text, end) is not None
                              or (t.word.upper and not initials_place(text, start, end))):
            continue
        # A word opening a sentence goes to the model only with a reason to think it a name:
        # most capitalised words in prose open a sentence ("Samverkan sker", "Den").
        if t.sentence_start and not start_trigger(lex, text, t):
            continue
        triggers.append(start)
    # A lower-case word that a name list holds goes to the model, unless it is a pronoun, an article or a
    # conjunction: lists of many origins hold "och", "den", "som" and "han" as names, and in chat these
    # made more than half of the words the model looked at, without one name among them. A frequent word
    # that is a given name too stays ("hej bo!", "tack vilja!": the model finds those).
    triggers += [t.word.start for t in lower
                 if len(t.norm) > 1 and t.norm not in _FUNCTION_WORDS and not spans.inside(t.word.start, t.word.end)]
    if chat_open is None and (lower or chat_like(text)):
        chat_open = cls.chat_words(text)[1]
    if chat_open:
        # In chat a name in lower case that no list has: any word no list calls ordinary, and no
        # compound of ordinary words (Classifier.chat_words).
        seen = {t.word.start for t in lower}
        triggers += [s for s, e in chat_open if s not in seen and not spans.inside(s, e)]
    return triggers


def model_candidates(cls: Classifier, model: NameModel, text: str, toks: list[Tok], lower: list[Tok],
                     found: list[Candidate], entity_type: str,
                     chat_open: list[tuple[int, int]] | None = None) -> Iterator[Candidate]:
    """Candidates from the model's spans around the open words, less what the rules rule out.

    chat_open: the lower-case words open to the model in chat-like text, where the caller has them
    (Classifier.chat_words; [] for text that is not chat-like); None works them out here."""
    lex = cls.lex
    spans_found = merged_spans(found)
    triggers = _triggers(cls, text, toks, lower, spans_found, chat_open)
    if not triggers or len(triggers) > MAX_MODEL_TRIGGERS:
        # Text where every other word looks like a name ("Aa Aa Aa ...", "J. J. J. ...") is no prose:
        # the rules alone judge it, so that 200 000 characters of it cost no more than the rules.
        return
    for span in model.spans(text, triggers):
        norms = tuple(normalize_word(w) for w in span.words)
        if len(norms) == 1 and cls.word_class(span.words[0]) == C.SHAPED and not compound_support(
                text, span.start, span.end, spans_found):
            continue  # "Mvh Kundtjänst": a compound of ordinary words needs more than a sign-off
        if len(norms) == 1:
            before = previous_word(text, _list_start(text, span.start))
            if before in PLACE_PREPOSITION and norms[0] not in lex.first_names \
                    and not _genitive(text, span.end) and not spoken_to(text, span.start):
                continue  # "möte i Eken", "via Andersberg": a room or a place; a person would be "hos Eken"
            if sentence_start(text, span.start) and (
                    span.score < SOLO_START_THRESHOLD or not solo_start_support(lex, text, span.start, span.end)
                    or (norms[0].endswith(NOUN_ENDINGS) and not lex.is_name(norms[0]) and not pet_form(lex, norms[0]))):
                # one word opening a sentence: "Överrapport kväll:", "Hyresavi", "Fakturan på"; a noun in
                # the definite form before a verb: "Firman levererade", "Gåvan överlämnades"
                continue
        if all(n in lex.allow_words or n in ROLE_WORDS or n in CAR_MAKES for n in norms) or \
                names_a_thing(lex, text, span.start, span.end) or ORGANISATION_AFTER.match(text, span.end):
            continue  # a place, an organisation, a room or a title, whatever the context looks like
        key = tuple(n for n in norms if len(n) > 1) or norms
        yield Candidate(span.start, span.end, entity_type, 0.6, key, source="model")
