"""POST /api/v1/translate as a stream of events: redact → prompt → generate → restore; and for
sv-lattlast, check → revise once (write → check → revise).

The pipeline (backend/generation/pipeline.py) supplies the steps every generating endpoint shares;
only what is particular to translation lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from backend.engine import ChatMessage, TokenText
from backend.generation.chunking import split_to_fit
from backend.generation.cleanup import clean_text
from backend.generation.events import Delta, Done, Failed, Progress, Revision, StreamEvent
from backend.problems import Problem
from backend.redaction.restore import restore_text
from backend.translation import prompts
from backend.translation.targets import parse_target

if TYPE_CHECKING:
    from backend.generation.pipeline import GenerationStream, Job, Pipeline

# Output caps relative to the masked input. A translation runs about as long as its text, longer in a
# language the tokenizer splits finely; easy Swedish runs longer still, with hard words explained and
# examples added. The revise round rewrites the draft, so it needs the draft's length and a margin.
TRANSLATE_GROWTH = 1.5
LATTLAST_GROWTH = 2.0
REVISE_GROWTH = 1.3
CAP_MARGIN = 32
MIN_CAP = 64
MIN_PART_TOKENS = 16


def translate(pipeline: Pipeline, job: Job, text: str) -> GenerationStream:
    """The translation of `text` to job.options["target"], or its lättläst version, as a stream."""
    options = job.options
    target = parse_target(options["target"])
    if target is None:  # the schema let it through, so a caller other than the route sent it
        raise Problem(422, "validation", "Unknown target language.", errors={"target": ["Unknown language code."]})
    language = options.get("language") or prompts.prompt_language(target)
    source = options.get("source")
    session = pipeline._session()
    redaction = pipeline._redaction(session, text, job.corrections.get("text"))
    sent = frozenset(entity.placeholder for entity in redaction.entities)
    growth = LATTLAST_GROWTH if target.easy else TRANSLATE_GROWTH

    def prompt(part: str) -> tuple[ChatMessage, ...]:
        return prompts.translate_messages(part, target, source, language)

    rounds = [(prompt(part), _cap(pipeline, part, growth))
              for part in _parts(pipeline, redaction.redacted, growth, prompt)]
    raw: list[str] = []
    plan = _round(pipeline, job, session, *rounds[0], raw, sent)
    if len(rounds) > 1:
        plan = _in_parts(pipeline, job, session, plan, rounds, raw, sent)
    if target.easy and pipeline.readability is not None:
        from backend.translation import lattlast

        # The user's own text, measured only when it is Swedish: LIX of an English text means nothing.
        source_figures = lattlast.figures(*lattlast.check(text)) if source == "sv" else None
        plan = _check_and_revise(pipeline, job, session, plan, raw, sent, language, source_figures)
    return pipeline._open(job, session, plan)


def _parts(pipeline: Pipeline, text: str, growth: float,
           prompt: Callable[[str], tuple[ChatMessage, ...]]) -> list[str]:
    """The masked text whole when its translation fits the output cap and the context; else paragraphs
    packed into parts that do, each translated in turn (a long document is not cut off at the cap)."""
    count = pipeline.engine.count_tokens
    budget = pipeline.settings.max_output_tokens
    if _wanted(count(text), growth) <= budget and pipeline._fits(prompt(text), _cap(pipeline, text, growth)):
        return [text]
    overhead = pipeline._tokens(prompt(""))
    part_tokens = min(int((budget - CAP_MARGIN) / growth), pipeline.engine.context_length - overhead - budget)
    if part_tokens < MIN_PART_TOKENS:
        raise Problem(422, "text_too_long", "The model's context is too small to translate this text in parts.")
    return split_to_fit(text, part_tokens, count)


def _in_parts(pipeline: Pipeline, job: Job, session: Any, first: Iterator[StreamEvent],
              rounds: list[tuple[tuple[ChatMessage, ...], int]], raw: list[str],
              sent: frozenset[str]) -> Iterator[StreamEvent]:
    """Each part's translation streamed in turn, a blank line between them; one Done for the whole."""
    usage = [0, 0]
    finish = "stop"
    plan = first
    for number in range(1, len(rounds) + 1):
        yield Progress(number, len(rounds))
        if number > 1:
            raw.append("\n\n")
            yield Delta("\n\n")
            try:
                plan = _round(pipeline, job, session, *rounds[number - 1], raw, sent)
            except Problem as problem:
                yield Failed(problem)
                return
        for event in plan:
            if isinstance(event, Done):
                usage[0] += event.prompt_tokens
                usage[1] += event.completion_tokens
                finish = event.finish_reason if event.finish_reason != "stop" else finish
                continue
            yield event
            if isinstance(event, Failed):
                return
    kept = placeholders_kept(clean_text("".join(raw)), sent)
    yield Done(finish, usage[0], usage[1], {"placeholders": {"sent": len(sent), "kept": kept}})


