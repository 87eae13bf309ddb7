"""The release review: what in a document may need masking before it is handed out, and why.

Text goes one way: personal data from the redactor, and clauses around hits from the word lists ->
merged passages -> findings with a category, a reason and a candidate OSL provision for the area.
These are suggestions for a case officer to judge, never decisions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from backend.release.provisions import Provisions
from backend.release.spans import Sentences
from backend.release.terms import Hit, Lexicon, load_list, lowercase, medicine_names

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
# Form labels whose line says who or where, never what: category words there are not findings.
HEADER_LABELS = frozenset({
    "från", "till", "kopia", "cc", "närvarande", "deltagare", "enhet", "skola", "befattning", "chef", "handläggare",
    "behandlare", "datum", "anställd som", "tillträde", "förening", "mottagare", "avsändare", "anmälare",
    "intygsskrivande läkare", "ansvarig läkare", "utredare", "signerad av",
})
# The last word before a name that makes it an official's: "trafikingenjör Per Ask", "tandläkare Cecilia Roos".
ROLE_ENDINGS = (
    "läkare", "läkaren", "sköterska", "sköterskan", "lärare", "läraren", "handläggare", "handläggaren", "sekreterare",
    "sekreteraren", "chef", "chefen", "konsult", "pedagog", "pedagogen", "ingenjör", "kurator", "kuratorn",
    "psykolog", "psykologen", "terapeut", "terapeuten", "inspektör", "registrator", "jurist", "specialist",
)
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


class EntityLike(Protocol):
    """The redactor's entity as the review reads it (backend.redaction.Entity)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...


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


@dataclass
class _Passage:
    start: int
    end: int
    categories: set[str]
    labels: list[str]


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
        self.roles = Lexicon({"officials": officials})

    def review(self, text: str, area: str, entities: Iterable[EntityLike]) -> list[Finding]:
        """Findings in text order. `entities` are the redactor's spans for the same text."""
        lowered = lowercase(text)
        doc = _Doc(text, lowered, Sentences(text))
        entity_list = list(entities)
        officials = self._officials(doc, entity_list, area)
        official_ids = {id(e) for e in officials}
        people = [e for e in entity_list if id(e) not in official_ids]
        found = self.lexicon.find(lowered)
        general, personal, boilerplate = _context_hits(found["context"])
        # A role right before an official's name ("skolsköterska Ingela Falk") is a signature, not a finding.
        official_starts = {o.start for o in officials}
        roles = SpanSet((s, e) for s, e, _ in found["officials"]
                        if official_starts & {e, e + 1, e + 2, e + 3} or self._role_line(doc, s, e))
        third = found["third_party"]
        relations = [(s, e) for s, e, section in third if section == "relation"]
        circumstances = SpanSet((s, e) for s, e, section in third if section != "relation")
        spans = _Context(SpanSet(general), SpanSet(personal), SpanSet(boilerplate),
                         SpanSet((e.start, e.end) for e in people))

        passages: list[_Passage] = []
        for key in CATEGORY_LISTS:
            for start, end, section in found[key]:
                # "Skolsköterska Ingela Falk", "Kurator:": a role in a signature, not a circumstance.
                if roles.any_covering(start, end) or doc.header_line(start):
                    continue
                category, label = _category_of(key, section)
                passages.append(_passage(doc, start, end, category, label))
        for start, end in relations:
            if doc.header_line(start):
                continue
            p = _passage(doc, start, end, "third_party", "")
            if circumstances.any_within(p.start, p.end):
                passages.append(p)
        if area in CASE_AREAS:
            passages.extend(self._narrative(doc, personal + relations, people))

        passages = [p for p in passages
                    if not _general(p, spans) and not doc.heading(p, spans)
                    and not spans.boilerplate.any_within(p.start, p.end)]
        merged = _merge(passages)

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

    def _narrative(self, doc: _Doc, anchors: list[tuple[int, int]], people: list[EntityLike]) -> list[_Passage]:
        """In a case (care, social services, school, HR) secrecy covers the person's circumstances as a
        whole (25:1, 26:1, 23:2, 39:2 OSL): every clause about the person or a relative is a passage.
        A form line needs a word about the person: a name alone there is a participant list."""
        found = []
        for start, end in anchors:
            if not doc.header_line(start):
                found.append(_passage(doc, start, end, "personal_circumstances", ""))
        for entity in people:
            if entity.type == "PERSON" and not doc.label_line(entity.start):
                found.append(_passage(doc, entity.start, entity.end, "personal_circumstances", ""))
        return found

    def _officials(self, doc: _Doc, entities: list[EntityLike], area: str) -> list[EntityLike]:
        """Names of officials in their role, and other mentions of the same names ("Hej Sara," after
        "Till: rektor Sara Quist")."""
        officials = [e for e in entities if self._is_official(doc, e, area)]
        ids = {id(e) for e in officials}
        words = {w for e in officials for w in doc.text[e.start:e.end].split()}
        return officials + [
            e for e in entities if e.type == "PERSON" and id(e) not in ids
            and set(doc.text[e.start:e.end].split()) <= words
        ]

    def _role_hits(self, lowered: str) -> list[Hit]:
        return self.roles.find(lowered)["officials"]

    def _role_line(self, doc: _Doc, start: int, end: int) -> bool:
        """A line that is only a role ("Skolsköterska", "Handläggare:"), as in a signature."""
        line_start, line_end = doc.line_at(start)
        return not doc.lowered[line_start:line_end].replace(doc.lowered[start:end], "", 1).strip(" :,.\t")

    def _is_official(self, doc: _Doc, entity: EntityLike, area: str) -> bool:
        """A name right after an official's role ("handläggaren Maria Lund"), or, outside HR, with the role
        after it or on the next line. In HR the person a matter is about is staff: "Sara Ljung,
        socialsekreterare" is the employee, so only a role before the name counts there."""
        if entity.type != "PERSON":
            return False
        text, lowered = doc.text, doc.lowered
        # The redactor may take the title into the name ("Registrator Anna Blom").
        own_first = lowered[entity.start:entity.end].split(maxsplit=1)[0]
        if own_first.endswith(ROLE_ENDINGS) or any(
            s == 0 and e == len(own_first) for s, e, _ in self._role_hits(own_first)
        ):
            return True
        line_start = text.rfind("\n", 0, entity.start) + 1
        before = lowered[max(line_start, entity.start - 60):entity.start].rstrip(" :,\t")
        before = before[:-3].rstrip() if before.endswith(" är") else before
        if any(end == len(before) for _, end, _ in self._role_hits(before)):
            return True
        last_word = before.rsplit(maxsplit=1)[-1] if before.strip() else ""
        if last_word.endswith(ROLE_ENDINGS):
            return True
        if area == "hr":
            return False
        line_end = text.find("\n", entity.end)
        line_end = len(text) if line_end == -1 else line_end
        after = lowered[entity.end:line_end].lstrip(" ,–-")
        next_line_end = text.find("\n", line_end + 1)
        next_line = lowered[line_end + 1:len(text) if next_line_end == -1 else next_line_end].strip()
        # The role on the next line counts only under a name that stands alone (a signature).
        alone = not lowered[line_start:line_end].replace(lowered[entity.start:entity.end], "", 1).strip(" ,.\t")
        for candidate in (after, next_line if alone and not after.strip() else ""):
            if any(start == 0 for start, _, _ in self._role_hits(candidate)):
                return True
            first = candidate.split(maxsplit=1)[0].rstrip(",.") if candidate.strip() else ""
            if first.endswith(ROLE_ENDINGS):
                return True
        return False


