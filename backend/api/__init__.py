"""The HTTP API: one blueprint per area."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from backend.api import auth, generate, health, openapi, readability, redact, taskpane

    for module in (health, auth, generate, redact, readability, openapi, taskpane):
        app.register_blueprint(module.bp)
