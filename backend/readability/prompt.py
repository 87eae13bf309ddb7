"""findings_for_prompt(): the findings as a short bullet list that tells the model what to fix."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from pathlib import Path

from backend.readability.findings.noun_heavy import nominalizations
from backend.readability.report import Finding, FindingKind, ReadabilityReport
from backend.readability.splitting import words_in

# The order bullets take turns in when the limit cuts: whole-text and sentence-level problems first,
# because one fixed long sentence helps the reader more than one swapped word.
# The decision checks are not here: a model cannot supply a missing appeal clause or reasons, the
# case officer must; the pane shows them instead.
_PRIORITY: tuple[FindingKind, ...] = (
    "no_direct_address",
    "very_hard_sentence",
    "long_sentence",
    "hard_sentence",
    "officialese",
    "legal_term",
    "passive",
    "noun_heavy",
    "noun_cluster",
    "abbreviation",
)
# Sentence marks share the "split it" bullet; a hard sentence is named by its opening as a long one is.
_SENTENCE_KINDS = ("very_hard_sentence", "long_sentence", "hard_sentence")
_OPENING_WORDS = 6
LANGUAGES = ("en", "sv")

# The bullets are prompt text, so they are data beside the other prompts: backend/prompts/{language}/findings.json.
PROMPT_DIR = Path(__file__).resolve().parent.parent / "prompts"


def findings_for_prompt(report: ReadabilityReport, text: str, language: str = "sv", limit: int = 20) -> str:
    """At most `limit` distinct bullets, one per line, the kinds taking turns; "" when nothing to fix.

    `text` must be the text the report was made from: the bullets quote it by the findings' spans.
    """
    templates = _templates(language)
    if any(finding.end > len(text) for finding in report.findings):
        raise ValueError("the report's findings do not fit this text")
    queues: dict[FindingKind, list[str]] = {kind: [] for kind in _PRIORITY}
    seen: set[str] = set()
    for finding in report.findings:
        if finding.kind not in queues:
            continue
        bullet = _bullet(finding, text, templates)
        if bullet not in seen:
            seen.add(bullet)
            queues[finding.kind].append(bullet)
    bullets: list[str] = []
    while len(bullets) < limit and any(queues.values()):
        for kind in _PRIORITY:
            if queues[kind] and len(bullets) < limit:
                bullets.append(queues[kind].pop(0))
    return "\n".join(bullets)


def with_masked_spans(report: ReadabilityReport,
                      masked_span: Callable[[int, int], tuple[int, int] | None]) -> ReadabilityReport:
    """The report with its findings moved onto the masked text, for findings_for_prompt on that text.

    masked_span maps an original span to the masked text (None: it lies inside a masked value, and
    the finding is dropped). The bullets then quote placeholders, never a cut piece of a value.
    """
    findings = []
    for finding in report.findings:
        span = masked_span(finding.start, finding.end)
        if span is not None:
            findings.append(dataclasses.replace(finding, start=span[0], end=span[1]))
    return dataclasses.replace(report, findings=tuple(findings))


@functools.cache
def _templates(language: str) -> dict[str, str]:
    path = PROMPT_DIR / language / "findings.json"
    if language not in LANGUAGES or not path.is_file():
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, not {language!r}")
    templates: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return templates


def _bullet(finding: Finding, text: str, templates: dict[str, str]) -> str:
    found = _quoted(text[finding.start : finding.end])
    kind = finding.kind
    if kind in _SENTENCE_KINDS:
        words = len(words_in(text[finding.start : finding.end]))
        template = templates["hard_sentence" if kind == "hard_sentence" else "long_sentence"]
        return template.format(opening=_opening(text, finding), words=words)
    if kind == "legal_term":
        explanation = (finding.suggestion or "").partition("(")[2].rstrip(")")
        return templates[kind].format(found=found, suggestion=_quoted(explanation))
    if kind == "noun_heavy":
        nouns = nominalizations(text, finding.start, finding.end)[:3]
        listed = ", ".join(f'"{_quoted(noun)}"' for noun in nouns)
        return templates[kind].format(opening=_opening(text, finding), nouns=listed)
    if kind == "abbreviation" and finding.suggestion is None:
        return templates["acronym"].format(found=found)
    return templates[kind].format(found=found, suggestion=finding.suggestion)


def _opening(text: str, finding: Finding) -> str:
    """The first words of the finding's sentence, to point the model at it without quoting it all."""
    words = text[finding.start : finding.end].split()
    opening = " ".join(words[:_OPENING_WORDS])
    return _quoted(opening + (" …" if len(words) > _OPENING_WORDS else ""))


def _quoted(fragment: str) -> str:
    """A fragment safe inside the bullet's double quotes: one line, no double quotes of its own."""
    return " ".join(fragment.split()).replace('"', "'").replace("”", "'").replace("“", "'")
