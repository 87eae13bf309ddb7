"""Request and response shapes (marshmallow). The OpenAPI document is generated from these."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

LANGUAGES = ("sv", "en")
LENGTHS = ("short", "medium", "long")
TONES = ("formal", "neutral", "friendly")
KINDS = ("email", "thread", "document")
GOALS = ("plain", "shorter", "formal", "friendly", "proofread")
HOSTS = ("outlook-read", "outlook-compose", "word", "playground", "api")

# Tab, newline and carriage return are text; other C0/C1 controls are not, and some break tokenizers.
_CONTROL_RANGES = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROL_RANGES}]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The same rules as JSON Schema patterns (ECMA and Python read \xHH and \s alike), so that the OpenAPI
# document says what the server accepts.
TEXT_PATTERN = f"^[^{_CONTROL_RANGES}]*$"
NOT_BLANK_TEXT_PATTERN = f"^[^{_CONTROL_RANGES}]*[^\\s{_CONTROL_RANGES}][^{_CONTROL_RANGES}]*$"


class UserText(fields.String):
    """Text from the user: must be real Unicode text without control characters."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        pattern = NOT_BLANK_TEXT_PATTERN if _not_blank in self.validators else TEXT_PATTERN
        self.metadata = {"pattern": pattern, **self.metadata}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        surrogate = _SURROGATE.search(text)
        if surrogate:
            raise ValidationError(
                f"Contains an unpaired surrogate at position {surrogate.start()}; send valid Unicode."
            )
        control = _CONTROL.search(text)
        if control:
            raise ValidationError(
                f"Contains the control character U+{ord(control.group()):04X} at position {control.start()}; "
                "remove it."
            )
        return text


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be empty.")


class SummarizeRequest(Schema):
    text = UserText(validate=_not_blank, metadata={"description": "The text to summarise."})
    conversation_id = fields.String(
        validate=validate.Length(min=1, max=512),
        metadata={"description": "An Outlook conversation id: the thread is read through Microsoft Graph."},
    )
    kind = fields.String(load_default="email", validate=validate.OneOf(KINDS))
    length = fields.String(load_default="medium", validate=validate.OneOf(LENGTHS))
    language = fields.String(load_default="sv", validate=validate.OneOf(LANGUAGES))

    @validates_schema
    def _one_source(self, data: dict[str, Any], **kwargs: Any) -> None:
        if ("text" in data) == ("conversation_id" in data):
            raise ValidationError("Send either text or conversation_id.", "text")


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

    @validates_schema
    def _goal_or_template(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "goal" not in data and "template_id" not in data:
            raise ValidationError("Missing data for required field.", "goal")


class RedactRequest(Schema):
    text = UserText(required=True, validate=_not_blank)


class ReadabilityRequest(Schema):
    text = UserText(required=True, validate=_not_blank)


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


# ----- responses (documentation) -------------------------------------------------------------------


class Usage(Schema):
    prompt_tokens = fields.Integer()
    completion_tokens = fields.Integer()


class GenerationResponse(Schema):
    text = fields.String()
    request_id = fields.String(metadata={"description": "The request's id, as in the audit record"})
    finish_reason = fields.String(metadata={"description": "stop, length or cancelled"})
    usage = fields.Nested(Usage)
    redactions = fields.Dict(keys=fields.String(), values=fields.Integer())
    readability = fields.Dict(metadata={"description": "rewrite goal plain: LIX before and after"})


class EntityOut(Schema):
    start = fields.Integer()
    end = fields.Integer()
    type = fields.String()
    placeholder = fields.String()


class RedactResponse(Schema):
    redacted = fields.String()
    entities = fields.List(fields.Nested(EntityOut))


class ProblemSchema(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    code = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    retry_after = fields.Integer()
    limit = fields.Integer(metadata={"description": "The limit that was passed (text_too_long, templates)"})


class AuthConfig(Schema):
    mode = fields.String()
    client_id = fields.String(allow_none=True)
    scope = fields.String(allow_none=True)
    authority = fields.String(allow_none=True)


class DevToken(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
