"""Finding 6: the task pane's pages had only `frame-ancestors`; the playground and source maps were served
in production; the built pages must hold nothing that a strict CSP would have to allow (inline scripts,
event handler attributes, objects)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from security_support import LOOPBACK, entra_settings, make_app

from backend.settings import REPO_ROOT
from tests.auth.fake_entra_keys import KeyServer

OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com"
PAGES = ["taskpane.html", "auth-dialog.html", "commands.html"]


def fake_dist(folder: Path) -> Path:
    """A dist/ shaped like Vite's, so these tests need no Node."""
    (folder / "assets").mkdir(parents=True)
    for page in [*PAGES, "playground.html"]:
        (folder / page).write_text(f'<!doctype html><script type="module" src="/taskpane/assets/{page}.js"></script>')
    (folder / "assets" / "taskpane-abc123.js").write_text("console.log(1)\n//# sourceMappingURL=taskpane-abc123.js.map")
    (folder / "assets" / "taskpane-abc123.js.map").write_text('{"version":3,"sources":["../src/taskpane.tsx"]}')
    (folder / "assets" / "playground-def456.js").write_text("console.log(2)")
    return folder


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0] not in parsed, f"{words[0]} twice"
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def production(tmp_path: Path, key_server: KeyServer) -> Flask:
    dist = fake_dist(tmp_path / "dist")
    return make_app(entra_settings(key_server, tmp_path / "instance", KOLLEGA_TASKPANE_DIR=str(dist)))


@pytest.fixture
def demo(tmp_path: Path) -> Flask:
    from security_support import dev_env

    from backend.settings import load_settings

    dist = fake_dist(tmp_path / "dist")
    return make_app(load_settings(dev_env(tmp_path / "instance", KOLLEGA_TASKPANE_DIR=str(dist))))


@pytest.mark.parametrize("page", PAGES)
def test_pane_pages_have_a_strict_csp(production: Flask, key_server: KeyServer, page: str) -> None:
    response = production.test_client().get(f"/taskpane/{page}")
    assert response.status_code == 200
    csp = directives(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'", OFFICE_JS_ORIGIN]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    # The API on the same origin and Microsoft sign-in (the configured authority host), nothing else.
    assert csp["connect-src"] == ["'self'", key_server.url]
    assert "https://*.office.com" in csp["frame-ancestors"]
    for name, sources in csp.items():
        if name != "style-src":  # Fluent UI (Griffel) and Office.js insert style elements at run time
            assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(sources), name


def test_the_default_authority_is_microsoft_sign_in(tmp_path: Path) -> None:
    import os

    from backend.settings import load_settings

    dist = fake_dist(tmp_path / "dist")
    settings = load_settings({
        "KOLLEGA_AUTH_MODE": "entra", "KOLLEGA_ENTRA_TENANT_ID": "11111111-2222-3333-4444-555555555555",
        "KOLLEGA_ENTRA_CLIENT_ID": "66666666-7777-8888-9999-000000000000", "KOLLEGA_TASKPANE_DIR": str(dist),
        "KOLLEGA_INSTANCE_PATH": str(tmp_path / "instance"),
        "KOLLEGA_ENGINE_SOCKET": f"/tmp/kollega-sec-{os.getpid()}.sock",
    })
    response = make_app(settings).test_client().get("/taskpane/taskpane.html")
    csp = directives(response.headers["Content-Security-Policy"])
    assert csp["connect-src"] == ["'self'", "https://login.microsoftonline.com"]


def test_dev_mode_pages_connect_to_the_api_only(demo: Flask) -> None:
    response = demo.test_client().get("/taskpane/playground.html", environ_base=LOOPBACK)
    assert response.status_code == 200
    csp = directives(response.headers["Content-Security-Policy"])
    assert csp["connect-src"] == ["'self'"] and csp["script-src"] == ["'self'", OFFICE_JS_ORIGIN]


def test_production_serves_no_playground_and_no_source_maps(production: Flask) -> None:
    client = production.test_client()
    for path in ("/taskpane/playground.html", "/taskpane/assets/taskpane-abc123.js.map",
                 "/taskpane/assets/playground-def456.js"):
        for encoding in ("", "gzip"):
            response = client.get(path, headers={"Accept-Encoding": encoding})
            assert response.status_code == 404, (path, encoding)
            assert response.mimetype == "application/problem+json"
    assert client.get("/taskpane/assets/taskpane-abc123.js").status_code == 200
    # The root page does not send anyone to the playground.
    assert "playground" not in (client.get("/").headers.get("Location") or "")


def test_demo_and_dev_serve_the_playground_and_source_maps(demo: Flask) -> None:
    client = demo.test_client()
    for path in ("/taskpane/playground.html", "/taskpane/assets/taskpane-abc123.js.map",
                 "/taskpane/assets/playground-def456.js"):
        assert client.get(path, environ_base=LOOPBACK).status_code == 200, path


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.sources: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> (an inline event handler)")
            if value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:...>")
        if tag in ("object", "embed", "applet"):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self._in_script = True
            if not values.get("src"):
                self.problems.append("<script> without src (an inline script)")
            else:
                self.sources.append(str(values["src"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("text inside <script>")


def test_the_built_pages_have_no_inline_scripts() -> None:
    dist = REPO_ROOT / "taskpane" / "dist"
    assert (dist / "taskpane.html").is_file(), "build the task pane first: make taskpane"
    for page in [*PAGES, "playground.html"]:
        parser = _Scripts()
        parser.feed((dist / page).read_text(encoding="utf-8"))
        assert parser.problems == [], page
        for source in parser.sources:
            assert source.startswith(("/taskpane/assets/", f"{OFFICE_JS_ORIGIN}/lib/1/hosted/office.js")), source
