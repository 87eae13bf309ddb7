"""What the engine reads from a model folder itself; onnxruntime-genai reads the rest."""

from __future__ import annotations

import json
from pathlib import Path

GENAI_CONFIG = "genai_config.json"


def read_context_length(model_path: Path) -> int:
    """The model's context length in tokens, from genai_config.json (the one place the engine reads it)."""
    config = json.loads((model_path / GENAI_CONFIG).read_text(encoding="utf-8"))
    return int(config["model"]["context_length"])
