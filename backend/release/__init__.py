"""Preparing a document for public release (utlämnande): findings that may need masking, with a reason
and a candidate OSL provision each. Rules and word lists only; no language model."""

from __future__ import annotations

from backend.release.provisions import AREAS, CATEGORIES, Provisions, ProvisionsError, load_provisions
from backend.release.review import Finding, ReleaseReviewer

__all__ = ["AREAS", "CATEGORIES", "Finding", "Provisions", "ProvisionsError", "ReleaseReviewer", "load_provisions"]
