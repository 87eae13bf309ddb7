"""Summaries of texts longer than the model's context: summarise parts, then combine the summaries.

When the combined summaries are still too long, groups of them are summarised again, for at most
MAX_ROUNDS rounds. Each part has its own generation; all share the request's deadline.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass

from backend.engine import ChatMessage, EngineError
from backend.generation import prompts
from backend.generation.admission import Admitted, Generations, Usage
from backend.generation.budget import Budget
from backend.generation.chunking import split_to_fit
from backend.generation.cleanup import clean_text
from backend.generation.errors import GenerationError, TextTooLong
from backend.generation.events import Failed, Progress, StreamEvent
from backend.generation.session import Restorer

MIN_PART_TOKENS = 16
MAX_ROUNDS = 6
Messages = tuple[ChatMessage, ...]


@dataclass(frozen=True)
class Summary:
    """What the summary is of and how it should read: the options of a summarize job."""

    kind: str
    length: str
    language: str

    def of_part(self, text: str) -> Messages:
        return prompts.summarize_messages(text, self.kind, "short", self.language)

    def combining(self, summaries: list[str], length: str | None = None) -> Messages:
        return prompts.combine_messages(summaries, self.kind, length or self.length, self.language)


class SummaryInParts:
    """One long text's summary: the part sizes, the rounds and the progress count."""

    def __init__(self, calls: Generations, budget: Budget, summary: Summary, restorer: Restorer) -> None:
        self.calls, self.budget, self.summary, self.restorer = calls, budget, summary, restorer
        self.step = 0
        self.total = 0
        self.usage = Usage()

    def start(self, redacted: str, cap: int) -> Iterator[StreamEvent]:
        """Split the text and admit its first part, so a busy engine refuses the request up front."""
        budget, s = self.budget, self.summary
        context = budget.context_length
        combine_overhead = budget.tokens(s.combining([""]))
        self.final_cap = min(cap, max(MIN_PART_TOKENS, context - combine_overhead - 3 * MIN_PART_TOKENS))
        # Room for at least three part summaries in one combine prompt, so each round shrinks the text.
        self.part_cap = min(cap, (context - combine_overhead - self.final_cap) // 3)
        part_tokens = context - budget.tokens(prompts.summarize_messages("", s.kind, s.length, s.language)) \
            - self.part_cap
        if self.part_cap < MIN_PART_TOKENS or part_tokens < MIN_PART_TOKENS:
            raise TextTooLong("The model's context is too small to summarise this text in parts.")
        pending = [s.of_part(part) for part in split_to_fit(redacted, part_tokens, budget.count)]
        self.total = len(pending) + 1
        first = self.calls.admit(pending[0], self.part_cap)
        return self._rounds(pending, first)

    def _rounds(self, pending: list[Messages], first: Admitted | None) -> Iterator[StreamEvent]:
        for _ in range(MAX_ROUNDS):
            summaries = yield from self._summarise(pending, first)
            if summaries is None:
                return
            first = None
            combined = self.summary.combining(summaries)
            if self.budget.fits(combined, self.final_cap):
                yield from self._final(combined)
                return
            # Still too long: summarise groups of summaries, and go round again.
            overhead = self.budget.tokens(self.summary.combining([""], "short"))
            groups = self.budget.group(summaries, self.budget.context_length - self.part_cap - overhead)
            pending = [self.summary.combining(group, "short") for group in groups]
            self.total = self.step + len(pending) + 1
        yield Failed(TextTooLong("The text is too long to summarise with this model."))

    def _summarise(self, pending: list[Messages],
                   first: Admitted | None) -> Generator[StreamEvent, None, list[str] | None]:
        """One round: a short summary of each pending prompt; None when the engine failed."""
        summaries: list[str] = []
        for messages in pending:
            self.step += 1
            yield Progress(self.step, self.total)
            try:
                admitted = first or self.calls.admit(messages, self.part_cap)
                first = None
                text, usage = yield from self.calls.text(admitted)
            except (EngineError, GenerationError) as error:
                yield Failed(error)
                return None
            self.usage += usage
            summaries.append(clean_text(text) or "-")
        return summaries

    def _final(self, combined: Messages) -> Iterator[StreamEvent]:
        self.step += 1
        yield Progress(self.step, self.total)
        try:
            admitted = self.calls.admit(combined, self.final_cap)
        except (EngineError, GenerationError) as error:
            yield Failed(error)
            return
        yield from self.calls.answer(admitted, self.restorer, earlier=self.usage)
