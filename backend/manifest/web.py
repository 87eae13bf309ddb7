"""Serves the add-in's icons at /taskpane/icons/, where the manifests point, from addin-manifest/icons."""

from __future__ import annotations

from flask import Blueprint, Response, abort, send_from_directory

from backend.manifest.build import ICONS_DIR

bp = Blueprint("addin_icons", __name__)

# Office caches icons itself and they change only with a release; a day keeps reloads cheap.
MAX_AGE_S = 86400


@bp.get("/taskpane/icons/<name>")
def icon(name: str) -> Response:
    if not name.endswith(".png"):
        abort(404)
    # send_from_directory refuses names that leave the folder, and answers 404 for missing files.
    return send_from_directory(ICONS_DIR, name, mimetype="image/png", max_age=MAX_AGE_S)
