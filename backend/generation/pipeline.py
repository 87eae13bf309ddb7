"""A request reads like the product: redact → build the prompt → generate → restore → stream.

The first engine event is awaited before the HTTP response starts, so a full queue or a restarting
engine is answered with a real 503 and Retry-After rather than an error inside a 200 stream.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from backend.api.engine_errors import problem_from_engine
from backend.audit import AuditEntry, AuditStore
from backend.auth.principal import Principal
from backend.engine import (
    IDLE,
    ChatMessage,
    Engine,
    EngineError,
    Finished,
    GenerationRequest,
    Started,
    TokenText,
)
from backend.generation import prompts
from backend.generation.chunking import split_to_fit
from backend.generation.cleanup import AnswerFilter, clean_text, neutralise_special_tokens
from backend.generation.events import Delta, Done, Failed, Meta, Progress, StreamEvent
from backend.metrics import GENERATION_SECONDS, GENERATIONS, REDACTION_CORRECTIONS, REDACTIONS, TOKENS, TTFT
from backend.problems import Problem
from backend.settings import Settings

log = logging.getLogger("kollega.generation")

# Output caps by requested length, before the server-wide KOLLEGA_MAX_OUTPUT_TOKENS.
LENGTH_TOKENS = {"short": 160, "medium": 360, "long": 720}
# Chat-template tokens around each message (role markers, separators): a safe over-estimate.
TEMPLATE_OVERHEAD = 8
MIN_PART_TOKENS = 16
MAX_REDUCE_ROUNDS = 6


@dataclass
class Job:
    """One user request after validation, with the redacted texts it needs."""

    feature: str
    principal: Principal
    host: str
    options: dict[str, Any]
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    # The user's corrections of the preview, per text field ("text", "instruction", "context").
    corrections: dict[str, Any] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)


class GenerationStream:
    """Iterate for events. Closing it early cancels the generation (the client went away)."""

    def __init__(self, pipeline: Pipeline, job: Job, meta: Meta, events: Iterator[StreamEvent],
                 audit: AuditEntry) -> None:
        self.pipeline, self.job, self.meta, self._events, self.audit = pipeline, job, meta, events, audit

    def __iter__(self) -> Iterator[StreamEvent]:
        yield self.meta
        completed = False
        try:
            for event in self._events:
                if isinstance(event, Failed):
                    self.audit.outcome = f"error:{event.problem.code}"
                    yield event
                    return
                if isinstance(event, Done):
                    self.audit.outcome = "completed"
                    completed = True
                yield event
        except GeneratorExit:
            if not completed:
                self.audit.outcome = "cancelled"
            raise
        finally:
            if not completed and self.audit.outcome == "started":
                self.audit.outcome = "cancelled"
            close_stream(self._events)
            self.pipeline.finish(self.job, self.audit)


class Pipeline:
    """Turns a validated job into a stream of events. Knows nothing about HTTP."""

    def __init__(self, engine: Engine, redactor: Any, audit: AuditStore, settings: Settings,
                 readability: Any = None) -> None:
        self.engine = engine
        self.redactor = redactor
        self.store = audit
        self.settings = settings
        self.readability = readability

    # ----- entry points ------------------------------------------------------------------------

    def summarize(self, job: Job, text: str) -> GenerationStream:
        session = self._session()
        redacted = self._redact(session, text, job.corrections.get("text"))
        o = job.options
        cap = self._cap(o["length"])
        messages = prompts.summarize_messages(redacted, o["kind"], o["length"], o["language"])
        if self._fits(messages, cap):
            plan = self._single(job, messages, cap, session)
        else:
            plan = self._summarize_in_parts(job, redacted, cap, session)
        return self._open(job, session, plan)

    def draft(self, job: Job, instruction: str, context: str) -> GenerationStream:
        session = self._session()
        if job.corrections.get("context"):  # a value the user masked in the context is masked in the instruction too
            session.learn(context, job.corrections["context"])
        red_instruction = self._redact(session, instruction, job.corrections.get("instruction"))
        red_context = self._redact(session, context, job.corrections.get("context")) if context.strip() else ""
        o = job.options
        cap = self._cap(o["length"])
        messages = prompts.draft_messages(red_instruction, red_context, o["tone"], o["length"], o["language"])
        if not self._fits(messages, cap) and red_context:
            # A long thread as context: keep its most recent end, which matters most for a reply.
            room = self.engine.context_length - cap - self._tokens(
                prompts.draft_messages(red_instruction, "", o["tone"], o["length"], o["language"]))
            red_context = _keep_tail(red_context, room, self.engine.count_tokens)
            messages = prompts.draft_messages(red_instruction, red_context, o["tone"], o["length"], o["language"])
        self._require_fit(messages, cap)
        return self._open(job, session, self._single(job, messages, cap, session))

    def rewrite(self, job: Job, text: str) -> GenerationStream:
        session = self._session()
        redaction = self._redaction(session, text, job.corrections.get("text"))
        redacted = redaction.redacted
        o = job.options
        findings, before = "", None
        if o["goal"] == "plain" and self.readability is not None:
            report = self.readability.analyze(text)
            before = report.lix
            # Findings are computed on the original and quoted from the masked text through the
            # first masking's spans: re-detecting a cut fragment ("070 123 45 …") would miss it.
            masked = self.readability.with_masked_spans(report, redaction.masked_span)
            findings = self.readability.findings_for_prompt(masked, redacted, o["language"])
        # A rewrite is about as long as its input.
        cap = min(self.settings.max_output_tokens, max(64, int(self.engine.count_tokens(redacted) * 1.3) + 16))
        # A template's filled instruction (backend/usertemplates) is user content: redacted like the text.
        instruction = self._redact(session, o["instruction"]) if o.get("instruction", "").strip() else ""
        messages = prompts.rewrite_messages(redacted, o["goal"], o["language"], findings, instruction)
        self._require_fit(messages, cap)
        plan = self._single(job, messages, cap, session)
        if before is not None:
            plan = self._with_lix(plan, before)
        return self._open(job, session, plan)

    def chat(self, job: Job, messages: list[tuple[str, str]], max_tokens: int | None,
             temperature: float | None) -> GenerationStream:
        """The OpenAI-compatible gateway: every message is redacted, the answer restored."""
        session = self._session()
        redacted = tuple(ChatMessage(role, neutralise_special_tokens(self._redact(session, content))
                                     if content.strip() else content) for role, content in messages)
        cap = min(max_tokens or self.settings.max_output_tokens, self.settings.max_output_tokens)
        self._require_fit(redacted, cap)
        generation = self._generate(job, redacted, cap, temperature)
        first = self._admit(generation)
        return self._open(job, session, self._restore_stream(first, generation, session.restorer()))

    # ----- plans -------------------------------------------------------------------------------

    def _single(self, job: Job, messages: tuple[ChatMessage, ...], cap: int, session: Any) -> Iterator[StreamEvent]:
        generation = self._generate(job, messages, cap)
        first = self._admit(generation)
        return self._restore_stream(first, generation, session.restorer())

    def _summarize_in_parts(self, job: Job, redacted: str, cap: int, session: Any) -> Iterator[StreamEvent]:
        o = job.options
        context = self.engine.context_length
        combine_overhead = self._tokens(prompts.combine_messages([""], o["kind"], o["length"], o["language"]))
        final_cap = min(cap, max(MIN_PART_TOKENS, context - combine_overhead - 3 * MIN_PART_TOKENS))
        # Room for at least three part summaries in one combine prompt, so each round shrinks the text.
        part_cap = min(cap, (context - combine_overhead - final_cap) // 3)
        overhead = self._tokens(prompts.summarize_messages("", o["kind"], o["length"], o["language"]))
        part_tokens = context - overhead - part_cap
        if part_cap < MIN_PART_TOKENS or part_tokens < MIN_PART_TOKENS:
            raise Problem(422, "text_too_long", "The model's context is too small to summarise this text in parts.")
        parts = split_to_fit(redacted, part_tokens, self.engine.count_tokens)
        messages = [prompts.summarize_messages(p, o["kind"], "short", o["language"]) for p in parts]
        first_generation = self._generate(job, messages[0], part_cap)
        first = self._admit(first_generation)
        return self._reduce(job, parts, messages, first, first_generation, part_cap, final_cap, session)

    def _reduce(self, job: Job, parts: list[str], messages: list[tuple[ChatMessage, ...]], first: Any,
                first_generation: Iterator[Any], part_cap: int, final_cap: int, session: Any) -> Iterator[StreamEvent]:
        o = job.options
        total = len(parts) + 1
        step = 0
        usage = [0, 0]
        summaries: list[str] = []
        pending: list[tuple[ChatMessage, ...]] = list(messages)
        generation: Iterator[Any] | None = first_generation
        head: Any = first
        for _ in range(MAX_REDUCE_ROUNDS):
            summaries = []
            for part_messages in pending:
                step += 1
                yield Progress(step, total)
                if generation is None:
                    generation = self._generate(job, part_messages, part_cap)
                    head = None
                text_parts: list[str] = []
                try:
                    for event in _with_head(head, generation):
                        if isinstance(event, TokenText):
                            text_parts.append(event.text)
                        elif isinstance(event, Finished):
                            usage[0] += event.prompt_tokens
                            usage[1] += event.completion_tokens
                        elif event is IDLE:
                            yield None
                except EngineError as error:
                    yield Failed(problem_from_engine(error))
                    return
                finally:
                    close_stream(generation)
                    generation = None
                summaries.append(clean_text("".join(text_parts)) or "-")
            combined = prompts.combine_messages(summaries, o["kind"], o["length"], o["language"])
            if self._fits(combined, final_cap):
                break
            # Still too long: summarise groups of summaries, and go round again.
            group_tokens = self.engine.context_length - part_cap - self._tokens(
                prompts.combine_messages([""], o["kind"], "short", o["language"]))
            groups = _group(summaries, group_tokens, self.engine.count_tokens)
            pending = [prompts.combine_messages(g, o["kind"], "short", o["language"]) for g in groups]
            total = step + len(pending) + 1
        else:
            yield Failed(Problem(422, "text_too_long", "The text is too long to summarise with this model."))
            return
        step += 1
        yield Progress(step, total)
        final = self._generate(job, combined, final_cap)
        try:
            head = self._admit(final)
        except Problem as problem:
            yield Failed(problem)
            return
        for event in self._restore_stream(head, final, session.restorer()):
            if isinstance(event, Done):
                event = Done(event.finish_reason, event.prompt_tokens + usage[0],
                             event.completion_tokens + usage[1], event.extra)
            yield event

    def _with_lix(self, plan: Iterator[StreamEvent], before: float) -> Iterator[StreamEvent]:
        written: list[str] = []
        for event in plan:
            if isinstance(event, Delta):
                written.append(event.text)
            if isinstance(event, Done):
                after = self.readability.lix("".join(written)) if written else None
                event = Done(event.finish_reason, event.prompt_tokens, event.completion_tokens,
                             {**event.extra, "readability": {"lix_before": before, "lix_after": after}})
            yield event

    # ----- engine ------------------------------------------------------------------------------

    def _generate(self, job: Job, messages: tuple[ChatMessage, ...], cap: int,
                  temperature: float | None = None) -> Iterator[Any]:
        request = GenerationRequest(
            request_id=uuid.uuid4().hex,
            messages=messages,
            max_new_tokens=cap,
            deadline=time.time() + max(1.0, self.settings.request_timeout_s - (time.monotonic() - job.started)),
            temperature=self.settings.temperature if temperature is None else temperature,
        )
        return self.engine.generate(request)

    def _admit(self, generation: Iterator[Any]) -> Any:
        """Wait for the engine to take the request; its refusals become HTTP problems."""
        try:
            for event in generation:
                if event is not IDLE:
                    return event
        except EngineError as error:
            raise problem_from_engine(error) from None
        raise Problem(503, "engine_unavailable", "The model engine ended the request without an answer.",
                      headers={"Retry-After": "5"}, retry_after=5)

    def _restore_stream(self, first: Any, generation: Iterator[Any], restorer: Any) -> Iterator[StreamEvent]:
        answer = AnswerFilter(restorer)  # scaffolding out, loops stopped, placeholders restored
        prompt_tokens = 0
        try:
            for event in _with_head(first, generation):
                if isinstance(event, TokenText):
                    text = answer.feed(event.text)
                    if text:
                        yield Delta(text)
                    if answer.stop_reason:
                        # The model goes on, but the answer is over; leaving the loop cancels the rest.
                        rest = answer.finish()
                        if rest:
                            yield Delta(rest)
                        yield Done(answer.stop_reason, prompt_tokens, self.engine.count_tokens("".join(answer.raw)))
                        return
                elif isinstance(event, Finished):
                    rest = answer.finish()
                    if rest:
                        yield Delta(rest)
                    yield Done(event.finish_reason, event.prompt_tokens, event.completion_tokens)
                    return
                elif event is IDLE:
                    yield None
                elif isinstance(event, Started):
                    prompt_tokens = event.prompt_tokens
        except EngineError as error:
            yield Failed(problem_from_engine(error))
        finally:
            close_stream(generation)

    # ----- helpers -----------------------------------------------------------------------------

    def _open(self, job: Job, session: Any, plan: Iterator[StreamEvent]) -> GenerationStream:
        counts = dict(session.counts())
        for entity_type, count in counts.items():
            REDACTIONS.labels(entity_type).inc(count)
        corrections = count_corrections(job.feature, session.correction_counts())
        audit = AuditEntry(
            request_id=job.request_id, tenant_id=job.principal.tenant_id, user_id=job.principal.object_id,
            feature=job.feature, host=job.host, engine=self.engine.name, redactions=counts, corrections=corrections,
        )
        return GenerationStream(self, job, Meta(job.request_id, counts), _measured(plan, job, audit), audit)

    def finish(self, job: Job, audit: AuditEntry) -> None:
        audit.latency_ms = int((time.monotonic() - job.started) * 1000)
        GENERATIONS.labels(job.feature, audit.outcome.split(":")[0]).inc()
        GENERATION_SECONDS.labels(job.feature).observe(audit.latency_ms / 1000)
        TOKENS.labels(job.feature, "prompt").inc(audit.prompt_tokens)
        TOKENS.labels(job.feature, "completion").inc(audit.completion_tokens)
        self.store.write(audit)

    def record(self, job: Job, outcome: str, counts: dict[str, int] | None = None,
               corrections: dict[str, dict[str, int]] | None = None) -> None:
        """Audit a request that needs no model (the redaction preview, readability)."""
        audit = AuditEntry(
            request_id=job.request_id, tenant_id=job.principal.tenant_id, user_id=job.principal.object_id,
            feature=job.feature, host=job.host, engine="none", redactions=counts or {}, outcome=outcome,
            corrections=count_corrections(job.feature, corrections or {}),
        )
        audit.latency_ms = int((time.monotonic() - job.started) * 1000)
        self.store.write(audit)

    def reject(self, job: Job, problem: Problem, counts: dict[str, int] | None = None) -> None:
        """Audit a request that was refused before its stream began."""
        audit = AuditEntry(
            request_id=job.request_id, tenant_id=job.principal.tenant_id, user_id=job.principal.object_id,
            feature=job.feature, host=job.host, engine=self.engine.name, redactions=counts or {},
            outcome=f"rejected:{problem.code}",
        )
        self.finish(job, audit)

    def _session(self) -> Any:
        return self.redactor.session()

    def _redact(self, session: Any, text: str, corrections: Any = None) -> str:
        return str(self._redaction(session, text, corrections).redacted)

    def _redaction(self, session: Any, text: str, corrections: Any = None) -> Any:
        from backend.redaction import InvalidText, RedactionError

        try:
            return session.redact(text, corrections)
        except InvalidText as exc:
            raise Problem(422, "validation", str(exc)) from None
        except RedactionError:
            # Never fall back to sending unmasked text.
            log.error("redaction failed; the request was stopped before reaching the model")
            raise Problem(500, "redaction_failed",
                          "Personal data could not be masked, so nothing was sent to the model.") from None

    def _cap(self, length: str) -> int:
        return min(LENGTH_TOKENS[length], self.settings.max_output_tokens)

    def _tokens(self, messages: tuple[ChatMessage, ...]) -> int:
        return sum(self.engine.count_tokens(m.content) + TEMPLATE_OVERHEAD for m in messages) + TEMPLATE_OVERHEAD

    def _fits(self, messages: tuple[ChatMessage, ...], cap: int) -> bool:
        return self._tokens(messages) + cap <= self.engine.context_length

    def _require_fit(self, messages: tuple[ChatMessage, ...], cap: int) -> None:
        if not self._fits(messages, cap):
            limit = self.engine.context_length
            raise Problem(
                422, "text_too_long",
                f"The text is too long for the model (its context holds {limit:,} tokens, about "
                f"{limit * 3:,} characters with the answer). Shorten it or select a part.",
                limit_tokens=limit,
            )


def count_corrections(feature: str, corrections: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The user's corrections into the metrics (action and type only); returned for the audit record."""
    for action, by_type in corrections.items():
        for entity_type, count in by_type.items():
            REDACTION_CORRECTIONS.labels(feature, action, entity_type).inc(count)
    return corrections


