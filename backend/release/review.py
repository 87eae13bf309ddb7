"""The release review: what in a document may need masking before it is handed out, and why.

Text goes one way: personal data from the redactor, and clauses around hits from the word lists ->
merged passages -> findings with a category, a reason and a candidate OSL provision for the area.
These are suggestions for a case officer to judge, never decisions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from backend.release.document import (
    Context,
    Document,
    Passage,
    SpanSet,
    context_hits,
    is_general,
    merge,
    passage_around,
)
from backend.release.officials import EntityLike, Officials
from backend.release.provisions import Provisions
from backend.release.spans import Sentences
from backend.release.terms import Lexicon, load_list, lowercase, medicine_names

# When one passage holds hits of several categories, the finding takes the first of these: the one
# whose secrecy is usually strongest, so that the suggested provision errs on the careful side.
PRIORITY = (
    "protected_identity", "crime", "health", "sexual_life", "social_services", "school_welfare", "ethnicity",
    "religion", "political_opinion", "trade_union", "third_party", "personal_circumstances",
)
# The lists whose hits are findings of their own (the others qualify or cancel hits).
CATEGORY_LISTS = ("health", "social_services", "crime", "protected_identity", "school_welfare", "art9",
                  "personal_circumstances")
# Areas where a whole case is secret, not only its sensitive words (see _narrative).
CASE_AREAS = frozenset({"healthcare", "social_services", "school", "hr"})
_TYPE_OF = {category: category.upper() for category in PRIORITY}

CATEGORY_REASONS = {
    "health": "Uppgift om hälsa",
    "social_services": "Uppgift om insats eller förhållande i socialtjänsten",
    "crime": "Uppgift om misstanke om brott eller påföljd",
    "protected_identity": "Markering om skyddad identitet",
    "school_welfare": "Uppgift om elevhälsa eller särskilt stöd",
    "third_party": "Uppgift om en annan persons personliga förhållanden",
    "personal_circumstances": "Uppgift om enskilds personliga förhållanden",
}
PERSONAL_DATA_REASONS = {
    "PERSON": "Personuppgift: namn",
    "PERSONNUMMER": "Personuppgift: personnummer",
    "PHONE": "Personuppgift: telefonnummer",
    "EMAIL": "Personuppgift: e-postadress",
    "ADDRESS": "Personuppgift: adress",
    "BANK": "Personuppgift: bank- eller kontonummer",
    "PLATE": "Personuppgift: registreringsnummer",
}
# Contact details and addresses are what 21 kap. 3 § OSL protects once a protected identity is marked.
_WHEREABOUTS = frozenset({"ADDRESS", "PHONE", "EMAIL", "PERSONNUMMER"})


class RedactorLike(Protocol):
    def redact(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Finding:
    """One passage that may need masking. Offsets are Python string indices; no value is kept."""

    id: str
    start: int
    end: int
    type: str
    category: str
    reason: str
    provision: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "type": self.type, "category": self.category,
                "reason": self.reason, "provision": self.provision}


class ReleaseReviewer:
    """Built once per process (the word lists), used by any number of threads."""

    def __init__(self, provisions: Provisions) -> None:
        self.provisions = provisions
        officials = load_list("officials.txt")
        self.lexicon = Lexicon({
            "health": load_list("health.txt", {"läkemedel": medicine_names()}),
            "social_services": load_list("social_services.txt"),
            "crime": load_list("crime.txt"),
            "protected_identity": load_list("protected_identity.txt"),
            "school_welfare": load_list("school_welfare.txt"),
            "art9": load_list("art9.txt"),
            "personal_circumstances": load_list("personal_circumstances.txt"),
            "third_party": load_list("third_party.txt"),
            "officials": officials,
            "context": load_list("general_context.txt"),
        })
        self.officials = Officials(Lexicon({"officials": officials}))

    def review(self, text: str, area: str, entities: Iterable[EntityLike]) -> list[Finding]:
        """Findings in text order. `entities` are the redactor's spans for the same text."""
        lowered = lowercase(text)
        doc = Document(text, lowered, Sentences(text))
        entity_list = list(entities)
        officials = self.officials.find(doc, entity_list, area)
        official_ids = {id(e) for e in officials}
        people = [e for e in entity_list if id(e) not in official_ids]
        found = self.lexicon.find(lowered)
        general, personal, boilerplate = context_hits(found["context"])
        # A role right before an official's name ("skolsköterska Ingela Falk") is a signature, not a finding.
        official_starts = {o.start for o in officials}
        roles = SpanSet((s, e) for s, e, _ in found["officials"]
                        if official_starts & {e, e + 1, e + 2, e + 3} or self.officials.role_line(doc, s, e))
        third = found["third_party"]
        relations = [(s, e) for s, e, section in third if section == "relation"]
        circumstances = SpanSet((s, e) for s, e, section in third if section != "relation")
        spans = Context(SpanSet(general), SpanSet(personal), SpanSet(boilerplate),
                        SpanSet((e.start, e.end) for e in people))

        passages: list[Passage] = []
        for key in CATEGORY_LISTS:
            for start, end, section in found[key]:
                # "Skolsköterska Ingela Falk", "Kurator:": a role in a signature, not a circumstance.
                if roles.any_covering(start, end) or doc.header_line(start):
                    continue
                category, label = _category_of(key, section)
                passages.append(passage_around(doc, start, end, category, label))
        for start, end in relations:
            if doc.header_line(start):
                continue
            p = passage_around(doc, start, end, "third_party", "")
            if circumstances.any_within(p.start, p.end):
                passages.append(p)
        if area in CASE_AREAS:
            passages.extend(self._narrative(doc, personal + relations, people))

        passages = [p for p in passages
                    if not is_general(p, spans) and not doc.heading(p, spans)
                    and not spans.boilerplate.any_within(p.start, p.end)]
        merged = merge(passages)

        protected = any("protected_identity" in p.categories for p in merged)
        findings: list[tuple[int, int, str, str, str, str]] = []
        for p in merged:
            category = min(p.categories, key=PRIORITY.index)
            provision = self.provisions.for_finding(area, category).text
            findings.append((p.start, p.end, _TYPE_OF[category], category, _reason(category, p.labels), provision))
        for entity in people:
            whereabouts = protected and entity.type in _WHEREABOUTS
            provision = self.provisions.for_finding(area, "protected_identity" if whereabouts else "personal_data").text
            reason = PERSONAL_DATA_REASONS.get(entity.type, f"Personuppgift: {entity.type}")
            if whereabouts:
                reason += " (dokumentet har en markering om skyddad identitet)"
            findings.append((entity.start, entity.end, entity.type, "personal_data", reason, provision))
        findings.sort(key=lambda f: (f[0], -f[1]))
        return [Finding(f"f{n}", *f) for n, f in enumerate(findings, start=1)]

    def _narrative(self, doc: Document, anchors: list[tuple[int, int]], people: list[EntityLike]) -> list[Passage]:
        """In a case (care, social services, school, HR) secrecy covers the person's circumstances as a
        whole (25:1, 26:1, 23:2, 39:2 OSL): every clause about the person or a relative is a passage.
        A form line needs a word about the person: a name alone there is a participant list."""
        found = []
        for start, end in anchors:
            if not doc.header_line(start):
                found.append(passage_around(doc, start, end, "personal_circumstances", ""))
        for entity in people:
            if entity.type == "PERSON" and not doc.label_line(entity.start):
                found.append(passage_around(doc, entity.start, entity.end, "personal_circumstances", ""))
        return found


def _category_of(key: str, section: str) -> tuple[str, str]:
    """The art. 9 list names its type first in each section: "[RELIGION religion eller övertygelse]"."""
    if key == "art9":
        kind, _, label = section.partition(" ")
        return kind.lower(), label
    return key, section


def _reason(category: str, labels: list[str]) -> str:
    base = CATEGORY_REASONS.get(category, "Känslig personuppgift")
    unique = list(dict.fromkeys(label for label in labels if label))
    return f"{base}: {', '.join(unique)}" if unique else base
