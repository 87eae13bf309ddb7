"""The translation and lättläst part of `kollega eval`: its cases, the form check, and the lättläst figures."""

from __future__ import annotations

import re
import statistics
from pathlib import Path
from typing import Any

CASES = Path(__file__).with_name("translation.json")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+\S", re.MULTILINE)
# The figures compared per text; their means are reported for the source, the draft and the result.
FIGURES = ("lix", "ovix", "nominal_ratio", "findings", "mean_sentence_length")


def form(text: str) -> tuple[int, int]:
    """Paragraphs (blocks between blank lines) and list items (lines that start with a bullet or a number)."""
    paragraphs = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return len(paragraphs), len(_LIST_ITEM.findall(text))


def formatting_kept(source: str, answer: str) -> bool:
    """Whether a translation kept the source's paragraphs and list items, counted."""
    return form(source) == form(answer)


def lattlast_summary(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Means over the lättläst cases: the figures of source, draft (before) and result (after), and how often
    the revise round ran. `rows` are the cases' report entries; None when no case was lättläst."""
    measured = [row for row in rows if row.get("readability")]
    if not measured:
        return None

    def mean(stage: str, key: str) -> float | None:
        values = [row["readability"][stage][key] for row in measured
                  if row["readability"].get(stage) and row["readability"][stage].get(key) is not None]
        return round(statistics.fmean(values), 2) if values else None

    summary: dict[str, Any] = {
        "cases": len(measured),
        "revised": round(statistics.fmean(float(row["readability"]["revised"]) for row in measured), 3),
    }
    for key in FIGURES:
        for stage in ("source", "before", "after"):
            summary[f"{key}_{stage}"] = mean(stage, key)
    summary["fact_recall"] = round(statistics.fmean(row["fact_recall"] for row in measured), 3)
    summary["placeholder_leaks"] = sum(row["placeholder_leaks"] for row in measured)
    return summary
