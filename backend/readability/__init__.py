"""Readability check for Swedish (språklagen 11 §): LIX and findings, instantly and without the model."""

from __future__ import annotations

from backend.readability.analysis import analyze, lix
from backend.readability.prompt import findings_for_prompt, with_masked_spans
from backend.readability.report import Finding, ReadabilityReport

__all__ = ["Finding", "ReadabilityReport", "analyze", "findings_for_prompt", "lix", "with_masked_spans"]
