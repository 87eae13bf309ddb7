"""`python -m backend.redaction [--jsonl]`: the same as `kollega redact`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
