"""`kollega eval` covers translation and lättläst: scripted answers give known figures; the tiny test
model runs the cases end to end through the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from backend import readability
from backend.evaluation.run import evaluate, load_suite
from backend.evaluation.translation import form, formatting_kept
from backend.settings import REPO_ROOT, Settings
from backend.translation import lattlast
from tests.api.test_pipeline import pipeline
from tests.translation.scripted import RoundsEngine
from tests.translation.test_translate_pipeline import CLEAN, pieces


def test_form_counts_paragraphs_and_list_items() -> None:
    text = "Rubrik\n\nEtt stycke.\nMed två rader.\n\n- ett\n- två\n1. först\n2) sedan\n\n\n  \nSlut"
    assert form(text) == (4, 4)
    assert formatting_kept("A\n\n- b\n- c", "X\n\n- y\n- z")
    assert not formatting_kept("A\n\n- b\n- c", "X - y - z")


def test_eval_reports_lattlast_figures_before_and_after(settings: Settings) -> None:
    cases = [c for c in load_suite() if c["request"].get("target") == "sv-lattlast"]
    assert len(cases) >= 5
    # Every case's draft is its own source (officialese, so findings remain); the revision is clean.
    drafts = [pieces(case["request"]["text"]) for case in cases]
    engine = RoundsEngine([answer for draft in drafts for answer in (draft, pieces(CLEAN))])
    p = pipeline(settings, engine)  # type: ignore[arg-type]
    p.readability = readability
    report = evaluate(p, cases)
    summary = report["lattlast"]
    assert summary["cases"] == len(cases) and summary["revised"] == 1.0
    assert len(engine.requests) == 2 * len(cases)
    sources = [lattlast.figures(*lattlast.check(case["request"]["text"])) for case in cases]
    assert summary["lix_source"] == round(sum(s["lix"] for s in sources) / len(sources), 2)
    assert summary["findings_source"] > 0 and summary["findings_after"] == 0
    clean_lix = lattlast.figures(*lattlast.check(CLEAN))["lix"]
    assert summary["lix_after"] == clean_lix < summary["lix_before"]
    assert summary["placeholder_leaks"] == 0
    for row in report["cases"]:
        assert row["readability"]["revised"] is True and row["error"] is None
        # The delivered text is the revision, restored.
        assert report["answers"][row["id"]] == CLEAN


def test_eval_runs_translation_cases_on_the_test_model(tiny_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "backend.cli", "eval", "--model", str(tiny_model), "--out", str(out),
         "--cases", "sv-translate-en,sv-lattlast-forsorjningsstod"],
        capture_output=True, text=True, timeout=300, cwd=str(REPO_ROOT),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    overall = dict(pair.split("=", 1) for pair in lines[-1].split())
    assert overall["cases"] == "2" and overall["errors"] == "0" and overall["formatting_kept"] in ("0.0", "1.0")
    lattlast_line = next(line for line in lines if line.startswith("lattlast"))
    figures = dict(pair.split("=", 1) for pair in lattlast_line.split()[1:])
    assert figures["cases"] == "1" and float(figures["lix_source"]) > 40 and float(figures["findings_source"]) > 0
    report = json.loads(out.read_text())
    assert set(report["tasks"]) == {"translate"}
    case = next(c for c in report["cases"] if c["id"] == "sv-lattlast-forsorjningsstod")
    assert set(case["readability"]) >= {"source", "before", "after", "revised"}
    for row in report["cases"]:
        assert row["redactions"] >= 1 and row["placeholder_leaks"] == 0 and row["scaffolding_leaks"] == 0
    assert "Per Andersson" not in result.stderr and "Karin Johansson" not in result.stderr


def test_echoed_translation_prompt_lines_count_as_scaffolding() -> None:
    from backend.evaluation import scoring

    assert scoring.scaffolding_leaks("Översätt texten till svenska.\n\nHej.") == 1
    assert scoring.scaffolding_leaks("Skriv bara den nya texten. Läsbarhetskontrollen hittade detta") == 2
    assert scoring.scaffolding_leaks("Translate the text into English. Write only the translation.") == 2
    assert scoring.scaffolding_leaks("Du kan översätta texten till engelska om du vill.") == 0
