"""The OpenAPI document, generated from the marshmallow schemas."""

from __future__ import annotations

import functools
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Response, jsonify

from backend import schemas

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

_ERRORS = {
    "400": "Malformed JSON or not UTF-8",
    "401": "No token, or the token was rejected",
    "403": "The token lacks the scope or role, or the request unmasks where the organisation does not allow it "
           "(unmask_not_allowed)",
    "404": "No such template in your organisation",
    "409": "The template limit is reached",
    "413": "The body is too large",
    "415": "The body is not JSON",
    "422": "A field is missing or invalid, or the text is too long",
    "429": "Rate limited; see Retry-After",
    "503": "The engine is busy or restarting; see Retry-After",
}


def _problems(*codes: str) -> dict[str, Any]:
    return {
        code: {"description": _ERRORS[code],
               "content": {"application/problem+json": {"schema": "Problem"}}}
        for code in codes
    }


def _generation(summary: str, request_schema: str, *extra: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": request_schema}}},
            "responses": {
                "200": {
                    "description": "The answer. With Accept: text/event-stream, Server-Sent Events: meta, "
                                   "progress (long texts), delta, then done or error.",
                    "content": {
                        "application/json": {"schema": "GenerationResponse"},
                        "text/event-stream": {"schema": "ServerSentEvent"},
                    },
                },
                **_problems("400", "401", "403", *extra, "413", "415", "422", "429", "503"),
            },
        }
    }


def _template_paths(document: APISpec) -> None:
    """/api/v1/templates (backend/usertemplates)."""
    from backend.usertemplates import schemas as templates

    for name in ("TemplateIn", "TemplateOut", "TemplateList", "TemplateFile"):
        document.components.schema(name, schema=getattr(templates, name))

    def json_body(schema: str) -> dict[str, Any]:
        return {"required": True, "content": {"application/json": {"schema": schema}}}

    def ok(schema: str | dict[str, Any], status: str = "200") -> dict[str, Any]:
        return {status: {"description": "OK", "content": {"application/json": {"schema": schema}}}}

    scope = [{"name": "scope", "in": "query", "schema": {"type": "string", "enum": ["organisation", "personal"]}}]
    secured: dict[str, Any] = {"security": [{"bearer": []}]}
    document.path("/api/v1/templates", operations={
        "get": {"summary": "The organisation's templates and the caller's own", **secured,
                "responses": {**ok("TemplateList"), **_problems("401", "403", "429")}},
        "post": {"summary": "Create a template (organisation scope: admin role)", **secured,
                 "requestBody": json_body("TemplateIn"),
                 "responses": {**ok("TemplateOut", "201"),
                               **_problems("400", "401", "403", "409", "413", "415", "422", "429")}},
    })
    document.path("/api/v1/templates/{template_id}", parameters=[
        {"name": "template_id", "in": "path", "required": True, "schema": {"type": "string"}}], operations={
        "get": {"summary": "One template", **secured,
                "responses": {**ok("TemplateOut"), **_problems("401", "403", "404", "429")}},
        "put": {"summary": "Replace a template's content (organisation scope: admin role)", **secured,
                "requestBody": json_body("TemplateIn"),
                "responses": {**ok("TemplateOut"),
                              **_problems("400", "401", "403", "404", "413", "415", "422", "429")}},
        "delete": {"summary": "Delete a template (organisation scope: admin role)", **secured,
                   "responses": {"204": {"description": "Deleted"}, **_problems("401", "403", "404", "429")}},
    })
    document.path("/api/v1/templates/import", operations={"post": {
        "summary": "Import a template file, all or nothing; same-named templates are replaced", **secured,
        "parameters": scope, "requestBody": json_body("TemplateFile"),
        "responses": {**ok({"type": "object", "properties": {
            "created": {"type": "integer"}, "replaced": {"type": "integer"}, "scope": {"type": "string"}}}),
            **_problems("400", "401", "403", "409", "413", "415", "422", "429")}}})
    document.path("/api/v1/templates/export", operations={"get": {
        "summary": "Export templates as a file that import accepts", **secured, "parameters": scope,
        "responses": {**ok("TemplateFile"), **_problems("401", "403", "422", "429")}}})


