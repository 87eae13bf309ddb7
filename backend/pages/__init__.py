"""The organisation's public pages: information (`/`), privacy, terms, support, and the admin-consent landing page.

Each page is Markdown in Swedish and English. Kollega ships defaults in backend/pages/defaults/; the
organisation overrides any of them with its own file in the instance folder, `pages/NAME.LANG.md` (Markdown)
or `pages/NAME.LANG.html` (an HTML fragment, used as it is). The manifests link to these pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Response, abort, redirect, request
from markdown_it import MarkdownIt
from markupsafe import escape

from backend.api.context import services

bp = Blueprint("pages", __name__)

DEFAULTS = Path(__file__).resolve().parent / "defaults"
PAGES = ("index", "privacy", "terms", "support")
LANGUAGES = ("sv", "en")
TITLES = {
    "index": {"sv": "Kollega", "en": "Kollega"},
    "privacy": {"sv": "Integritet", "en": "Privacy"},
    "terms": {"sv": "Användarvillkor", "en": "Terms of use"},
    "support": {"sv": "Support", "en": "Support"},
    "admin-consent": {"sv": "Administratörsmedgivande", "en": "Admin consent"},
}
OTHER_LANGUAGE = {"sv": "In English", "en": "På svenska"}
# Raw HTML in Markdown is escaped: an organisation that wants HTML writes a .html file, on purpose.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})

STYLE = """body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:44rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1b1b1b}a{color:#0b5a8e}nav{margin-bottom:1.5rem;font-size:.95rem}
nav a{margin-right:1rem}h1{font-size:1.6rem}footer{margin-top:2rem;font-size:.9rem;color:#555}"""


@dataclass(frozen=True)
class Page:
    """One page's body as HTML, and where it came from (the organisation's file or Kollega's default)."""

    html: str
    source: Path


def find_page(name: str, language: str, instance_path: Path) -> Page:
    """The organisation's version of a page if it has one (.html before .md), else the shipped default."""
    own = instance_path / "pages"
    for path in (own / f"{name}.{language}.html", own / f"{name}.{language}.md", DEFAULTS / f"{name}.{language}.md"):
        if path.is_file():
            text = path.read_text("utf-8")
            return Page(text if path.suffix == ".html" else _MARKDOWN.render(text), path)
    raise FileNotFoundError(f"no page {name}.{language}")


def page_language() -> str:
    """?lang=sv|en, else the browser's preference, else Swedish."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES, default="sv") or "sv"


def _retention(days: int, language: str) -> str:
    if days <= 0:
        return "tills den rensas för hand" if language == "sv" else "until it is deleted by hand"
    return f"{days} dagar" if language == "sv" else f"{days} days"


def _document(name: str, language: str, body: str) -> Response:
    title = TITLES[name][language]
    other = "en" if language == "sv" else "sv"
    links = "".join(
        f'<a href="/{"" if page == "index" else page}?lang={language}">{TITLES[page][language]}</a>' for page in PAGES
    )
    html = (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f'<link rel="stylesheet" href="/pages.css"></head><body><nav aria-label="Kollega">{links}'
        f'<a href="?lang={other}" lang="{other}">{OTHER_LANGUAGE[language]}</a></nav><main>{body}</main></body></html>'
    )
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Language"] = language
    return response


def render_page(name: str) -> Response:
    settings = services().settings
    language = page_language()
    page = find_page(name, language, settings.instance_path)
    body = page.html.replace("{{AUDIT_RETENTION}}", _retention(settings.audit_retention_days, language))
    return _document(name, language, body)


@bp.get("/")
def index() -> Response:
    settings = services().settings
    # Only the local demo (dev sign-in) opens the playground; a production server shows what it is.
    if settings.auth_mode == "dev" and (settings.taskpane_dir / "playground.html").is_file():
        return redirect("/taskpane/playground.html")  # type: ignore[return-value]
    return render_page("index")


@bp.get("/privacy")
def privacy() -> Response:
    return render_page("privacy")


@bp.get("/terms")
def terms() -> Response:
    return render_page("terms")


@bp.get("/support")
def support() -> Response:
    return render_page("support")


@bp.get("/pages.css")
def stylesheet() -> Response:
    response = Response(STYLE, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.get("/admin-consent")
def admin_consent() -> Response:
    """Where Entra ID sends the admin back after the admin consent link (infra/entra/register_app.py prints it)."""
    language = page_language()
    error = request.args.get("error")
    if request.args.get("admin_consent", "").lower() == "true" and not error:
        tenant = escape(request.args.get("tenant", ""))
        body = (
            f"<h1>{TITLES['admin-consent'][language]}</h1><p>"
            + ("Medgivandet är registrerat för organisationen " if language == "sv"
               else "Consent is recorded for the organisation ")
            + f"<code>{tenant}</code>.</p><p>"
            + ("Nästa steg: ladda upp manifesten i administrationscentret för Microsoft 365."
               if language == "sv" else "Next: upload the manifests in the Microsoft 365 admin center.")
            + "</p>"
        )
    elif error:
        description = escape(request.args.get("error_description", ""))
        body = (
            f"<h1>{TITLES['admin-consent'][language]}</h1><p>"
            + ("Medgivandet gavs inte: " if language == "sv" else "Consent was not given: ")
            + f"<code>{escape(error)}</code></p><p>{description}</p>"
        )
    else:
        abort(404)
    response = _document("admin-consent", language, body)
    return response
