"""The user's corrections of the redaction preview (docs/redaction.md, "Corrections"), as request fields."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from backend.redaction.corrections import CORRECTION_TYPES, DEFAULT_TYPE, MAX_CORRECTIONS, Corrections, problems

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


def _mask_list(item: type[Schema]) -> fields.List[dict[str, Any]]:
    return fields.List(
        fields.Nested(item), load_default=list, validate=validate.Length(max=MAX_CORRECTIONS),
        metadata={"description": "Spans the user marked as personal data in the preview: mask them, and every "
                                 "other mention of the same value, as detected ones."})


def _unmask_list(item: type[Schema]) -> fields.List[dict[str, Any]]:
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


def check_text_or_conversation(data: dict[str, Any]) -> None:
    """A request about a text or an Outlook conversation (summarize, ask): exactly one of them, a mailbox
    only with a conversation, corrections only on a text, and the corrections themselves."""
    if ("text" in data) == ("conversation_id" in data):
        raise ValidationError("Send either text or conversation_id.", "text")
    if "mailbox" in data and "conversation_id" not in data:
        raise ValidationError("A mailbox goes with a conversation_id.", "mailbox")
    if "conversation_id" in data and (data.get("mask") or data.get("unmask")):
        raise ValidationError("Corrections index a text; the server reads a conversation itself. "
                              "Send the text instead.", "mask" if data.get("mask") else "unmask")
    _check_corrections(data)