def _round(pipeline: Pipeline, job: Job, session: Any, messages: tuple[ChatMessage, ...], cap: int,
           raw: list[str], sent: frozenset[str]) -> Iterator[StreamEvent]:
    """One generation, admitted (a refusal raises Problem), restored, with its placeholders counted."""
    generation = _teed(pipeline._generate(job, messages, cap), raw)
    first = pipeline._admit(generation)
    return _counting_placeholders(pipeline._restore_stream(first, generation, session.restorer()), raw, sent)


def _check_and_revise(pipeline: Pipeline, job: Job, session: Any, draft: Iterator[StreamEvent], raw: list[str],
                      sent: frozenset[str], language: str,
                      source_figures: dict[str, Any] | None) -> Iterator[StreamEvent]:
    """Stream the draft; check it; if findings remain, announce a revision and stream the one revise round."""
    from backend.translation import lattlast

    shown: list[str] = []
    done: Done | None = None
    for event in draft:
        if isinstance(event, Done):
            done = event  # held back: the check decides what the last event says
            break
        if isinstance(event, Delta):
            shown.append(event.text)
        yield event
        if isinstance(event, Failed):
            return
    if done is None:
        return
    before = lattlast.figures(*lattlast.check("".join(shown)))
    result: dict[str, Any] = {"source": source_figures, "before": before, "after": before, "revised": False}
    # The revise round is told what to fix in the draft as the model wrote it, with placeholders: the
    # findings quote it, and no personal data may reach the model in a quote.
    masked = clean_text("".join(raw))
    instructions = lattlast.revise_instructions(masked, language) if before["findings"] else ""
    if not instructions:
        yield _with_readability(done, result)
        return
    messages = prompts.revise_messages(masked, instructions, language)
    cap = _cap(pipeline, masked, REVISE_GROWTH)
    if not pipeline._fits(messages, cap) or _wanted(pipeline.engine.count_tokens(masked), REVISE_GROWTH) > cap:
        # A revision cut off at the output cap would be worse than the whole draft.
        yield _with_readability(done, {**result, "skipped": "text_too_long"})
        return
    # Announced before the engine takes the round: its prompt takes seconds on a real model, and the
    # user should see at once that a better text is coming.
    yield Revision(1, before["findings"], before)
    revised_raw: list[str] = []
    try:
        revision = _round(pipeline, job, session, messages, cap, revised_raw, sent)
    except Problem as problem:
        # The engine refused the round (busy, restarting): the draft the user has read comes back.
        yield Delta("".join(shown))
        yield _with_readability(done, {**result, "skipped": problem.code})
        return
    shown = []
    for event in revision:
        if isinstance(event, Delta):
            shown.append(event.text)
        elif isinstance(event, Done):
            after = lattlast.figures(*lattlast.check("".join(shown)))
            event = Done(event.finish_reason, done.prompt_tokens + event.prompt_tokens,
                         done.completion_tokens + event.completion_tokens,
                         {**event.extra, "readability": {**result, "after": after, "revised": True}})
        yield event


def _with_readability(done: Done, readability: dict[str, Any]) -> Done:
    return Done(done.finish_reason, done.prompt_tokens, done.completion_tokens, {**done.extra,
                                                                                 "readability": readability})


def _counting_placeholders(plan: Iterator[StreamEvent], raw: list[str], sent: frozenset[str]) -> Iterator[StreamEvent]:
    """Done carries how many of the placeholders sent came back, so the pane can warn of a lost name."""
    for event in plan:
        if isinstance(event, Done):
            extra = {**event.extra, "placeholders": {"sent": len(sent),
                                                     "kept": placeholders_kept(clean_text("".join(raw)), sent)}}
            event = Done(event.finish_reason, event.prompt_tokens, event.completion_tokens, extra)
        yield event


def placeholders_kept(answer: str, sent: frozenset[str]) -> int:
    """How many of the placeholders sent appear in the model's answer, in any form the restorer takes."""
    marks = {placeholder: f"\x00{number}\x00" for number, placeholder in enumerate(sorted(sent))}
    restored = restore_text(answer, marks)
    return sum(mark in restored for mark in marks.values())


def _teed(generation: Iterator[Any], raw: list[str]) -> Iterator[Any]:
    """The engine's events passed on unchanged; the raw text collected on the way for the check."""
    try:
        for event in generation:
            if isinstance(event, TokenText):
                raw.append(event.text)
            yield event
    finally:
        close = getattr(generation, "close", None)
        if close is not None:
            close()  # closing early cancels the generation, as for the untouched engine stream


def _wanted(tokens: int, growth: float) -> int:
    return max(MIN_CAP, int(tokens * growth) + CAP_MARGIN)


def _cap(pipeline: Pipeline, text: str, growth: float) -> int:
    return min(pipeline.settings.max_output_tokens, _wanted(pipeline.engine.count_tokens(text), growth))
