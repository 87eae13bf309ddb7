"""The release review's goal on the hand-marked test set: the review finds at least 95 % of the passages a
careful case officer would mask, and at most one finding in five is rejected by the reference."""

from __future__ import annotations

import pytest

from backend.redaction import get_redactor
from backend.release import ReleaseReviewer, load_provisions
from tests.release.reference import Document, Score, documents, score


@pytest.fixture(scope="module")
def reviewer() -> ReleaseReviewer:
    return ReleaseReviewer(load_provisions())


def test_the_set_has_forty_documents_of_every_kind() -> None:
    docs = documents()
    assert len(docs) >= 40
    areas = {d.area for d in docs}
    assert areas == {"general", "healthcare", "social_services", "school", "hr"}
    for doc in docs:
        assert doc.passages, f"{doc.name} marks nothing"
        assert "[[" not in doc.text and "]]" not in doc.text, f"{doc.name} has a broken mark"


def test_recall_and_rejected_share_meet_the_goal(reviewer: ReleaseReviewer) -> None:
    redactor = get_redactor()
    total = Score()
    misses: list[str] = []
    for doc in documents():
        findings = reviewer.review(doc.text, doc.area, redactor.redact(doc.text).entities)
        score(doc, [(f.start, f.end) for f in findings], total, misses)
    report = f"recall {total.recall:.3f}, rejected {total.rejected_share:.3f}\n" + "\n".join(misses)
    assert total.recall >= 0.95, report
    assert total.rejected_share <= 0.20, report


def test_the_scoring_can_fail() -> None:
    """A review that finds nothing, or marks everything, fails the goal: the test above is not vacuous."""
    doc = Document("x", "general", "Anna Ek är sjuk. Vädret är fint.", ((0, 15),))
    nothing, everything = Score(), Score()
    score(doc, [], nothing, [])
    score(doc, [(0, 15), (17, 32)], everything, [])
    assert nothing.recall == 0.0
    assert everything.recall == 1.0 and everything.rejected_share == 0.5
