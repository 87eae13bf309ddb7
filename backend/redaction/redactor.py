"""The redactor (built once per process) and the session (one per request)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from .base import Recognizer
from .corrections import CorrectionLedger, Corrections
from .entities import Candidate, Redaction
from .errors import RedactionError
from .lexicon import load_lexicon
from .placeholders import PlaceholderBook
from .recognizers import (
    AddressRecognizer,
    BankRecognizer,
    EmailRecognizer,
    PersonnummerRecognizer,
    PersonRecognizer,
    PhoneRecognizer,
    PlateRecognizer,
)
from .registry import RecognizerRegistry
from .restore import StreamRestorer, placeholder_literals, restore_text
from .spans import merge, replace
from .text import Document, check_text


def default_recognizers(ner_model_path: Path | None = None) -> list[Recognizer]:
    """Every rule recognizer, plus the NER model when a folder is configured."""
    recognizers: list[Recognizer] = [
        PersonnummerRecognizer(),
        PhoneRecognizer(),
        EmailRecognizer(),
        AddressRecognizer(),
        BankRecognizer(),
        PlateRecognizer(),
    ]
    if ner_model_path is not None:
        from .recognizers.ner import NerRecognizer  # numpy and onnxruntime only when a model is set

        recognizers.append(NerRecognizer(ner_model_path))
    # Last, so that its coreference pass sees the names the model found too.
    recognizers.append(PersonRecognizer(load_lexicon()))
    return recognizers


class Redactor:
    """Finds personal data and replaces it with placeholders. Thread-safe; build it once."""

    def __init__(self, *, ner_model_path: Path | None = None, max_chars: int = 200_000) -> None:
        self.max_chars = max_chars
        self.registry = RecognizerRegistry(default_recognizers(ner_model_path))

    def __repr__(self) -> str:
        return f"Redactor({len(self.registry.recognizers)} recognizers, max_chars={self.max_chars})"

    def session(self) -> RedactionSession:
        return RedactionSession(self)

    def redact(self, text: str, corrections: Corrections | None = None) -> Redaction:
        return self.session().redact(text, corrections)

    def analyze(self, text: str) -> Document:
        """The checked text as a document: recognizers read its normalised view."""
        return Document.normalized(check_text(text, self.max_chars))


class RedactionSession:
    """One request's redactions: placeholder numbering and the map back live here, in memory only."""

    def __init__(self, redactor: Redactor) -> None:
        self._redactor = redactor
        self._book = PlaceholderBook()
        # A plain dict, not a Counter: building a Counter costs a Python-level __init__, for every request.
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._corrections = CorrectionLedger()

    def __repr__(self) -> str:
        return f"RedactionSession({len(self._book.values)} placeholders)"

    def redact(self, text: str, corrections: Corrections | None = None) -> Redaction:
        doc = self._redactor.analyze(text)
        try:
            found = self._redactor.registry.analyze(doc)
            literals = list(placeholder_literals(doc.text))
            spans = _in_original(doc, merge([*found, *literals]) if literals else found)
        except RedactionError:
            raise
        except Exception as exc:
            # Never fall back to the unmasked text, and never let the failing value reach a log
            # through the exception's message or its chain.
            raise RedactionError(f"detection failed ({type(exc).__name__})") from None
        with self._lock:
            # The user's corrections from the preview, and values masked in this request's earlier texts.
            spans = self._corrections.apply(text, spans, corrections)
            return replace(text, spans, self._book, self._counts)

    @property
    def placeholders(self) -> Mapping[str, str]:
        return MappingProxyType(self._book.values)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def learn(self, text: str, corrections: Corrections) -> None:
        """Values the user masked in a text this session redacts later: its earlier texts mask them too."""
        with self._lock:
            self._corrections.learn(text, corrections)

    def correction_counts(self) -> dict[str, dict[str, int]]:
        """The user's corrections by action and type (corrections.py); never values."""
        return self._corrections.counts()

    def restorer(self) -> StreamRestorer:
        return StreamRestorer(self._book.values)

    def restore(self, text: str) -> str:
        return restore_text(text, self._book.values)


def _in_original(doc: Document, spans: list[Candidate]) -> list[Candidate]:
    """The merged spans of the normalised view as spans of the original text.

    A canonical value (a genitive's stem) is read from the original too, where it is a prefix of
    the span, so that restoring gives back what the user wrote, not its normal form.
    """
    if doc.offsets is None:
        return spans
    out: list[Candidate] = []
    for c in spans:
        start, end = doc.original_span(c.start, c.end)
        canonical = c.canonical
        if canonical is not None and doc.text.startswith(canonical, c.start):
            canonical = doc.original[start:doc.original_span(c.start, c.start + len(canonical))[1]]
        mapped = Candidate(start, end, c.type, c.score, c.key, canonical, c.source)
        if out and start < out[-1].end:
            # Two spans that end and start inside one original character become one.
            last = out[-1]
            out[-1] = Candidate(last.start, max(last.end, end), last.type, max(last.score, c.score), last.key,
                                None, last.source)
        else:
            out.append(mapped)
    return out


_cache: dict[tuple[Path | None, int], Redactor] = {}
_cache_lock = threading.Lock()


def get_redactor(ner_model_path: Path | None = None, max_chars: int = 200_000) -> Redactor:
    """The process-wide redactor for these settings, built on first use."""
    with _cache_lock:
        key = (ner_model_path, max_chars)
        if key not in _cache:
            _cache[key] = Redactor(ner_model_path=ner_model_path, max_chars=max_chars)
        return _cache[key]
