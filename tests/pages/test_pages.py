"""The organisation's pages: `/` (information in production, the playground only in the dev demo), privacy,
terms and support in Swedish and English, overridden by the organisation's own files, and the admin-consent
landing page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from backend import create_app
from backend.pages import DEFAULTS, LANGUAGES, PAGES
from backend.settings import Settings
from tests.fakes import ScriptedEngine

TENANT = "9c1b8a62-3f0e-4d2a-b7c5-6e4f3a2b1c0d"
CLIENT_ID = "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f"


def _client(tmp_path: Path, taskpane: Path, **changes: Any) -> FlaskClient:
    settings = Settings(
        auth_mode="entra", entra_tenant_ids=(TENANT,), entra_client_id=CLIENT_ID,
        instance_path=tmp_path / "instance", taskpane_dir=taskpane, audit_retention_days=180,
    ).replace(**changes)
    return create_app(settings, engine=ScriptedEngine(["ok"])).test_client()


@pytest.fixture
def taskpane(tmp_path: Path) -> Path:
    folder = tmp_path / "dist"
    folder.mkdir()
    (folder / "taskpane.html").write_text("<!doctype html><title>pane</title>")
    (folder / "playground.html").write_text("<!doctype html><title>playground</title>")
    return folder


@pytest.fixture
def client(tmp_path: Path, taskpane: Path) -> FlaskClient:
    return _client(tmp_path, taskpane)


def test_root_is_an_information_page_in_production(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "sv-SE,sv;q=0.9"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert '<html lang="sv">' in text and "<h1>Kollega</h1>" in text
    assert "playground" not in text
    for path in ("/privacy", "/terms", "/support"):
        assert f'href="{path}?lang=sv"' in text


def test_root_opens_the_playground_only_in_the_dev_demo(tmp_path: Path, taskpane: Path) -> None:
    response = _client(tmp_path, taskpane, auth_mode="dev").get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/taskpane/playground.html"


@pytest.mark.parametrize("page", ["privacy", "terms", "support"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_exists_in_swedish_and_english(client: FlaskClient, page: str, language: str) -> None:
    response = client.get(f"/{page}?lang={language}")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
    text = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in text and "<h1>" in text
    assert "{{" not in text, "every placeholder is filled"
    other = "en" if language == "sv" else "sv"
    assert f'href="?lang={other}"' in text


def test_language_follows_the_browser_unless_asked(client: FlaskClient) -> None:
    english = client.get("/privacy", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    swedish = client.get("/privacy", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)
    assert "Privacy and personal data" in english and "Integritet och personuppgifter" in swedish
    asked = client.get("/privacy?lang=sv", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Integritet och personuppgifter" in asked


def test_privacy_page_states_the_configured_retention(tmp_path: Path, taskpane: Path) -> None:
    assert "180 dagar" in _client(tmp_path, taskpane).get("/privacy?lang=sv").get_data(as_text=True)
    forever = _client(tmp_path, taskpane, audit_retention_days=0).get("/privacy?lang=en").get_data(as_text=True)
    assert "until it is deleted by hand" in forever


def test_the_organisation_overrides_a_page_with_markdown_or_html(tmp_path: Path, taskpane: Path) -> None:
    own = tmp_path / "instance" / "pages"
    own.mkdir(parents=True)
    (own / "support.sv.md").write_text("# IT-servicedesk\n\nRing 010-123 45 00.\n\n<script>alert(1)</script>\n")
    (own / "terms.en.html").write_text("<h1>Region terms</h1><p>Signed by the CIO.</p>")
    client = _client(tmp_path, taskpane)
    support = client.get("/support?lang=sv").get_data(as_text=True)
    assert "<h1>IT-servicedesk</h1>" in support and "Ring 010-123 45 00." in support
    # Raw HTML in Markdown is escaped; an organisation that wants HTML writes a .html file.
    assert "<script>" not in support and "&lt;script&gt;" in support
    assert "<h1>Region terms</h1><p>Signed by the CIO.</p>" in client.get("/terms?lang=en").get_data(as_text=True)
    # The pages it did not override are still Kollega's defaults.
    assert "Support för Kollega" not in support
    assert "Kollega support" in client.get("/support?lang=en").get_data(as_text=True)


def test_shipped_defaults_cover_every_page_and_language() -> None:
    for page in PAGES:
        for language in LANGUAGES:
            text = (DEFAULTS / f"{page}.{language}.md").read_text("utf-8")
            assert text.startswith("# "), f"{page}.{language}.md starts with its title"


def test_admin_consent_landing_page(client: FlaskClient) -> None:
    granted = client.get(f"/admin-consent?admin_consent=True&tenant={TENANT}&lang=en")
    assert granted.status_code == 200 and TENANT in granted.get_data(as_text=True)
    refused = client.get("/admin-consent?error=access_denied&error_description=<b>AADSTS65004</b>&lang=sv")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "access_denied" in text
    assert "<b>AADSTS65004</b>" not in text and "&lt;b&gt;AADSTS65004&lt;/b&gt;" in text
    assert client.get("/admin-consent").status_code == 404


def test_pages_need_no_token_and_the_api_still_does(client: FlaskClient) -> None:
    assert client.get("/pages.css").status_code == 200
    assert client.post("/api/v1/redact", json={"text": "x"}).status_code == 401
