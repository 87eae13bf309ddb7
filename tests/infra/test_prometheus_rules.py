"""infra/prometheus/kollega-rules.yaml: every metric and outcome it names exists in the code, and the
alerts fire on the series they are meant for (promtool, from Debian's prometheus package)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.settings import REPO_ROOT

RULES = REPO_ROOT / "infra" / "prometheus" / "kollega-rules.yaml"
SUFFIXES = re.compile(r"_(total|bucket|sum|count)$")


def rules() -> list[dict[str, Any]]:
    document = yaml.safe_load(RULES.read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def defined_metrics() -> set[str]:
    source = (REPO_ROOT / "backend" / "metrics.py").read_text()
    return set(re.findall(r'"(kollega_[a-z_]+)"', source))


def graph_outcomes() -> set[str]:
    """The outcome label values thread reads can have: "ok", the literals in api/thread.py, GraphError codes."""
    thread = (REPO_ROOT / "backend" / "api" / "thread.py").read_text()
    outcomes = set(re.findall(r'outcome = "([a-z_]+)"', thread))
    for path in (REPO_ROOT / "backend" / "graph").glob("*.py"):
        source = path.read_text()
        outcomes |= set(re.findall(r'GraphError\(\s*\d+,\s*"([a-z_]+)"', source))
        outcomes |= set(re.findall(r'super\(\).__init__\(\s*\w+,\s*"([a-z_]+)"', source))
        for pair in re.findall(r'code = "([a-z_]+)" if \w+ else "([a-z_]+)"', source):
            outcomes |= set(pair)
    return outcomes


def test_every_rule_is_complete() -> None:
    found = rules()
    assert len(found) >= 10
    for rule in found:
        assert {"alert", "expr", "labels", "annotations"} <= set(rule), rule.get("alert")
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"] and rule["annotations"]["action"]


def test_every_metric_named_exists() -> None:
    defined = defined_metrics()
    named = {m for rule in rules() for m in re.findall(r"\b(kollega_[a-z_]+)", rule["expr"])}
    assert named
    for name in named:
        assert SUFFIXES.sub("", name) in defined, f"{name} is not a metric in backend/metrics.py"


def test_the_graph_alerts_name_real_outcomes_and_see_a_rejected_credential() -> None:
    outcomes = graph_outcomes()
    assert {"ok", "graph_credential_rejected", "entra_unreachable", "claims_challenge"} <= outcomes
    exprs = {rule["alert"]: rule["expr"] for rule in rules()}
    assert 'outcome="graph_credential_rejected"' in exprs["KollegaGraphCredentialRejected"]
    for expr in exprs.values():
        for match in re.findall(r'outcome!?[=~]+"([^"]+)"', expr):
            for value in match.split("|"):
                if "kollega_graph_calls" in expr:
                    assert value in outcomes, f"{value} is not an outcome the code counts"


def test_the_credential_alerts_use_the_expiry_metric() -> None:
    exprs = {rule["alert"]: rule["expr"] for rule in rules()}
    assert "kollega_entra_credential_expiry_timestamp_seconds" in exprs["KollegaEntraCredentialExpiresSoon"]
    assert "30 * 86400" in exprs["KollegaEntraCredentialExpiresSoon"]


@pytest.fixture(scope="module")
def promtool() -> str:
    found = shutil.which("promtool")
    if found is None:
        pytest.skip("promtool is not installed (Debian: apt-get install prometheus); `make test` installs it")
    return found


def test_promtool_accepts_the_rules(promtool: str) -> None:
    result = subprocess.run([promtool, "check", "rules", str(RULES)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(rules())} rules found" in result.stdout


def annotations(alert: str, **labels: str) -> dict[str, str]:
    rule = next(r for r in rules() if r["alert"] == alert)
    return {k: re.sub(r"\{\{ \$labels\.(\w+) \}\}", lambda m: labels[m.group(1)], v)
            for k, v in rule["annotations"].items()}


def test_the_alerts_fire_on_their_series(promtool: str, tmp_path: Path) -> None:
    """promtool's rule unit tests: series in, alerts out (time starts at 0 in a rule test)."""
    base = {"job": "kollega", "instance": "kollega-1"}
    day = 86400
    cases: list[dict[str, Any]] = [
        {
            "interval": "1m",
            "input_series": [
                # A secret that expires 20 days from now, a certificate 90 days from now.
                {"series": 'kollega_entra_credential_expiry_timestamp_seconds{credential="secret",job="kollega",'
                           'instance="kollega-1"}', "values": f"{20 * day}x30"},
                {"series": 'kollega_entra_credential_expiry_timestamp_seconds{credential="certificate",'
                           'job="kollega",instance="kollega-1"}', "values": f"{90 * day}x30"},
            ],
            "alert_rule_test": [
                {"eval_time": "10m", "alertname": "KollegaEntraCredentialExpiresSoon", "exp_alerts": [{
                    "exp_labels": {**base, "credential": "secret", "severity": "warning"},
                    "exp_annotations": annotations("KollegaEntraCredentialExpiresSoon", credential="secret"),
                }]},
                {"eval_time": "10m", "alertname": "KollegaEntraCredentialExpiresVerySoon", "exp_alerts": []},
            ],
        },
        {
            "interval": "1m",
            "input_series": [
                # Every thread read fails with a rejected credential (answered 502) from minute 5.
                {"series": 'kollega_graph_calls_total{outcome="graph_credential_rejected",job="kollega",'
                           'instance="kollega-1"}', "values": "0x5 1+2x20"},
                {"series": 'kollega_graph_calls_total{outcome="ok",job="kollega",instance="kollega-1"}',
                 "values": "40x25"},
            ],
            "alert_rule_test": [
                {"eval_time": "4m", "alertname": "KollegaGraphCredentialRejected", "exp_alerts": []},
                {"eval_time": "10m", "alertname": "KollegaGraphCredentialRejected", "exp_alerts": [{
                    "exp_labels": {**base, "outcome": "graph_credential_rejected", "severity": "critical"},
                    "exp_annotations": annotations("KollegaGraphCredentialRejected"),
                }]},
                {"eval_time": "25m", "alertname": "KollegaGraphFailing", "exp_alerts": [{
                    "exp_labels": {"severity": "warning"},
                    "exp_annotations": annotations("KollegaGraphFailing"),
                }]},
            ],
        },
        {
            "interval": "1m",
            "input_series": [
                # Not-found conversations and claims challenges are the users' business, not an outage.
                {"series": 'kollega_graph_calls_total{outcome="conversation_not_found",job="kollega",'
                           'instance="kollega-1"}', "values": "0+5x30"},
                {"series": 'kollega_graph_calls_total{outcome="ok",job="kollega",instance="kollega-1"}',
                 "values": "0+1x30"},
            ],
            "alert_rule_test": [{"eval_time": "30m", "alertname": "KollegaGraphFailing", "exp_alerts": []}],
        },
    ]
    shutil.copyfile(RULES, tmp_path / RULES.name)
    test_file = tmp_path / "kollega-rules.test.yaml"
    test_file.write_text(yaml.safe_dump({"rule_files": [RULES.name], "evaluation_interval": "1m", "tests": cases}))
    result = subprocess.run([promtool, "test", "rules", str(test_file)], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
