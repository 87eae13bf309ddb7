"""The engine step: send one request, wait until the engine takes it, then turn its events into ours.

Waiting for the first event before the HTTP response starts lets a full queue or a restarting engine
be answered with a real 503 and Retry-After, not an error inside a 200 stream.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass

from backend.engine import (
    ChatMessage,
    Engine,
    EngineError,
    EngineEvent,
    Finished,
    GenerationRequest,
    Started,
    TokenText,
)
from backend.generation.cleanup import AnswerFilter
from backend.generation.errors import NoAnswer
from backend.generation.events import IDLE, Delta, Done, Failed, Idle, StreamEvent
from backend.generation.session import Restorer

# Engine events that carry something; any other event (the engine's "nothing yet") is idle time.
_CONTENT = (Started, TokenText, Finished)


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.prompt_tokens + other.prompt_tokens, self.completion_tokens + other.completion_tokens)


class Admitted:
    """A request the engine has taken. Iterate for its events once; close() cancels what is left."""

    def __init__(self, first: EngineEvent, rest: Iterator[EngineEvent]) -> None:
        self._first, self._rest = first, rest

    def __iter__(self) -> Iterator[EngineEvent]:
        yield self._first
        yield from self._rest

    def close(self) -> None:
        # The engine's stream is a generator (local and remote engines); closing it is the cancel.
        close: Callable[[], object] | None = getattr(self._rest, "close", None)
        if close is not None:
            close()


class Generations:
    """Starts the generations of one request; they share its deadline (KOLLEGA_REQUEST_TIMEOUT_S)."""

    def __init__(self, engine: Engine, deadline: float, temperature: float) -> None:
        self.engine, self.deadline, self.temperature = engine, deadline, temperature

    def admit(self, messages: tuple[ChatMessage, ...], cap: int, temperature: float | None = None) -> Admitted:
        """Send the request and wait for the engine to take it. Raises EngineError or NoAnswer."""
        request = GenerationRequest(
            request_id=uuid.uuid4().hex,
            messages=messages,
            max_new_tokens=cap,
            deadline=max(time.time() + 1.0, self.deadline),
            temperature=self.temperature if temperature is None else temperature,
        )
        events = iter(self.engine.generate(request))
        for event in events:
            if isinstance(event, _CONTENT):
                return Admitted(event, events)
        raise NoAnswer("The model engine ended the request without an answer.", retry_after=5)

    @staticmethod
    def text(admitted: Admitted) -> Generator[Idle, None, tuple[str, Usage]]:
        """The whole raw answer of an admitted request (a part summary); yields IDLE in quiet moments."""
        pieces: list[str] = []
        usage = Usage()
        try:
            for event in admitted:
                if isinstance(event, TokenText):
                    pieces.append(event.text)
                elif isinstance(event, Finished):
                    usage = Usage(event.prompt_tokens, event.completion_tokens)
                elif not isinstance(event, Started):
                    yield IDLE
        finally:
            admitted.close()
        return "".join(pieces), usage

    def answer(self, admitted: Admitted, restorer: Restorer, earlier: Usage = Usage(),
               raw: list[str] | None = None) -> Iterator[StreamEvent]:
        """The answer as the user sees it: cleaned, stopped at a loop, placeholders restored as it streams.

        `earlier` is what earlier generations of the request used (part summaries); Done counts it too.
        `raw`, when given, collects the model's own text (placeholders, no values) for a task's checks.
        """
        answer = AnswerFilter(restorer)
        prompt_tokens = 0
        try:
            for event in admitted:
                if isinstance(event, TokenText):
                    if raw is not None:
                        raw.append(event.text)
                    text = answer.feed(event.text)
                    if text:
                        yield Delta(text)
                    if answer.stop_reason:
                        # The model goes on, but the answer is over; leaving the loop cancels the rest.
                        rest = answer.finish()
                        if rest:
                            yield Delta(rest)
                        used = Usage(prompt_tokens, self.engine.count_tokens("".join(answer.raw)))
                        yield _done(answer.stop_reason, earlier + used)
                        return
                elif isinstance(event, Finished):
                    rest = answer.finish()
                    if rest:
                        yield Delta(rest)
                    yield _done(event.finish_reason, earlier + Usage(event.prompt_tokens, event.completion_tokens))
                    return
                elif isinstance(event, Started):
                    prompt_tokens = event.prompt_tokens
                else:
                    yield IDLE
        except EngineError as error:
            yield Failed(error)
        finally:
            admitted.close()


def _done(finish_reason: str, usage: Usage) -> Done:
    return Done(finish_reason, usage.prompt_tokens, usage.completion_tokens)
