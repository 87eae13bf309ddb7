"""The HTTP API: one blueprint per area."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from backend.api import auth, gateway, generate, health, openapi, readability, redact, taskpane

    for module in (health, auth, generate, redact, readability, gateway, openapi, taskpane):
        app.register_blueprint(module.bp)
