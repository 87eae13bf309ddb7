"""import_model: argument checks, the builder's command line, chat template handling, and failures.

The real builder needs torch and transformers, which Kollega does not install; the last test runs
it when they happen to be importable.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import onnxruntime_genai as og
import pytest

from backend.modelfiles import ModelError, import_model, importer, inspect_model
from backend.modelfiles.tokenizer import CHAT_TEMPLATE


@pytest.fixture
def hf_dir(tmp_path: Path, tiny_model: Path) -> Path:
    """A folder that looks like a Hugging Face download (the builder itself is faked)."""
    folder = tmp_path / "hf"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"architectures": ["Qwen2ForCausalLM"]}))
    (folder / "model.safetensors").write_bytes(b"\0" * 16)
    shutil.copy(tiny_model / "tokenizer.json", folder)
    config = json.loads((tiny_model / "tokenizer_config.json").read_text())
    (folder / "tokenizer_config.json").write_text(json.dumps({**config, "chat_template": CHAT_TEMPLATE}))
    return folder


@pytest.fixture
def fake_builder(monkeypatch: pytest.MonkeyPatch, tiny_model: Path) -> list[list[str]]:
    """Pretend torch is installed and make the 'builder' copy the tiny model without its template."""
    calls: list[list[str]] = []
    real_command = importer.builder_command

    def command(hf: Path, out: Path, precision: str, cache: Path, extra: dict[str, str] | None = None) -> list[str]:
        calls.append(real_command(hf, out, precision, cache, extra))
        script = (f"import shutil; shutil.copytree({str(tiny_model)!r}, {str(out)!r}, dirs_exist_ok=True, "
                  f"ignore=shutil.ignore_patterns('chat_template.jinja')); print('Saving GenAI config')")
        return [sys.executable, "-c", script]

    monkeypatch.setattr(importer, "missing_builder_modules", lambda: [])
    monkeypatch.setattr(importer, "builder_command", command)
    return calls


def test_builder_command_line(tmp_path: Path) -> None:
    command = importer.builder_command(tmp_path / "hf", tmp_path / "out", "int4", tmp_path / "cache",
                                       {"int4_accuracy_level": "4"})
    assert command[:3] == [sys.executable, "-m", "onnxruntime_genai.models.builder"]
    assert command[3:] == ["-i", str(tmp_path / "hf"), "-o", str(tmp_path / "out"), "-p", "int4", "-e", "cpu",
                           "-c", str(tmp_path / "cache"), "--extra_options", "int4_accuracy_level=4"]


def test_import_runs_the_builder_adds_the_chat_template_and_checks(
    hf_dir: Path, tmp_path: Path, fake_builder: list[list[str]]
) -> None:
    lines: list[str] = []
    info = import_model(hf_dir, tmp_path / "out", echo=lines.append)
    assert fake_builder[0][fake_builder[0].index("-i") + 1] == str(hf_dir)
    assert lines == ["Saving GenAI config"]
    assert (tmp_path / "out" / "chat_template.jinja").read_text() == CHAT_TEMPLATE
    assert info.loaded and info.has_chat_template and info.architecture == "qwen2"


def test_import_refuses_a_non_empty_output_folder(hf_dir: Path, tmp_path: Path, fake_builder: list) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("keep")
    with pytest.raises(ModelError, match="already exists"):
        import_model(hf_dir, out)
    assert not fake_builder
    assert import_model(hf_dir, out, overwrite=True).loaded
    assert not (out / "old.txt").exists()


def test_missing_torch_says_what_to_install(hf_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "missing_builder_modules", lambda: ["torch", "transformers"])
    with pytest.raises(ModelError) as caught:
        import_model(hf_dir, tmp_path / "out")
    assert "torch, transformers" in str(caught.value) and "pip install torch transformers" in str(caught.value)


def test_missing_modules_are_found_by_import_name(monkeypatch: pytest.MonkeyPatch) -> None:
    present = {"onnx", "transformers"}
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if name in present else None)
    assert importer.missing_builder_modules() == ["torch", "onnx-ir"]


def test_builder_failure_shows_its_last_lines(hf_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "missing_builder_modules", lambda: [])
    failing = [sys.executable, "-c", "print('NotImplementedError: model type'); raise SystemExit(3)"]
    monkeypatch.setattr(importer, "builder_command", lambda *args: failing)
    with pytest.raises(ModelError) as caught:
        import_model(hf_dir, tmp_path / "out")
    assert "exit code 3" in str(caught.value) and "NotImplementedError: model type" in str(caught.value)


def test_unsupported_precision(hf_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="int4, int8, fp32"):
        import_model(hf_dir, tmp_path / "out", precision="fp16")


@pytest.mark.parametrize(
    ("remove", "expected"),
    [("config.json", "no config.json"), ("model.safetensors", "no weights"), ("tokenizer.json", "no tokenizer")],
)
def test_incomplete_hugging_face_folder(hf_dir: Path, tmp_path: Path, remove: str, expected: str) -> None:
    (hf_dir / remove).unlink()
    with pytest.raises(ModelError, match=expected):
        import_model(hf_dir, tmp_path / "out")


def test_hugging_face_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="huggingface-cli download"):
        import_model(tmp_path / "nothing", tmp_path / "out")


def test_chat_template_sources(tmp_path: Path) -> None:
    assert importer.find_chat_template(tmp_path) is None
    (tmp_path / "tokenizer_config.json").write_text(json.dumps(
        {"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D"}]}))
    assert importer.find_chat_template(tmp_path) == "D"
    (tmp_path / "chat_template.json").write_text(json.dumps({"chat_template": "J"}))
    assert importer.find_chat_template(tmp_path) == "J"
    (tmp_path / "chat_template.jinja").write_text("F")
    assert importer.find_chat_template(tmp_path) == "F"


def test_base_model_without_template(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(ModelError, match="base model"):
        importer.copy_chat_template(tmp_path, tmp_path / "out")


BUILDER_DEPS = all(importlib.util.find_spec(name) for name in ("torch", "transformers", "onnx_ir"))


@pytest.mark.skipif(not BUILDER_DEPS, reason="the model builder needs torch, transformers and onnx-ir")
def test_real_builder_imports_a_random_qwen2(tmp_path: Path, tiny_model: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, PreTrainedTokenizerFast, Qwen2Config

    hf = tmp_path / "hf"
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(tiny_model / "tokenizer.json"), eos_token="<|im_end|>",
                                        pad_token="<|endoftext|>")
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(hf)
    torch.manual_seed(0)
    config = Qwen2Config(vocab_size=2048, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                         tie_word_embeddings=True, eos_token_id=2, bos_token_id=0, pad_token_id=0)
    hf_model = AutoModelForCausalLM.from_config(config).eval()
    hf_model.save_pretrained(hf)

    info = import_model(hf, tmp_path / "onnx", precision="fp32")
    assert (info.architecture, info.precision, info.context_length) == ("qwen2", "fp32", 256)
    assert inspect_model(tmp_path / "onnx").loaded

    prompt = tokenizer.encode("Hej Åsa! Vi ses på mötet i Växjö.")
    with torch.no_grad():
        expected = hf_model.generate(torch.tensor([prompt]), max_new_tokens=8, do_sample=False,
                                     eos_token_id=None)[0, len(prompt):].tolist()
    model = og.Model(str(tmp_path / "onnx"))
    params = og.GeneratorParams(model)
    params.set_search_options(max_length=len(prompt) + 8)
    generator = og.Generator(model, params)
    generator.append_tokens(prompt)
    tokens = []
    while not generator.is_done():
        generator.generate_next_token()
        tokens.append(int(generator.get_next_tokens()[0]))
    assert tokens == expected[:len(tokens)]
