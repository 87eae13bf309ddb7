"""The one build step pyproject.toml cannot declare: the wheel carries the built task pane and the add-in files.

`kollega serve` on a server installed from the wheel needs taskpane/dist (built with Node) and the manifest
templates and icons in addin-manifest/. Both live outside the `backend` package in the source tree, so this
step copies them into the wheel as backend/static/ (found there by backend.bundle). The sdist carries the same
folders (MANIFEST.in), so a wheel built from the sdist is the same. Editable installs read the source tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
TASKPANE_DIST = ROOT / "taskpane" / "dist"
ADDIN = ROOT / "addin-manifest"
# What `kollega manifest` and the icon route read from addin-manifest/ (not its Node tooling).
ADDIN_FILES = ("manifest.template.json", "manifest.word.template.json", "outlook.template.xml", "word.template.xml",
               "xml-names.json")
ADDIN_FOLDERS = ("localization", "icons")


class build_py_with_static(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install serves taskpane/dist and addin-manifest/ from the checkout
        if not (TASKPANE_DIST / "taskpane.html").is_file():
            raise SystemExit(
                f"{TASKPANE_DIST} has no taskpane.html: build the task pane first "
                "(`make taskpane`, or `cd taskpane && npm ci && npm run build`), then build the wheel again."
            )
        static = Path(self.build_lib) / "backend" / "static"
        shutil.rmtree(static, ignore_errors=True)
        shutil.copytree(TASKPANE_DIST, static / "taskpane", ignore=shutil.ignore_patterns(".built"))
        for name in ADDIN_FILES:
            (static / "addin-manifest").mkdir(parents=True, exist_ok=True)
            shutil.copy2(ADDIN / name, static / "addin-manifest" / name)
        for folder in ADDIN_FOLDERS:
            shutil.copytree(ADDIN / folder, static / "addin-manifest" / folder)


setup(cmdclass={"build_py": build_py_with_static})
