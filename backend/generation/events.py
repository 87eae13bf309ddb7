"""What a generation stream carries to the HTTP layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backend.problems import Problem


@dataclass(frozen=True)
class Meta:
    request_id: str
    redactions: dict[str, int]


@dataclass(frozen=True)
class Progress:
    part: int
    parts: int


@dataclass(frozen=True)
class Delta:
    text: str = field(repr=False)


@dataclass(frozen=True)
class Done:
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Citations:
    """An answer's checked sources (ask): sent as `event: citations` before done."""

    citations: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Revision:
    """The text streamed so far is replaced: the revised text follows as new deltas (lättläst's revise round)."""

    round: int
    findings: int
    readability: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Failed:
    problem: Problem


# A quiet moment: nothing new, but the HTTP layer may flush and check its client.
Tick = None

StreamEvent = Meta | Progress | Delta | Citations | Revision | Done | Failed | None
