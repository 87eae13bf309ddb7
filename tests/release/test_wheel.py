"""The release artifacts: the wheel and sdist that `make dist` builds, installed as a server would install them.

The wheel goes into a fresh virtual environment outside the repository with `pip install --no-index`, and
`kollega serve` runs from there, in a working folder outside the repository: it must serve the task pane,
the manifests' icons, the pages and the API from the installed package alone. The third-party dependencies
come from this repository's own virtual environment through a .pth file (the same pinned versions, and no
network), with Kollega itself left out, so nothing can be imported from the checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from backend.settings import REPO_ROOT
from tests.conftest import free_port

pytestmark = pytest.mark.release

CLIENT_ID = "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f"
# What the repository's environment holds that must not leak into the fresh one: Kollega itself (its
# editable install points at the checkout) and the packaging tools the fresh venv brings of its own.
NOT_SHARED = ("kollega", "__editable__", "backend", "pip", "setuptools", "pkg_resources", "_distutils_hack",
              "distutils-precedence", "_virtualenv")


@dataclass(frozen=True)
class Artifacts:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Installed:
    venv: Path
    python: Path
    kollega: Path
    workdir: Path
    env: dict[str, str]


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Artifacts:
    if not (REPO_ROOT / "taskpane" / "dist" / "taskpane.html").is_file():
        pytest.skip("taskpane/dist is not built: run `make taskpane` (make test does)")
    out = tmp_path_factory.mktemp("dist")
    # What `make dist` runs: the sdist first, then the wheel built from the unpacked sdist, with the
    # redaction hot path compiled (setup.py).
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO_ROOT)],
                            capture_output=True, text=True, timeout=900, check=False,
                            env={**os.environ, "COMPILE_REDACTION": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [wheel] = out.glob("kollega-*.whl")
    [sdist] = out.glob("kollega-*.tar.gz")
    return Artifacts(wheel, sdist)


def _shared_site_packages(target: Path) -> Path:
    """A folder of links to this environment's third-party packages, Kollega left out."""
    target.mkdir()
    site = Path(sysconfig.get_paths()["purelib"])
    for entry in site.iterdir():
        if entry.name.lower().startswith(NOT_SHARED) or entry.suffix == ".pth":
            continue
        (target / entry.name).symlink_to(entry)
    return target


@pytest.fixture(scope="module")
def installed(artifacts: Artifacts, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("server")
    assert not root.resolve().is_relative_to(REPO_ROOT.resolve())
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "kollega-dependencies.pth").write_text(f"{_shared_site_packages(root / 'dependencies')}\n")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("KOLLEGA_", "PYTHON", "VIRTUAL_ENV", "PIP_"))}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    # No index: everything the wheel requires must already be there, as on a server that installs offline.
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--no-cache-dir",
                              "--disable-pip-version-check", str(artifacts.wheel)],
                             capture_output=True, text=True, timeout=300, env=env, cwd=root, check=False)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    workdir = root / "work"
    workdir.mkdir()
    return Installed(venv, python, venv / "bin" / "kollega", workdir, env)


def test_wheel_carries_the_task_pane_icons_templates_and_pages(artifacts: Artifacts) -> None:
    with zipfile.ZipFile(artifacts.wheel) as wheel:
        names = set(wheel.namelist())
        record = wheel.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode()
        metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    built = REPO_ROOT / "taskpane" / "dist"
    for path in built.rglob("*"):
        if path.is_file() and path.name != ".built":
            assert f"backend/static/taskpane/{path.relative_to(built).as_posix()}" in names, path
    icons = REPO_ROOT / "addin-manifest" / "icons"
    assert {f"backend/static/addin-manifest/icons/{p.name}" for p in icons.glob("*.png")} <= names
    assert "backend/static/addin-manifest/manifest.word.template.json" in names
    assert {n for n in names if n.startswith("backend/pages/defaults/")}
    assert "backend/static/taskpane/.built" not in record
    # The version comes from pyproject.toml, and CHANGELOG.md has an entry for it.
    version = next(line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Version: "))
    # Compiled for this interpreter and platform (the container's base is the same CPython 3.11 on Linux).
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert re.fullmatch(rf"kollega-{re.escape(version)}-{tag}-{tag}-linux_x86_64\.whl", artifacts.wheel.name)
    # The compiled redaction modules, their shared runtime, and their sources beside them.
    assert "backend/redaction/names/scores.py" in names
    assert any(n.startswith("backend/redaction/names/scores.cpython-") and n.endswith(".so") for n in names)
    assert any(n.startswith("backend/redaction/native__mypyc.cpython-") for n in names)
    assert f"## [{version}]" in (REPO_ROOT / "CHANGELOG.md").read_text("utf-8")


def test_sdist_carries_what_the_wheel_is_built_from(artifacts: Artifacts) -> None:
    with tarfile.open(artifacts.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"setup.py", "pyproject.toml", "CHANGELOG.md", "taskpane/dist/taskpane.html",
            "addin-manifest/manifest.template.json", "addin-manifest/icons/icon-80.png"} <= names
    assert not [n for n in names if "node_modules" in n or n.startswith(("tests/", ".venv/"))]
    # Sources only: no compiled extension of the checkout and no generated C.
    assert not [n for n in names if n.endswith((".so", ".c"))]


def test_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    probe = subprocess.run(
        [str(installed.python), "-c",
         "import backend, backend.bundle as b; print(backend.__file__); print(b.taskpane_dir()); print(b.addin_dir())"],
        capture_output=True, text=True, env=installed.env, cwd=installed.workdir, check=True, timeout=60,
    ).stdout.split()
    package, taskpane, addin = (Path(line) for line in probe)
    assert package.is_relative_to(installed.venv) and not package.is_relative_to(REPO_ROOT)
    assert (taskpane / "taskpane.html").is_file() and taskpane.is_relative_to(installed.venv)
    assert (addin / "icons" / "icon-80.png").is_file() and addin.is_relative_to(installed.venv)


def test_installed_redaction_runs_compiled_from_the_venv(installed: Installed) -> None:
    probe = subprocess.run(
        [str(installed.python), "-c",
         "import backend.redaction.names.scores as s, backend.redaction as r; print(type(s.__spec__.loader).__name__); "
         "print(s.__spec__.origin); print(r.get_redactor().redact('Ring Anna Svensson på 070-123 45 67').redacted)"],
        capture_output=True, text=True, env=installed.env, cwd=installed.workdir, check=True, timeout=120,
    ).stdout.splitlines()
    loader, origin, redacted = probe
    assert loader == "ExtensionFileLoader" and Path(origin).is_relative_to(installed.venv)
    assert redacted == "Ring [PERSON_1] på [PHONE_1]"


def test_kollega_manifest_works_from_the_wheel(installed: Installed, tmp_path: Path) -> None:
    out = tmp_path / "manifests"
    result = subprocess.run([str(installed.kollega), "manifest", "--base-url", "https://kollega.example.se",
                             "--client-id", CLIENT_ID, "--out", str(out)], capture_output=True, text=True,
                            env=installed.env, cwd=installed.workdir, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "unified" / "manifest.json").read_text("utf-8"))
    assert manifest["extensions"][0]["requirements"]["scopes"] == ["mail"]
    assert (out / "kollega-word.xml").is_file() and (out / "kollega-app.zip").is_file()


