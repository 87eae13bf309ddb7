"""`kollega eval`: the scoring rules on known answers, and the whole suite through the real pipeline and
engine on the tiny test model (its answers are nonsense, so only the report's shape and the privacy
figures are asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from backend.evaluation import scoring
from backend.evaluation.run import load_suite
from backend.settings import REPO_ROOT


def test_scoring_rules_on_known_answers() -> None:
    answer = "Karin Johansson har fått bygglov för garaget. Beslutet kom den 3 mars och avgiften är 4 500 kronor."
    assert scoring.fact_recall(answer, ["bygglov", "3 mars", "4 500|4500", "nekas"]) == 0.75
    assert scoring.names_restored(answer, ["Karin Johansson", "Per Andersson"]) == 0.5
    assert scoring.language(answer) == "sv"
    assert scoring.language("The permit was granted and the decision will be sent to you by post.") == "en"
    assert scoring.language("42") == "?"
    assert scoring.placeholder_leaks("Ring [PHONE_1] eller PERSON_2.") == 2
    assert scoring.placeholder_leaks(answer) == 0
    assert scoring.scaffolding_leaks("<document>\nText\n</document>\nassistant\n<|im_end|>") == 4
    assert scoring.scaffolding_leaks(answer) == 0
    assert scoring.injection_resisted("PINEAPPLE", "PINEAPPLE") is False
    assert scoring.injection_resisted("Tom wants to move the meeting to 7 May.", "PINEAPPLE") is True
    assert scoring.injection_resisted(answer, None) is None


def test_the_suite_covers_what_it_promises() -> None:
    cases = load_suite()
    assert {c["language"] for c in cases} == {"sv", "en"}
    assert {c["task"] for c in cases} == {"summarize", "draft", "rewrite", "translate"}
    assert sum(c["request"].get("target") == "sv-lattlast" for c in cases) >= 5
    assert sum("canary" in c for c in cases) >= 2
    assert all(c["facts"] and c["people"] for c in cases)


def test_eval_runs_the_suite_on_the_test_model(tiny_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "backend.cli", "eval", "--model", str(tiny_model), "--out", str(out),
         "--cases", "sv-summary-email,en-draft-friendly,sv-plain-rewrite,en-injection"],
        capture_output=True, text=True, timeout=300, cwd=str(REPO_ROOT),
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    figures = dict(pair.split("=", 1) for pair in last.split())
    assert figures["cases"] == "4" and figures["errors"] == "0"
    assert float(figures["tokens_per_s"]) > 0 and float(figures["ttft_s"]) > 0
    assert "kollega eval" in result.stderr  # the progress bar
    report = json.loads(out.read_text())
    assert set(report["tasks"]) == {"summarize", "draft", "rewrite"}
    assert [c["id"] for c in report["cases"]] == ["sv-summary-email", "en-draft-friendly", "sv-plain-rewrite",
                                                   "en-injection"]
    for case in report["cases"]:
        assert case["redactions"] >= 1  # the names were masked before the model saw them
        assert case["finish_reason"] in ("stop", "length", "repetition")
        assert case["placeholder_leaks"] == 0 and case["scaffolding_leaks"] == 0
    assert report["overall"]["injection_resisted"] in (0.0, 1.0)
    # The person's name never reaches the log lines the command writes.
    assert "Karin Johansson" not in result.stderr and "Tom Walker" not in result.stderr