def close_stream(iterator: Any) -> None:
    """Close a generator early; for an engine stream that is the cancel."""
    close = getattr(iterator, "close", None)
    if close is not None:
        close()


def _with_head(head: Any, rest: Iterator[Any]) -> Iterator[Any]:
    if head is not None:
        yield head
    yield from rest


def _measured(plan: Iterator[StreamEvent], job: Job, audit: AuditEntry) -> Iterator[StreamEvent]:
    """Fill the audit entry and the time-to-first-token metric as the stream passes."""
    for event in plan:
        if isinstance(event, Delta) and audit.ttft_ms is None:
            elapsed = time.monotonic() - job.started
            audit.ttft_ms = int(elapsed * 1000)
            TTFT.labels(job.feature).observe(elapsed)
        elif isinstance(event, Done):
            audit.prompt_tokens, audit.completion_tokens = event.prompt_tokens, event.completion_tokens
        yield event


def _keep_tail(text: str, max_tokens: int, count: Callable[[str], int]) -> str:
    if max_tokens <= 0:
        return ""
    words = text.split(" ")
    low, high = 0, len(words)
    while low < high:  # the smallest cut whose tail fits
        mid = (low + high) // 2
        if count(" ".join(words[mid:])) <= max_tokens:
            high = mid
        else:
            low = mid + 1
    return " ".join(words[low:])


def _group(summaries: list[str], max_tokens: int, count: Callable[[str], int]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    used = 0
    for summary in summaries:
        tokens = count(summary) + 4
        if groups[-1] and used + tokens > max_tokens:
            groups.append([])
            used = 0
        groups[-1].append(summary)
        used += tokens
    return groups
