"""Errors as application/problem+json (RFC 9457), with a stable `code` the task pane acts on."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

log = logging.getLogger("kollega.errors")

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Timed out",
}

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "too_large", 415: "unsupported_media_type", 429: "busy", 500: "internal"}


class Problem(Exception):
    """An error answer. Its detail must never contain the user's text or personal data."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.title = title or TITLES.get(status, "Error")
        self.headers = headers or {}
        self.extra = extra

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"urn:kollega:problem:{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        body.update({k: v for k, v in self.extra.items() if v is not None})
        return body

    def response(self) -> Response:
        response = Response(json.dumps(self.to_json()), status=self.status, mimetype="application/problem+json")
        for name, value in self.headers.items():
            response.headers[name] = value
        return response


def retry_problem(status: int, code: str, detail: str, retry_after: int | None) -> Problem:
    seconds = max(1, int(retry_after or 5))
    return Problem(status, code, detail, headers={"Retry-After": str(seconds)}, retry_after=seconds)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(error: Problem) -> Response:
        return error.response()

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        detail = {
            404: "There is no such endpoint. See /api/v1/openapi.json.",
            405: "This endpoint does not accept that method.",
            413: "The request body is larger than this server accepts.",
        }.get(status, error.description or TITLES.get(status, "Error"))
        headers = {}
        if status == 405 and error.get_response().headers.get("Allow"):
            headers["Allow"] = error.get_response().headers["Allow"]
        return Problem(status, CODES.get(status, "error"), detail, headers=headers).response()

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        # The type and stack only: an exception's message may quote the user's text.
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error("unhandled %s\n%s", type(error).__name__, frames)
        return Problem(500, "internal", "Something went wrong on the server. It has been logged.").response()
