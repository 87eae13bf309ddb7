"""inspect_model: any ORT GenAI folder is described, and each broken folder gets a message that says what to do."""

from __future__ import annotations

import json
from pathlib import Path

import onnx
import pytest

from backend.modelfiles import ModelError, inspect_model


def _edit_config(folder: Path, edit: dict[str, object], remove: tuple[str, ...] = ()) -> None:
    path = folder / "genai_config.json"
    config = json.loads(path.read_text())
    for dotted, value in edit.items():
        *parents, key = dotted.split(".")
        target = config
        for parent in parents:
            target = target[parent]
        target[key] = value
    for dotted in remove:
        *parents, key = dotted.split(".")
        target = config
        for parent in parents:
            target = target[parent]
        del target[key]
    path.write_text(json.dumps(config))


def _error(folder: Path, load: bool = True) -> str:
    with pytest.raises(ModelError) as caught:
        inspect_model(folder, load=load)
    return str(caught.value)


def test_builder_style_folder_with_external_data_and_template_in_tokenizer_config(tiny_copy: Path) -> None:
    # Like the builder's output or Microsoft's published folders: another file name, weights in
    # a .data file, and the chat template only inside tokenizer_config.json.
    model = onnx.load(str(tiny_copy / "model.onnx"))
    (tiny_copy / "model.onnx").unlink()
    onnx.save_model(model, str(tiny_copy / "decoder.onnx"), save_as_external_data=True,
                    location="decoder.onnx.data")
    _edit_config(tiny_copy, {"model.decoder.filename": "decoder.onnx"})
    template = (tiny_copy / "chat_template.jinja").read_text()
    (tiny_copy / "chat_template.jinja").unlink()
    tokenizer_config = json.loads((tiny_copy / "tokenizer_config.json").read_text())
    (tiny_copy / "tokenizer_config.json").write_text(json.dumps({**tokenizer_config, "chat_template": template}))

    info = inspect_model(tiny_copy)
    assert (info.model_file, info.precision, info.has_chat_template) == ("decoder.onnx", "fp32", True)
    assert info.size_bytes > (tiny_copy / "decoder.onnx.data").stat().st_size

    (tiny_copy / "decoder.onnx.data").unlink()
    message = _error(tiny_copy, load=False)
    assert "decoder.onnx.data" in message and "Copy the whole folder" in message


def test_missing_folder(tmp_path: Path) -> None:
    message = _error(tmp_path / "nowhere")
    assert "does not exist" in message and "kollega model make-test" in message


def test_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"")
    assert "not a model folder" in _error(tmp_path / "model.onnx")


def test_hugging_face_folder_without_genai_config(tiny_copy: Path) -> None:
    (tiny_copy / "genai_config.json").unlink()
    message = _error(tiny_copy)
    assert "no genai_config.json" in message and "kollega model import" in message


def test_genai_config_that_is_not_json(tiny_copy: Path) -> None:
    (tiny_copy / "genai_config.json").write_text('{"model": {')
    assert "genai_config.json is not valid JSON" in _error(tiny_copy)


def test_genai_config_missing_fields_are_all_named(tiny_copy: Path) -> None:
    _edit_config(tiny_copy, {}, remove=("model.context_length", "model.decoder.num_hidden_layers"))
    message = _error(tiny_copy)
    assert "model.context_length" in message and "model.decoder.num_hidden_layers" in message


def test_genai_config_without_decoder_section(tiny_copy: Path) -> None:
    _edit_config(tiny_copy, {}, remove=("model.decoder",))
    assert "'model.decoder'" in _error(tiny_copy)


def test_genai_config_with_a_non_number(tiny_copy: Path) -> None:
    _edit_config(tiny_copy, {"model.context_length": "4k"})
    assert "model.context_length must be whole numbers" in _error(tiny_copy)


def test_model_file_named_in_config_is_missing(tiny_copy: Path) -> None:
    (tiny_copy / "model.onnx").unlink()
    message = _error(tiny_copy)
    assert "'model.onnx'" in message and "missing" in message


@pytest.mark.parametrize("name", ["tokenizer.json", "tokenizer_config.json"])
def test_tokenizer_file_missing(tiny_copy: Path, name: str) -> None:
    (tiny_copy / name).unlink()
    message = _error(tiny_copy)
    assert name in message and "Copy them" in message


@pytest.mark.parametrize("content", [None, "  \n"])
def test_chat_template_missing_or_empty(tiny_copy: Path, content: str | None) -> None:
    template = tiny_copy / "chat_template.jinja"
    if content is None:
        template.unlink()
    else:
        template.write_text(content)
    message = _error(tiny_copy, load=False)
    assert "no chat template" in message and "Empty chat template" in message


def test_corrupt_model_file(tiny_copy: Path) -> None:
    data = (tiny_copy / "model.onnx").read_bytes()
    (tiny_copy / "model.onnx").write_bytes(data[: len(data) // 3])
    message = _error(tiny_copy, load=False)
    assert "not a readable ONNX file" in message and "truncated or corrupt" in message


def test_graph_that_onnx_runtime_rejects(tiny_copy: Path) -> None:
    model = onnx.load(str(tiny_copy / "model.onnx"))
    del model.graph.initializer[-1]  # the LM head's weight
    onnx.save_model(model, str(tiny_copy / "model.onnx"))
    assert inspect_model(tiny_copy, load=False).precision == "fp32"
    message = _error(tiny_copy)
    assert "ONNX Runtime GenAI could not load" in message and "lm_head" in message


def test_broken_tokenizer(tiny_copy: Path) -> None:
    (tiny_copy / "tokenizer.json").write_text("{not json")
    message = _error(tiny_copy)
    assert "tokenizer" in message and "does not work" in message


def test_broken_chat_template(tiny_copy: Path) -> None:
    (tiny_copy / "chat_template.jinja").write_text("{% for message in messages %}{{ message['content'] }")
    message = _error(tiny_copy)
    assert "chat template" in message and "does not work" in message
    assert inspect_model(tiny_copy, load=False).has_chat_template
