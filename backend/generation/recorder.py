"""The one place that writes a request's metrics and its audit entry, whatever its outcome.

The audit entry holds counts, codes and timings only: never text, a prompt, an answer or a value.
"""

from __future__ import annotations

from backend.audit import AuditEntry, AuditStore
from backend.generation.errors import Refusal, refusal_code
from backend.generation.events import Delta, Done, Failed, StreamEvent
from backend.generation.job import Job
from backend.metrics import GENERATION_SECONDS, GENERATIONS, REDACTION_CORRECTIONS, REDACTIONS, TOKENS, TTFT

NO_ENGINE = "none"


class Recorder:
    def __init__(self, store: AuditStore, engine_name: str) -> None:
        self.store = store
        self.engine_name = engine_name

    def started(self, job: Job, counts: dict[str, int], corrections: dict[str, dict[str, int]]) -> Recording:
        """A generation that has begun streaming; its Recording writes the entry when it ends."""
        for entity_type, count in counts.items():
            REDACTIONS.labels(entity_type).inc(count)
        self._count_corrections(job, corrections)
        return Recording(self, job, self._entry(job, self.engine_name, counts, corrections))

    def refused(self, job: Job, error: Refusal) -> None:
        """A generation refused before its stream began (too long, busy, redaction failed)."""
        entry = self._entry(job, self.engine_name, {}, {})
        entry.outcome = f"rejected:{refusal_code(error)}"
        self.finish(job, entry)

    def record(self, job: Job, outcome: str, counts: dict[str, int] | None = None,
               corrections: dict[str, dict[str, int]] | None = None) -> None:
        """A request that needs no model (the redaction preview, readability, templates)."""
        corrections = corrections or {}
        self._count_corrections(job, corrections)
        entry = self._entry(job, NO_ENGINE, counts or {}, corrections)
        entry.outcome = outcome
        entry.latency_ms = _ms(job.elapsed())
        self.store.write(entry)

    def finish(self, job: Job, entry: AuditEntry) -> None:
        """The generation metrics and the audit entry of a generation, refused or streamed."""
        entry.latency_ms = _ms(job.elapsed())
        GENERATIONS.labels(job.feature, entry.outcome.split(":")[0]).inc()
        GENERATION_SECONDS.labels(job.feature).observe(entry.latency_ms / 1000)
        TOKENS.labels(job.feature, "prompt").inc(entry.prompt_tokens)
        TOKENS.labels(job.feature, "completion").inc(entry.completion_tokens)
        self.store.write(entry)

    @staticmethod
    def _entry(job: Job, engine: str, counts: dict[str, int],
               corrections: dict[str, dict[str, int]]) -> AuditEntry:
        return AuditEntry(
            request_id=job.request_id, tenant_id=job.principal.tenant_id, user_id=job.principal.object_id,
            feature=job.feature, host=job.host, engine=engine, redactions=dict(counts), corrections=corrections,
        )

    @staticmethod
    def _count_corrections(job: Job, corrections: dict[str, dict[str, int]]) -> None:
        """The user's corrections of the masking into the metrics: action and type, never a value."""
        for action, by_type in corrections.items():
            for entity_type, count in by_type.items():
                REDACTION_CORRECTIONS.labels(job.feature, action, entity_type).inc(count)


class Recording:
    """One streaming generation's entry, filled in as its events pass and written once at the end."""

    def __init__(self, recorder: Recorder, job: Job, entry: AuditEntry) -> None:
        self._recorder, self._job, self.entry = recorder, job, entry
        self._written = False

    def observe(self, event: StreamEvent) -> None:
        entry = self.entry
        if isinstance(event, Delta) and entry.ttft_ms is None:
            elapsed = self._job.elapsed()
            entry.ttft_ms = _ms(elapsed)
            TTFT.labels(self._job.feature).observe(elapsed)
        elif isinstance(event, Done):
            entry.prompt_tokens, entry.completion_tokens = event.prompt_tokens, event.completion_tokens
            entry.outcome = "completed"
        elif isinstance(event, Failed):
            entry.outcome = f"error:{event.code}"

    def finish(self) -> None:
        """Write the entry; a stream that ended before its answer did was cancelled. Once only."""
        if self._written:
            return
        self._written = True
        if self.entry.outcome == "started":
            self.entry.outcome = "cancelled"
        self._recorder.finish(self._job, self.entry)


def _ms(seconds: float) -> int:
    return int(seconds * 1000)
