"""Officials in their role: a name with a role word before it, after it or under it in a signature.

Their names are not findings: an official acts for the organisation, and the name is public.
"""

from __future__ import annotations

from typing import Protocol

from backend.release.document import Document
from backend.release.terms import Hit, Lexicon

# The last word before a name that makes it an official's: "trafikingenjör Per Ask", "tandläkare Cecilia Roos".
ROLE_ENDINGS = (
    "läkare", "läkaren", "sköterska", "sköterskan", "lärare", "läraren", "handläggare", "handläggaren", "sekreterare",
    "sekreteraren", "chef", "chefen", "konsult", "pedagog", "pedagogen", "ingenjör", "kurator", "kuratorn",
    "psykolog", "psykologen", "terapeut", "terapeuten", "inspektör", "registrator", "jurist", "specialist",
)


class EntityLike(Protocol):
    """The redactor's entity as the review reads it (backend.redaction.Entity)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...


class Officials:
    """Finds officials among the redactor's names, with the role words of the officials list."""

    def __init__(self, roles: Lexicon) -> None:
        self.roles = roles

    def find(self, doc: Document, entities: list[EntityLike], area: str) -> list[EntityLike]:
        """Names of officials in their role, and other mentions of the same names ("Hej Sara," after
        "Till: rektor Sara Quist")."""
        officials = [e for e in entities if self.is_official(doc, e, area)]
        ids = {id(e) for e in officials}
        words = {w for e in officials for w in doc.text[e.start:e.end].split()}
        return officials + [
            e for e in entities if e.type == "PERSON" and id(e) not in ids
            and set(doc.text[e.start:e.end].split()) <= words
        ]

    def role_hits(self, lowered: str) -> list[Hit]:
        return self.roles.find(lowered)["officials"]

    def role_line(self, doc: Document, start: int, end: int) -> bool:
        """A line that is only a role ("Skolsköterska", "Handläggare:"), as in a signature."""
        line_start, line_end = doc.line_at(start)
        return not doc.lowered[line_start:line_end].replace(doc.lowered[start:end], "", 1).strip(" :,.\t")

    def is_official(self, doc: Document, entity: EntityLike, area: str) -> bool:
        """A name right after an official's role ("handläggaren Maria Lund"), or, outside HR, with the role
        after it or on the next line. In HR the person a matter is about is staff: "Sara Ljung,
        socialsekreterare" is the employee, so only a role before the name counts there."""
        if entity.type != "PERSON":
            return False
        text, lowered = doc.text, doc.lowered
        # The redactor may take the title into the name ("Registrator Anna Blom").
        own_first = lowered[entity.start:entity.end].split(maxsplit=1)[0]
        if own_first.endswith(ROLE_ENDINGS) or any(
            s == 0 and e == len(own_first) for s, e, _ in self.role_hits(own_first)
        ):
            return True
        line_start = text.rfind("\n", 0, entity.start) + 1
        before = lowered[max(line_start, entity.start - 60):entity.start].rstrip(" :,\t")
        before = before[:-3].rstrip() if before.endswith(" är") else before
        if any(end == len(before) for _, end, _ in self.role_hits(before)):
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
            if any(start == 0 for start, _, _ in self.role_hits(candidate)):
                return True
            first = candidate.split(maxsplit=1)[0].rstrip(",.") if candidate.strip() else ""
            if first.endswith(ROLE_ENDINGS):
                return True
        return False
