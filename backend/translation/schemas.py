"""The translate request and answer (marshmallow); the OpenAPI document is generated from them."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from backend.schemas import (
    LANGUAGES,
    MaskSpan,
    UnmaskSpan,
    Usage,
    UserText,
    _check_corrections,
    _mask_list,
    _not_blank,
    _unmask_list,
)
from backend.translation.targets import LATTLAST, iso_codes, parse_source, parse_target

_CODES_HELP = f'Use "sv", "en", "{LATTLAST}" (easy Swedish) or another ISO 639-1 code in lower case, such as "fi".'


def _target(value: str) -> None:
    if parse_target(value) is None:
        # The value is not echoed: an error answer never repeats what the user typed.
        raise ValidationError(f"Not a language to translate to. {_CODES_HELP}")


def _source(value: str) -> None:
    if parse_source(value) is None:
        raise ValidationError('Not an ISO 639-1 language code. Use a two-letter code in lower case, such as "sv", '
                              '"en" or "fi"; leave source out if you do not know it.')


class TranslateRequest(Schema):
    text = UserText(required=True, validate=_not_blank, metadata={"description": "The text to translate."})
    target = fields.String(required=True, validate=_target, metadata={
        "description": f"The language to write in: an ISO 639-1 code (sv, en, fi, ar, ...) or {LATTLAST}, easy "
                       "Swedish after the common easy-to-read guidelines, checked and revised once.",
        "enum": [LATTLAST, *sorted(iso_codes())]})
    source = fields.String(load_default=None, validate=_source, metadata={
        "description": "The text's language (ISO 639-1), when known. With sv-lattlast and sv, the answer also "
                       "reports the readability of the text itself.", "enum": [*sorted(iso_codes()), None]})
    language = fields.String(load_default=None, validate=validate.OneOf(LANGUAGES), metadata={
        "description": "The language of the instructions to the model; by default sv for the targets sv and "
                       f"{LATTLAST}, en for every other target. The answer's language is always the target."})
    mask = _mask_list(MaskSpan)
    unmask = _unmask_list(UnmaskSpan)

    @validates_schema
    def _corrections_fit(self, data: dict[str, Any], **kwargs: Any) -> None:
        _check_corrections(data)

    @validates_schema
    def _not_the_same(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("source") and data.get("target") == data["source"]:
            raise ValidationError("The text is already in this language.", "target")


class PlaceholderCount(Schema):
    sent = fields.Integer(metadata={"description": "Placeholders (masked personal data) in the text the model got"})
    kept = fields.Integer(metadata={"description": "How many of them the model's answer kept, and so were restored; "
                                                   "fewer than sent means a name or number fell out"})


class TextFigures(Schema):
    lix = fields.Float()
    band = fields.String()
    ovix = fields.Float(allow_none=True)
    nominal_ratio = fields.Float(allow_none=True)
    words = fields.Integer()
    sentences = fields.Integer()
    mean_sentence_length = fields.Float()
    findings = fields.Integer(metadata={"description": "Lättläst findings left (readability kinds that break the "
                                                       "guidelines, and sentences over 15 words)"})
    kinds = fields.Dict(keys=fields.String(), values=fields.Integer())


class LattlastReadability(Schema):
    source = fields.Nested(TextFigures, allow_none=True, metadata={"description": "The user's text (source sv only)"})
    before = fields.Nested(TextFigures, metadata={"description": "The first draft"})
    after = fields.Nested(TextFigures, metadata={"description": "The text delivered: the revision, or the draft"})
    revised = fields.Boolean(metadata={"description": "Whether the one revise round ran"})
    skipped = fields.String(metadata={"description": "Why a revise round that was due did not run (text_too_long, "
                                                     "or the engine's refusal code); the draft stands"})


class TranslateResponse(Schema):
    """The JSON answer: GenerationResponse's fields, with the placeholder count and lättläst's figures."""

    text = fields.String(metadata={"description": "The translation; for sv-lattlast, the revision if one ran"})
    request_id = fields.String(metadata={"description": "The request's id, as in the audit record"})
    finish_reason = fields.String(metadata={"description": "stop, length, repetition or cancelled"})
    usage = fields.Nested(Usage, metadata={"description": "Both rounds together for sv-lattlast"})
    redactions = fields.Dict(keys=fields.String(), values=fields.Integer())
    placeholders = fields.Nested(PlaceholderCount)
    readability = fields.Nested(LattlastReadability, metadata={"description": "sv-lattlast only"})
