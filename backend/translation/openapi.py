"""/api/v1/translate in the OpenAPI document (backend/api/openapi.py calls this)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apispec import APISpec

from backend.translation import schemas


def add_translate(document: APISpec, generation: Callable[..., dict[str, Any]]) -> None:
    """The request and answer schemas, and the path as the other generating endpoints have it."""
    document.components.schema("TranslateRequest", schema=schemas.TranslateRequest)
    document.components.schema("TranslateResponse", schema=schemas.TranslateResponse)
    operations = generation("Translate a text, or write it in easy Swedish (sv-lattlast: write, check, revise "
                            "once)", "TranslateRequest")
    ok = operations["post"]["responses"]["200"]
    ok["content"]["application/json"]["schema"] = "TranslateResponse"
    ok["description"] += (" For sv-lattlast, a revision event may come after the draft's deltas: the text so far "
                          "is replaced by the deltas that follow it (docs/translate.md).")
    document.path("/api/v1/translate", operations=operations)
