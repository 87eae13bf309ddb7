"""The words the name model looks at (model_spans._triggers) are those of the plain form of its rules.

_triggers() tests each capitalised word in one loop, cheap tests first, reads the token classes and
lists through Final names and finds covered words with model_spans._Covered. The plain form below
is the comprehension it replaced, with tokens.inside(): the two must pick the same words in the
same order, on the corpora, with and without the rules' spans.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from holdout_corpus import generate, unmarked
from redaction_corpus import generate as office_generate

from backend.redaction import get_redactor
from backend.redaction.entities import Candidate
from backend.redaction.recognizers.person import PersonRecognizer
from backend.redaction.recognizers.person import model_spans as ms
from backend.redaction.recognizers.person.classify import MAX_NAME, Classifier, chat_like
from backend.redaction.recognizers.person.context import NUMBER_AFTER, initials_place, start_trigger
from backend.redaction.recognizers.person.tokens import Tok, TokenClass, inside, merged_spans
from backend.redaction.recognizers.person.words import ABBREVIATIONS, CAR_MAKES, FUNCTION_WORDS, ROLE_WORDS, VERB_AFTER

C = TokenClass
HERE = Path(__file__).parent
MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]", re.S)


def _plain_open(cls: Classifier, text: str, t: Tok) -> bool:
    lex = cls.lex
    if t.cls in (C.STRONG, C.AMBIGUOUS, C.UNKNOWN, C.INITIAL):
        return True
    if t.cls == C.COMMON:
        if t.norm not in lex.common:
            return not t.sentence_start and len(t.norm) <= MAX_NAME
        return (t.norm not in lex.top_common and t.norm not in ROLE_WORDS and "-" not in t.norm
                and len(t.norm) > 2 and (not t.sentence_start or bool(VERB_AFTER.match(text, t.word.end))))
    return (t.cls == C.BLOCKED and t.word.raw.isupper() and 2 <= len(t.word.raw) <= 3
            and t.norm not in CAR_MAKES and t.norm not in lex.allow_words and t.norm not in ABBREVIATIONS)


def _plain_triggers(cls: Classifier, text: str, toks: list[Tok], lower: list[Tok],
                    covered: list[tuple[int, int]], chat_open: list[tuple[int, int]] | None) -> list[int]:
    lex = cls.lex
    triggers = [t.word.start for t in toks
                if _plain_open(cls, text, t)
                and not inside(covered, t.word.start, t.word.end)
                and not (len(t.word.raw) <= 3 and NUMBER_AFTER.match(text, t.word.end))
                and not (t.word.upper and len(t.word.raw) <= 3 and not initials_place(text, t.word.start, t.word.end))
                and (not t.sentence_start or start_trigger(lex, text, t))]
    triggers += [t.word.start for t in lower
                 if len(t.norm) > 1 and t.norm not in FUNCTION_WORDS and not inside(covered, t.word.start, t.word.end)]
    if chat_open is None and (lower or chat_like(text)):
        chat_open = cls.chat_words(text)[1]
    if chat_open:
        seen = {t.word.start for t in lower}
        triggers += [s for s, e in chat_open if s not in seen and not inside(covered, s, e)]
    return triggers


def _texts() -> list[str]:
    texts = [unmarked(marked) for _id, marked in generate(300, seed=13)]
    texts += [doc.text for doc in office_generate(150, seed=13)]
    for name in ("review_cases.txt", "hard_cases.txt", "more_cases.txt", "holdout_corpus.txt"):
        texts += [MARK.sub(lambda m: m.group(2), t)
                  for t in (HERE / name).read_text(encoding="utf-8").split("\n\n") if t.strip()]
    # chat: lines in lower case, where lower-case names are open to the model too
    rng = random.Random(2)
    texts += [" ".join(rng.sample(texts[:300], 3)).lower() for _ in range(50)]
    return texts


@pytest.fixture(scope="module")
def rec() -> PersonRecognizer:
    return PersonRecognizer()


def test_triggers_are_the_plain_rules_words(rec: PersonRecognizer) -> None:
    cls = rec.classifier
    picked = covered_words = 0
    for text in _texts():
        toks = cls.tokens(text, cls.hints(text))
        found = rec._rule_candidates(text, toks)
        lower, chat_open = cls.chat_words(text) if chat_like(text) else ([], [])
        covered = merged_spans(found)
        for spans, chat in ((covered, chat_open), ([], None), (covered, None)):
            got = ms._triggers(cls, text, toks, lower, spans, chat)
            assert got == _plain_triggers(cls, text, toks, lower, spans, chat), text[:80]
            picked += len(got)
        covered_words += len(ms._triggers(cls, text, toks, lower, [], None)) - len(
            ms._triggers(cls, text, toks, lower, covered, None))
    assert picked > 5000 and covered_words > 500  # words were picked, and the rules' spans left some out


def test_covered_is_inside_on_merged_spans() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        starts = rng.sample(range(200), rng.randint(0, 20))
        spans = merged_spans([Candidate(s, s + rng.randint(1, 12), "PERSON", 0.6) for s in starts])
        covered = ms._Covered(spans)
        for start in range(0, 215):
            for end in (start + 1, start + 3, start + 9):
                assert covered.inside(start, end) == inside(spans, start, end), (spans, start, end)


def test_function_words_in_lower_case_are_not_sent_to_the_model(rec: PersonRecognizer) -> None:
    """In chat, a lower-case word that a name list holds goes to the model unless it is a pronoun, an
    article or a conjunction ("och", "den", "som" are family names in some lists)."""
    cls = rec.classifier
    lex = cls.lex
    text = "ok jag ringer amir och den som tar vid, sen kan vi ta det med zakariya och bo"
    assert all(lex.is_name(w) for w in ("och", "den", "som", "vi", "vid", "bo"))
    assert chat_like(text)
    lower, chat_open = cls.chat_words(text)
    assert {t.norm for t in lower} >= {"och", "den", "som", "vi", "amir", "vid", "bo"}
    words = {re.match(r"\w+", text[s:]).group() for s in ms._triggers(cls, text, [], lower, [], chat_open)}
    assert {"amir", "zakariya", "vid", "bo"} <= words  # given names, even frequent words, stay
    assert not words & {"och", "den", "som", "vi"}


def test_no_function_word_is_a_given_name() -> None:
    """The list leaves out words that are given names too ("mina", "dina", "hans"): "hej mina!" may greet Mina."""
    lex = PersonRecognizer().lex
    assert {"och", "den", "som", "han", "vi", "the"} <= FUNCTION_WORDS
    assert not FUNCTION_WORDS & lex.first_names


@pytest.mark.parametrize("name", ["bo", "sol", "maj", "dag", "vilja", "vinter", "sommar"])
@pytest.mark.parametrize("line", ["hej {}! kan du ta passet", "tack {}!", "@{} kan du kolla detta", "mvh {}",
                                  "hallå {} är du där?"])
def test_the_model_finds_a_name_that_is_a_frequent_word_where_it_is_spoken_to(name: str, line: str) -> None:
    """Lower-case chat names that are also frequent words ("bo", "sol", "vinter") stay open to the model,
    which finds them after a greeting, an @ or a sign-off."""
    text = line.format(name)
    assert [text[e.start:e.end] for e in get_redactor().redact(text).entities] == [name]


def test_the_rules_still_read_function_words_and_frequent_names() -> None:
    said = "vet nån om sol sa att hon skulle maila"
    assert [said[e.start:e.end] for e in get_redactor().redact(said).entities] == ["sol"]
