"""Reading a JSON request body into a validated dict, with problem answers for each way it can be wrong."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, request
from marshmallow import Schema, ValidationError
from marshmallow.exceptions import SCHEMA

from backend.problems import Problem

TEXT_FIELDS = ("text", "instruction", "context")


def flatten_errors(messages: dict[Any, Any], prefix: str = "") -> dict[str, list[str]]:
    """Marshmallow's nested messages ({"mask": {0: {"type": [...]}}}) as dotted field names ("mask.0.type")."""
    errors: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            errors.update(flatten_errors(value, f"{name}."))
        else:
            errors[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return errors


def parse_body(schema: type[Schema]) -> dict[str, Any]:
    """Validate the request body against `schema`; raise Problem 400/413/415/422."""
    if request.mimetype != "application/json":
        raise Problem(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.")
    raw = request.get_data(cache=False)  # MAX_CONTENT_LENGTH makes this raise 413 before reading too much
    try:
        body_text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(400, "bad_request", f"The body is not valid UTF-8 (byte {exc.start}).") from None
    try:
        body = json.loads(body_text)
    except RecursionError:
        # "[" * 200000: the decoder recurses once per level. No request of this API nests more than a few.
        raise Problem(400, "bad_request", "The body is not valid JSON for this API: it is nested too deeply.") from None
    except json.JSONDecodeError as exc:
        raise Problem(400, "bad_request", f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, "
                                          f"column {exc.colno}.") from None
    if not isinstance(body, dict):
        raise Problem(422, "validation", "The body must be a JSON object.", errors={"_schema": ["Expected an object."]})
    try:
        data: dict[str, Any] = schema().load(body)
    except ValidationError as exc:
        # What normalized_messages() gives, without its untyped call: field errors keyed by field name.
        messages = exc.messages
        errors = flatten_errors(messages if exc.field_name == SCHEMA and isinstance(messages, dict)
                                else {exc.field_name: messages})
        raise Problem(422, "validation", "Some fields are missing or invalid.", errors=errors) from None
    limit = current_app.config["KOLLEGA"].max_text_chars
    too_long = {name: len(data[name]) for name in TEXT_FIELDS if isinstance(data.get(name), str)
                and len(data[name]) > limit}
    if too_long:
        raise Problem(
            422, "text_too_long",
            f"The text is longer than this server accepts ({limit:,} characters per field).",
            errors={name: [f"{n:,} characters; the limit is {limit:,}."] for name, n in too_long.items()},
            limit=limit,
        )
    return data
