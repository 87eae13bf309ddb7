"""The request and response shapes of POST /api/v1/ask (marshmallow; the OpenAPI document reads them)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate, validates_schema

from backend.graph.mail import MAILBOX_PATTERN
from backend.schemas import LANGUAGES, GenerationResponse, MaskSpan, UnmaskSpan, UserText
from backend.schemas.corrections import _mask_list, _unmask_list, check_text_or_conversation
from backend.schemas.text import _not_blank

# A question is a sentence or two; the text it is about has the server's text limit.
MAX_QUESTION_CHARS = 2000


class AskRequest(Schema):
    text = UserText(validate=_not_blank, metadata={"description": "The text the question is about: a message, "
                                                                   "a thread or a whole document."})
    conversation_id = fields.String(
        validate=validate.Length(min=1, max=512),
        metadata={"description": "An Outlook conversation id: the thread is read through Microsoft Graph, and "
                                 "citation offsets index the thread as the server read it."},
    )
    mailbox = fields.String(
        validate=[validate.Length(min=3, max=254), validate.Regexp(MAILBOX_PATTERN, error="Not an e-mail address.")],
        metadata={"description": "With conversation_id: the shared or delegated mailbox that holds it",
                  "pattern": MAILBOX_PATTERN},
    )
    question = UserText(required=True, validate=[_not_blank, validate.Length(max=MAX_QUESTION_CHARS)],
                        metadata={"description": "The question about the text."})
    language = fields.String(load_default="sv", validate=validate.OneOf(LANGUAGES),
                             metadata={"description": "The answer's language"})
    mask = _mask_list(MaskSpan)
    unmask = _unmask_list(UnmaskSpan)

    @validates_schema
    def _one_source(self, data: dict[str, Any], **kwargs: Any) -> None:
        check_text_or_conversation(data)


class CitationOut(Schema):
    id = fields.Integer(metadata={"description": "The answer's marker: [1] is id 1"})
    start = fields.Integer(metadata={"description": "Python string index (code points) into the original text"})
    end = fields.Integer()
    quote = fields.String(metadata={"description": "text[start:end] of the original text, personal data as written"})


class AskResponse(GenerationResponse):
    finish_reason = fields.String(metadata={"description": "stop, length, repetition, or not_found: nothing in the "
                                                           "text matched the question, so the model was not asked"})
    citations = fields.List(fields.Nested(CitationOut), metadata={
        "description": "Checked sources, each an exact substring of the text; with SSE the citations event"})
