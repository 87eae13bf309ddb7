"""Classification: each word's TokenClass from the name lists, the word lists and its shape.

Swedish capitalises proper names and not common nouns, so a capitalised word that is neither a
common word nor an allowlisted place, organisation or medicine is a name candidate.
"""

from __future__ import annotations

import re

from ...lexicon import Lexicon, parts
from ...text import LETTER, MARK, Word, new_word, normalize_word
from ..email import find_emails
from .chat import CHAT_LIKE as CHAT_LIKE  # tests/redaction/test_patterns.py reads both here
from .chat import chat_like as chat_like
from .tokens import AMBIGUOUS, BLOCKED, INITIAL, LOWER, STRONG, Tok, TokenClass, sentence_start
from .words import CAR_MAKES, PARTICLES, ROLE_WORDS, STREET_ENDINGS, SURNAME_END
from .wordscan import WORD, cap_words

# Distinct capitalised spellings whose class is kept: a few MB at most.
CLASS_CACHE = 20_000
# No name part is longer: longer words are not scanned as names or compounds.
MAX_NAME = 40
_PLAIN_WORD = re.compile(rf"{LETTER}(?:{LETTER}|{MARK})*")
_LOCAL_SPLIT = re.compile(r"[._\-]")

# Definite and genitive endings on a car make: "Volvon", "Saaben", "Volvons", "Teslas".
_MAKE_ENDINGS = ("ns", "n", "en", "ens", "s")


def _car(norm: str) -> bool:
    return any(norm.endswith(e) and norm[:-len(e)] in CAR_MAKES for e in _MAKE_ENDINGS)


# (norm, class, key, first, genitive) of one spelling.
WordInfo = tuple[str, TokenClass, str, bool, int]
# word_info() and what tokens() asks of a spelling besides: (norm, class, key, first, genitive,
# starts an allowlisted phrase, is a car make, is a make in the definite form or the genitive).
TokInfo = tuple[str, TokenClass, str, bool, int, bool, bool, bool]
# What chat_words() needs of a word that starts in lower case: (the name it may be or "", whether it
# is one letter that needs a full stop after it to count, whether the model may look at it).
LowerInfo = tuple[str, bool, bool]


