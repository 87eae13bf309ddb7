"""The build steps pyproject.toml cannot declare: the task pane and add-in files, and the compiled redaction.

`kollega serve` on a server installed from the wheel needs taskpane/dist (built with Node) and the manifest
templates and icons in addin-manifest/. Both live outside the `backend` package in the source tree, so this
step copies them into the wheel as backend/static/ (found there by backend.bundle). The sdist carries the same
folders (MANIFEST.in), so a wheel built from the sdist is the same. Editable installs read the source tree.

With COMPILE_REDACTION=1, the redaction modules in COMPILED are compiled to C extensions with mypyc (from the
mypy the dev extra pins): the same code, type-checked, about 1.4 times as fast. `make compile` builds them in
the checkout (build_ext --inplace) and `make dist` into the wheel, which keeps the .py files beside them.
Without it they run as plain Python and give the same output (tests/redaction/test_compiled.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
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


# The redaction hot path: every module a redaction runs through for each word, and for each span found
# (placeholders, spans). Not here: the package __init__ files, the registry, the redactor and session,
# restoring and corrections (once per request; tests replace their functions or hand them stand-ins,
# and compiled argument checks would turn a wrong type into a TypeError), the optional ONNX recognizer
# and the training code.
COMPILED = [
    "backend/redaction/text.py",
    "backend/redaction/normalize.py",
    "backend/redaction/entities.py",
    "backend/redaction/base.py",
    "backend/redaction/placeholders.py",
    "backend/redaction/spans.py",
    "backend/redaction/lexicon.py",
    *(f"backend/redaction/recognizers/{m}.py" for m in ("address", "bank", "checksums", "email", "personnummer",
                                                          "phone", "plate", "starts")),
    *(f"backend/redaction/recognizers/person/{m}.py" for m in ("chat", "classify", "context", "coreference", "decide",
                                                                 "marks", "model_spans", "recognizer", "runs",
                                                                 "tokens", "words")),
    *(f"backend/redaction/recognizers/person/{m}.py" for m in ("follows", "things", "wordscan")),
    *(f"backend/redaction/names/{m}.py" for m in ("crf", "cues", "features", "model", "scores", "tokens")),
]


PLACEHOLDER = "backend.redaction.native__mypyc"
# Commands that only list or package the sources: mypycify() (type-checking and writing the C, about 25 s)
# is not needed for them.
SOURCE_ONLY = {"sdist", "egg_info", "dist_info"}


class build_ext_compiled(build_ext):
    """Swaps the stand-in extension for mypyc's, when extensions are to be built."""

    def finalize_options(self) -> None:
        modules = self.distribution.ext_modules or []
        if [m.name for m in modules] == [PLACEHOLDER] and not set(self.distribution.commands) <= SOURCE_ONLY:
            from mypyc.build import mypycify

            # The shared runtime goes inside the package (backend/redaction/native__mypyc...so), where the
            # editable install and the wheel both find it, not at the top level of the checkout.
            self.distribution.ext_modules = list(mypycify(COMPILED, opt_level="3",
                                                          group_name="backend.redaction.native"))
        super().finalize_options()


def ext_modules() -> list[Extension]:
    """A stand-in that build_ext_compiled replaces: it makes the wheel a platform wheel, as it must be."""
    if os.environ.get("COMPILE_REDACTION") != "1":
        return []
    return [Extension(PLACEHOLDER, sources=[])]


if __name__ == "__main__":
    setup(cmdclass={"build_py": build_py_with_static, "build_ext": build_ext_compiled}, ext_modules=ext_modules())
