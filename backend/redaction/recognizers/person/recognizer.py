"""The person recognizer: classification, decision, the trained model and coreference, in that order."""

from __future__ import annotations

import re
from typing import Final

from ...base import Recognizer, Scan
from ...entities import Candidate
from ...lexicon import Lexicon, load_lexicon
from ...names.features import Featurizer
from ...names.model import NameModel
from ...text import Document, normalize_word
from .chat import lowercase_names
from .classify import Classifier, chat_like
from .context import (
    SLASH_INITIALS,
    after_hos,
    after_postcode,
    after_role,
    line_end,
    nickname_speaks,
    signature,
    word_name_acts,
)
from .coreference import extend_initials, join_display_names, mentions
from .decide import decide
from .marks import (
    acting_lower,
    chat_speakers,
    header_display_names,
    maiden_names,
    nicknames,
    responsible_initials,
    slash_initials,
    vouched_by_what_follows,
)
from .model_spans import model_candidates
from .runs import MAX_RUN, coordinated, runs, split
from .things import names_a_thing
from .tokens import BLOCKED, COMMON, NAMELIKE, PARTICLE, Tok, normalized
from .words import ABSTRACT_ENDINGS, INITIALS_BEFORE, ROLE_WORDS

# Classes that decide() never keeps as a name by themselves (but for one ordinary word alone, see
# _lone_common) and that make no part name-like: a run of only these gives no candidate.
_INERT: Final = (COMMON, PARTICLE, BLOCKED)


