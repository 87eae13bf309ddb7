"""The admin usage export: sums per UTC day, feature and host, checked against the inserted records."""

from __future__ import annotations

import csv
import io
import random
import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from backend import create_app
from backend.audit import AuditRecord, AuditStore
from backend.auth.dev import DEV_TENANT_ID
from tests.conftest import make_settings
from tests.fakes import ScriptedEngine

FEATURES = ("summarize", "draft", "rewrite", "redact")
HOSTS = ("outlook-read", "word", "api")
OUTCOMES = ("completed", "completed", "completed", "cancelled", "error:timeout", "rejected:busy", "started")
FIRST, LAST = date(2024, 3, 10), date(2024, 3, 12)


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Flask:
    env = {"KOLLEGA_DATABASE_URL": database_url} if database_url.startswith("postgresql") else {}
    settings = make_settings(tmp_path / "instance", tmp_path / "no-model", **env)
    return create_app(settings, engine=ScriptedEngine(["Kort ", "svar."]))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def bearer(app: Flask, roles: list[str] | None = None) -> dict[str, str]:
    # Dev tokens carry no role unless asked for; these tests are the administrator unless told otherwise.
    admin = ["Kollega.Admin"] if roles is None else roles
    token = app.extensions["kollega.auth"].dev_tokens.issue("Admin", roles=admin)
    return {"Authorization": f"Bearer {token}"}


def store(app: Flask) -> AuditStore:
    found: AuditStore = app.extensions["kollega"].audit
    return found


def insert_records(app: Flask) -> list[AuditRecord]:
    """Records spread over five days, two tenants, every feature, host and kind of outcome."""
    rng = random.Random(6)
    base = datetime(2024, 3, 9, tzinfo=UTC)
    times = [base + timedelta(seconds=rng.randrange(5 * 86400)) for _ in range(300)]
    # Right at the edges of the period: the first and last are outside it, the middle two inside.
    times += [datetime(2024, 3, 9, 23, 59, 59, 999999, UTC), datetime(2024, 3, 10, tzinfo=UTC),
              datetime(2024, 3, 12, 23, 59, 59, 999000, UTC), datetime(2024, 3, 13, tzinfo=UTC)]
    records = [
        AuditRecord(
            created_at=moment, request_id=f"r{n}", tenant_id=DEV_TENANT_ID if rng.random() < 0.85 else "other",
            user_id=f"u{rng.randrange(5)}", feature=rng.choice(FEATURES), host=rng.choice(HOSTS), engine="scripted",
            prompt_tokens=rng.randrange(2000), completion_tokens=rng.randrange(500),
            redactions={kind: rng.randrange(4) for kind in rng.sample(["PERSON", "EMAIL", "PHONE"], rng.randrange(3))},
            latency_ms=rng.randrange(1, 20_000), ttft_ms=None, outcome=rng.choice(OUTCOMES),
        )
        for n, moment in enumerate(times)
    ]
    for record in records:
        record.redactions_total = sum(record.redactions.values())
    with Session(store(app).engine, expire_on_commit=False) as session, session.begin():
        session.add_all(records)
    return records


def expected_rows(records: list[AuditRecord]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], list[AuditRecord]] = defaultdict(list)
    for r in records:
        if r.tenant_id == DEV_TENANT_ID and FIRST <= r.created_at.date() <= LAST:
            groups[(r.created_at.date().isoformat(), r.feature, r.host)].append(r)
    return [
        {
            "day": day, "feature": feature, "host": host, "requests": len(rs),
            "completed": sum(r.outcome == "completed" for r in rs),
            "errors": sum(r.outcome.startswith(("error:", "rejected:")) for r in rs),
            "cancelled": sum(r.outcome == "cancelled" for r in rs),
            "prompt_tokens": sum(r.prompt_tokens for r in rs),
            "completion_tokens": sum(r.completion_tokens for r in rs),
            "redactions": sum(sum(r.redactions.values()) for r in rs),
            "p50_latency_ms": round(statistics.median(r.latency_ms for r in rs)),
        }
        for (day, feature, host), rs in sorted(groups.items())
    ]


def in_stockholm_time(app: Flask, database_url: str) -> None:
    """Give PostgreSQL sessions a non-UTC zone: days must still be UTC days."""
    if database_url.startswith("postgresql"):
        engine = store(app).engine
        with engine.connect() as connection:
            connection.exec_driver_sql(
                f"ALTER DATABASE {make_url(database_url).database} SET timezone TO 'Europe/Stockholm'")
            connection.commit()
        engine.dispose()


def test_csv_aggregates_per_day_feature_and_host(app: Flask, client: FlaskClient, database_url: str) -> None:
    in_stockholm_time(app, database_url)
    expected = expected_rows(insert_records(app))
    response = client.get("/api/v1/admin/usage.csv?from=2024-03-10&to=2024-03-12", headers=bearer(app))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="kollega-usage-2024-03-10-2024-03-12.csv"')
    body = response.get_data(as_text=True)
    assert body.splitlines()[0] == ("day,feature,host,requests,completed,errors,cancelled,prompt_tokens,"
                                    "completion_tokens,redactions,p50_latency_ms")
    rows = [{k: v if k in ("day", "feature", "host") else int(v) for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(body))]
    assert len(expected) > 30
    assert rows == expected
    assert {r["day"] for r in rows} == {"2024-03-10", "2024-03-11", "2024-03-12"}


def test_json_twin_has_the_same_rows(app: Flask, client: FlaskClient) -> None:
    expected = expected_rows(insert_records(app))
    response = client.get("/api/v1/admin/usage?from=2024-03-10&to=2024-03-12", headers=bearer(app))
    assert response.status_code == 200
    body = response.get_json()
    assert (body["from"], body["to"], body["time_zone"]) == ("2024-03-10", "2024-03-12", "UTC")
    assert body["rows"] == expected


def test_requests_through_the_api_are_counted(app: Flask, client: FlaskClient) -> None:
    admin = bearer(app)
    answer = client.post("/api/v1/summarize", json={"text": "Ring Anna Svensson på 070-123 45 67 i morgon."},
                         headers={**admin, "X-Kollega-Host": "word"})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    response = client.get("/api/v1/admin/usage", headers=admin)  # the last 30 days up to today
    today = datetime.now(UTC).date()
    assert response.get_json()["from"] == (today - timedelta(days=29)).isoformat()
    [row] = response.get_json()["rows"]
    assert (row["day"], row["feature"], row["host"]) == (today.isoformat(), "summarize", "word")
    assert (row["requests"], row["completed"], row["errors"], row["completion_tokens"]) == (1, 1, 0, 2)
    assert row["redactions"] >= 2


@pytest.mark.parametrize("path", ["/api/v1/admin/usage.csv", "/api/v1/admin/usage"])
def test_only_administrators_may_export(app: Flask, client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 401
    response = client.get(path, headers=bearer(app, roles=[]))
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert client.get(path, headers=bearer(app, roles=["Kollega.Reader"])).status_code == 403
    assert client.get(path, headers=bearer(app)).status_code == 200


@pytest.mark.parametrize("query", [
    "from=2024-02-30", "from=2024-1-1", "to=yesterday", "from=20240101", "from=2024-03-12&to=2024-03-10",
    "from=2023-01-01&to=2024-01-02",
])
def test_bad_periods_are_422(app: Flask, client: FlaskClient, query: str) -> None:
    response = client.get(f"/api/v1/admin/usage.csv?{query}", headers=bearer(app))
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["code"] == "validation" and problem["errors"]
