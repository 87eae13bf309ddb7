"""The stream owns closing and finishing: one audit entry per request, refusals included, and a closed
stream cancels its engine work. "Nothing yet" is a typed Idle event, never None."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backend.audit import AuditRecord
from backend.engine import ChatMessage, EngineBusy, EngineEvent, EngineTimeout, GenerationRequest, Started, TokenText
from backend.generation.errors import TextTooLong
from backend.generation.events import IDLE, Delta, Done, Failed, Idle, Meta, StreamEvent
from backend.generation.pipeline import Pipeline
from backend.redaction import RedactionError
from backend.settings import Settings
from tests.fakes import ScriptedEngine, make_job, make_pipeline

SUMMARY = {"kind": "email", "length": "short", "language": "sv"}
TEXT = "Ring Anna Svensson på 070-123 45 67 om mötet."


class WatchedEngine(ScriptedEngine):
    """A scripted engine that notes when the caller closes its stream (the cancel)."""

    def __init__(self, tokens: list[str], **kwargs: int) -> None:
        super().__init__(tokens, **kwargs)
        self.closed = 0

    def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
        try:
            yield from super().generate(request)
        except GeneratorExit:
            self.closed += 1
            raise


class RefusingEngine(ScriptedEngine):
    def __init__(self, error: Exception, after_tokens: int | None = None) -> None:
        super().__init__(["ett ", "två "])
        self.error, self.after_tokens = error, after_tokens

    def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
        self.requests.append(request)
        if self.after_tokens is None:
            raise self.error
        yield Started(5)
        for token in self.tokens[: self.after_tokens]:
            yield TokenText(token)
        raise self.error


def records(p: Pipeline) -> list[AuditRecord]:
    return p.recorder.store.recent()


def test_a_completed_stream_is_audited_once_with_its_figures(settings: Settings) -> None:
    p = make_pipeline(settings, ScriptedEngine(["Kort ", "svar."]))
    stream = p.summarize(make_job("summarize", **SUMMARY), TEXT)
    events = list(stream)
    assert isinstance(events[0], Meta) and isinstance(events[-1], Done)
    assert any(isinstance(e, Idle) for e in events) and None not in events
    stream.close()  # closing again (the HTTP layer always does) writes nothing more
    [record] = records(p)
    assert record.outcome == "completed" and record.feature == "summarize" and record.engine == "scripted"
    assert record.completion_tokens == 2 and record.prompt_tokens == 10
    assert record.ttft_ms is not None and record.redactions == events[0].redactions


def test_closing_a_stream_early_cancels_the_engine_and_is_audited_as_cancelled(settings: Settings) -> None:
    engine = WatchedEngine(["ett ", "två ", "tre "])
    p = make_pipeline(settings, engine)
    with p.summarize(make_job("summarize", **SUMMARY), TEXT) as stream:
        for event in stream:
            if isinstance(event, Delta):
                break
    assert engine.closed == 1
    assert [r.outcome for r in records(p)] == ["cancelled"]


@pytest.mark.parametrize(("error", "code"), [(EngineBusy("full", retry_after=3), "busy"),
                                             (EngineTimeout("late"), "timeout")])
def test_an_engine_refusal_is_raised_and_audited_as_rejected(settings: Settings, error: Exception,
                                                             code: str) -> None:
    p = make_pipeline(settings, RefusingEngine(error))
    with pytest.raises(type(error)):
        p.draft(make_job("draft", tone="neutral", length="short", language="sv"), "Skriv ett svar", "")
    [record] = records(p)
    assert record.outcome == f"rejected:{code}" and record.feature == "draft"


def test_a_text_too_long_is_refused_before_the_engine(settings: Settings) -> None:
    engine = ScriptedEngine(["x"], context_length=64)
    p = make_pipeline(settings, engine)
    with pytest.raises(TextTooLong):
        p.rewrite(make_job("rewrite", goal="shorter", language="sv"), "Ett långt stycke text. " * 40)
    assert engine.requests == []
    assert [r.outcome for r in records(p)] == ["rejected:text_too_long"]


def test_a_failing_redaction_sends_nothing_and_is_audited(settings: Settings) -> None:
    class BrokenSession:
        def redact(self, text: str, corrections: object = None) -> object:
            raise RedactionError("detection failed (ValueError)")

    class BrokenRedactor:
        def session(self) -> BrokenSession:
            return BrokenSession()

    engine = ScriptedEngine(["x"])
    p = make_pipeline(settings, engine)
    p.redactor = BrokenRedactor()  # type: ignore[assignment]
    with pytest.raises(RedactionError):
        p.summarize(make_job("summarize", **SUMMARY), TEXT)
    assert engine.requests == []
    assert [r.outcome for r in records(p)] == ["rejected:redaction_failed"]


def test_an_engine_error_mid_stream_ends_it_with_failed(settings: Settings) -> None:
    p = make_pipeline(settings, RefusingEngine(EngineTimeout("deadline passed"), after_tokens=1))
    events = list(p.summarize(make_job("summarize", **SUMMARY), "Mötet flyttas till tisdag."))
    failed = events[-1]
    assert isinstance(failed, Failed) and failed.code == "timeout"
    assert any(isinstance(e, Delta) for e in events)
    assert [r.outcome for r in records(p)] == ["error:timeout"]


def test_idle_is_one_typed_event() -> None:
    assert isinstance(IDLE, Idle) and Idle() == IDLE


def test_a_refused_later_part_ends_a_long_summary_with_failed(settings: Settings) -> None:
    class BusyAfterFirst(ScriptedEngine):
        def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
            if self.requests:
                self.requests.append(request)
                raise EngineBusy("full", retry_after=2)
            yield from super().generate(request)

    engine = BusyAfterFirst(["Delsammanfattning."], context_length=600)
    p = make_pipeline(settings, engine)
    text = "\n\n".join(f"Stycke {i}. " + "Det här är en mening om verksamheten. " * 12 for i in range(12))
    events = list(p.summarize(make_job("summarize", kind="document", length="short", language="sv"), text))
    failed = events[-1]
    assert isinstance(failed, Failed) and failed.code == "busy"
    assert len(engine.requests) == 2  # the first part ran; the second was refused and nothing followed
    assert [r.outcome for r in records(p)] == ["error:busy"]


def test_a_task_may_collect_the_models_own_text_with_placeholders(settings: Settings) -> None:
    from backend.generation.task import TaskRun

    engine = ScriptedEngine([])
    p = make_pipeline(settings, engine)
    raw: list[str] = []

    def echo(run: TaskRun) -> Iterator[StreamEvent]:
        redacted = run.redact(TEXT, "text")
        engine.tokens = [redacted[:10], redacted[10:]]
        return run.answer((ChatMessage("user", redacted),), 64, raw=raw)

    events = list(p.start(make_job("echo"), echo))
    shown = "".join(e.text for e in events if isinstance(e, Delta))
    assert "Anna Svensson" in shown and "Anna Svensson" not in "".join(raw)
    assert "[PERSON_1]" in "".join(raw)
