"""Fixtures for the manifest tests: one generated output folder per session, and the offline validator."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from backend.manifest import write_manifests
from backend.manifest.templates import ADDIN_DIR

BASE_URL = "https://kollega.example-region.se"
CLIENT_ID = "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f"

Validate = Callable[[Path], subprocess.CompletedProcess[str]]


@dataclass(frozen=True)
class Generated:
    base_url: str
    client_id: str
    out: Path
    paths: list[Path]


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = tmp_path_factory.mktemp("manifests")
    return Generated(BASE_URL, CLIENT_ID, out, write_manifests(BASE_URL, CLIENT_ID, out, version="1.4.2"))


@pytest.fixture(scope="session")
def validate() -> Validate:
    """Runs `node addin-manifest/validate.mjs MANIFEST`; skips when Node or the npm packages are missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; `make test` installs Node 20")
    if not (ADDIN_DIR / "node_modules" / "@microsoft" / "app-manifest").is_dir():
        pytest.skip("addin-manifest/node_modules is missing: run `cd addin-manifest && npm ci` (make test does)")

    def run(manifest: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([node, str(ADDIN_DIR / "validate.mjs"), str(manifest)], capture_output=True,
                              text=True, timeout=60, check=False)

    return run
