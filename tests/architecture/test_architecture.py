"""The backend's shape: no import cycles, small modules, and the environment read in one place.

Read from the source with ast (tests/architecture/modules.py), so nothing is imported and every import
counts, also one inside a function. Imports under `if TYPE_CHECKING:` never run and do not count. Nor does
a package's own __init__ when a submodule is imported: backend/__init__.py imports the whole app inside
create_app, and counting it would tie every module into one loop with it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.architecture.modules import cycles, modules

MAX_LINES = 300

# Modules allowed over MAX_LINES: data tables (modules that are mostly literal data), each with a comment
# saying so. None today; a module that outgrows the limit is split by job instead.
OVERSIZE: set[str] = set()

# Import cycles allowed, as groups of the modules in each loop. None: a new one fails the test.
CYCLES: list[list[str]] = []

# Modules that may touch os.environ: the settings, and where a child process's environment is built.
ENVIRONMENT_READERS = {
    "backend.settings": "reads every setting once",
    "backend.server": "builds gunicorn's environment (engine socket, metrics folder)",
    "backend.backup": "builds pg_dump's environment (PGPASSWORD and the like)",
}


def test_no_import_cycles_in_the_backend() -> None:
    graph = {name: module.imports for name, module in modules().items()}
    found = list(cycles(graph))
    assert [group for group in found if group not in CYCLES] == [], "new import cycles"
    assert [group for group in CYCLES if group not in found] == [], "gone from the code: drop them from CYCLES"


def test_no_module_is_over_300_lines() -> None:
    sizes = {name: module.lines for name, module in modules().items()}
    oversize = {name for name, lines in sizes.items() if lines > MAX_LINES}
    assert sorted(oversize - OVERSIZE) == [], f"split these modules below {MAX_LINES} lines"
    assert sorted(OVERSIZE - oversize) == [], "small now (or gone): drop them from OVERSIZE"


def test_only_the_settings_and_child_environments_read_the_environment() -> None:
    readers = {name: module.environment_reads for name, module in modules().items() if module.environment_reads}
    assert set(readers) - set(ENVIRONMENT_READERS) == set(), f"read a setting instead: {readers}"


# The checks themselves, on a made-up package: each of them can fail.

def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "__init__.py": "",
        "a.py": "from pkg import b\n",
        "b.py": "def later():\n    from pkg.c import thing\n",
        "c.py": "import pkg.a\nthing = 1\n",
        "d.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n",
        "e.py": "from . import d\n",
    })
    graph = {name: module.imports for name, module in modules(root, "pkg").items()}
    assert graph["pkg.b"] == {"pkg.c"} and graph["pkg.d"] == set() and graph["pkg.e"] == {"pkg.d"}
    assert list(cycles(graph)) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_environment_reads_are_found_in_any_spelling(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "__init__.py": "",
        "a.py": "import os\nHOME = os.environ['HOME']\n",
        "b.py": "import os\n\ndef f():\n    return os.getenv('X')\n",
        "c.py": "from os import environ\n",
        "d.py": "def view(environ):\n    return environ.get('wsgi.input')\n",  # a WSGI environ, not os.environ
    })
    found = {name: module.environment_reads for name, module in modules(root, "pkg").items()}
    assert found == {"pkg": [], "pkg.a": [2], "pkg.b": [4], "pkg.c": [1], "pkg.d": []}
