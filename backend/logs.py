"""Logging: one line per event, metadata only. No text, prompt, output or personal data, ever."""

from __future__ import annotations

import logging
import sys

_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure(level: str = "INFO") -> None:
    root = logging.getLogger()
    if not any(getattr(h, "_kollega", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._kollega = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
