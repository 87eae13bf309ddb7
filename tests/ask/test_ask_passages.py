"""Passages: offsets into the original text, sizes, and nothing of the text lost."""

from __future__ import annotations

import itertools
import random

from backend.ask.passages import MAX_CHARS, split_passages


def _document(seed: int) -> str:
    rng = random.Random(seed)
    words = ["nämnden", "beslutar", "att", "förskolan", "budget", "ärendet", "kronor", "Anna", "2027", "§"]
    paragraphs = []
    for _ in range(rng.randint(5, 40)):
        sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 30))).capitalize() + "."
                     for _ in range(rng.randint(1, 25))]
        paragraphs.append(" ".join(sentences))
    separators = ["\n\n", "\n \n", "\r\n\r\n", "\n\n\n"]
    return "  " + "".join(p + rng.choice(separators) for p in paragraphs)


def test_passages_index_the_original_text_and_cover_all_of_it() -> None:
    for seed in range(30):
        text = _document(seed)
        passages = split_passages(text)
        assert passages
        for p in passages:
            assert text[p.start:p.end] == p.text
            assert p.text == p.text.strip()
            assert len(p) <= MAX_CHARS
        # In order, without overlap, and every non-blank character in some passage.
        assert all(a.end <= b.start for a, b in itertools.pairwise(passages))
        covered = "".join(text[p.start:p.end] for p in passages)
        assert "".join(covered.split()) == "".join(text.split())


def test_long_paragraphs_are_cut_at_sentence_ends_and_short_ones_join_the_next() -> None:
    sentence = "Nämnden beslutar att godkänna förslaget om ny budget för förskolan. "
    text = "§ 12 Budget\n\n" + sentence * 40 + "\n\nKort stycke."
    passages = split_passages(text)
    assert passages[0].text.startswith("§ 12 Budget\n\nNämnden")  # the heading stays with its paragraph
    for p in passages[:-1]:
        assert p.text.endswith(".")
    assert passages[-1].text.endswith("Kort stycke.")


def test_a_text_without_breaks_or_spaces_is_still_cut_to_size() -> None:
    text = "x" * (3 * MAX_CHARS + 5)
    passages = split_passages(text)
    assert "".join(p.text for p in passages) == text
    assert max(len(p) for p in passages) <= MAX_CHARS


def test_blank_text_has_no_passages() -> None:
    assert split_passages(" \n\n \t") == []


def test_masked_spans_agree_with_the_redaction_for_every_passage() -> None:
    from backend.ask.answer import masked_spans
    from backend.ask.passages import Passage
    from backend.redaction import get_redactor

    people = ["Anna Svensson", "Erik Lindqvist", "Karin Berg"]
    rng = random.Random(5)
    text = " ".join(f"{rng.choice(people)} ringde 070-{rng.randint(100, 999)} 45 67 om ärendet." if rng.random() < 0.5
                    else "Nämnden beslutar att godkänna förslaget." for _ in range(200))
    redaction = get_redactor().redact(text)
    assert len(redaction.entities) > 50
    spans = [Passage(a, b, text[a:b]) for a, b in
             (sorted(rng.sample(range(len(text) + 1), 2)) for _ in range(500)) if a < b]
    spans += split_passages(text, max_chars=120, min_chars=0)
    expected = [redaction.masked_span(p.start, p.end) for p in spans]
    got = masked_spans(redaction, spans)
    for passage, want, have in zip(spans, expected, got, strict=True):
        if want is not None:  # None: inside one value, which a passage never is
            assert have == want, (passage.start, passage.end)
