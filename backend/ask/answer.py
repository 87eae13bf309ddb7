"""From a ranking to what the model sees, and from its answer to the stream the user gets."""

from __future__ import annotations

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
    masked: dict[int, str] = {}
    for item in ranking.ranked:
        span = redaction.masked_span(item.passage.start, item.passage.end)
        masked[item.index] = redaction.redacted[span[0]:span[1]] if span else ""

    chosen = fit(ranking, budget_tokens, lambda item: count_tokens(masked[item.index]) + LABEL_TOKENS)
    return [Excerpt(item.passage, masked[item.index]) for item in chosen if masked[item.index]]


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
