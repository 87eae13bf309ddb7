"""The HTTP API: one blueprint per area."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from backend.api import (
        admin,
        auth,
        gateway,
        generate,
        health,
        openapi,
        readability,
        redact,
        release,
        taskpane,
    )
    from backend.ask import api as ask
    from backend.manifest import web as addin_icons
    from backend.translation import api as translation
    from backend.usertemplates import api as templates

    for module in (health, auth, generate, redact, readability, release, gateway, admin, openapi, taskpane,
                   addin_icons, templates, ask, translation):
        app.register_blueprint(module.bp)
    from backend import pages  # the information, privacy, terms and support pages

    app.register_blueprint(pages.bp)
