"""From a ranking to what the model sees, and from its answer to the stream the user gets."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from backend.ask import retrieval
from backend.ask.citations import QuoteSplitter, build
from backend.ask.passages import Passage, split_passages
from backend.ask.prompt import phrases
from backend.ask.retrieval import Ranking, fit
from backend.generation.events import Citations, Delta, Done, StreamEvent
from backend.redaction import Redaction

# The room a passage's label ("[3]" and its line breaks) takes in the prompt, in tokens.
LABEL_TOKENS = 4


@dataclass(frozen=True)
class Excerpt:
    """A passage chosen for the model: its place in the original text and its masked wording."""

    passage: Passage
    masked: str = ""


def rank(text: str, question: str, stem: bool = True) -> Ranking:
    """Split the original text into passages and rank them for the question."""
    return retrieval.rank(split_passages(text), question, stem)


def excerpts(ranking: Ranking, redaction: Redaction, budget_tokens: int,
             count_tokens: Callable[[str], int]) -> list[Excerpt]:
    """The passages that fit the budget, masked: the model sees each passage as the redaction wrote it."""
    spans = masked_spans(redaction, [item.passage for item in ranking.ranked])
    masked = {item.index: redaction.redacted[a:b] for item, (a, b) in zip(ranking.ranked, spans, strict=True)}
    chosen = fit(ranking, budget_tokens, lambda item: count_tokens(masked[item.index]) + LABEL_TOKENS)
    return [Excerpt(item.passage, masked[item.index]) for item in chosen if masked[item.index]]


def masked_spans(redaction: Redaction, passages: Sequence[Passage]) -> list[tuple[int, int]]:
    """Where each passage lies in the redacted text, as Redaction.masked_span gives it (a span that cuts
    into a masked value takes its whole placeholder), for all passages in one pass over the entities:
    a 200,000-character text has hundreds of passages and can have thousands of entities."""
    entities = redaction.entities
    starts = [e.start for e in entities]
    shifts = [0]  # shifts[k]: how far text after the first k entities has moved
    for e in entities:
        shifts.append(shifts[-1] + len(e.placeholder) - (e.end - e.start))
    out: list[tuple[int, int]] = []
    for passage in passages:
        i = bisect.bisect_right(starts, passage.start) - 1
        if i >= 0 and passage.start < entities[i].end:
            start = entities[i].start + shifts[i]
        else:
            start = passage.start + shifts[i + 1]
        j = bisect.bisect_left(starts, passage.end) - 1
        if j >= 0 and passage.end <= entities[j].end:
            end = entities[j].start + shifts[j] + len(entities[j].placeholder)
        else:
            end = passage.end + shifts[j + 1]
        out.append((start, end))
    return out


def with_citations(plan: Iterator[StreamEvent], text: str, sources: Sequence[Passage]) -> Iterator[StreamEvent]:
    """The answer without its list of quotes, then the checked citations, then done."""
    splitter = QuoteSplitter()
    for event in plan:
        if isinstance(event, Delta):
            shown = splitter.feed(event.text)
            if shown:
                yield Delta(shown)
            continue
        if isinstance(event, Done):
            rest = splitter.finish()
            if rest:
                yield Delta(rest)
            found = build(splitter.shown, splitter.section, text, sources)
            yield Citations(tuple(c.to_json() for c in found))
        yield event


def not_found(language: str) -> Iterator[StreamEvent]:
    """Nothing in the text matches the question: say so, and ask the model nothing (it would guess)."""
    yield Delta(phrases(language)["not_found"])
    yield Citations(())
    yield Done("not_found", 0, 0)
