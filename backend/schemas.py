"""Request and response shapes (marshmallow). The OpenAPI document is generated from these."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from backend.graph.mail import MAILBOX_PATTERN
from backend.redaction.corrections import CORRECTION_TYPES, DEFAULT_TYPE, MAX_CORRECTIONS, Corrections, problems

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


# ----- the user's corrections of the redaction preview (docs/redaction.md, "Corrections") ------------------

TEXT_FIELD = "text"
DRAFT_FIELDS = ("instruction", "context")


class MaskSpan(Schema):
    start = fields.Integer(required=True, strict=True, validate=validate.Range(min=0),
                           metadata={"description": "Code-point offset into the text, as /redact gives them"})
    end = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    type = fields.String(load_default=DEFAULT_TYPE, validate=validate.OneOf(CORRECTION_TYPES),
                         metadata={"description": f"The kind of personal data; {DEFAULT_TYPE} when left out"})


class UnmaskSpan(Schema):
    start = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))


class DraftMaskSpan(MaskSpan):
    field = fields.String(load_default="context", validate=validate.OneOf(DRAFT_FIELDS),
                          metadata={"description": "Which text the offsets index: context (default) or instruction"})


class DraftUnmaskSpan(UnmaskSpan):
    field = fields.String(load_default="context", validate=validate.OneOf(DRAFT_FIELDS),
                          metadata={"description": "Which text the offsets index: context (default) or instruction"})


def _mask_list(item: type[Schema]) -> fields.List:
    return fields.List(
        fields.Nested(item), load_default=list, validate=validate.Length(max=MAX_CORRECTIONS),
        metadata={"description": "Spans the user marked as personal data in the preview: mask them, and every "
                                 "other mention of the same value, as detected ones."})


def _unmask_list(item: type[Schema]) -> fields.List:
    return fields.List(
        fields.Nested(item), load_default=list, validate=validate.Length(max=MAX_CORRECTIONS),
        metadata={"description": "Ranges the user unmarked in the preview: detected spans wholly inside one are "
                                 "sent as they are. Refused with 403 unmask_not_allowed when the organisation "
                                 "has set KOLLEGA_REDACTION_ALLOW_UNMASK=false."})


def corrections_by_field(data: dict[str, Any]) -> dict[str, Corrections]:
    """The loaded mask and unmask lists, per text field they index ("text", or a draft's two fields)."""
    grouped: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for item in data.get("mask", []):
        grouped.setdefault(item.get("field", TEXT_FIELD), ([], []))[0].append(item)
    for item in data.get("unmask", []):
        grouped.setdefault(item.get("field", TEXT_FIELD), ([], []))[1].append(item)
    return {name: Corrections.from_json(mask, unmask) for name, (mask, unmask) in grouped.items()}


def _check_corrections(data: dict[str, Any]) -> None:
    """Offsets inside the text they index, start before end, no span both masked and unmasked."""
    errors: dict[str, list[str]] = {}
    for name, corrections in corrections_by_field(data).items():
        text = data.get(name)
        if not isinstance(text, str):
            continue
        for key, message in problems(text, corrections):
            prefix = f"{name}: " if name != TEXT_FIELD else ""
            errors.setdefault(key, []).append(prefix + message)
    if errors:
        raise ValidationError(errors)


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
        if ("text" in data) == ("conversation_id" in data):
            raise ValidationError("Send either text or conversation_id.", "text")
        if "mailbox" in data and "conversation_id" not in data:
            raise ValidationError("A mailbox goes with a conversation_id.", "mailbox")
        if "conversation_id" in data and (data.get("mask") or data.get("unmask")):
            raise ValidationError("Corrections index a text; the server reads a conversation itself. "
                                  "Send the text instead.", "mask" if data.get("mask") else "unmask")
        _check_corrections(data)


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


class ReleaseFinding(Schema):
    id = fields.String(metadata={"description": "Stable within one answer: f1, f2, ... in text order"})
    start = fields.Integer(metadata={"description": "Python string index (code points) into the text"})
    end = fields.Integer()
    type = fields.String(metadata={"description": "A personal-data type (PERSON, PERSONNUMMER, ...) or a "
                                                  "sensitive category in capitals (HEALTH, SOCIAL_SERVICES, ...)"})
    category = fields.String(metadata={"description": "personal_data, health, social_services, crime, ethnicity, "
                                                      "religion, sexual_life, trade_union, political_opinion, "
                                                      "protected_identity, school_welfare or third_party"})
    reason = fields.String(metadata={"description": "Why it may need masking, in Swedish"})
    provision = fields.String(metadata={"description": "A candidate OSL provision for the area: a suggestion "
                                                       "for the case officer to judge, never a decision"})


class ReleaseReviewResponse(Schema):
    findings = fields.List(fields.Nested(ReleaseFinding))


class ProblemSchema(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    code = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    retry_after = fields.Integer()
    limit = fields.Integer(metadata={"description": "The limit that was passed (text_too_long, templates)"})


class RedactionConfig(Schema):
    allow_unmask = fields.Boolean(metadata={"description": "Whether users may unmask detected spans "
                                                           "(KOLLEGA_REDACTION_ALLOW_UNMASK)"})


class AuthConfig(Schema):
    mode = fields.String()
    client_id = fields.String(allow_none=True)
    scope = fields.String(allow_none=True)
    authority = fields.String(allow_none=True)
    redaction = fields.Nested(RedactionConfig)


class DevToken(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class ReadabilityFindingOut(Schema):
    kind = fields.String(metadata={"description": "long_sentence, hard_sentence, very_hard_sentence, officialese, "
                                                  "noun_heavy, noun_cluster, passive, abbreviation, legal_term, "
                                                  "no_direct_address, or a decision check (decision_…)"})
    start = fields.Integer()
    end = fields.Integer()
    message = fields.String()
    suggestion = fields.String(allow_none=True)


class ReadabilityResponse(Schema):
    lix = fields.Float()
    band = fields.String()
    band_label = fields.String()
    words = fields.Integer()
    sentences = fields.Integer()
    long_words = fields.Integer()
    mean_sentence_length = fields.Float()
    addresses_reader = fields.Boolean()
    ovix = fields.Float(allow_none=True, metadata={"description": "word variation; null under 100 words"})
    ovix_band = fields.String(allow_none=True)
    ovix_label = fields.String(allow_none=True)
    nominal_ratio = fields.Float(allow_none=True, metadata={"description": "nominalkvot; null without enough verbs"})
    nominal_band = fields.String(allow_none=True)
    nominal_label = fields.String(allow_none=True)
    is_decision = fields.Boolean(metadata={"description": "the text reads as a decision letter"})
    findings = fields.List(fields.Nested(ReadabilityFindingOut))
