"""docs/deploy/privacy/: the data protection officer's pack exists, and what it cites is true of the code:
settings and their defaults, metrics, measured figures, files, links, the masked types, and the access
request query (run on a real store)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from backend.audit import AuditEntry, AuditStore
from backend.redaction import ENTITY_TYPES
from backend.settings import REPO_ROOT, Settings

PACK = REPO_ROOT / "docs" / "deploy" / "privacy"
FILES = ("README.md", "konsekvensbedomning.md", "registerforteckning.md", "integritetsmeddelande.md",
         "incidenthantering.md", "registerutdrag.md")
DEPLOY = REPO_ROOT / "docs" / "deploy"
# Every document this work added or changed on privacy and operations.
CHECKED = [PACK / name for name in FILES] + [DEPLOY / "operations.md", DEPLOY / "proxy.md", DEPLOY / "security.md",
                                             DEPLOY / "scaling.md"]
DPIA = PACK / "konsekvensbedomning.md"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def flat(value: str) -> str:
    return re.sub(r"\s+", " ", value)


def test_the_pack_is_complete() -> None:
    for name in FILES:
        assert (PACK / name).is_file(), name
    index = read(PACK / "README.md")
    assert "## English summary" in index
    for name in FILES[1:]:
        assert f"]({name})" in index, f"README.md does not link {name}"


@pytest.mark.parametrize("doc", CHECKED, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_links_and_anchors_resolve(doc: Path) -> None:
    for target in re.findall(r"\]\(([^)\s]+)\)", read(doc)):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (doc.parent / path).resolve() if path else doc
        assert resolved.exists(), f"{doc.name}: {target}"
        if anchor and resolved.suffix == ".md":
            assert anchor in headings(read(resolved)), f"{doc.name}: no heading #{anchor} in {resolved.name}"


def headings(markdown: str) -> set[str]:
    """GitHub's anchors: lower case, punctuation dropped, spaces to hyphens."""
    found = set()
    prose = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    for title in re.findall(r"^#+ (.+)$", prose, flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("doc", CHECKED, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_settings_named_exist(doc: Path) -> None:
    known = set(re.findall(r'"(KOLLEGA_[A-Z0-9_]+)"', read(REPO_ROOT / "backend" / "settings.py")))
    named = set(re.findall(r"KOLLEGA_[A-Z0-9_]*[A-Z0-9]", read(doc)))
    assert named <= known, named - known


@pytest.mark.parametrize("doc", CHECKED, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_files_named_exist(doc: Path) -> None:
    for path in re.findall(r"`((?:backend|tests|infra|docs)/[\w./-]+)`", read(doc)):
        assert (REPO_ROOT / path).exists(), f"{doc.name} names {path}"


@pytest.mark.parametrize("doc", CHECKED, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_metrics_named_exist(doc: Path) -> None:
    defined = set(re.findall(r'"(kollega_[a-z_]+)"', read(REPO_ROOT / "backend" / "metrics.py")))
    for name in re.findall(r"\b(kollega_[a-z_]+)(?=[{`\s])", read(doc)):
        if name.startswith(("kollega_alembic", "kollega_msal")):
            continue
        assert re.sub(r"_(total|bucket|sum|count)$", "", name) in defined, f"{doc.name} names {name}"


def test_defaults_cited_are_the_codes() -> None:
    defaults = Settings()
    cited = {
        "KOLLEGA_AUDIT_RETENTION_DAYS": (r"(\d[\d ]*) dagar", defaults.audit_retention_days),
        "KOLLEGA_GRAPH_TOKEN_CACHE_TTL": (r"(\d[\d ]*) sekunder", defaults.graph_token_cache_ttl_s),
    }
    for name in FILES:
        content = flat(read(PACK / name))
        for setting, (unit, value) in cited.items():
            for number in re.findall(rf"`{setting}`, standard {unit}", content):
                assert int(number.replace(" ", "")) == value, f"{name}: {setting} default {number}"
    dpia = flat(read(DPIA))
    assert "`KOLLEGA_AUDIT_RETENTION_DAYS`, standard 365 dagar" in dpia
    assert "`KOLLEGA_GRAPH_TOKEN_CACHE_TTL`, standard 3600 sekunder" in dpia


def test_measured_figures_come_from_the_redaction_docs() -> None:
    dpia = read(DPIA)
    table = dpia.split("<!-- figures")[1].split("<!-- /figures -->")[0].split("-->", 1)[1]
    values = re.findall(r"`([^`]+)`", table)
    redaction = read(REPO_ROOT / "docs" / "redaction.md")
    measured = flat(redaction.split("## Measured")[1].split("\n## ")[0])
    figures = [v for v in values if re.search(r"\d", v)]
    assert len(figures) >= 10
    for value in figures:
        assert flat(value) in measured, f"{value!r} is not in docs/redaction.md's Measured section"
    assert "siffrorna uppdateras" in dpia  # masking is being improved; the figures will change


def test_the_masked_types_are_the_codes() -> None:
    section = read(DPIA).split("## 5.")[1].split("Mätvärdena")[0]
    assert set(re.findall(r"`([A-Z]+)`", section)) == set(ENTITY_TYPES)


def test_subprocessors_are_stated_consistently() -> None:
    security = flat(read(DEPLOY / "security.md"))
    assert not re.search(r"no subprocessors(?! by default)", security, flags=re.IGNORECASE)
    assert not re.search(r"Subprocessors: none(?! by default)", security)
    dpia = flat(read(DPIA))
    section = dpia.split("## 10.")[1].split("## 11.")[0]
    assert "Inga underbiträden som standard" in section and "`KOLLEGA_ENGINE_URL`" in section
    assert "no personal data reaches the cluster" not in flat(read(DEPLOY / "scaling.md"))


def test_the_legal_frames_are_named() -> None:
    dpia = read(DPIA)
    for phrase in ("Artikel 9", "Patientdatalagen", "25 kap. 1 § OSL", "26 kap. 1 § OSL", "personuppgiftsbiträde",
                   "AI-förordningen", "Artikel 50", "CP1"):
        assert phrase.lower() in dpia.lower(), phrase
    assert "artikel 30" in read(PACK / "registerforteckning.md").lower()
    assert "72 timmar" in read(PACK / "incidenthantering.md")
    assert "artikel 15" in read(PACK / "registerutdrag.md").lower()


def test_the_access_request_query_returns_that_users_records_only(tmp_path: Path) -> None:
    doc = read(PACK / "registerutdrag.md")
    query = doc.split("<!-- access-query")[1].split("```sql")[1].split("```")[0].strip().rstrip(";")
    url = f"sqlite:///{tmp_path / 'kollega.db'}"
    store = AuditStore(url)
    try:
        store.upgrade()
        for tenant, user, request_id in (("t1", "anna", "r1"), ("t1", "anna", "r2"), ("t1", "erik", "r3"),
                                         ("t2", "anna", "r4")):
            store.write(AuditEntry(request_id=request_id, tenant_id=tenant, user_id=user, feature="summarize",
                                   host="outlook-read", engine="local-onnx", redactions={"PERSON": 1},
                                   latency_ms=5, outcome="completed"))
        with store.engine.connect() as connection:
            rows = connection.execute(text(query), {"tenant_id": "t1", "user_id": "anna"}).mappings().all()
    finally:
        store.close()
    assert [row["request_id"] for row in rows] == ["r1", "r2"]
    assert {"created_at", "feature", "host", "outcome", "redactions"} <= set(rows[0])
    assert all(isinstance(row["created_at"], str | datetime) for row in rows)