@dataclass(frozen=True)
class Running:
    url: str
    token: str


@pytest.fixture(scope="module")
def server(installed: Installed, tmp_path_factory: pytest.TempPathFactory, tiny_model: Path) -> Iterator[Running]:
    port = free_port()
    instance = tmp_path_factory.mktemp("instance")
    env = {**installed.env, "KOLLEGA_AUTH_MODE": "dev", "KOLLEGA_INSTANCE_PATH": str(instance),
           "KOLLEGA_MODEL_PATH": str(tiny_model), "KOLLEGA_PORT": str(port), "KOLLEGA_WORKERS": "1",
           "KOLLEGA_THREADS": "4", "KOLLEGA_ENGINE_PROCESSES": "1"}
    log = installed.workdir / "server.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([str(installed.kollega), "serve"], env=env, cwd=installed.workdir,
                                   stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                assert process.poll() is None, log.read_text(errors="replace")
                try:
                    if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.3)
            else:
                pytest.fail(f"the installed server was not ready in 90 s:\n{log.read_text(errors='replace')}")
            token = subprocess.run([str(installed.kollega), "dev-token"], env=env, cwd=installed.workdir,
                                   capture_output=True, text=True, check=True, timeout=60).stdout.strip()
            yield Running(url, token)
        finally:
            process.terminate()
            try:
                process.wait(40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def test_installed_server_serves_the_pane_the_icons_the_pages_and_the_api(
        server: Running, installed: Installed, tmp_path: Path) -> None:
    url, token = server.url, server.token
    assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200
    pane = httpx.get(f"{url}/taskpane/taskpane.html", timeout=10)
    assert pane.status_code == 200 and pane.text == (REPO_ROOT / "taskpane" / "dist" / "taskpane.html").read_text()
    # Every icon the generated manifests name, served from the wheel's copy.
    out = tmp_path / "manifests"
    subprocess.run([str(installed.kollega), "manifest", "--base-url", url, "--client-id", CLIENT_ID, "--out",
                    str(out)], env=installed.env, cwd=installed.workdir, check=True, capture_output=True, timeout=120)
    text = "".join(p.read_text("utf-8") for p in (out / "unified" / "manifest.json", out / "kollega-outlook.xml",
                                                  out / "kollega-word.xml"))
    icons = {word.split('"')[0] for word in text.split(url)[1:] if word.split('"')[0].endswith(".png")}
    assert len(icons) == 8
    for path in sorted(icons):
        response = httpx.get(url + path, timeout=10)
        assert response.status_code == 200 and response.content[:8] == b"\x89PNG\r\n\x1a\n", path
        assert response.content == (REPO_ROOT / "addin-manifest" / "icons" / Path(path).name).read_bytes()
    privacy = httpx.get(f"{url}/privacy?lang=en", timeout=10)
    assert privacy.status_code == 200 and "Privacy and personal data" in privacy.text
    # An authenticated call in dev mode, with the token the installed CLI issued.
    redacted = httpx.post(f"{url}/api/v1/redact", json={"text": "Ring Anna Berg på 070-123 45 67."},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert redacted.status_code == 200, redacted.text
    assert "070-123 45 67" not in redacted.json()["redacted"]
    assert httpx.post(f"{url}/api/v1/redact", json={"text": "x"}, timeout=10).status_code == 401


def test_a_wheel_without_the_built_task_pane_is_refused(tmp_path: Path) -> None:
    # A source tree as a fresh checkout has it: no taskpane/dist. The build must stop, not ship a blank pane.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "CHANGELOG.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    ignore = shutil.ignore_patterns("node_modules", "__pycache__", "static")
    for folder in ("backend", "addin-manifest"):
        shutil.copytree(REPO_ROOT / folder, source / folder, ignore=ignore)
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir",
                             str(tmp_path / "dist"), str(source)], capture_output=True, text=True, timeout=600,
                            check=False)
    assert result.returncode != 0
    assert "has no taskpane.html: build the task pane first" in result.stdout + result.stderr
    assert not list(tmp_path.rglob("kollega-*.whl"))