@functools.cache
def spec() -> dict[str, Any]:
    document = APISpec(
        title="Kollega API",
        version="1",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={"description": "Summarise, draft and rewrite with personal data masked before the model."},
    )
    document.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    # Their validates_schema rules: an instruction (draft) or a goal (rewrite), unless a template is named.
    for name, needed in (("DraftRequest", "instruction"), ("RewriteRequest", "goal")):
        either = {"anyOf": [{"required": [needed]}, {"required": ["template_id"]}]}
        document.components.schema(name, either, schema=getattr(schemas, name))
    for name in ("RedactRequest", "ReadabilityRequest",
                 "GenerationResponse", "RedactResponse", "AuthConfig", "DevToken", "DevTokenRequest",
                 "ReleaseReviewRequest", "ReleaseReviewResponse", "ReadabilityResponse"):
        document.components.schema(name, schema=getattr(schemas, name))
    # SummarizeRequest's validates_schema rule, which marshmallow cannot describe: text or conversation_id
    # (a mailbox only with conversation_id).
    one_source = {"oneOf": [{"required": ["text"], "not": {"required": ["mailbox"]}},
                            {"required": ["conversation_id"]}]}
    document.components.schema("SummarizeRequest", one_source, schema=schemas.SummarizeRequest)
    document.components.schema("Problem", schema=schemas.ProblemSchema)
    # One event of the stream, in the form OpenAPI 3.2 gives text/event-stream items (and schemathesis reads).
    document.components.schema("ServerSentEvent", {
        "type": "object",
        "properties": {
            "event": {"type": "string",
                      "enum": ["meta", "progress", "delta", "citations", "revision", "done", "error"]},
            "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": {"type": "object"},
                     "description": "meta: request_id, redactions; progress: part, parts; delta: text; "
                                    "citations (ask): citations; "
                                    "revision (translate): round, findings, readability, and the text so far "
                                    "is replaced; done: finish_reason, usage; error: a Problem"},
        },
        "required": ["event", "data"],
    })
    document.path("/api/v1/summarize", operations=_generation("Summarise a text or an Outlook thread",
                                                             "SummarizeRequest"))
    document.path("/api/v1/draft", operations=_generation("Draft a text from an instruction", "DraftRequest", "404"))
    document.path("/api/v1/rewrite", operations=_generation("Rewrite a text", "RewriteRequest", "404"))
    _template_paths(document)
    from backend.ask.api import openapi_paths as ask_paths

    ask_paths(document, _generation)
    from backend.translation.openapi import add_translate

    add_translate(document, _generation)
    for path, request_schema, response_schema, summary in (
        ("/api/v1/redact", "RedactRequest", "RedactResponse",
         "Preview what will be masked, with the user's corrections (mask, unmask) applied"),
        ("/api/v1/readability", "ReadabilityRequest", "ReadabilityResponse",
         "LIX, OVIX, nominal ratio, klarspråk findings and the decision-letter check, without the model"),
        ("/api/v1/release/review", "ReleaseReviewRequest", "ReleaseReviewResponse",
         "Before a public release: passages that may need masking, each with a reason and a candidate OSL "
         "provision. Suggestions for a case officer to judge, never decisions; no model"),
    ):
        document.path(path, operations={"post": {
            "summary": summary,
            "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": request_schema}}},
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {
                    "schema": response_schema or {"type": "object"}}}},
                **_problems("400", "401", "403", "413", "415", "422", "429"),
            },
        }})
    for path, summary, media in (
        ("/api/v1/admin/usage.csv", "Usage per day, feature and host (CSV; admin role)", "text/csv"),
        ("/api/v1/admin/usage", "Usage per day, feature and host (JSON; admin role)", "application/json"),
    ):
        document.path(path, operations={"get": {
            "summary": summary,
            "security": [{"bearer": []}],
            "parameters": [
                {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
            ],
            "responses": {"200": {"description": "OK", "content": {media: {"schema": {}}}},
                          **_problems("401", "403", "422", "429")},
        }})
    document.path("/api/v1/auth/config", operations={"get": {
        "summary": "How to sign in", "security": [],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": "AuthConfig"}}}}}})
    document.path("/api/v1/auth/dev-token", operations={"post": {
        "summary": "A dev-mode token (dev mode on loopback only)", "security": [],
        "requestBody": {"required": False, "content": {"application/json": {"schema": "DevTokenRequest"}}},
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": "DevToken"}}},
                      **_problems("400", "403", "415", "422")}}})
    for path, summary in (("/healthz", "Alive"), ("/readyz", "Model loaded and store reachable"),
                          ("/metrics", "Prometheus metrics")):
        document.path(path, operations={"get": {"summary": summary, "security": [],
                                                "responses": {"200": {"description": "OK"},
                                                              "503": {"description": "Not ready"}}}})
    result: dict[str, Any] = document.to_dict()
    return result


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(spec())
