"""Translation on a real instruct model (SmolLM2-135M, English only, imported by `make demo-model`): Swedish
with personal data into English. Its English is poor and its translation worse, so only what the product
guarantees is asserted: no scaffolding, no special token, no raw placeholder, the masked values counted,
and every value the model kept restored. No Swedish instruct model runs here (docs/translate.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_real_model import RAW_PLACEHOLDER, SCAFFOLDING, SPECIAL
from tests.conftest import EngineThread, make_settings

TEXT = (
    "Hej,\n\nDin ansökan om parkeringstillstånd är beviljad. Tillståndet gäller från den 1 maj och kostar "
    "1 200 kronor per år.\n\nDu behöver:\n- betala avgiften senast den 20 april\n- sätta tillståndet synligt "
    "i bilen\n\nFrågor? Ring Karin Johansson på 070-123 45 67 eller skriv till karin.johansson@example.se."
    "\n\nVänliga hälsningar\nKarin Johansson"
)
VALUES = ("Karin Johansson", "Karin", "070-123 45 67", "karin.johansson@example.se")


@pytest.fixture(scope="module")
def real_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, dict[str, str]]]:
    from backend import create_app
    from backend.models.demo import DEMO_FOLDER, DEMO_INSTALL, demo_gguf, ensure_demo_model
    from tests.conftest import MODELS

    if demo_gguf() is None:
        pytest.skip(f"the real demo model is not installed ({DEMO_INSTALL}; `make test` does it)")
    model: Path = ensure_demo_model(MODELS / DEMO_FOLDER)
    settings = make_settings(tmp_path_factory.mktemp("real-translate") / "instance", model,
                             KOLLEGA_RATE_LIMIT_GENERATE="1000/minute")
    engine = EngineThread(settings)
    try:
        app = create_app(settings)
        token = app.extensions["kollega.auth"].dev_tokens.issue("Testare")
        yield app.test_client(), {"Authorization": f"Bearer {token}"}
    finally:
        engine.close()


def test_real_model_translation_to_english_is_clean_and_restored(real_client: tuple) -> None:
    client, auth = real_client
    response = client.post("/api/v1/translate", json={"text": TEXT, "target": "en", "source": "sv"},  # type: ignore[attr-defined]
                           headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    text = answer["text"]
    assert text.strip(), "the model gave no answer"
    assert answer["finish_reason"] in ("stop", "length", "repetition")
    assert sum(answer["redactions"].values()) >= 3  # name, phone, e-mail
    assert not SCAFFOLDING.search(text), text
    assert not SPECIAL.search(text), text
    assert not re.search(r"\[(PERSON|PHONE|EMAIL|ADDRESS)_\d+\]", text), text
    assert not RAW_PLACEHOLDER.search(text), text
    assert "Translate the text into" not in text and "Write only the translation" not in text, text  # no echo
    placeholders = answer["placeholders"]
    assert placeholders["sent"] >= 3 and 0 <= placeholders["kept"] <= placeholders["sent"]
    if placeholders["kept"]:
        # What the model kept of them came back as the real values.
        assert any(value in text for value in VALUES), text


def test_real_model_streams_a_translation(real_client: tuple) -> None:
    client, auth = real_client
    response = client.post("/api/v1/translate", json={"text": TEXT, "target": "en"},  # type: ignore[attr-defined]
                           headers={**auth, "Accept": "text/event-stream"})
    assert response.status_code == 200
    blocks = [dict(line.split(": ", 1) for line in block.splitlines())
              for block in response.get_data(as_text=True).strip().split("\n\n")]
    names = [block["event"] for block in blocks]
    assert names[0] == "meta" and names[-1] == "done" and "delta" in names and "revision" not in names
    text = "".join(json.loads(block["data"])["text"] for block in blocks if block["event"] == "delta")
    assert text.strip() and not SCAFFOLDING.search(text) and not RAW_PLACEHOLDER.search(text), text
