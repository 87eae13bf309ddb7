"""The review's rules, one at a time: passages, officials, general statements, provisions per area."""

from __future__ import annotations

import pytest

from backend.redaction import get_redactor
from backend.release import CATEGORIES, Finding, ReleaseReviewer, load_provisions
from backend.release.spans import LONG_SENTENCE, Sentences


@pytest.fixture(scope="module")
def reviewer() -> ReleaseReviewer:
    return ReleaseReviewer(load_provisions())


def review(reviewer: ReleaseReviewer, text: str, area: str = "general") -> list[Finding]:
    return reviewer.review(text, area, get_redactor().redact(text).entities)


def quoted(text: str, findings: list[Finding]) -> list[str]:
    return [text[f.start:f.end] for f in findings]


def test_a_finding_spans_the_clause_not_the_word(reviewer: ReleaseReviewer) -> None:
    text = "Vi har tagit emot ansökan. Mamman har en svår depression sedan i höstas. Mötet hölls i Exempelby."
    findings = review(reviewer, text)
    assert "Mamman har en svår depression sedan i höstas" in quoted(text, findings)
    health = next(f for f in findings if f.category == "health")
    assert health.type == "HEALTH" and health.provision == "21 kap. 1 § OSL" and "hälsa" in health.reason


def test_a_form_field_masks_its_value_not_its_label(reviewer: ReleaseReviewer) -> None:
    text = "Remissvar\nDiagnos: F32.1 Medelsvår depressiv episod\nÅtgärd: Ny kontroll"
    findings = review(reviewer, text, "healthcare")
    assert "F32.1 Medelsvår depressiv episod" in quoted(text, findings)


def test_a_long_sentence_is_cut_to_the_clause(reviewer: ReleaseReviewer) -> None:
    filler = "förvaltningen har gått igenom handlingarna i ärendet noggrant och i sin helhet, "
    text = "Vid genomgången konstaterades att " + filler * 3 + "att sökanden har ett alkoholberoende, " + filler * 2
    assert len(text) > LONG_SENTENCE
    findings = review(reviewer, text, "social_services")
    clause = next(q for q in quoted(text, findings) if "alkoholberoende" in q)
    assert clause == "att sökanden har ett alkoholberoende"


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Vård ges enligt 3 § LVU, se 2 kap. 1 § SoL. Nästa mening."
    sentences = Sentences(text)
    start = text.index("LVU")
    assert sentences.passage(start, start + 3) == (0, text.index(". Nästa"))


def test_officials_names_are_not_findings_but_private_names_are(reviewer: ReleaseReviewer) -> None:
    text = ("Handläggaren Maria Lund träffade Sara Nilsson den 3 mars.\n\n"
            "Med vänlig hälsning\nJonas Berg\nSocialsekreterare")
    names = [text[f.start:f.end] for f in review(reviewer, text, "general") if f.type == "PERSON"]
    assert "Sara Nilsson" in names
    assert "Maria Lund" not in names and "Jonas Berg" not in names


def test_in_hr_the_employee_with_a_title_is_still_private(reviewer: ReleaseReviewer) -> None:
    text = "Anmälare: Sara Ljung, socialsekreterare\nHR-konsult Lena Wik"
    names = [text[f.start:f.end] for f in review(reviewer, text, "hr") if f.type == "PERSON"]
    assert names == ["Sara Ljung"]


def test_statements_about_the_organisation_in_general_are_not_findings(reviewer: ReleaseReviewer) -> None:
    text = "Nämnden antar nya riktlinjer för ekonomiskt bistånd. Hon har ansökt om ekonomiskt bistånd."
    assert quoted(text, review(reviewer, text, "social_services")) == ["Hon har ansökt om ekonomiskt bistånd"]


def test_appeal_information_is_never_a_finding(reviewer: ReleaseReviewer) -> None:
    text = "Du kan överklaga beslutet till förvaltningsrätten. Du har sjukpenning sedan maj."
    assert quoted(text, review(reviewer, text, "hr")) == ["Du har sjukpenning sedan maj"]


@pytest.mark.parametrize(("area", "provision"), [
    ("general", "21 kap. 1 § OSL"),
    ("healthcare", "25 kap. 1 § OSL"),
    ("social_services", "26 kap. 1 § OSL"),
    ("school", "25 kap. 1 § OSL"),
    ("hr", "39 kap. 2 § OSL"),
])
def test_the_provision_follows_the_area(reviewer: ReleaseReviewer, area: str, provision: str) -> None:
    text = "Han har diabetes."
    health = [f for f in review(reviewer, text, area) if f.category == "health"]
    assert [f.provision for f in health] == [provision]


def test_protected_identity_marks_whereabouts_under_21_3(reviewer: ReleaseReviewer) -> None:
    text = "Sökanden har skyddad identitet. Hon bor på Storgatan 14, 123 45 Exempelby och nås på 070-123 45 67."
    findings = review(reviewer, text, "social_services")
    marker = next(f for f in findings if f.category == "protected_identity")
    assert marker.provision == "21 kap. 3 § OSL"
    for f in findings:
        if f.type in ("ADDRESS", "PHONE"):
            assert f.provision == "21 kap. 3 § OSL" and "skyddad identitet" in f.reason


@pytest.mark.parametrize(("sentence", "category"), [
    ("Han misstänks för stöld av en cykel.", "crime"),
    ("Hon är medlem i Vårdförbundet.", "trade_union"),
    ("Familjen är aktiva i pingstförsamlingen.", "religion"),
    ("Han berättar att han är homosexuell.", "sexual_life"),
    ("Hon är medlem i Centerpartiet.", "political_opinion"),
    ("Familjen har romsk bakgrund.", "ethnicity"),
    ("Eleven har ett åtgärdsprogram i matematik.", "school_welfare"),
    ("En orosanmälan kom in från förskolan om barnet.", "social_services"),
    ("Han har svåra ryggsmärtor.", "health"),
    ("Hennes bror har blivit arbetslös.", "third_party"),
])
def test_each_category_is_found(reviewer: ReleaseReviewer, sentence: str, category: str) -> None:
    findings = review(reviewer, sentence)
    assert category in {f.category for f in findings}, quoted(sentence, findings)
    assert all(f.category in CATEGORIES for f in findings)


def test_findings_are_ordered_with_stable_ids_and_valid_offsets(reviewer: ReleaseReviewer) -> None:
    text = "Klienten Sara Nilsson, 850315-2384, har ett missbruk. Hennes bror sitter i fängelse."
    findings = review(reviewer, text, "social_services")
    assert [f.id for f in findings] == [f"f{n}" for n in range(1, len(findings) + 1)]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert all(0 <= f.start < f.end <= len(text) for f in findings)
    assert review(reviewer, text, "social_services") == findings


def test_a_text_without_anything_sensitive_has_no_findings(reviewer: ReleaseReviewer) -> None:
    text = "Sophämtningen flyttas till tisdagar från och med vecka 12. Kärlen ska stå vid tomtgränsen."
    assert review(reviewer, text) == []
