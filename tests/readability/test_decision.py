"""The decision-letter check (förvaltningslagen 32–33 §§): decision line, reasons, appeal, dates, address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backend.readability import analyze
from backend.readability.findings.decision import decision_rules, find_decision_issues, is_decision
from backend.readability.splitting import split_sentences

DECISIONS = Path(__file__).parent / "decisions" / "decisions.txt"


def read_decisions() -> dict[str, tuple[str, str, str]]:
    """id → (body, appeal paragraph, rest) from decisions.txt."""
    decisions: dict[str, tuple[str, str, str]] = {}
    text = "\n".join(line for line in DECISIONS.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    for block in re.split(r"^=== ", text, flags=re.MULTILINE)[1:]:
        name, _, rest = block.partition("\n")
        body, _, tail = rest.partition("--- appeal\n")
        appeal, _, closing = tail.partition("--- rest\n")
        decisions[name.strip()] = (body, appeal, closing)
    return decisions


CASES = read_decisions()


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in find_decision_issues(text, split_sentences(text))]


def test_there_are_at_least_fifteen_decisions() -> None:
    assert len(CASES) >= 15
    assert all(appeal.strip() for _, appeal, _ in CASES.values())


@pytest.mark.parametrize("name", sorted(CASES))
def test_missing_appeal_information_is_found(name: str) -> None:
    body, _, closing = CASES[name]
    text = body + closing
    assert is_decision(text)
    assert "decision_no_appeal_information" in kinds(text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_present_appeal_information_raises_nothing(name: str) -> None:
    body, appeal, closing = CASES[name]
    found = kinds(body + appeal + closing)
    assert "decision_no_appeal_information" not in found
    # These decisions are complete: a decision line, reasons, a date, a deadline.
    assert [kind for kind in found if kind.startswith("decision_no")] == []


def test_a_favourable_decision_needs_no_appeal_information_or_reasons() -> None:
    text = "Beslut\n2025-05-05\nDin ansökan om bostadsbidrag beviljas från och med juni."
    assert is_decision(text)
    assert kinds(text) == []


def test_an_e_mail_is_not_a_decision() -> None:
    text = "Hej! Tack för ditt mejl. Vi återkommer om ditt ärende nästa vecka. Vänliga hälsningar, Kommunen"
    assert not is_decision(text)
    assert kinds(text) == []


def test_each_missing_part_is_named() -> None:
    text = "Beslut om bidrag\nVi har fått din ansökan. Den avslås."
    found = kinds(text)
    assert "decision_no_reasons" in found
    assert "decision_no_date" in found
    assert "decision_no_appeal_information" in found
    assert "decision_no_decision_line" not in found  # "Den avslås" states the decision


def test_a_decision_without_a_decision_line() -> None:
    text = "Beslut 2025-01-01, dnr 12. Vi har tittat på ärendet och tackar för din ansökan. Kontakta oss vid frågor."
    assert is_decision(text)
    assert "decision_no_decision_line" in kinds(text)


def test_appeal_information_without_a_deadline() -> None:
    text = "Beslut 2025-02-02\nDin ansökan avslås eftersom du inte bor i kommunen.\nDu kan överklaga beslutet."
    assert kinds(text) == ["decision_no_deadline"]


def test_third_person_words_are_marked_where_they_stand() -> None:
    text = "Beslut 2025-02-02\nSökanden beviljas bidrag. Sökanden ska redovisa kostnaderna. Den sökande får svar."
    findings = [f for f in find_decision_issues(text, split_sentences(text)) if f.kind == "decision_third_person"]
    assert [text[f.start : f.end] for f in findings] == ["Sökanden", "Den sökande"]
    assert all(f.suggestion == "du" for f in findings)


def test_decision_findings_reach_the_report() -> None:
    body, _, closing = CASES["bygglov"]
    report = analyze(body + closing)
    assert report.is_decision
    assert "decision_no_appeal_information" in {finding.kind for finding in report.findings}
    assert report.to_json()["is_decision"] is True


def test_the_rules_file_is_checked() -> None:
    rules = decision_rules()
    assert all(check.kind.startswith("decision") for check in rules.checks)
    assert {check.when for check in rules.checks} <= {"always", "adverse", "appeal_information"}
