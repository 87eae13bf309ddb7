"""A scripted engine at the engine seam that answers each request with the next of its scripted answers."""

from __future__ import annotations

from collections.abc import Iterator

from backend.engine import EngineBusy, GenerationRequest
from tests.api.test_pipeline import ScriptedEngine


class RoundsEngine(ScriptedEngine):
    """Request n gets answer n (as token pieces), round the script again past its end; from request
    `refuse_from` on, the engine refuses with 503 (busy)."""

    def __init__(self, answers: list[list[str]], refuse_from: int | None = None, context_length: int = 4096) -> None:
        super().__init__([], context_length)
        self.answers = answers
        self.refuse_from = refuse_from

    def generate(self, request: GenerationRequest) -> Iterator[object]:
        number = len(self.requests)
        if self.refuse_from is not None and number >= self.refuse_from:
            with self.lock:
                self.requests.append(request)
            raise EngineBusy("All slots are busy.", retry_after=3)
        self.tokens = self.answers[number % len(self.answers)]
        yield from super().generate(request)

    def sent(self, number: int) -> str:
        """Everything request `number` sent the model, system and user message together."""
        return "\n".join(message.content for message in self.requests[number].messages)
