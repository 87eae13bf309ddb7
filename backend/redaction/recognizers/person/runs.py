"""Runs of capitalised words: a name is one run ("Carl von Essen", "K. Nyström"), or part of one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ...text import WORD_RE, Word
from .context import JOIN_AFTER, JOIN_BEFORE
from .tokens import BLOCKED, INITIAL, NAMELIKE, PARTICLE, Tok
from .words import LISTS, PARTICLE_GAP, PARTICLE_GAP_MAX

_PARTICLE_FIRST: Final = frozenset(p[0] for p in LISTS["particles"])
# Longer runs of capitalised words are headlines or text in capitals: no name has more parts.
MAX_RUN: Final = 8


def particle_gap(gap: str) -> bool:
    """Whether PARTICLE_GAP.fullmatch(gap): tried only on a gap that could be one, a blank, a particle's
    first letter, and a blank at its end (most gaps are a stretch of lower-case text)."""
    return (3 <= len(gap) <= PARTICLE_GAP_MAX and gap[0] in " \u00a0" and gap[-1] in " \u00a0"
            and gap[1] in _PARTICLE_FIRST and PARTICLE_GAP.fullmatch(gap) is not None)


def runs(text: str, toks: list[Tok]) -> Iterator[list[Tok]]:
    """Tokens joined by one space, an initial's full stop, or lower-case particles."""
    run: list[Tok] = []
    for t in toks:
        if run:
            prev = run[-1]
            gap = text[prev.word.end:t.word.start]
            joined = gap in (" ", "\u00a0") or (prev.cls == INITIAL and gap in (".", ". ", ".\u00a0", ".-"))
            if not joined and particle_gap(gap):
                # "Carl von Essen", "Maria de la Cruz": the particles join the run.
                for pm in WORD_RE.finditer(gap):
                    pw = Word(prev.word.end + pm.start(), prev.word.end + pm.end(), pm.group(), pm.group())
                    run.append(Tok(pw, PARTICLE, pm.group(), False, 0, False))
                joined = True
            if not joined:
                yield run
                run = []
        if t.cls == PARTICLE and not run:
            continue
        run.append(t)
    if run:
        yield run


def split(run: list[Tok]) -> Iterator[list[Tok]]:
    """The parts of a run between its blocked words ("Skoda Octavia", "Region Halland")."""
    part: list[Tok] = []
    for t in run:
        if t.cls == BLOCKED:
            if part:
                yield part
            part = []
        else:
            part.append(t)
    if part:
        yield part


def coordinated(text: str, found_starts: set[int], found_ends: set[int],
                rejected: list[list[Tok]]) -> Iterator[list[Tok]]:
    """Rejected parts joined by "och" or a comma to a found name are names too ("Lena och Thembeka")."""
    for part in rejected:
        names = [t for t in part if t.cls in NAMELIKE]
        first, last = part[0].word, part[-1].word
        if len(names) < len(part) or any(t.word.upper or not t.word.raw[1:].islower() for t in names):
            continue  # only words that could all be names: "Stora Kyrkogatan" is not
        # A found name and this part may only be joined by "och" or a comma: at most 6 characters.
        before = JOIN_BEFORE.search(text, max(0, first.start - 8), first.start)
        after = JOIN_AFTER.match(text, last.end)
        if (before and before.start() in found_ends) or (after and after.end() in found_starts):
            yield part
