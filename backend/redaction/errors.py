"""Errors of the redaction layer. Messages say what went wrong, never which text it was."""

from __future__ import annotations


class RedactionError(Exception):
    """Redaction could not be done; the caller must not send the text on unmasked."""


class InvalidText(RedactionError):
    """The input cannot be redacted as it is (too long, control characters, lone surrogates)."""
