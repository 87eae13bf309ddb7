"""Checks an ONNX Runtime GenAI model folder and says what it is, or exactly what is wrong with it."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import onnx

GENAI_CONFIG = "genai_config.json"
CHAT_TEMPLATE_FILE = "chat_template.jinja"
TOKENIZER_CONFIG = "tokenizer_config.json"
# ORT Extensions reads a Hugging Face tokenizer.json, or a SentencePiece tokenizer.model.
TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model")

REBUILD_HINT = (
    "Make the folder again (`kollega model make-test OUT` for a test model, "
    "`kollega model import HF_DIR OUT` for a real one) or copy it again from where it was made; "
    "see docs/models.md."
)

_DECODER_FIELDS = (
    "filename", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "hidden_size",
)
_MODEL_FIELDS = ("type", "context_length", "vocab_size")

_PRECISION_BY_TYPE = {
    onnx.TensorProto.FLOAT: "fp32",
    onnx.TensorProto.FLOAT16: "fp16",
    onnx.TensorProto.BFLOAT16: "bf16",
    onnx.TensorProto.INT4: "int4",
    onnx.TensorProto.UINT4: "int4",
    onnx.TensorProto.INT8: "int8",
    onnx.TensorProto.UINT8: "int8",
}


class ModelError(Exception):
    """A model folder cannot be used. The message says what is wrong and what to do about it."""


@dataclass(frozen=True)
class ModelInfo:
    """What a model folder holds, read from genai_config.json and the ONNX graph."""

    path: Path
    architecture: str
    context_length: int
    precision: str
    size_bytes: int
    vocab_size: int
    num_layers: int
    hidden_size: int
    num_heads: int
    num_kv_heads: int
    has_chat_template: bool
    model_file: str
    eos_token_ids: tuple[int, ...]
    loaded: bool

    def describe(self) -> str:
        """A few lines for a person at a terminal."""
        lines = [
            f"Model folder:    {self.path}",
            f"Architecture:    {self.architecture}",
            f"Precision:       {self.precision}",
            f"Context length:  {self.context_length:,} tokens",
            f"Layers:          {self.num_layers} (hidden size {self.hidden_size}, "
            f"{self.num_heads} attention heads, {self.num_kv_heads} key/value heads)",
            f"Vocabulary:      {self.vocab_size:,} tokens",
            f"Chat template:   {'yes' if self.has_chat_template else 'no'}",
            f"Size on disk:    {_human_size(self.size_bytes)}",
            f"Loads in ORT GenAI: {'yes' if self.loaded else 'not tried'}",
        ]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The fields as a JSON-ready dict (for `kollega model check --json` and /readyz)."""
        data = asdict(self)
        data["path"] = str(self.path)
        data["eos_token_ids"] = list(self.eos_token_ids)
        return data