class PersonRecognizer(Recognizer):
    """Rules for names, then the trained model; mentions of a found name elsewhere are masked too."""

    entity_type = "PERSON"
    name = "person"

    def __init__(self, lexicon: Lexicon | None = None, *, load_model: bool = True) -> None:
        self.lex = lexicon or load_lexicon()
        self.classifier = Classifier(self.lex)
        allowed = self.lex.allow_words.__contains__
        self.featurizer = Featurizer(self.lex, self.classifier.word_class, ROLE_WORDS, allowed)
        # The trained model judges the words the rules leave open; training builds a recognizer without it.
        self.model = NameModel(self.featurizer) if load_model else None

    def word_class(self, raw: str) -> str:
        """The class of a capitalised word before context (TokenClass's letter)."""
        return self.classifier.word_class(raw)

    def find(self, doc: Document) -> list[Candidate]:
        return self.scan(doc).candidates

    def scan(self, doc: Document) -> Scan:
        """The names in the document, and a second pass that follows their mentions with the same tokens."""
        text = doc.text
        toks = self.classifier.tokens(text, self.classifier.hints(text))
        found = self._rule_candidates(text, toks)
        # Lower-case names and the words the model may look at, in chat-like text only (one pass).
        lower, chat_open = self.classifier.chat_words(text) if chat_like(text) else ([], [])
        found += [self._candidate(text, group, 0.6) for group in lowercase_names(self.lex, text, lower)]
        found += [Candidate(s, e, self.entity_type, 0.6, (normalize_word(text[s:e]),), source=self.name)
                  for s, e in acting_lower(text, chat_open)]
        for m in SLASH_INITIALS.finditer(text) if "/" in text else ():
            key = (re.sub(r"[^\w]", "", m.group(1)).casefold(),)
            found.append(Candidate(m.start(1), m.end(1), self.entity_type, 0.7, key, source=self.name))
        found += self._signed_initials(text, toks)
        found += self._marked(text, doc.lower)
        if self.model is not None:
            found.extend(model_candidates(self.classifier, self.model, text, toks, lower, found, self.entity_type,
                                          chat_open))
        found = [c for c in found if not after_postcode(text, c.start) and not self._abstract(text, c)]
        found = join_display_names(self.lex, text, found)
        extend_initials(text, found)
        return Scan(found, lambda candidates: mentions(self.lex, text, toks, candidates, self.entity_type))

    def refine(self, doc: Document, candidates: list[Candidate]) -> list[Candidate]:
        """Mask other mentions of the names found ("Anna Svensson" ... "Anna", "Annas")."""
        toks = self.classifier.tokens(doc.text, frozenset())
        return mentions(self.lex, doc.text, toks, candidates, self.entity_type)

    def _rule_candidates(self, text: str, toks: list[Tok]) -> list[Candidate]:
        """Names the rules find in runs of capitalised words, and rejected parts coordinated with them."""
        found: list[Candidate] = []
        rejected: list[list[Tok]] = []
        for run in runs(text, toks):
            if len(run) > MAX_RUN:
                continue  # a headline in title case or a line in capitals, not a name
            if len(run) == 1:
                inert = run[0].cls in _INERT and not self._lone_common(text, run)
            else:
                inert = all(t.cls in _INERT for t in run) and not any(self._lone_common(text, p) for p in split(run))
            if inert:
                # Only ordinary words ("Kommunen", "Den"): decide() keeps none of them unless one stands
                # alone as a nickname, and none is rejected as name-like, so the run cannot give a name.
                # Most runs in prose are this; skipping them saves names_a_thing() and decide().
                continue
            if names_a_thing(self.lex, text, run[0].word.start, run[-1].word.end):
                continue
            for part in split(run):
                kept = decide(self.lex, text, part)
                if kept:
                    found.append(self._candidate(text, kept, 0.8))
                elif any(t.cls in NAMELIKE for t in part):
                    rejected.append(part)
        if found and rejected:
            starts = {c.start for c in found}
            ends = {c.end for c in found}
            found += [self._candidate(text, part, 0.6) for part in coordinated(text, starts, ends, rejected)]
        return found

    def _lone_common(self, text: str, part: list[Tok]) -> bool:
        """decide()'s first test: one ordinary word as a signature, a nickname that speaks, after a role,
        or a word that name lists hold acting inside a sentence."""
        if len(part) != 1 or part[0].cls != COMMON:
            return False
        norm = part[0].norm
        if word_name_acts(self.lex, text, part[0]):
            return True
        if norm in self.lex.top_common or norm in ROLE_WORDS or "-" in norm:
            return False  # what the three tests below ask first
        return bool(signature(self.lex, text, part[0]) or nickname_speaks(self.lex, text, part[0])
                    or after_role(self.lex, text, part[0]) or after_hos(self.lex, text, part[0]))

    def _signed_initials(self, text: str, toks: list[Tok]) -> list[Candidate]:
        """Two or three capitals ending a line after "Sign." or a minutes header ("Vid protokollet: OJ")."""
        return [Candidate(w.start, w.end, self.entity_type, 0.7, (w.norm,), source=self.name)
                for w in (t.word for t in toks)
                if 2 <= len(w.raw) <= 3 and w.raw.isupper() and line_end(text, w.end)
                and INITIALS_BEFORE.search(text, max(0, w.start - 30), w.start)]

    def _abstract(self, text: str, c: Candidate) -> bool:
        """Whether a word of the candidate is an abstract noun no name list has ("Senior Advisor,
        Digitalisering", "Inskrivning SFI", "Tjänsteskrivelse Dnr"): a unit, a heading, a document."""
        return any(len(n) >= 8 and n.endswith(ABSTRACT_ENDINGS) and not self.lex.is_name(n)
                   for n in map(normalized, text[c.start:c.end].split()))

    def _marked(self, text: str, lower: str) -> list[Candidate]:
        """Names a mark vouches for (marks.py): a maiden name, a chat speaker, initials as a signature."""
        lex = self.lex
        spans = [*maiden_names(lex, text, lower), *chat_speakers(lex, text), *slash_initials(lex, text),
                 *responsible_initials(text), *nicknames(text), *header_display_names(lex, text),
                 *vouched_by_what_follows(lex, text, self.classifier.compound)]
        return [Candidate(s, e, self.entity_type, 0.7, (normalize_word(text[s:e]),), source=self.name)
                for s, e in spans]

    def _candidate(self, text: str, toks: list[Tok], score: float) -> Candidate:
        start, end = toks[0].word.start, toks[-1].word.end
        key = tuple(t.norm for t in toks if t.cls != PARTICLE and len(t.norm) > 1) or tuple(
            t.norm for t in toks
        )
        canonical = text[start:end - toks[-1].genitive] if toks[-1].genitive else None
        return Candidate(start, end, self.entity_type, score, key, canonical, self.name)
