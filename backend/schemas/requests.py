"""Request bodies, one schema per endpoint."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from backend.graph.mail import MAILBOX_PATTERN
from backend.schemas.corrections import (
    DraftMaskSpan,
    DraftUnmaskSpan,
    MaskSpan,
    UnmaskSpan,
    _check_corrections,
    _mask_list,
    _unmask_list,
    check_text_or_conversation,
)
from backend.schemas.text import GOALS, KINDS, LANGUAGES, LENGTHS, TONES, UserText, _not_blank


class SummarizeRequest(Schema):
    text = UserText(validate=_not_blank, metadata={"description": "The text to summarise."})
    conversation_id = fields.String(
        validate=validate.Length(min=1, max=512),
        metadata={"description": "An Outlook conversation id: the thread is read through Microsoft Graph."},
    )
    mailbox = fields.String(
        validate=[validate.Length(min=3, max=254), validate.Regexp(MAILBOX_PATTERN, error="Not an e-mail address.")],
        metadata={"description": "With conversation_id: the shared or delegated mailbox (its e-mail address or UPN) "
                  "that holds the conversation, as Office reports it; needs Mail.Read.Shared.",
                  "pattern": MAILBOX_PATTERN},
    )
    kind = fields.String(load_default="email", validate=validate.OneOf(KINDS))
    length = fields.String(load_default="medium", validate=validate.OneOf(LENGTHS))
    language = fields.String(load_default="sv", validate=validate.OneOf(LANGUAGES))
    mask = _mask_list(MaskSpan)
    unmask = _unmask_list(UnmaskSpan)

    @validates_schema
    def _one_source(self, data: dict[str, Any], **kwargs: Any) -> None:
        check_text_or_conversation(data)


def _template_id() -> fields.String:
    # A saved template (backend/usertemplates/use.py says how it applies).
    return fields.String(validate=validate.Length(min=1, max=32), metadata={
        "description": "A template (GET /api/v1/templates); its language (and tone and length) then apply"})


def _template_fields() -> fields.Dict:
    # "fields" is the name on the wire; a Schema attribute of that name would hide Schema.fields.
    return fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=64)), values=UserText(),
                       data_key="fields", metadata={"description": "The template's fields: name → value"})


class DraftRequest(Schema):
    template_id = _template_id()
    template_fields = _template_fields()
    instruction = UserText(validate=_not_blank, metadata={"description": "Required unless template_id is sent"})
    context = UserText(load_default="")
    tone = fields.String(load_default="neutral", validate=validate.OneOf(TONES))
    length = fields.String(load_default="medium", validate=validate.OneOf(LENGTHS))
    language = fields.String(load_default="sv", validate=validate.OneOf(LANGUAGES))
    # A draft has two texts: each correction says which one its offsets index (`field`).
    mask = _mask_list(DraftMaskSpan)
    unmask = _unmask_list(DraftUnmaskSpan)

    @validates_schema
    def _corrections_fit(self, data: dict[str, Any], **kwargs: Any) -> None:
        _check_corrections(data)

    @validates_schema
    def _instruction_or_template(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "instruction" not in data and "template_id" not in data:
            raise ValidationError("Send an instruction, a template_id, or both.", "instruction")


class RewriteRequest(Schema):
    template_id = _template_id()
    template_fields = _template_fields()
    text = UserText(required=True, validate=_not_blank)
    goal = fields.String(validate=validate.OneOf(GOALS), metadata={"description": "Required unless template_id"})
    language = fields.String(load_default="sv", validate=validate.OneOf(LANGUAGES))
    mask = _mask_list(MaskSpan)
    unmask = _unmask_list(UnmaskSpan)

    @validates_schema
    def _corrections_fit(self, data: dict[str, Any], **kwargs: Any) -> None:
        _check_corrections(data)

    @validates_schema
    def _goal_or_template(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "goal" not in data and "template_id" not in data:
            raise ValidationError("Missing data for required field.", "goal")


class RedactRequest(Schema):
    text = UserText(required=True, validate=_not_blank)
    mask = _mask_list(MaskSpan)
    unmask = _unmask_list(UnmaskSpan)

    @validates_schema
    def _corrections_fit(self, data: dict[str, Any], **kwargs: Any) -> None:
        _check_corrections(data)


class ReadabilityRequest(Schema):
    text = UserText(required=True, validate=_not_blank)


RELEASE_AREAS = ("general", "healthcare", "social_services", "school", "hr")


class ReleaseReviewRequest(Schema):
    text = UserText(required=True, validate=_not_blank, metadata={"description": "The document to review."})
    area = fields.String(
        load_default="general", validate=validate.OneOf(RELEASE_AREAS),
        metadata={"description": "The area of activity; it decides which OSL provision each finding suggests."},
    )


class DevTokenRequest(Schema):
    name = fields.String(load_default="Demo", validate=validate.Length(min=1, max=100))


class ChatContentPart(Schema):
    class Meta:
        unknown = EXCLUDE

    type = fields.String(required=True, validate=validate.Equal("text"))
    text = UserText(required=True)


class ChatMessageIn(Schema):
    class Meta:
        unknown = EXCLUDE

    role = fields.String(required=True, validate=validate.OneOf(("system", "developer", "user", "assistant")))
    # OpenAI allows a string or a list of parts; only text parts are supported here.
    content = fields.Raw(required=True)


class ChatCompletionRequest(Schema):
    """The OpenAI chat-completions request; fields Kollega does not use are ignored."""

    class Meta:
        unknown = EXCLUDE

    model = fields.String(load_default=None)
    messages = fields.List(fields.Nested(ChatMessageIn), required=True, validate=validate.Length(min=1, max=256))
    stream = fields.Boolean(load_default=False)
    max_tokens = fields.Integer(load_default=None, validate=validate.Range(min=1))
    max_completion_tokens = fields.Integer(load_default=None, validate=validate.Range(min=1))
    temperature = fields.Float(load_default=None, validate=validate.Range(min=0, max=2))
    n = fields.Integer(load_default=1, validate=validate.Equal(1, error="Only n=1 is supported."))
    stream_options = fields.Dict(load_default=None)
