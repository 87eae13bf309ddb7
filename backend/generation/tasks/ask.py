"""Ask a question about a text: the passages that answer it go to the model, masked (backend/ask)."""

from __future__ import annotations

from collections.abc import Iterator

from backend.ask import ask_messages, excerpts, not_found, rank, with_citations
from backend.generation.errors import TextTooLong
from backend.generation.events import StreamEvent
from backend.generation.task import TaskRun


def ask(run: TaskRun, text: str, question: str) -> Iterator[StreamEvent]:
    masked = run.mask(text, "text")
    masked_question = run.redact(question)  # after the text: a value the user masked there is masked here too
    language = run.options["language"]
    ranking = rank(text, question)  # the original text and question: offsets and words as written
    if not ranking.found:  # decided before the model, which would only guess; still audited by the stream
        return not_found(language)
    cap = run.budget.cap("medium")
    room = run.budget.room(ask_messages(masked_question, [], language), cap)
    chosen = excerpts(ranking, masked, room, run.budget.count)
    if not chosen:
        limit = run.budget.context_length
        raise TextTooLong("The model's context is too small for even one passage of this text; ask about a "
                          "shorter part.", limit_tokens=limit)
    messages = ask_messages(masked_question, [c.masked for c in chosen], language)
    run.budget.require_fit(messages, cap)
    return with_citations(run.answer(messages, cap), text, [c.passage for c in chosen])
