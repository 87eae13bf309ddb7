"""The decision-letter check: does a decision (beslut) say what was decided, why, how to appeal,
when, and to whom? The rules are data (data/decision_checks.toml) that the organisation may edit.

A missing part has nothing to point at, so its finding has the whole-text span 0..0; a third-person
word ("sökanden") is marked where it first stands.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass

from backend.readability.report import Finding
from backend.readability.splitting import Sentence
from backend.readability.wordlists import PhraseMatcher, read_data

_FLAGS = re.IGNORECASE | re.MULTILINE
# A decision letter is a few pages. A longer text (a report, a whole case file) is not checked as one:
# it would only ever match by chance, and each pattern would have to scan all of it.
MAX_DECISION_CHARS = 60_000


@dataclass(frozen=True)
class Check:
    kind: str
    when: str  # "always", "adverse" (the decision goes against the reader) or "appeal_information"
    present: tuple[re.Pattern[str], ...]
    message: str
    suggestion: str | None


@dataclass(frozen=True)
class DecisionRules:
    min_hits: int
    signs: tuple[re.Pattern[str], ...]
    adverse: tuple[re.Pattern[str], ...]
    checks: tuple[Check, ...]
    third_person_kind: str
    third_person: PhraseMatcher
    third_person_message: str
    third_person_suggestion: str | None


def _patterns(values: object, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValueError(f"decision_checks.toml: {where} must be a list of strings")
    compiled = []
    for value in values:
        try:
            compiled.append(re.compile(value, _FLAGS))
        except re.error as error:
            raise ValueError(f"decision_checks.toml: {where}: bad pattern {value!r}: {error}") from None
    return tuple(compiled)


@functools.cache
def decision_rules() -> DecisionRules:
    """The rules, read and checked once; a mistake in the file names the table and the pattern."""
    data = tomllib.loads(read_data("decision_checks.toml"))
    checks = []
    for index, raw in enumerate(data.get("checks", [])):
        kind = str(raw.get("kind", ""))
        if not kind.startswith("decision"):
            raise ValueError(f"decision_checks.toml: checks[{index}].kind must start with 'decision'")
        when = str(raw.get("when", "always"))
        if when not in ("always", "adverse", "appeal_information"):
            raise ValueError(
                f"decision_checks.toml: checks[{index}].when must be always, adverse or appeal_information"
            )
        checks.append(Check(kind, when, _patterns(raw.get("present"), f"checks[{index}].present"),
                            str(raw["message"]), raw.get("suggestion")))
    third = data["third_person"]
    return DecisionRules(
        min_hits=int(data["detect"]["min_hits"]),
        signs=_patterns(data["detect"]["signs"], "detect.signs"),
        adverse=_patterns(data["adverse"]["signs"], "adverse.signs"),
        checks=tuple(checks),
        third_person_kind=str(third["kind"]),
        third_person=PhraseMatcher(third["words"]),
        third_person_message=str(third["message"]),
        third_person_suggestion=third.get("suggestion"),
    )


def is_decision(text: str) -> bool:
    """Whether the text reads as a decision: at least min_hits of the signs, in a letter-sized text."""
    if len(text) > MAX_DECISION_CHARS:
        return False
    rules = decision_rules()
    return sum(1 for sign in rules.signs if sign.search(text)) >= rules.min_hits


def _any(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def find_decision_issues(text: str, sentences: Sequence[Sentence]) -> list[Finding]:
    """The checks' findings for a decision; nothing for a text that is not one."""
    if not is_decision(text):
        return []
    rules = decision_rules()
    adverse = _any(rules.adverse, text)
    appeal = next((check for check in rules.checks if check.kind == "decision_no_appeal_information"), None)
    has_appeal_information = appeal is not None and _any(appeal.present, text)
    findings: list[Finding] = []
    for check in rules.checks:
        if check.when == "adverse" and not adverse:
            continue
        if check.when == "appeal_information" and not has_appeal_information:
            continue
        if not _any(check.present, text):
            findings.append(Finding(check.kind, 0, 0, check.message, check.suggestion))
    seen: set[str] = set()
    for start, end in rules.third_person.spans(text):
        found = text[start:end]
        if found.lower() in seen:
            continue
        seen.add(found.lower())
        findings.append(Finding(
            rules.third_person_kind, start, end,
            rules.third_person_message.format(found=found), rules.third_person_suggestion,
        ))
    return findings
