"""Test doubles shared by several test folders. Import them as `from tests.fakes import ScriptedEngine`.

Only the seams are faked: the engine stands in for the model, at the Engine protocol of backend.engine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from backend.audit import AuditStore
from backend.auth.principal import Principal
from backend.engine import IDLE, Engine, EngineEvent, EngineStatus, Finished, GenerationRequest, Started, TokenText
from backend.generation.job import Job
from backend.generation.pipeline import Pipeline
from backend.generation.task import Readability
from backend.settings import Settings


class ScriptedEngine:
    """Answers every request with a fixed token list (at most max_new_tokens of it), or with the tokens a
    function makes from the request; records the requests."""

    name = "scripted"

    def __init__(self, tokens: list[str] | Callable[[GenerationRequest], list[str]],
                 context_length: int = 4096) -> None:
        self.tokens = tokens
        self._context = context_length
        self.requests: list[GenerationRequest] = []
        self.lock = threading.Lock()

    @property
    def context_length(self) -> int:
        return self._context

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 4)

    def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
        with self.lock:
            self.requests.append(request)
        tokens = self.tokens(request) if callable(self.tokens) else self.tokens
        yield Started(10)
        yield IDLE
        for token in tokens[: request.max_new_tokens]:
            yield TokenText(token)
        yield Finished("stop", 10, len(tokens))

    def status(self) -> EngineStatus:
        return EngineStatus(ready=True, detail="scripted")


def make_pipeline(settings: Settings, engine: Engine, readability: Readability | None = None) -> Pipeline:
    """A Pipeline with the real redactor and a real SQLite audit store in the settings' instance folder."""
    from backend.redaction import get_redactor

    settings.instance_path.mkdir(parents=True, exist_ok=True)
    store = AuditStore(f"sqlite:///{settings.instance_path}/audit.db")
    store.upgrade()
    return Pipeline(engine, get_redactor(), store, settings, readability)


def make_job(feature: str, **options: str) -> Job:
    return Job(feature, Principal("t", "o", frozenset({"access_as_user"})), "api", options)
