"""Names of every origin: the trained name model, its held-out corpus and the rules around it.

The corpus thresholds are floors under the figures in docs/redaction.md, measured on text the model never trained on
(holdout_corpus.txt: held-out names and templates; hard_names.txt: written by hand).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from holdout_corpus import CORPUS, TEMPLATES, generate, holdout_pools
from redaction_corpus import HERE, Doc, Score, parse_marked_file, score

from backend.redaction import Redactor
from backend.redaction.names import train
from backend.redaction.names.model import MODEL_PATH, NameModel
from backend.redaction.names.templates import NEGATIVE_SENTENCES as TRAIN_NEGATIVES
from backend.redaction.names.templates import TEMPLATES as TRAIN_TEMPLATES
from backend.redaction.recognizers.person import PersonRecognizer
from backend.settings import REPO_ROOT

# Identifier forms that recognizers outside this work miss today (rural and Finnish addresses,
# spaced plusgiro, lower-case plates: work on another branch). The goal is 0.98; this floor
# keeps the figure from falling while that work lands.
IDENTIFIER_FLOOR = 0.97
# Measured 0.943 on the held-out corpus before round 13 and 0.955 after; the goal is 0.95.
# The floor keeps the figure from falling below the goal.
NAME_FLOOR = 0.95


def _run(redactor: Redactor, docs: list[Doc]) -> Score:
    return score(docs, [redactor.redact(d.text).to_json() for d in docs])


def _report(s: Score) -> str:
    return f"misses {s.misses[:30]}; false positives {s.false_positives[:30]}"


def _names(redactor: Redactor, text: str) -> list[str]:
    return [text[e.start:e.end] for e in redactor.redact(text).entities if e.type == "PERSON"]


# -- the shipped model ------------------------------------------------------------------------

def test_shipped_model_loads_and_is_small() -> None:
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size <= 20 * 1024 * 1024
    model = PersonRecognizer().model
    assert isinstance(model, NameModel)
    assert model.weights.labels == ("O", "B-PER", "I-PER")
    assert len(model.weights.state) > 500


def test_model_finds_a_name_the_rules_leave_open() -> None:
    rules = PersonRecognizer(load_model=False)
    both = PersonRecognizer()
    # Initials before a verb: no rule covers them (the rules take initials after "/", "Sign." or a
    # minutes header), the model's context features do.
    text = "Samtal med mamman om skolgången.\nAnteckning: AK ringde tillbaka.\n"
    from backend.redaction.text import Document

    def spans(rec: PersonRecognizer) -> set[str]:
        return {text[c.start:c.end] for c in rec.find(Document(text))}

    assert spans(both) - spans(rules) == {"AK"}


def test_missing_model_file_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make name-model"):
        NameModel(PersonRecognizer(load_model=False).featurizer, path=tmp_path / "none.crfsuite")


def test_training_is_deterministic(tmp_path: Path) -> None:
    a = train.train(120, seed=5, out=tmp_path / "a.crfsuite", iterations=15)
    b = train.train(120, seed=5, out=tmp_path / "b.crfsuite", iterations=15)
    c = train.train(120, seed=6, out=tmp_path / "c.crfsuite", iterations=15)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


# -- held out: never evaluate on what was trained on -----------------------------------------

def test_holdout_names_and_templates_are_not_trained_on() -> None:
    pools = train.training_pools()
    trained = {n.casefold() for table in (pools.first, pools.last) for names in table.values() for n in names}
    held = holdout_pools()
    held_names = {n.casefold() for table in (held.first, held.last) for names in table.values() for n in names}
    assert held_names and not (trained & held_names)
    assert not set(TEMPLATES) & set(TRAIN_TEMPLATES)
    sentences = {s.strip() for t in TRAIN_TEMPLATES + TRAIN_NEGATIVES for s in re.split(r"[.\n!?]", t) if len(s) > 25}
    assert not any(s in t for s in sentences for t in TEMPLATES)


def test_committed_corpus_is_the_seeded_generator_output() -> None:
    docs = parse_marked_file(CORPUS)
    assert len(docs) >= 1000
    regenerated = generate()
    assert [d.id for d in docs] == [doc_id for doc_id, _ in regenerated]
    kinds = {t for d in docs for _, _, t, _ in d.gold}
    assert {"PERSON", "PERSONNUMMER", "PHONE", "EMAIL", "ADDRESS", "BANK", "PLATE"} <= kinds


def test_holdout_corpus(redactor: Redactor) -> None:
    s = _run(redactor, parse_marked_file(CORPUS))
    assert s.total["PERSON"] >= 4000
    assert s.name_recall >= NAME_FLOOR, _report(s)
    assert s.fp_per_kword <= 3.0, _report(s)
    assert s.identifier_recall >= IDENTIFIER_FLOOR, _report(s)


def test_handwritten_hard_names(redactor: Redactor) -> None:
    docs = parse_marked_file(HERE / "hard_names.txt")
    s = _run(redactor, docs)
    assert len(docs) >= 30 and s.total["PERSON"] >= 80
    assert s.name_recall >= 0.95, _report(s)
    assert s.fp_per_kword <= 3.0, _report(s)


def test_fresh_handwritten_names(redactor: Redactor) -> None:
    # Round 13's held-out text: other people, origins and phrasings, written before the rules it measures.
    docs = parse_marked_file(HERE / "fresh_names.txt")
    s = _run(redactor, docs)
    assert len(docs) >= 40 and s.total["PERSON"] >= 80
    assert s.name_recall >= 0.95, _report(s)
    assert s.fp_per_kword <= 1.0, _report(s)


def test_dev_corpus_stays_perfect(shared: Path) -> None:
    cmd = f"{sys.executable} -m backend.redaction --jsonl"
    proc = subprocess.run([sys.executable, str(shared / "tools" / "pii_eval.py"), str(shared / "pii" / "dev.txt"),
                           "--cmd", cmd], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = dict(re.findall(r"(\w+)=([\d.]+)", proc.stdout.splitlines()[-1]))
    assert float(figures["recall_identifiers"]) == 1.0, proc.stdout
    assert float(figures["recall_names"]) == 1.0, proc.stdout
    assert float(figures["fp_per_kword"]) == 0.0, proc.stdout


# -- forms that are easy to miss ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Vilja har ingen vilja att flytta.", "Vilja"),
    ("Samtalet med Dag gick bra, dag för dag blir det bättre.", "Dag"),
    ("Från: Lindholm Karin\nTill: Socialtjänsten", "Lindholm Karin"),
    ("Till: Lindholm, Karin; Berg, Olle", "Lindholm, Karin"),
    ("Sign. LG", "LG"),
    ("Antecknat av: FA", "FA"),
    ("Vi ses i morgon.\n/AK", "AK"),
    ("@Mikaela H kan du kolla schemat?", "Mikaela H"),
    ("Agnieszka Nowak, född Wiśniewska, har ansökt.", "Wiśniewska"),
    ("ok säg till amir att jocke kommer", "amir"),
    ("Mvh\nJocke", "Jocke"),
    ("Hodan Warsame kom med sonen.", "Hodan Warsame"),
    ("Somchai Srisuk ringde om tiden.", "Somchai Srisuk"),
])
def test_issue_forms_are_masked(redactor: Redactor, text: str, name: str) -> None:
    found = _names(redactor, text)
    assert any(name in f for f in found), found


@pytest.mark.parametrize("text", [
    "Hon vårdas på Astrid Lindgrens barnsjukhus.",
    "Sonen går på Raoul Wallenbergskolan.",
    "Mamman arbetar på Sophiahemmet.",
    "Köp batterier på Clas Ohlson eller Kjell & Company.",
    "Hemtjänsten kör en Skoda Octavia och en Renault Zoe.",
    "Hon frågar Siri om vädret, dottern har köpt en Alexa.",
    "Möte i Eken kl 10, sedan i Linden.",
    "Han har Parkinsons.",
    "Anmälan enligt lex Sarah skickas på måndag i maj.",
    "Beslut enligt 4 kap. 1 § SoL, dnr SN 2025/0412, belopp 3 450 kr.",
    "Stig in, sa hon. Storm väntas i helgen.",
    "Träffen hålls på Stig Dagermans park.",
    "Vi har köpt en ny Hyundai Kona.",
])
def test_things_named_after_people_stay(redactor: Redactor, text: str) -> None:
    assert _names(redactor, text) == []


def test_a_model_name_shares_its_placeholder_with_its_mentions(redactor: Redactor) -> None:
    text = "Tolk bokad för Tsegereda Measho. Tsegereda vill ha en kvinnlig tolk."
    result = redactor.redact(text)
    tags = {text[e.start:e.end]: e.placeholder for e in result.entities if e.type == "PERSON"}
    assert tags.get("Tsegereda") == tags.get("Tsegereda Measho") is not None