class Classifier:
    """Classes of words; shared by threads (the per-spelling cache is a dict: get and set are atomic,
    and a lost insert only costs a recomputation)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._phrase_starts = frozenset(p[0] for p in lex.allow_phrases)
        self._classes: dict[str, WordInfo] = {}
        self._tok_info: dict[str, TokInfo] = {}
        self._lower_info: dict[str, LowerInfo] = {}

    def phrase_at(self, text: str, w: Word) -> int:
        """End offset of an allowlisted phrase starting at this word ("Region Halland"), or -1."""
        lex = self.lex
        words = [w.norm]
        pos, best = w.end, -1
        while len(words) < lex.max_phrase:
            # Plain words: "Lex Sarah-rapportering" holds the phrase "Lex Sarah".
            m = _PLAIN_WORD.search(text, pos, pos + 40)
            if not m or text[pos:m.start()].strip(" \u00a0-&"):
                break
            words.append(normalize_word(m.group()))
            pos = m.end()
            if tuple(words) in lex.allow_phrases:
                best = pos
        return best

    def name_info(self, norm: str) -> tuple[bool, bool]:
        """(is a name, is a first name) for a word or all parts of a hyphenated one."""
        lex = self.lex
        if norm in lex.first_names:
            return True, True
        if norm in lex.last_names:
            return True, False
        pieces = parts(norm)
        if (len(pieces) > 1 and all(lex.is_name(p) or SURNAME_END.search(p) for p in pieces)
                and any(lex.is_name(p) for p in pieces)):
            return True, all(p in lex.first_names for p in pieces)
        return False, False

    def compound(self, norm: str) -> bool:
        """A compound of common words ("kundtjänst", "bygglov", "kostnadsställe"), not a name.

        Tails that are surname morphemes (-ström, -berg, -lund) are not counted: Sandström is a name.
        """
        lex = self.lex
        if len(norm) < 6 or len(norm) > MAX_NAME or not norm.isalpha():
            return False
        # Heads of at least four letters: "Bardia" (bar + dia) is a name, not a compound.
        for i in range(4, len(norm) - 2):
            head, tail = norm[:i], norm[i:]
            if tail not in lex.common or lex.is_name(tail) or SURNAME_END.search(tail):
                continue
            if head.endswith("s") and len(tail) <= 3:
                continue  # "fars" + "hid": a joint s before a three-letter word is how names split
            if head in lex.common or (head.endswith("s") and len(head) > 4 and head[:-1] in lex.common):
                return True
        return False

    def word_info(self, raw: str) -> WordInfo:
        """(norm, class, key, first, genitive) of a capitalised word, before context.

        Cached per spelling: the same words come back in every text, and the lookups behind a class
        (name lists, hyphen parts, genitives, compounds) are most of the rules' time.
        """
        cached = self._classes.get(raw)
        if cached is not None:
            return cached
        lex = self.lex
        norm = normalize_word(raw)
        is_name, first = self.name_info(norm)
        genitive = 0
        if not is_name and norm.endswith(("'s", "’s")):
            genitive = 2  # English genitive: "Dr. Rahimi's office"
            is_name, first = self.name_info(norm[:-2])
        elif not is_name and norm.endswith("s") and norm not in lex.common:
            is_name, first = self.name_info(norm[:-1])
            genitive = 1 if is_name else 0  # Swedish genitive: "Annas", "Svenssons"
            if not is_name and norm[:-1] in lex.common:
                genitive = -1  # the genitive of an ordinary word: "Barnets", "Kommunens"
        common = norm in lex.common or norm in ROLE_WORDS or genitive == -1
        genitive = max(genitive, 0)
        key = norm[:-genitive] if genitive else norm
        result = (norm, self._class(raw, norm, is_name, common, genitive), key, first, genitive)
        if len(self._classes) < CLASS_CACHE:
            self._classes[raw] = result
        return result

    def _class(self, raw: str, norm: str, is_name: bool, common: bool, genitive: int) -> TokenClass:
        lex = self.lex
        tail = raw.rsplit("-", 1)[-1] if "-" in raw else ""
        if tail[:1].islower():
            return TokenClass.COMMON  # a compound on a proper noun: "Chromebook-användning", "Sarah-rapportering"
        if len(raw) > 1 and raw.isupper():
            # An acronym (LOU, SFS, AB), or a name in capitals: that needs a second name beside it.
            return AMBIGUOUS if is_name else BLOCKED
        if norm in ROLE_WORDS:
            return TokenClass.COMMON
        if norm in lex.allow_words:
            # "Siri" is a name and an assistant; "Parkinsons" is no genitive of a name.
            return AMBIGUOUS if is_name and not genitive else BLOCKED
        if is_name:
            return AMBIGUOUS if common else STRONG
        if common or norm.endswith(STREET_ENDINGS) or self.compound(norm):
            return TokenClass.COMMON
        if norm in PARTICLES:
            return TokenClass.PARTICLE  # "Tran Van Minh": a capitalised particle
        return TokenClass.UNKNOWN

    def tok_info(self, raw: str) -> TokInfo:
        """word_info() with the spelling's phrase and car-make tests, cached per spelling like it."""
        cached = self._tok_info.get(raw)
        if cached is not None:
            return cached
        norm, cls, key, first, genitive = self.word_info(raw)
        make = norm in CAR_MAKES
        make_form = not make and norm[-1] in "ns" and _car(norm) and not self.lex.is_name(norm)
        result = (norm, cls, key, first, genitive, norm in self._phrase_starts, make, make_form)
        if len(self._tok_info) < CLASS_CACHE and len(raw) <= MAX_NAME:
            self._tok_info[raw] = result
        return result

    def word_class(self, raw: str) -> TokenClass:
        """The class of a capitalised word before context, with SHAPED for a word that is ordinary only
        by its shape (a compound, a street ending): "Farshid" reads as fars + hid. The name model's feature."""
        norm, cls, *_ = self.word_info(raw)
        if cls == TokenClass.COMMON and norm not in self.lex.common and norm not in ROLE_WORDS:
            return TokenClass.SHAPED
        return cls

    def hints(self, text: str) -> frozenset[str]:
        """Name parts spelled by e-mail local parts (anna.svensson@...): evidence for the same words."""
        found: set[str] = set()
        lex = self.lex
        for start, at, _end in find_emails(text):
            pieces = _LOCAL_SPLIT.split(text[start:at])
            if 2 <= len(pieces) <= 3 and all(p.isalpha() and len(p) >= 2 for p in pieces):
                normed = [p.casefold() for p in pieces]
                if any(lex.is_name(p) for p in normed):
                    found.update(p for p in normed if p not in lex.top_common)
                else:
                    # "sasithorn.thongdee@": two parts that are no ordinary word, place or organisation
                    # spell a name that no list has.
                    found.update(p for p in normed if len(p) >= 3 and p not in lex.common
                                 and p not in lex.allow_words and not self.compound(p))
        return frozenset(found)

    def tokens(self, text: str, hints: frozenset[str]) -> list[Tok]:
        """Tokens for capitalised words.

        Lower-case words are left out: the gap text between two tokens shows they were there.
        """
        toks: list[Tok] = []
        blocked_until = -1
        after_make = -1
        infos = self._tok_info
        for start, raw in cap_words(text):
            end = start + len(raw)
            if len(raw) == 1:
                cls = INITIAL if text.startswith(".", end) else BLOCKED
                toks.append(Tok(Word(start, end, raw, raw.lower()), cls, raw.lower(), False, 0,
                                sentence_start(text, start)))
                continue
            norm, cls, key, first, genitive, phrase_start, make, make_form = infos.get(raw) or self.tok_info(raw)
            w = new_word(start, end, raw, norm)
            if phrase_start and start >= blocked_until:
                blocked_until = max(blocked_until, self.phrase_at(text, w))
            if key in hints:
                cls = STRONG
            elif start < blocked_until or start == after_make or (
                    text[start - 1:start] == " " and text[start - 2:start - 1] in ("x", "X")  # only these lower to x
                    and text[max(0, start - 4):start].lower() == "lex "):
                # inside "Region Halland", "Lex Maria", after "Skoda": a name there names no person
                cls = BLOCKED
            if make:
                cls, after_make = BLOCKED, end + 1
            elif make_form and cls != STRONG:
                cls = BLOCKED  # "Volvon startade inte": a make in the definite form or the genitive
            if (cls == BLOCKED and genitive and toks and toks[-1].first
                    and toks[-1].cls in (STRONG, AMBIGUOUS)
                    and text[toks[-1].word.end:start] == " " and key in self.lex.last_names):
                # "Karin Bergs ledning": after a given name, the genitive of a family name that is also a
                # place ("Bergs kommun") is the family name.
                cls = AMBIGUOUS
            toks.append(Tok(w, cls, key, first, genitive, sentence_start(text, start)))
        return toks

    def lower_tokens(self, text: str) -> list[Tok]:
        """Lower-case words that are names, and initials ("j."), in chat-like text only.

        In text whose sentences start with capitals a lower-case name is rare, and skipping the scan
        of every lower-case word halves the time the name rules take.
        """
        return self.chat_words(text)[0] if chat_like(text) else []

    def chat_words(self, text: str) -> tuple[list[Tok], list[tuple[int, int]]]:
        """For chat-like text: lower_tokens(), and the (start, end) of each lower-case word the name
        model may look at (model_spans._triggers: no ordinary word, no compound of ordinary words).

        One pass over the words for both, with what each spelling says cached: the words of a text
        come back again and again.
        """
        toks: list[Tok] = []
        open_words: list[tuple[int, int]] = []
        cache = self._lower_info
        end = 0
        for raw in WORD.findall(text):
            # No letter stands between two words and each opens with one, so a word first occurs, from
            # where the one before it ended, where it was found: no match object per word (a third of the time).
            start = text.find(raw, end)
            end = start + len(raw)
            info = cache.get(raw)
            if info is None:
                if not raw[0].islower():
                    continue
                info = self._lower(raw)
            name, needs_stop, model_open = info
            if name and (not needs_stop or text.startswith(".", end)):
                toks.append(Tok(new_word(start, end, raw, name), LOWER, name, False, 0, False))
            if model_open:
                open_words.append((start, end))
        return toks, open_words

    def _lower(self, raw: str) -> LowerInfo:
        lex = self.lex
        norm = raw if raw.isalpha() and raw.islower() else normalize_word(raw)
        name, needs_stop = "", False
        if norm in lex.first_names or norm in lex.last_names:
            name = norm
        elif len(raw) == 1:
            name, needs_stop = norm, True  # an initial: "j. lundgren"
        elif len(norm) > 3 and norm.endswith("s") and norm[:-1] in lex.first_names and norm not in lex.common:
            name = norm[:-1]  # "kan nån ta filippas tid": a given name in the genitive
        # Words longer than any name are not open: a 200 000-letter word must not cost a compound scan,
        # nor a place in the cache.
        model_open = 2 < len(raw) <= MAX_NAME and normalize_word(raw) not in lex.common and not self.compound(raw)
        info = (name, needs_stop, model_open)
        if len(self._lower_info) < CLASS_CACHE and len(raw) <= MAX_NAME:
            self._lower_info[raw] = info
        return info
