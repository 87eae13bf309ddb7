"""Ask on a real instruct model (SmolLM2-135M, imported from its GGUF by `make demo-model`), in English
and Swedish, with personal data in the text: no scaffolding, no placeholder and no quote list reach the
user, and every citation shown is an exact substring of the text with its personal data restored.

SmolLM2 is tiny and English-only: these tests check what the product guarantees whatever the model
writes, not how good its answers are (`kollega eval` measures that on a real model).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from backend.models.demo import DEMO_FOLDER, DEMO_INSTALL, demo_gguf, ensure_demo_model
from tests.conftest import MODELS, EngineThread, make_settings

PEOPLE = ("Erik Lindqvist", "Anna Svensson")
PHONE = "070-123 45 67"
FILLER_EN = [
    "The committee reviewed the monthly report on library visits and noted a small increase.",
    "Staff training on the new case management system continued during the spring.",
    "The board discussed maintenance of the sports hall and asked for a cost estimate.",
    "Questions from residents about parking near the town hall were answered by the office.",
]
TEXT_EN = "\n\n".join(
    [f"Item {i}. " + " ".join(FILLER_EN[(i + k) % 4] for k in range(3)) for i in range(1, 12)]
    + [f"Item 12. Building permit. The board grants Erik Lindqvist a building permit for a garage at "
       f"Storgatan 12. The garage may be at most 40 square metres. The fee is 2,400 kronor. Questions go to "
       f"Anna Svensson on {PHONE}."]
    + [f"Item {i}. " + " ".join(FILLER_EN[(i + k) % 4] for k in range(2)) for i in range(13, 30)]
)
TEXT_SV = ("Hej!\n\nMötet om bygglovet för Storgatan 12 flyttas till torsdag den 14 maj klockan 10. "
           f"Erik Lindqvist kommer, och frågor går till Anna Svensson på {PHONE}.\n\nHälsningar\nAnna")
SCAFFOLDING = re.compile(r"[<‹]\s*/?\s*(document|dokument|text|context|sammanhang|instruction|instruktion)\s*[>›]|"
                         r"^\s*(assistant|user|system)\s*$|^\s*(Quotes|Citat)\s*:|Excerpts from the text|"
                         r"Utdrag ur texten", re.IGNORECASE | re.MULTILINE)
SPECIAL = re.compile(r"<\|[a-z_]+\|>|<(start|end)_of_turn>")
PLACEHOLDER = re.compile(r"\[?\b(PERSON|PERSONNUMMER|PHONE|EMAIL|ADDRESS|BANK|PLATE)[ _]\d+\b\]?", re.IGNORECASE)


@pytest.fixture(scope="module")
def real_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    if demo_gguf() is None:
        pytest.skip(f"the real demo model is not installed ({DEMO_INSTALL}; `make test` does it)")
    model = ensure_demo_model(MODELS / DEMO_FOLDER)
    from backend import create_app

    settings = make_settings(tmp_path_factory.mktemp("ask-real") / "instance", model,
                             KOLLEGA_RATE_LIMIT_GENERATE="1000/minute", KOLLEGA_MAX_OUTPUT_TOKENS="160")
    engine = EngineThread(settings)
    try:
        app = create_app(settings)
        token = app.extensions["kollega.auth"].dev_tokens.issue("Testare")
        yield app.test_client(), {"Authorization": f"Bearer {token}"}
    finally:
        engine.close()


def check(text: str, answer: str, citations: list[dict[str, Any]]) -> None:
    assert not SCAFFOLDING.search(answer), answer
    assert not SPECIAL.search(answer), answer
    assert not PLACEHOLDER.search(answer), answer
    for citation in citations:
        assert text[citation["start"]:citation["end"]] == citation["quote"], citation
        assert not PLACEHOLDER.search(citation["quote"]), citation


CASES = [
    ("en", TEXT_EN, "How large may Erik Lindqvist's garage at Storgatan 12 be?"),
    ("en", TEXT_EN, "Who answers questions about the building permit?"),
    ("sv", TEXT_SV, "När flyttas mötet om bygglovet till?"),
]


@pytest.mark.parametrize(("language", "text", "question"), CASES, ids=["en-size", "en-contact", "sv-meeting"])
def test_real_model_answers_are_clean_and_citations_exact(real_client: tuple[Any, dict[str, str]], language: str,
                                                          text: str, question: str) -> None:
    client, auth = real_client
    response = client.post("/api/v1/ask", json={"text": text, "question": question, "language": language},
                           headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["text"].strip(), "the model gave no answer"
    assert body["finish_reason"] in ("stop", "length", "repetition")
    assert body["redactions"].get("PERSON", 0) >= 2 and body["redactions"].get("PHONE") == 1
    check(text, body["text"], body["citations"])


def test_real_model_streams_citations_before_done(real_client: tuple[Any, dict[str, str]]) -> None:
    client, auth = real_client
    response = client.post("/api/v1/ask", json={"text": TEXT_EN, "question": CASES[0][2], "language": "en"},
                           headers={**auth, "Accept": "text/event-stream"})
    events = []
    for block in response.get_data(as_text=True).strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        events.append((lines["event"], json.loads(lines["data"])))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-2:] == ["citations", "done"], names
    answer = "".join(data["text"] for name, data in events if name == "delta")
    check(TEXT_EN, answer, events[-2][1]["citations"])