def inspect_model(path: Path, load: bool = True, require_chat_template: bool = True) -> ModelInfo:
    """Check a model folder; with `load`, also load it with ORT GenAI and try its tokenizer and template."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"Model folder {path} does not exist. Check the path (KOLLEGA_MODEL_PATH), "
                         f"or build a test model with `kollega model make-test {path}`.")
    if not path.is_dir():
        raise ModelError(f"{path} is a file, not a model folder. "
                         f"Point to the folder that holds {GENAI_CONFIG}.")

    config = _read_genai_config(path)
    model, decoder = config["model"], config["model"]["decoder"]
    model_file = path / decoder["filename"]
    if not model_file.is_file():
        raise ModelError(f"{GENAI_CONFIG} names the model file {decoder['filename']!r}, but {model_file} is "
                         f"missing. The copy is incomplete: {REBUILD_HINT}")
    _check_tokenizer_files(path)
    has_template = _has_chat_template(path)
    if require_chat_template and not has_template:
        raise ModelError(
            f"{path} has no chat template: {CHAT_TEMPLATE_FILE} is missing or empty and "
            f"{TOKENIZER_CONFIG} has no 'chat_template'. ORT GenAI then fails with 'Empty chat template'. "
            f"Copy the chat template of the model's Hugging Face folder into {path / CHAT_TEMPLATE_FILE} "
            f"(a chat/instruct model has one)."
        )
    precision = _precision(model_file)

    loaded = False
    if load:
        _load(path, has_template)
        loaded = True

    eos = model.get("eos_token_id")
    eos_ids = tuple(eos) if isinstance(eos, list) else (eos,) if isinstance(eos, int) else ()
    return ModelInfo(
        path=path.resolve(),
        architecture=str(model["type"]),
        context_length=int(model["context_length"]),
        precision=precision,
        size_bytes=sum(f.stat().st_size for f in path.rglob("*") if f.is_file()),
        vocab_size=int(model["vocab_size"]),
        num_layers=int(decoder["num_hidden_layers"]),
        hidden_size=int(decoder["hidden_size"]),
        num_heads=int(decoder["num_attention_heads"]),
        num_kv_heads=int(decoder["num_key_value_heads"]),
        has_chat_template=has_template,
        model_file=str(decoder["filename"]),
        eos_token_ids=tuple(int(i) for i in eos_ids),
        loaded=loaded,
    )


def _read_genai_config(path: Path) -> dict[str, Any]:
    config_path = path / GENAI_CONFIG
    if not config_path.is_file():
        raise ModelError(f"{path} has no {GENAI_CONFIG}, so it is not an ONNX Runtime GenAI model folder. "
                         f"A Hugging Face folder must be converted first: `kollega model import {path} OUT`.")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"{config_path} is not valid JSON ({error}). "
                         f"The file is damaged: {REBUILD_HINT}") from error
    model = config.get("model") if isinstance(config, dict) else None
    if not isinstance(model, dict) or not isinstance(model.get("decoder"), dict):
        raise ModelError(f"{config_path} lacks the 'model' and 'model.decoder' sections that ORT GenAI "
                         f"needs. {REBUILD_HINT}")
    decoder = model["decoder"]
    missing = [f"model.{name}" for name in _MODEL_FIELDS if name not in model]
    missing += [f"model.decoder.{name}" for name in _DECODER_FIELDS if name not in decoder]
    if missing:
        raise ModelError(f"{config_path} is missing the field(s) {', '.join(missing)}. {REBUILD_HINT}")
    numbers = [f"model.{name}" for name in ("context_length", "vocab_size") if not _is_int(model[name])]
    numbers += [f"model.decoder.{name}" for name in _DECODER_FIELDS[1:] if not _is_int(decoder[name])]
    if numbers:
        raise ModelError(f"{config_path}: {', '.join(numbers)} must be whole numbers. {REBUILD_HINT}")
    checked: dict[str, Any] = config  # checked above: a JSON object with the fields the runners read
    return checked


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_tokenizer_files(path: Path) -> None:
    missing = [] if any((path / name).is_file() for name in TOKENIZER_FILES) else [" or ".join(TOKENIZER_FILES)]
    if not (path / TOKENIZER_CONFIG).is_file():
        missing.append(TOKENIZER_CONFIG)
    if missing:
        raise ModelError(f"{path} lacks the tokenizer file(s) {', '.join(missing)}. Copy them from the "
                         f"model's Hugging Face folder (the builder copies them when it converts a model).")


def _has_chat_template(path: Path) -> bool:
    jinja = path / CHAT_TEMPLATE_FILE
    if jinja.is_file() and jinja.read_text(encoding="utf-8", errors="replace").strip():
        return True
    try:
        template = json.loads((path / TOKENIZER_CONFIG).read_text(encoding="utf-8")).get("chat_template")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return False
    # Some Hugging Face models keep a list of named templates instead of one string.
    if isinstance(template, list):
        return any(isinstance(t, dict) and str(t.get("template", "")).strip() for t in template)
    return isinstance(template, str) and bool(template.strip())


def _precision(model_file: Path) -> str:
    """int4/int8 when weights are block-quantized, else the float type that holds most weights."""
    try:
        # External weights (model.onnx.data) are not read: the graph and tensor types are enough.
        graph = onnx.load(str(model_file), load_external_data=False).graph
    except Exception as error:  # protobuf raises DecodeError, RuntimeWarning or others on damaged files
        raise ModelError(f"{model_file} is not a readable ONNX file ({type(error).__name__}: {error}). It is "
                         f"probably truncated or corrupt: {REBUILD_HINT}") from error
    external = {
        entry.value for tensor in graph.initializer if tensor.data_location == onnx.TensorProto.EXTERNAL
        for entry in tensor.external_data if entry.key == "location"
    }
    missing = sorted(name for name in external if not (model_file.parent / name).is_file())
    if missing:
        raise ModelError(f"{model_file.name} keeps its weights in {', '.join(missing)}, which is missing "
                         f"from {model_file.parent}. Copy the whole folder, .onnx.data files included.")
    bits = Counter(
        next((onnx.helper.get_attribute_value(a) for a in node.attribute if a.name == "bits"), 4)
        for node in graph.node if node.op_type == "MatMulNBits"
    )
    if bits:
        return f"int{bits.most_common(1)[0][0]}"
    elements: Counter[str] = Counter()
    for tensor in graph.initializer:
        if tensor.data_type in _PRECISION_BY_TYPE:
            count = 1
            for dim in tensor.dims:
                count *= dim
            elements[_PRECISION_BY_TYPE[tensor.data_type]] += count
    if not elements:
        raise ModelError(f"{model_file} holds no weights. {REBUILD_HINT}")
    return elements.most_common(1)[0][0]


def _load(path: Path, has_template: bool) -> None:
    """Load the model and tokenizer with ORT GenAI and try the tokenizer and chat template once."""
    import onnxruntime_genai as og

    try:
        model = og.Model(str(path))
    except Exception as error:  # og raises RuntimeError with ONNX Runtime's message
        raise ModelError(f"ONNX Runtime GenAI could not load {path}: {_sentence(error)} The model file may "
                         f"be damaged, or made for another execution provider or a newer ORT GenAI. "
                         f"{REBUILD_HINT}") from error
    try:
        tokenizer = og.Tokenizer(model)
        tokens = tokenizer.encode("Hej! Vi ses på mötet i Växjö.")
        tokenizer.decode(tokens)
    except Exception as error:
        raise ModelError(f"The tokenizer in {path} does not work: {_sentence(error)} Copy tokenizer.json "
                         f"and {TOKENIZER_CONFIG} again from the model's Hugging Face folder.") from error
    if has_template:
        messages = json.dumps([{"role": "system", "content": "Du är en hjälpsam assistent."},
                               {"role": "user", "content": "Hej!"}])
        try:
            tokenizer.apply_chat_template(messages, add_generation_prompt=True)
        except Exception as error:
            raise ModelError(f"The chat template in {path} does not work with ORT GenAI: {_sentence(error)} "
                             f"Replace {CHAT_TEMPLATE_FILE} with a simpler template for the same format.") from error


def _sentence(error: Exception) -> str:
    return str(error).strip().rstrip(".") + "."


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
