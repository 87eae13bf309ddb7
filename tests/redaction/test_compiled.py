"""The redaction hot path compiled with mypyc (`make compile`, setup.py's COMPILED) is the same code.

- Every module setup.py lists is loaded from its extension where the checkout is compiled; `make test`
  sets KOLLEGA_EXPECT_COMPILED=1, so there a plain-Python run fails instead of skipping.
- Compiled and plain Python give the same redactions, byte for byte, on a varied corpus: the plain
  run imports a copy of the package's sources in a child process.
- An extension older than its source stops the import and says what to run.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
from pathlib import Path

import pytest
from holdout_corpus import generate

import backend.redaction
from backend.redaction import _compiled, get_redactor
from backend.settings import REPO_ROOT

PACKAGE = Path(backend.redaction.__file__).parent
HERE = Path(__file__).parent
MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]", re.S)


def _compiled_modules() -> list[str]:
    """setup.py's COMPILED as module names."""
    source = (REPO_ROOT / "setup.py").read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "setup_listing", "__file__": str(REPO_ROOT / "setup.py")}
    exec(compile(source, "setup.py", "exec"), namespace)  # its setup() runs only as __main__
    paths = namespace["COMPILED"]
    assert isinstance(paths, list)
    return [p.removesuffix(".py").replace("/", ".") for p in paths]


def _is_compiled() -> bool:
    return any(PACKAGE.rglob("*" + EXTENSION_SUFFIXES[0]))


@pytest.fixture(scope="module")
def compiled() -> None:
    if not _is_compiled():
        if os.environ.get("KOLLEGA_EXPECT_COMPILED") == "1":
            pytest.fail("KOLLEGA_EXPECT_COMPILED=1 but backend/redaction has no compiled modules: run `make compile`")
        pytest.skip("the redaction modules are not compiled here (`make compile`)")


def test_every_listed_module_is_loaded_from_its_extension(compiled: None) -> None:
    modules = _compiled_modules()
    assert len(modules) >= 20
    for name in modules:
        module = importlib.import_module(name)
        assert isinstance(module.__spec__.loader, ExtensionFileLoader), name  # type: ignore[union-attr]


_CHILD = """
import json, sys
import backend.redaction.names.scores as scores
assert scores.__file__.endswith(".py"), scores.__file__
from backend.redaction import get_redactor
r = get_redactor()
out = []
for text in json.load(sys.stdin):
    red = r.redact(text)
    out.append([red.redacted, [[e.start, e.end, e.type, e.placeholder] for e in red.entities]])
print(json.dumps(out))
"""


def _corpus() -> list[str]:
    texts = [MARK.sub(lambda m: m.group(2), marked) for _id, marked in generate(250, seed=21)]
    for name in ("review_cases.txt", "hard_cases.txt", "identifier_cases.txt"):
        texts += [MARK.sub(lambda m: m.group(2), t) for t in (HERE / name).read_text(encoding="utf-8").split("\n\n")
                  if t.strip()]
    # Long lines, as case notes written in one paragraph are.
    texts += [" ".join(texts[i:i + 6]).replace("\n", " ") for i in range(0, 120, 6)]
    return texts


def test_compiled_and_plain_python_give_the_same_redactions(compiled: None, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(PACKAGE, plain / "backend" / "redaction",
                    ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    (plain / "backend" / "__init__.py").write_text("")
    texts = _corpus()
    env = {**os.environ, "PYTHONPATH": str(plain)}
    child = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(texts), capture_output=True, text=True,
                           env=env, cwd=tmp_path, timeout=600, check=False)
    assert child.returncode == 0, child.stderr[-3000:]
    expected = json.loads(child.stdout)
    redactor = get_redactor()
    got = []
    for text in texts:
        red = redactor.redact(text)
        got.append([red.redacted, [[e.start, e.end, e.type, e.placeholder] for e in red.entities]])
    assert len(got) == len(expected) > 250
    assert sum(len(entities) for _text, entities in got) > 1000
    for i, (a, b) in enumerate(zip(got, expected, strict=True)):
        assert a == b, texts[i][:200]


def test_a_stale_extension_stops_the_import_with_what_to_run(tmp_path: Path) -> None:
    package = tmp_path / "backend" / "redaction"
    (package / "names").mkdir(parents=True)
    source = package / "names" / "scores.py"
    source.write_text("x = 1\n")
    ext = package / "names" / ("scores" + EXTENSION_SUFFIXES[0])
    ext.write_bytes(b"")
    os.utime(ext, (source.stat().st_mtime - 10, source.stat().st_mtime - 10))
    assert _compiled.stale_modules(package) == ["names/scores.py"]
    # Outside a checkout (an installed wheel) it is not checked.
    _compiled.check_compiled(package)
    (tmp_path / "pyproject.toml").write_text("")
    with pytest.raises(ImportError, match=r"older than their sources \(names/scores.py\): run `make compile`"):
        _compiled.check_compiled(package)
    # Rebuilt: newer than its source.
    os.utime(ext, (source.stat().st_mtime + 10, source.stat().st_mtime + 10))
    assert _compiled.stale_modules(package) == []
    _compiled.check_compiled(package)
