#!/usr/bin/env python3
"""Prints Kollega's runtime dependency tree (no extras), pinned at the versions in requirements.lock.

The container installs exactly this set, each with its hashes, from requirements.hashes.txt. Regenerate that
file whenever pyproject.toml or requirements.lock changes (tests/infra/test_container.py checks they agree):

    .venv/bin/python infra/container/runtime_requirements.py > /tmp/runtime.in
    pip-compile --generate-hashes --allow-unsafe --no-header --no-annotate --no-strip-extras \\
        --no-emit-find-links -o infra/container/requirements.hashes.txt /tmp/runtime.in

pip-compile comes from pip-tools (7.6.2 made the committed file; `pip install pip-tools` in a separate venv). It
records the hashes of every file PyPI has for each pinned version, so the lock works on any platform the
container is built for. Check them against the real files with
`pip download --require-hashes --no-deps --only-binary :all: -r infra/container/requirements.hashes.txt -d /tmp/w`.

It reads the installed packages' metadata, so run it in the repository's virtual environment (make install).
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def lock_pins(path: Path = ROOT / "requirements.lock") -> dict[str, tuple[str, str]]:
    """requirements.lock as {canonical name: (name as written, version)}."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = (name, version)
    return pins


def runtime_closure(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, set[str]]:
    """Every distribution `pip install kollega` pulls in on this platform, with the extras asked of it."""
    wanted: dict[str, set[str]] = {}
    todo = [Requirement(line) for line in tomllib.loads(pyproject.read_text())["project"]["dependencies"]]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        if name in wanted and extras <= wanted[name]:
            continue
        wanted[name] = wanted.get(name, set()) | extras
        for line in metadata.distribution(requirement.name).requires or []:
            child = Requirement(line)
            # A child counts when its marker holds without extras, or with one of the extras asked for.
            if child.marker is None or any(child.marker.evaluate({"extra": e}) for e in ("", *wanted[name])):
                todo.append(child)
    return wanted


def main() -> int:
    pins = lock_pins()
    for name in sorted(runtime_closure()):
        if name not in pins:
            print(f"{name} is installed but not in requirements.lock", file=sys.stderr)
            return 1
        written, version = pins[name]
        print(f"{written}=={version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
