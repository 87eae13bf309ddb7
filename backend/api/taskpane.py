"""The task pane's built files at /taskpane/, on the API's own origin."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, send_from_directory

from backend.api.context import services

bp = Blueprint("taskpane", __name__)

PLACEHOLDER = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kollega</title></head>
<body><main><h1>Kollega</h1><p>Aktivitetsfönstret är inte byggt än. Kör <code>make demo</code>.</p>
<p>The task pane has not been built yet. Run <code>make demo</code>.</p></main></body></html>"""

# Office opens the pane inside its own frame; only Office's hosts may frame it.
FRAME_ANCESTORS = (
    "frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.officeapps.live.com "
    "https://*.microsoft.com https://*.outlook.com https://*.sharepoint.com https://*.cloud.microsoft"
)


@bp.get("/")
def root() -> Response:
    directory = services().settings.taskpane_dir
    target = "/taskpane/playground.html" if (directory / "playground.html").is_file() else "/taskpane/"
    return redirect(target)  # type: ignore[return-value]


@bp.get("/taskpane/")
@bp.get("/taskpane/<path:filename>")
def files(filename: str = "taskpane.html") -> Response:
    directory = services().settings.taskpane_dir
    if not directory.is_dir():
        response = Response(PLACEHOLDER, mimetype="text/html")
    else:
        response = send_from_directory(directory, filename, max_age=0 if filename.endswith(".html") else 3600)
    if filename.endswith(".html"):
        response.headers["Content-Security-Policy"] = FRAME_ANCESTORS
    return response
