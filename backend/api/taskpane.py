"""The task pane's built files at /taskpane/, on the API's own origin.

The pane is loaded afresh every time a user clicks the button, so its files are sent compressed, and
Vite's content-hashed assets are cached for a year (a new build has new names).
"""

from __future__ import annotations

import functools
import gzip
import mimetypes
from pathlib import Path

from flask import Blueprint, Response, request, send_from_directory
from werkzeug.security import safe_join

from backend.api.context import services
from backend.problems import Problem
from backend.settings import Settings

bp = Blueprint("taskpane", __name__)

PLACEHOLDER = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kollega</title></head>
<body><main><h1>Kollega</h1><p>Aktivitetsfönstret är inte byggt än. Kör <code>make demo</code>.</p>
<p>The task pane has not been built yet. Run <code>make demo</code>.</p></main></body></html>"""

# Office opens the pane inside its own frame; only Office's hosts may frame it.
FRAME_ANCESTORS = (
    "frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.officeapps.live.com "
    "https://*.microsoft.com https://*.outlook.com https://*.sharepoint.com https://*.cloud.microsoft"
)
COMPRESSIBLE = (".js", ".css", ".html", ".json", ".svg", ".map", ".mjs")
# Office add-ins must load office.js from Microsoft's CDN (the pages pin this URL); no other script origin.
OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com"


def content_security_policy(settings: Settings) -> str:
    """The pane's own pages: scripts from here and Office.js's origin only, no inline scripts or objects, and
    requests to this API and (with Entra ID) the sign-in authority only."""
    sign_in = "" if settings.auth_mode == "dev" else f" {settings.entra_authority_host}"
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {OFFICE_JS_ORIGIN}",
        # Fluent UI (Griffel) and Office.js add style elements at run time; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self'",
        "font-src 'self'",
        f"connect-src 'self'{sign_in}",
        # MSAL's silent renewal in the standard (non-NAA) sign-in uses a hidden frame on the authority.
        f"frame-src 'self'{sign_in}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        FRAME_ANCESTORS,
    ])


def _served(filename: str, settings: Settings) -> bool:
    """The playground and source maps are for demos and development: not served in production (Entra) mode."""
    if settings.auth_mode == "dev":
        return True
    name = filename.rsplit("/", 1)[-1]
    return not (name.endswith(".map") or name == "playground.html" or
                (filename.startswith("assets/") and name.startswith("playground-")))


# `/` is backend.pages' information page (the playground only in the dev-mode demo).


@bp.get("/taskpane/")
@bp.get("/taskpane/<path:filename>")
def files(filename: str = "taskpane.html") -> Response:
    settings = services().settings
    directory = settings.taskpane_dir
    if not _served(filename, settings):
        raise Problem(404, "not_found", "There is no such file.")
    if not directory.is_dir():
        response = Response(PLACEHOLDER, mimetype="text/html")
    else:
        response = _compressed(directory, filename) or send_from_directory(directory, filename, max_age=0)
        if filename.startswith("assets/"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
    if filename.endswith(".html"):
        response.headers["Content-Security-Policy"] = content_security_policy(settings)
    return response


def _compressed(directory: Path, filename: str) -> Response | None:
    if not filename.endswith(COMPRESSIBLE) or "gzip" not in request.headers.get("Accept-Encoding", ""):
        return None
    joined = safe_join(str(directory), filename)
    if joined is None or not Path(joined).is_file():
        return None
    path = Path(joined)
    body = _gzip(str(path), path.stat().st_mtime_ns)
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    return response


@functools.lru_cache(maxsize=64)
def _gzip(path: str, mtime_ns: int) -> bytes:
    """Compressed once per file version (the mtime is part of the key)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
