"""Turns a local Hugging Face model folder into an ORT GenAI model folder with the official builder."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from collections.abc import Callable
from pathlib import Path

from backend.modelfiles.check import CHAT_TEMPLATE_FILE, TOKENIZER_CONFIG, ModelError, ModelInfo, inspect_model

# The builder's valid precisions for the CPU execution provider (builder.py prints this list).
CPU_PRECISIONS = ("int4", "int8", "fp32")
# What `python -m onnxruntime_genai.models.builder` imports besides onnxruntime-genai itself.
BUILDER_MODULES = {"torch": "torch", "transformers": "transformers", "onnx_ir": "onnx-ir", "onnx": "onnx"}
BUILDER_INSTALL = "pip install torch transformers onnx onnx-ir"
_WEIGHT_PATTERNS = ("*.safetensors", "*.bin", "*.gguf")


def import_model(
    hf_dir: Path,
    out: Path,
    precision: str = "int4",
    *,
    cache_dir: Path | None = None,
    overwrite: bool = False,
    extra_options: dict[str, str] | None = None,
    load: bool = True,
    echo: Callable[[str], None] | None = None,
) -> ModelInfo:
    """Convert `hf_dir` into `out` for CPU, add a chat template if needed, and check the result."""
    hf_dir, out = Path(hf_dir), Path(out)
    check_hf_folder(hf_dir)
    if precision not in CPU_PRECISIONS:
        raise ModelError(f"Precision {precision!r} is not one the builder makes for CPU; use one of "
                         f"{', '.join(CPU_PRECISIONS)} (int4 is the usual choice: smallest and fastest).")
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise ModelError(f"{out} already exists and is not empty. Choose a new folder, or pass overwrite "
                             f"to replace it.")
        shutil.rmtree(out)
    require_builder()

    with tempfile.TemporaryDirectory(prefix="kollega-builder-") as scratch:
        command = builder_command(hf_dir, out, precision, cache_dir or Path(scratch), extra_options)
        _run_builder(command, echo)
    copy_chat_template(hf_dir, out)
    return inspect_model(out, load=load)


def check_hf_folder(hf_dir: Path) -> None:
    """Refuse early, with a clear message, what the builder would fail on after minutes of work."""
    if not hf_dir.is_dir():
        raise ModelError(f"{hf_dir} is not a folder. Download the model first, e.g. "
                         f"`huggingface-cli download Qwen/Qwen2.5-1.5B-Instruct --local-dir {hf_dir}`.")
    if not (hf_dir / "config.json").is_file():
        raise ModelError(f"{hf_dir} has no config.json, so it is not a Hugging Face model folder. Point to "
                         f"the folder that holds config.json, the weights and the tokenizer.")
    if not any(any(hf_dir.glob(pattern)) for pattern in _WEIGHT_PATTERNS):
        raise ModelError(f"{hf_dir} has no weights (*.safetensors). The download is incomplete: download the "
                         f"model again.")
    if not ((hf_dir / "tokenizer.json").is_file() or (hf_dir / "tokenizer.model").is_file()):
        raise ModelError(f"{hf_dir} has no tokenizer.json or tokenizer.model. Download the whole model "
                         f"folder, tokenizer files included.")


def missing_builder_modules() -> list[str]:
    """pip names of the builder's dependencies that this Python cannot import."""
    return [pip for module, pip in BUILDER_MODULES.items() if importlib.util.find_spec(module) is None]


def require_builder() -> None:
    missing = missing_builder_modules()
    if missing:
        raise ModelError(
            f"The ONNX Runtime GenAI model builder needs {', '.join(missing)}, which are not installed in "
            f"{sys.prefix}. Install them there (about 1 GB with the CPU build of torch): `{BUILDER_INSTALL}` "
            f"(without a GPU, add `--index-url https://download.pytorch.org/whl/cpu` for torch). "
            f"They are only needed to convert models, not to run Kollega."
        )


def builder_command(
    hf_dir: Path, out: Path, precision: str, cache_dir: Path, extra_options: dict[str, str] | None = None
) -> list[str]:
    """The builder's command line; `-e cpu` because Kollega runs models on CPU."""
    command = [
        sys.executable, "-m", "onnxruntime_genai.models.builder",
        "-i", str(hf_dir), "-o", str(out), "-p", precision, "-e", "cpu", "-c", str(cache_dir),
    ]
    if extra_options:
        command += ["--extra_options", *(f"{key}={value}" for key, value in extra_options.items())]
    return command


def copy_chat_template(hf_dir: Path, out: Path) -> None:
    """Write chat_template.jinja when the builder left none: ORT GenAI needs a template to chat."""
    target = out / CHAT_TEMPLATE_FILE
    if target.is_file() and target.read_text(encoding="utf-8").strip():
        return
    template = find_chat_template(hf_dir)
    if template is None:
        raise ModelError(f"{hf_dir} has no chat template (no {CHAT_TEMPLATE_FILE}, no chat_template in "
                         f"{TOKENIZER_CONFIG}). It is probably a base model: use its instruct version.")
    target.write_text(template, encoding="utf-8")


def find_chat_template(hf_dir: Path) -> str | None:
    """The template from chat_template.jinja, chat_template.json or tokenizer_config.json, in that order."""
    jinja = hf_dir / CHAT_TEMPLATE_FILE
    if jinja.is_file() and jinja.read_text(encoding="utf-8").strip():
        return jinja.read_text(encoding="utf-8")
    for name in ("chat_template.json", TOKENIZER_CONFIG):
        try:
            template = json.loads((hf_dir / name).read_text(encoding="utf-8")).get("chat_template")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(template, list):
            # Several named templates: the chat one is called "default".
            named = {t.get("name"): t.get("template") for t in template if isinstance(t, dict)}
            template = named.get("default") or next(iter(named.values()), None)
        if isinstance(template, str) and template.strip():
            return template
    return None


def _run_builder(command: list[str], echo: Callable[[str], None] | None) -> None:
    tail: deque[str] = deque(maxlen=30)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          errors="replace") as process:
        assert process.stdout is not None
        for line in process.stdout:
            tail.append(line.rstrip())
            if echo:
                echo(line.rstrip())
    if process.returncode != 0:
        last_lines = "\n".join(tail)
        raise ModelError(f"The model builder failed (exit code {process.returncode}). Its last lines:\n"
                         f"{last_lines}\nMost failures are an architecture the builder does not support, or "
                         f"too little memory (it needs about twice the model's size in RAM).")
