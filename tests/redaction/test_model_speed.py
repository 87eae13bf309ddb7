"""The name model's fast paths give what the plain ones give.

- Featurizer.items() (tagging) and Featurizer.sequence() (training) give the same features.
- On a long line the model tokenizes only stretches around the words it looks at
  (names.model._segments); its spans must be those of the whole line. _segments() reaches back only
  from positions where the answer can matter; it gives the plain form's stretches.
- The line cues (names.cues.line_head(), prev_line_kind()) with their shortcuts give the plain answers.
"""

from __future__ import annotations

import random
import re

import pytest
from holdout_corpus import generate, unmarked

from backend.redaction.names import cues
from backend.redaction.names import model as model_module
from backend.redaction.names.features import line_tokens, tokenize
from backend.redaction.recognizers.person import PersonRecognizer
from backend.redaction.text import normalize_word

TEXTS = [unmarked(marked) for _id, marked in generate(200, seed=5)]
# Long lines: documents joined into one paragraph, as many case notes are written.
LONG = [" ".join(TEXTS[i:i + 6]).replace("\n", " ") for i in range(0, len(TEXTS), 6)]


@pytest.fixture(scope="module")
def rec() -> PersonRecognizer:
    return PersonRecognizer()


def test_items_are_the_training_features(rec: PersonRecognizer) -> None:
    fz = rec.featurizer
    rng = random.Random(3)
    checked = 0
    for text in TEXTS + LONG:
        for toks in line_tokens(text):
            line = text[toks[0].start:toks[-1].end]
            lo = rng.randrange(len(toks))
            hi = rng.randrange(lo, len(toks)) + 1
            assert fz.items(text, toks, lo, hi) == fz.sequence(text, toks, lo, hi), line
            assert fz.items(text, toks, 0, len(toks)) == fz.sequence(text, toks), line
            checked += 1
    assert checked > 300


def _all_word_starts(text: str) -> list[int]:
    return [t.start for t in tokenize(text) if t.raw[:1].isalpha()]


def test_long_lines_tagged_in_stretches_give_the_whole_lines_spans(
        rec: PersonRecognizer, monkeypatch: pytest.MonkeyPatch) -> None:
    model = rec.model
    assert model is not None
    rng = random.Random(4)
    cases = []
    for text in LONG:
        starts = _all_word_starts(text)
        # few words far apart, words close together, and every word
        for k in (2, 8, len(starts)):
            cases.append((text, sorted(rng.sample(starts, min(k, len(starts))))))
    found = 0
    for text, triggers in cases:
        monkeypatch.setattr(model, "long_line", 10**9)
        whole = model.spans(text, triggers)
        monkeypatch.setattr(model, "long_line", 0)
        stretches = model.spans(text, triggers)
        assert stretches == whole, triggers
        found += len(whole)
    assert found > 50  # the model found names, so the comparison says something


def test_segments_fall_back_to_the_whole_line_when_chunks_are_far() -> None:
    text = "Anna " + "x" * 1000 + " Berit Svensson " + "y" * 1000
    segs = model_module._segments(text, 0, len(text), [0, 1006])
    assert segs == [(0, len(text), [0, 1006])]
    near = "Anna Berit " + "ord " * 300 + "Cecilia Ek"
    segs = model_module._segments(near, 0, len(near), [0, len(near) - 10])
    assert len(segs) == 2 and segs[0][0] == 0 and segs[1][1] == len(near)


def _plain_segments(text: str, line_start: int, line_end: int,
                    positions: list[int]) -> list[tuple[int, int, list[int]]]:
    """_segments() as it was, reaching back from every position."""
    whole = [(line_start, line_end, positions)]
    if line_end - line_start <= model_module.LONG_LINE:
        return whole
    out: list[tuple[int, int, list[int]]] = []
    for p in sorted(positions):
        start = model_module._reach_back(text, p, line_start)
        end = model_module._reach_forward(text, p, line_end)
        if start < 0 or end < 0:
            return whole
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), [*out[-1][2], p])
        else:
            out.append((start, end, [p]))
    return out


def test_segments_reaching_back_only_where_it_can_matter_are_the_plain_ones() -> None:
    rng = random.Random(6)
    sizes = (1, 2, 5, 9, 30, 70, 150)
    counts = {"whole": 0, "stretches": 0}
    for _ in range(3000):
        # chunks of every size, so that the sixth chunk back lies before, at and after REACH characters
        words = ["x" * rng.choice(sizes) for _ in range(rng.randint(1, 60))]
        text = "".join(w + rng.choice((" ", "  ", "\t", " \u00a0")) for w in words)
        line_start = rng.choice((0, rng.randrange(len(text))))
        starts = [m.start() for m in re.finditer(r"(?<!\S)\S", text) if m.start() >= line_start]
        if not starts:
            continue
        for k in (1, 3, len(starts)):
            positions = rng.sample(starts, min(k, len(starts)))
            got = model_module._segments(text, line_start, len(text), positions)
            assert got == _plain_segments(text, line_start, len(text), positions), (text, line_start, positions)
            counts["whole" if got == [(line_start, len(text), positions)] else "stretches"] += 1
    assert min(counts.values()) > 500


def _plain_prev_line_kind(text: str, line_start: int) -> str:
    """cues.prev_line_kind() as it was, normalizing the whole line before."""
    if line_start < 2:
        return ""
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    words = normalize_word(text[prev_start:line_start - 1]).replace(",", " ").replace("!", " ").split()
    if not words or len(words) > 4:
        return ""
    if words[-1] in cues.SIGNOFF_WORDS or words[0] in ("mvh", "med", "vänliga", "bästa", "hälsningar", "kind", "best"):
        return "signoff"
    if words[0] in cues.GREETING_WORDS:
        return "greet"
    return ""


def _plain_line_head(text: str, line_start: int) -> bool:
    m = cues._HEADER_LINE.match(text, line_start, line_start + 40)
    return bool(m and m.group(1).casefold() in cues.HEADER_WORDS)


# Greetings, sign-offs and headers, and what normalize_word() drops or changes (soft hyphen, zero-width
# characters, combining marks, "ß"), commas and "!" that prev_line_kind() reads as white space.
_PIECES = ("Hej", "hej!", "Mvh", "Med vänliga hälsningar", "Tack", "Från:", "Antecknat av:", "Anna", "Berg,",
           ",", "!", ", !", "\u00ad", "\u200b", "\u200d\u2060", "e\u0301", "STRASSE", "ß", "Å", "-", "x:", "1",
           # headers whose colon stands 25 to 40 characters into the line
           "Kontaktperson socialsekreterare:", "  * Vårdnadshavare   Andersson :", "> Handläggare Lindqvistsson. :")


def test_line_cues_read_with_their_shortcuts_are_the_plain_ones() -> None:
    rng = random.Random(9)
    texts = TEXTS + LONG
    for _ in range(4000):
        texts.append("".join(rng.choice(_PIECES) + rng.choice((" ", "  ", "\t", "\n", "\u00a0", ""))
                             for _ in range(rng.randint(1, 14))))
    kinds: dict[str, int] = {}
    heads = 0
    for text in texts:
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        for line_start in starts:
            kind = cues.prev_line_kind(text, line_start)
            assert kind == _plain_prev_line_kind(text, line_start), (text, line_start)
            head = cues.line_head(text, line_start)
            assert head == _plain_line_head(text, line_start), (text, line_start)
            kinds[kind] = kinds.get(kind, 0) + 1
            heads += head
    assert min(kinds.get(k, 0) for k in ("", "greet", "signoff")) > 100 and heads > 300
