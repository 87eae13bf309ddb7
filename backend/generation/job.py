"""One user request after validation: who asked, from where, with which options and corrections."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from backend.auth.principal import Principal
from backend.redaction.corrections import Corrections


@dataclass
class Job:
    feature: str
    principal: Principal
    host: str
    # The task's options as validated strings: kind, length, language, tone, goal, instruction, ...
    options: dict[str, str]
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    # The user's corrections of the preview, per text field ("text", "instruction", "context").
    corrections: dict[str, Corrections] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def elapsed(self) -> float:
        return time.monotonic() - self.started
