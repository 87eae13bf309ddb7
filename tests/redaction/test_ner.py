"""The optional ONNX token-classification model: loading, windows, merging with the rules."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import tiny_ner

from backend.redaction import RedactionError, Redactor

WORDS = ["Mötet", "med", "Zor", "##blat", "flyttas", "till", "fredag", ".", "Hej", "Anna", "Svensson", ",",
         "ring", "070", "-", "123", "45", "67", "Igen", "ringde", "om", "tiden"]
TEXT = "Mötet om Zorblat flyttas till fredag. Igen ringde Zorblat om tiden."


@pytest.fixture(scope="module")
def random_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_ner.build(tmp_path_factory.mktemp("ner-random"), WORDS, seed=1)


@pytest.fixture(scope="module")
def person_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # "Zor" is tagged B-PER and "##blat" O: the span must widen to the whole word.
    return tiny_ner.build(tmp_path_factory.mktemp("ner-person"), WORDS, person=frozenset({"Zor"}))


def test_random_model_loads_and_runs_beside_the_rules(random_model: Path) -> None:
    redactor = Redactor(ner_model_path=random_model)
    text = "Hej Anna Svensson, ring 070-123 45 67. " + TEXT * 40  # longer than one window
    result = redactor.redact(text)
    spans = {text[e.start:e.end] for e in result.entities}
    assert "Anna Svensson" in spans and "070-123 45 67" in spans
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)


def test_model_finds_what_the_rules_miss_and_mentions_share_a_placeholder(redactor: Redactor,
                                                                        person_model: Path) -> None:
    assert not redactor.redact(TEXT).entities  # the rules alone leave an unknown single word
    with_model = Redactor(ner_model_path=person_model)
    result = with_model.redact(TEXT)
    assert [TEXT[e.start:e.end] for e in result.entities] == ["Zorblat", "Zorblat"]
    assert {e.placeholder for e in result.entities} == {"[PERSON_1]"}
    assert "Zorblat" not in result.redacted


def test_model_and_rule_spans_merge(person_model: Path) -> None:
    text = "Hej Anna Zorblat, ring 070-123 45 67."
    result = Redactor(ner_model_path=person_model).redact(text)
    assert [(text[e.start:e.end], e.type) for e in result.entities] == [
        ("Anna Zorblat", "PERSON"), ("070-123 45 67", "PHONE")]


def test_model_is_shared_by_threads(person_model: Path) -> None:
    redactor = Redactor(ner_model_path=person_model)
    expected = redactor.redact(TEXT).to_json()
    results: list[dict[str, object]] = []

    def work() -> None:
        for _ in range(20):
            results.append(redactor.redact(TEXT).to_json())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80 and all(r == expected for r in results)


def test_a_broken_model_folder_is_a_clear_error(tmp_path: Path, person_model: Path) -> None:
    with pytest.raises(RedactionError, match="cannot load the NER model"):
        Redactor(ner_model_path=tmp_path)
    (tmp_path / "config.json").write_text((person_model / "config.json").read_text())
    (tmp_path / "tokenizer.json").write_text((person_model / "tokenizer.json").read_text())
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(RedactionError, match="cannot load the NER model"):
        Redactor(ner_model_path=tmp_path)
