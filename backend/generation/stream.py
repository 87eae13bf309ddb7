"""The stream of one generation as the HTTP layer reads it. It owns closing and finishing.

Iterate it for events (Meta first). Close it, or leave it as a context manager, when the client has
gone or the answer is written: closing cancels the engine's work and writes the audit entry, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType

from backend.generation.events import Done, Failed, Meta, StreamEvent
from backend.generation.recorder import Recording


class GenerationStream:
    def __init__(self, meta: Meta, events: Iterator[StreamEvent], recording: Recording) -> None:
        self.meta = meta
        self._events = events
        self._recording = recording

    def __iter__(self) -> Iterator[StreamEvent]:
        yield self.meta
        try:
            for event in self._events:
                self._recording.observe(event)
                yield event
                if isinstance(event, (Done, Failed)):
                    return
        finally:
            self.close()

    def close(self) -> None:
        """Cancel what is still running and write the audit entry; safe to call more than once."""
        close = getattr(self._events, "close", None)
        if close is not None:
            close()  # a plan's generators close their engine streams in their own `finally`
        self._recording.finish()

    def __enter__(self) -> GenerationStream:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
