"""Per-app objects the routes use, attached once by create_app."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from backend.audit import AuditStore
from backend.engine import Engine
from backend.generation.pipeline import Pipeline
from backend.settings import Settings


@dataclass
class Services:
    settings: Settings
    engine: Engine
    redactor: Any
    audit: AuditStore
    pipeline: Pipeline
    _graph: Any = None
    _graph_lock: threading.Lock = field(default_factory=threading.Lock)

    def on_behalf_of(self) -> Any:
        """The Graph on-behalf-of client, made on first use (only thread summaries need it)."""
        with self._graph_lock:
            if self._graph is None:
                from backend.graph.obo import OnBehalfOf

                self._graph = OnBehalfOf(self.settings, cache_key=self.settings.token_cache_key)
            return self._graph


def services() -> Services:
    found: Services = current_app.extensions["kollega"]
    return found
