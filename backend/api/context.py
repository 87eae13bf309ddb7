"""Per-app objects the routes use, attached once by create_app."""

from __future__ import annotations

from dataclasses import dataclass
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


def services() -> Services:
    found: Services = current_app.extensions["kollega"]
    return found
