"""Sentence marks, vara-passives, noun clusters and legal terms."""

from __future__ import annotations

from backend.readability.findings.legal_terms import find_legal_terms, legal_terms
from backend.readability.findings.noun_clusters import clusters, find_noun_clusters
from backend.readability.findings.sentence_marks import find_sentence_marks, sentence_level
from backend.readability.findings.state_passive import find_state_passives
from backend.readability.report import Finding
from backend.readability.splitting import split_sentences


def quotes(findings: list[Finding], text: str) -> list[str]:
    return [text[f.start : f.end] for f in findings]


def marks(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in find_sentence_marks(text, split_sentences(text))]


def test_a_short_plain_sentence_has_no_mark() -> None:
    assert marks("Vi skickar beslutet till dig i morgon. Ring oss om du har frågor.") == []


def test_stacked_clauses_make_a_short_sentence_hard() -> None:
    text = "Vi vet att den som söker stöd när det behövs kan få hjälp."
    assert marks(text) == [("hard_sentence", text)]


def test_many_long_words_make_a_sentence_hard() -> None:
    text = ("Biståndshandläggaren genomförde hembesöksutredningen avseende hemtjänstinsatserna "
            "tillsammans med anhörigsamordnaren och sjuksköterskan under eftermiddagen i kommunen i går.")
    assert sentence_level(split_sentences(text)[0]) == "hard_sentence"


def test_length_over_35_words_is_very_hard_and_not_also_long() -> None:
    text = " ".join(["Ord"] + ["ord"] * 36) + "."
    assert marks(text) == [("very_hard_sentence", text)]


def test_a_long_sentence_with_clauses_is_very_hard() -> None:
    text = ("Vi har fått din ansökan som du skickade i maj och vi ser att du vill ha hjälp när du ska handla "
            "eftersom du inte kan bära tunga kassar om du går själv till affären.")
    assert marks(text) == [("very_hard_sentence", text)]


def test_state_passive_after_vara() -> None:
    text = "Ansökan är beviljad. Beslutet är inte fattat än. Handlingarna var skickade. Jag är nöjd. Det är klart."
    found = quotes(find_state_passives(text, split_sentences(text)), text)
    assert found == ["är beviljad", "är inte fattat", "var skickade"]


def test_noun_cluster_spans_first_to_last_noun() -> None:
    text = "Vi har fått en ansökan om bidrag till anpassning av bostad från dig."
    assert quotes(find_noun_clusters(text, split_sentences(text)), text) == [
        "ansökan om bidrag till anpassning av bostad"
    ]


def test_two_nouns_are_not_a_cluster() -> None:
    assert clusters(["NN", "PP", "NN", "VB", "NN", "PP", "NN"]) == []
    assert clusters(["NN", "PP", "NN", "PP", "NN"]) == [(0, 4, 3)]


def test_legal_term_flagged_once_with_its_explanation() -> None:
    text = "Beslutet gäller från delgivningen. Efter delgivning har du tre veckor."
    (finding,) = find_legal_terms(text, split_sentences(text))
    assert text[finding.start : finding.end] == "delgivningen"
    assert finding.suggestion == f"delgivningen ({legal_terms()['delgivning']})"


def test_an_explained_legal_term_is_left_alone() -> None:
    text = "Beslutet har vunnit laga kraft, det vill säga det gäller och kan inte ändras. Vitet (en avgift) gäller."
    assert find_legal_terms(text, split_sentences(text)) == []
