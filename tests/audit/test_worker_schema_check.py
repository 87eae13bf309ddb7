"""`kollega serve` migrates the audit store once, before the workers start; a worker only checks the schema.

A worker that finds the store behind this release refuses to start with a message saying what to run,
rather than migrating it itself (backend/wsgi.py builds the app with migrate=False).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backend import create_app
from backend.audit import AuditStore
from backend.migrations import head
from backend.settings import ConfigError
from tests.conftest import make_settings
from tests.fakes import ScriptedEngine


def test_a_store_behind_this_release_is_refused_with_what_to_run(database_url: str) -> None:
    store = AuditStore(database_url)
    try:
        with pytest.raises(ConfigError) as caught:
            store.require_current()
        assert caught.value.name == "KOLLEGA_DATABASE_URL"
        assert "revision none" in str(caught.value) and "kollega db upgrade" in str(caught.value)
        assert store.upgrade() == head()
        store.require_current()
    finally:
        store.close()


def test_a_worker_app_checks_and_does_not_migrate(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "instance", tmp_path / "no-model")
    with pytest.raises(ConfigError, match="KOLLEGA_DATABASE_URL"):
        create_app(settings, engine=ScriptedEngine(["svar"]), migrate=False)
    store = AuditStore(settings.database_uri)
    try:
        with pytest.raises(ConfigError):
            store.require_current()  # the refused worker left the store as it was
    finally:
        store.close()
    create_app(settings, engine=ScriptedEngine(["svar"]))  # the supervisor's (and tests') path migrates
    app = create_app(settings, engine=ScriptedEngine(["svar"]), migrate=False)
    assert app.extensions["kollega"].audit.ping()
