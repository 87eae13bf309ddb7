"""Which OSL provision to suggest for a category in an area of activity: a table the lawyer edits.

The table ships as data/provisions.tsv. An organisation corrects it with its own provisions.tsv in
the instance folder (release/provisions.tsv): its rows replace the shipped rows with the same area
and category. A broken file stops start-up with a message that says which line and what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backend.release.terms import read_data

AREAS = ("general", "healthcare", "social_services", "school", "hr")
CATEGORIES = (
    "personal_data", "health", "social_services", "crime", "ethnicity", "religion", "sexual_life", "trade_union",
    "political_opinion", "protected_identity", "school_welfare", "third_party", "personal_circumstances",
)
OVERRIDE_NAME = "release/provisions.tsv"


class ProvisionsError(ValueError):
    """A provisions table that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Provision:
    text: str
    note: str


class Provisions:
    """area x category -> Provision, with "*" rows as fallbacks."""

    def __init__(self, rows: dict[tuple[str, str], Provision]) -> None:
        if ("*", "*") not in rows:
            raise ProvisionsError("provisions.tsv needs a row for * * (the fallback for every area and category)")
        self.rows = rows

    def for_finding(self, area: str, category: str) -> Provision:
        """The most precise row: area and category, area and *, * and category, then * and *."""
        for key in ((area, category), (area, "*"), ("*", category), ("*", "*")):
            if key in self.rows:
                return self.rows[key]
        raise AssertionError("unreachable: * * is required")


def parse_rows(source: str, text: str) -> dict[tuple[str, str], Provision]:
    rows: dict[tuple[str, str], Provision] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        where = f"{source} line {number}"
        if len(cells) < 3:
            raise ProvisionsError(f"{where}: expected area, category and provision separated by tabs")
        area, category, provision = cells[0], cells[1], cells[2]
        if area != "*" and area not in AREAS:
            raise ProvisionsError(f"{where}: unknown area {area!r}; use one of {', '.join(AREAS)} or *")
        if category != "*" and category not in CATEGORIES:
            raise ProvisionsError(f"{where}: unknown category {category!r}; use one of {', '.join(CATEGORIES)} or *")
        if not provision:
            raise ProvisionsError(f"{where}: the provision is empty")
        if (area, category) in rows:
            raise ProvisionsError(f"{where}: a second row for {area} {category}")
        rows[(area, category)] = Provision(provision, cells[3] if len(cells) > 3 else "")
    return rows


def load_provisions(instance_path: Path | None = None) -> Provisions:
    """The shipped table, with the instance folder's rows over it when that file exists."""
    rows = parse_rows("backend/release/data/provisions.tsv", read_data("provisions.tsv"))
    if instance_path is not None:
        override = instance_path / OVERRIDE_NAME
        if override.is_file():
            try:
                text = override.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ProvisionsError(f"{override}: cannot be read as UTF-8 text ({type(exc).__name__})") from None
            rows.update(parse_rows(str(override), text))
    return Provisions(rows)
