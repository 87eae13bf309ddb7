"""Translate a text, or write it in easy Swedish with sv-lattlast's write → check → revise (one round).

Every round is masked, admitted and restored by the TaskRun like the other tasks; what is particular to
translation (targets, prompts, the lättläst check) lives in backend/translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from backend.engine import ChatMessage
from backend.generation.budget import Budget
from backend.generation.chunking import split_to_fit
from backend.generation.cleanup import clean_text
from backend.generation.errors import REFUSALS, TextTooLong, refusal_code
from backend.generation.events import Delta, Done, Failed, Progress, Revision, StreamEvent
from backend.generation.task import TaskRun
from backend.redaction.restore import restore_text
from backend.translation import lattlast, prompts
from backend.translation.targets import parse_target

# Output caps relative to the masked input. A translation runs about as long as its text, longer in a
# language the tokenizer splits finely; easy Swedish runs longer still, with hard words explained and
# examples added. The revise round rewrites the draft, so it needs the draft's length and a margin.
TRANSLATE_GROWTH = 1.5
LATTLAST_GROWTH = 2.0
REVISE_GROWTH = 1.3
CAP_MARGIN = 32
MIN_CAP = 64
MIN_PART_TOKENS = 16


def translate(run: TaskRun, text: str) -> Iterator[StreamEvent]:
    """The translation of `text` to the job's target, or its lättläst version."""
    options = run.options
    target = parse_target(options["target"])
    if target is None:  # the schema refuses it first: only a caller other than the route gets here
        raise ValueError("unknown target language")
    language = options.get("language") or prompts.prompt_language(target)
    source = options.get("source")
    masked = run.mask(text, "text")
    sent = frozenset(entity.placeholder for entity in masked.entities)
    growth = LATTLAST_GROWTH if target.easy else TRANSLATE_GROWTH

    def prompt(part: str) -> tuple[ChatMessage, ...]:
        return prompts.translate_messages(part, target, source, language)

    rounds = [(prompt(part), _cap(run.budget, part, growth))
              for part in _parts(run.budget, masked.redacted, growth, prompt)]
    raw: list[str] = []
    plan = _round(run, *rounds[0], raw, sent)
    if len(rounds) > 1:
        plan = _in_parts(run, plan, rounds, raw, sent)
    if target.easy and run.readability is not None:
        # The user's own text, measured only when it is Swedish: LIX of an English text means nothing.
        source_figures = lattlast.figures(*lattlast.check(text)) if source == "sv" else None
        plan = _check_and_revise(run, plan, raw, sent, language, source_figures)
    return plan


def _parts(budget: Budget, text: str, growth: float, prompt: Callable[[str], tuple[ChatMessage, ...]]) -> list[str]:
    """The masked text whole when its translation fits the output cap and the context; else paragraphs
    packed into parts that do, each translated in turn (a long document is not cut off at the cap)."""
    most = budget.max_output_tokens
    if _wanted(budget.count(text), growth) <= most and budget.fits(prompt(text), _cap(budget, text, growth)):
        return [text]
    overhead = budget.tokens(prompt(""))
    part_tokens = min(int((most - CAP_MARGIN) / growth), budget.context_length - overhead - most)
    if part_tokens < MIN_PART_TOKENS:
        raise TextTooLong("The model's context is too small to translate this text in parts.",
                          limit_tokens=budget.context_length)
    return split_to_fit(text, part_tokens, budget.count)


def _in_parts(run: TaskRun, first: Iterator[StreamEvent], rounds: list[tuple[tuple[ChatMessage, ...], int]],
              raw: list[str], sent: frozenset[str]) -> Iterator[StreamEvent]:
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
                plan = _round(run, *rounds[number - 1], raw, sent)
            except REFUSALS as error:
                yield Failed(error)
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


def _round(run: TaskRun, messages: tuple[ChatMessage, ...], cap: int, raw: list[str],
           sent: frozenset[str]) -> Iterator[StreamEvent]:
    """One generation, admitted (a refusal raises), restored, with its placeholders counted."""
    return _counting_placeholders(run.answer(messages, cap, raw=raw), raw, sent)


def _check_and_revise(run: TaskRun, draft: Iterator[StreamEvent], raw: list[str], sent: frozenset[str],
                      language: str, source_figures: dict[str, object] | None) -> Iterator[StreamEvent]:
    """Stream the draft; check it; if findings remain, announce a revision and stream the one revise round."""
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
    result: dict[str, object] = {"source": source_figures, "before": before, "after": before, "revised": False}
    # The revise round is told what to fix in the draft as the model wrote it, with placeholders: the
    # findings quote it, and no personal data may reach the model in a quote.
    masked = clean_text("".join(raw))
    instructions = lattlast.revise_instructions(masked, language) if before["findings"] else ""
    if not instructions:
        yield _with_readability(done, result)
        return
    messages = prompts.revise_messages(masked, instructions, language)
    cap = _cap(run.budget, masked, REVISE_GROWTH)
    if not run.budget.fits(messages, cap) or _wanted(run.budget.count(masked), REVISE_GROWTH) > cap:
        # A revision cut off at the output cap would be worse than the whole draft.
        yield _with_readability(done, {**result, "skipped": "text_too_long"})
        return
    # Announced before the engine takes the round: its prompt takes seconds on a real model, and the
    # user should see at once that a better text is coming.
    yield Revision(1, before["findings"], before)
    revised_raw: list[str] = []
    try:
        revision = _round(run, messages, cap, revised_raw, sent)
    except REFUSALS as error:
        # The engine refused the round (busy, restarting): the draft the user has read comes back.
        yield Delta("".join(shown))
        yield _with_readability(done, {**result, "skipped": refusal_code(error)})
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


def _with_readability(done: Done, readability: dict[str, object]) -> Done:
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


def _wanted(tokens: int, growth: float) -> int:
    return max(MIN_CAP, int(tokens * growth) + CAP_MARGIN)


def _cap(budget: Budget, text: str, growth: float) -> int:
    return min(budget.max_output_tokens, _wanted(budget.count(text), growth))
