"""Runs the acceptance suite through the product's pipeline and reports figures per task and overall."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from backend.evaluation import scoring
from backend.settings import Settings

SUITE = Path(__file__).with_name("suite.json")


@dataclass
class CaseResult:
    id: str
    task: str
    language: str
    finish_reason: str
    fact_recall: float
    names_restored: float
    placeholder_leaks: int
    scaffolding_leaks: int
    answer_language: str
    language_ok: bool
    words: int
    length_ok: bool
    injection_resisted: bool | None
    ttft_s: float | None
    tokens_per_s: float | None
    redactions: int
    error: str | None = None
    # Translation only (backend/evaluation/translation.py): the form kept, and lättläst's figures.
    formatting_kept: bool | None = None
    readability: dict[str, Any] | None = None


def load_suite(path: Path = SUITE) -> list[dict[str, Any]]:
    from backend.evaluation.translation import CASES

    cases: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["cases"]
    if path == SUITE:
        cases += json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    return cases


def run_case(pipeline: Any, case: dict[str, Any]) -> tuple[CaseResult, str]:
    """One case through the pipeline, timed as the user would feel it; returns the result and the answer."""
    from backend.auth.principal import Principal
    from backend.generation.events import Delta, Done, Failed, Meta, Revision
    from backend.generation.pipeline import Job
    from backend.problems import Problem

    request = dict(case["request"])
    options = {"language": case["language"], **{k: v for k, v in request.items()
                                                  if k not in ("text", "instruction", "context")}}
    job = Job(case["task"], Principal("eval", "eval", frozenset({"access_as_user"})), "eval", options)
    started = time.monotonic()
    first: float | None = None
    parts: list[str] = []
    finish, completion, redactions, error = "error", 0, 0, None
    extra: dict[str, Any] = {}
    try:
        if case["task"] == "summarize":
            stream = pipeline.summarize(job, request["text"])
        elif case["task"] == "draft":
            stream = pipeline.draft(job, request["instruction"], request.get("context", ""))
        elif case["task"] == "translate":
            stream = pipeline.translate(job, request["text"])
        else:
            stream = pipeline.rewrite(job, request["text"])
        for event in stream:
            if isinstance(event, Meta):
                redactions = sum(event.redactions.values())
            elif isinstance(event, Delta):
                first = first or time.monotonic()
                parts.append(event.text)
            elif isinstance(event, Revision):
                parts.clear()  # lättläst's revise round replaces the draft
            elif isinstance(event, Done):
                finish, completion, extra = event.finish_reason, event.completion_tokens, event.extra
            elif isinstance(event, Failed):
                error = event.problem.code
    except Problem as problem:
        error = problem.code
    ended = time.monotonic()
    answer = "".join(parts)
    decode_s = ended - first if first else 0.0
    answer_language = scoring.language(answer)
    words = scoring.word_count(answer)
    result = CaseResult(
        id=case["id"], task=case["task"], language=case["language"], finish_reason=finish,
        fact_recall=scoring.fact_recall(answer, case.get("facts", [])),
        names_restored=scoring.names_restored(answer, case.get("people", [])),
        placeholder_leaks=scoring.placeholder_leaks(answer),
        scaffolding_leaks=scoring.scaffolding_leaks(answer),
        answer_language=answer_language, language_ok=answer_language == case["language"],
        words=words, length_ok=0 < words <= case.get("max_words", 10_000),
        injection_resisted=scoring.injection_resisted(answer, case.get("canary")),
        ttft_s=round(first - started, 3) if first else None,
        tokens_per_s=round(completion / decode_s, 1) if completion > 1 and decode_s > 0 else None,
        redactions=redactions, error=error,
    )
    if case["task"] == "translate":
        from backend.evaluation.translation import formatting_kept

        result.readability = extra.get("readability")
        if not request["target"].endswith("lattlast"):
            result.formatting_kept = formatting_kept(request["text"], answer)
    return result, answer


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    """Means per task and overall: the figures docs/models.md explains."""

    def figures(rows: list[CaseResult]) -> dict[str, Any]:
        def mean(values: list[float]) -> float | None:
            return round(statistics.fmean(values), 3) if values else None

        injections = [r.injection_resisted for r in rows if r.injection_resisted is not None]
        return {
            "cases": len(rows),
            "errors": sum(r.error is not None for r in rows),
            "fact_recall": mean([r.fact_recall for r in rows]),
            "names_restored": mean([r.names_restored for r in rows]),
            "placeholder_leaks": sum(r.placeholder_leaks for r in rows),
            "scaffolding_leaks": sum(r.scaffolding_leaks for r in rows),
            "language_ok": mean([float(r.language_ok) for r in rows]),
            "length_ok": mean([float(r.length_ok) for r in rows]),
            "injection_resisted": mean([float(x) for x in injections]),
            "repetition_stops": sum(r.finish_reason == "repetition" for r in rows),
            **({"formatting_kept": mean([float(r.formatting_kept) for r in rows if r.formatting_kept is not None])}
               if any(r.formatting_kept is not None for r in rows) else {}),
            "ttft_s": mean([r.ttft_s for r in rows if r.ttft_s is not None]),
            "tokens_per_s": mean([r.tokens_per_s for r in rows if r.tokens_per_s is not None]),
        }

    tasks = sorted({r.task for r in results})
    return {"overall": figures(results), "tasks": {t: figures([r for r in results if r.task == t]) for t in tasks}}


def key_values(overall: dict[str, Any]) -> str:
    """The last line of `kollega eval`: space-separated key=value, for scripts."""
    return " ".join(f"{key}={'na' if value is None else value}" for key, value in overall.items())


def evaluate(pipeline: Any, cases: list[dict[str, Any]],
             on_case: Callable[[CaseResult], None] | None = None) -> dict[str, Any]:
    results, answers = [], {}
    for case in cases:
        result, answer = run_case(pipeline, case)
        results.append(result)
        answers[case["id"]] = answer
        if on_case:
            on_case(result)
    from backend.evaluation.translation import lattlast_summary

    rows = [asdict(r) for r in results]
    lattlast = lattlast_summary(rows)
    return {**summarise(results), **({"lattlast": lattlast} if lattlast else {}), "cases": rows, "answers": answers}


@contextmanager
def local_engine(settings: Settings) -> Iterator[None]:
    """A dispatcher with one runner for `settings.model_path`, on a loop of its own, for the suite's length."""
    import asyncio
    import threading

    from backend.engine.dispatcher import Dispatcher

    loop = asyncio.new_event_loop()
    dispatcher = Dispatcher(model_path=settings.model_path, socket_path=settings.socket_path, processes=1,
                            threads=settings.engine_threads or 1, slots=1, queue_size=4, step_delay_s=0.0)
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(dispatcher.start(), loop).result(300)
    try:
        yield
    finally:
        asyncio.run_coroutine_threadsafe(dispatcher.close(), loop).result(60)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
