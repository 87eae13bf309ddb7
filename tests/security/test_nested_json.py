"""Finding 4: deeply nested JSON raised RecursionError (a 500) and logged a stack trace.

It is a 400 problem, and the log has no stack (a stack's frames could point at where text was handled).
"""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from security_support import LOOPBACK

DEEP = ["[" * 200_000, "{\"a\":" * 100_000, "[" * 5_000 + "]" * 5_000, '{"text": ' + "[" * 200_000]
PATHS = ["/api/v1/redact", "/api/v1/summarize", "/api/v1/readability", "/v1/chat/completions",
         "/api/v1/auth/dev-token"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("body", DEEP, ids=["array", "object", "balanced", "in-a-field"])
def test_deep_nesting_is_a_400_problem_without_a_stack(dev_app: Flask, path: str, body: str,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    token = dev_app.extensions["kollega.auth"].dev_tokens.issue("Testare")
    with caplog.at_level(logging.DEBUG):
        response = dev_app.test_client().post(
            path, data=body, content_type="application/json", environ_base=LOOPBACK,
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    problem = response.get_json(force=True)
    assert response.mimetype == "application/problem+json"
    assert problem["code"] == "bad_request" and "nested" in problem["detail"]
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert "Traceback" not in logged and "RecursionError" not in logged and 'File "' not in logged
    assert not any(record.exc_info for record in caplog.records)
    assert all(record.levelno < logging.ERROR for record in caplog.records)
