"""What a generation stream carries to the HTTP layer."""

from __future__ import annotations

from dataclasses import dataclass, field

from backend.generation.errors import Refusal, refusal_code


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
    # Task-specific figures for the `done` event, such as a plain rewrite's LIX before and after.
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Citations:
    """An answer's checked sources (ask): sent as `event: citations` before done."""

    citations: tuple[dict[str, object], ...]


@dataclass(frozen=True)
class Revision:
    """The text streamed so far is replaced: the revised text follows as new deltas (lättläst's revise round)."""

    round: int
    findings: int
    readability: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Failed:
    """The stream ends with an error; backend/api/errors.py turns it into a problem object."""

    error: Refusal

    @property
    def code(self) -> str:
        return refusal_code(self.error)


@dataclass(frozen=True)
class Idle:
    """Nothing new for a moment: the HTTP layer may flush what it holds and check that its client is there."""


IDLE = Idle()

StreamEvent = Meta | Progress | Delta | Citations | Revision | Done | Failed | Idle
