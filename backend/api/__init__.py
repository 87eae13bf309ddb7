"""The HTTP API: one blueprint per area."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from backend.api import admin, auth, gateway, generate, health, openapi, readability, redact, taskpane
    from backend.manifest import web as addin_icons
    from backend.usertemplates import api as templates

    for module in (health, auth, generate, redact, readability, gateway, admin, openapi, taskpane, addin_icons,
                   templates):
        app.register_blueprint(module.bp)