class SpanSet:
    """Spans sorted by start, for "is there one inside [lo, hi)?" in log time (a text has thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def any_within(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.starts, lo)
        while i < len(self.spans) and self.spans[i][0] < hi:
            if self.spans[i][1] <= hi:
                return True
            i += 1
        return False

    def any_covering(self, lo: int, hi: int) -> bool:
        """A span that holds all of [lo, hi). Spans here are single words or phrases, so look back a little."""
        i = bisect_right(self.starts, lo)
        return any(s <= lo and hi <= e for s, e in self.spans[max(0, i - 8):i])


@dataclass(frozen=True)
class _Doc:
    text: str
    lowered: str
    sentences: Sentences

    def line_at(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end == -1 else end

    def _sentence_at(self, pos: int) -> tuple[int, int]:
        start, end = self.sentences.sentence(pos, pos + 1)
        while start < end and self.text[start] in " \t":
            start += 1
        return start, end

    def label_line(self, pos: int) -> bool:
        """Whether pos lies in a form field ("Patient: Emma Lundgren")."""
        start, end = self._sentence_at(pos)
        return self.sentences.label_end(start, end) is not None

    def header_line(self, pos: int) -> bool:
        """A letter's or a form's header (Från:, Till:, Närvarande:): who and where, not circumstances."""
        start, end = self._sentence_at(pos)
        label_end = self.sentences.label_end(start, end)
        if label_end is None:
            return False
        label = self.lowered[start:label_end].strip().rstrip(":").strip()
        return label in HEADER_LABELS

    def heading(self, p: _Passage, spans: _Context) -> bool:
        """A title or section heading: one short line, no closing full stop, no label, nobody named."""
        start, end = self.line_at(p.start)
        line = self.text[start:end].strip()
        if p.end > end or len(line) > 80 or line.endswith((".", "!", "?")) or self.label_line(p.start):
            return False
        return not spans.personal.any_within(start, end) and not spans.people.any_within(start, end)


def _passage(doc: _Doc, start: int, end: int, category: str, label: str) -> _Passage:
    left, right = doc.sentences.passage(start, end)
    return _Passage(left, right, {category}, [label] if label else [])


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


Spans = list[tuple[int, int]]


def _context_hits(hits: list[Hit]) -> tuple[Spans, Spans, Spans]:
    """Words about the organisation in general, words that point at a person, and standard text."""
    sections: dict[str, Spans] = {"allmänt": [], "personligt": [], "standardtext": []}
    for start, end, section in hits:
        sections[section].append((start, end))
    return sections["allmänt"], sections["personligt"], sections["standardtext"]


@dataclass(frozen=True)
class _Context:
    general: SpanSet
    personal: SpanSet
    boilerplate: SpanSet
    people: SpanSet


def _general(p: _Passage, spans: _Context) -> bool:
    """A passage about the organisation's work in general: a general word and nobody in particular."""
    return (spans.general.any_within(p.start, p.end) and not spans.personal.any_within(p.start, p.end)
            and not spans.people.any_within(p.start, p.end))


def _merge(passages: list[_Passage]) -> list[_Passage]:
    """Overlapping passages become one, with every category and label of its parts."""
    merged: list[_Passage] = []
    for p in sorted(passages, key=lambda p: (p.start, -p.end)):
        last = merged[-1] if merged else None
        if last is not None and p.start < last.end:
            last.end = max(last.end, p.end)
            last.categories |= p.categories
            last.labels.extend(p.labels)
        else:
            merged.append(_Passage(p.start, p.end, set(p.categories), list(p.labels)))
    return merged
