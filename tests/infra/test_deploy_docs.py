"""The deployment guide and the security statement stay true to the code: their links resolve, and the
settings and metrics they name exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backend.settings import REPO_ROOT

DOCS = [REPO_ROOT / "docs" / "deploy" / "README.md", REPO_ROOT / "docs" / "deploy" / "security.md",
        REPO_ROOT / "infra" / "README.md"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_relative_links_resolve(doc: Path) -> None:
    text = doc.read_text()
    anchors = {re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-")
               for heading in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)}
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        if path:
            assert (doc.parent / path).exists(), f"{doc.name}: broken link {target}"
        elif anchor:
            assert anchor in anchors, f"{doc.name}: no heading for #{anchor}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_settings_named_exist(doc: Path) -> None:
    known = set(re.findall(r'"(KOLLEGA_[A-Z0-9_]+)"', (REPO_ROOT / "backend" / "settings.py").read_text()))
    named = set(re.findall(r"KOLLEGA_[A-Z0-9_]*[A-Z0-9]", doc.read_text()))
    assert named <= known, named - known


def test_metrics_in_the_guide_exist() -> None:
    source = (REPO_ROOT / "backend" / "metrics.py").read_text()
    defined = set(re.findall(r'"(kollega_[a-z_]+)"', source))
    guide = (REPO_ROOT / "docs" / "deploy" / "README.md").read_text()
    named = set(re.findall(r"`(kollega_[a-z_]+)", guide)) | set(re.findall(r"\(?(kollega_[a-z_]+)[{\[]", guide))
    assert named
    for name in named:
        base = re.sub(r"_(total|bucket|sum|count)$", "", name)
        assert base in defined, f"{name} is not a metric in backend/metrics.py"
    # And the guide lists every metric there is.
    assert defined <= {re.sub(r"_(total|bucket|sum|count)$", "", name) for name in named}
