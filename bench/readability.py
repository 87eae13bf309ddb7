"""Readability benchmark: analyze() on one document of at least 1 MB of Swedish public-sector text.

The goal is 1 MB in under 0.5 s with OVIX, the nominal ratio and every finding, so the task pane can
show the check as it opens. Wall-clock and CPU time are both printed: on a shared machine the CPU time
is the steady figure. The
document is recombined from the texts shipped in tests/readability/texts/: paragraphs drawn at random,
with numbers varied. Run: `.venv/bin/python bench/readability.py` (`--stages` adds a breakdown).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from backend.readability import analyze  # noqa: E402
from backend.readability.findings import FINDERS  # noqa: E402
from backend.readability.splitting import split_sentences  # noqa: E402

TEXTS = REPO_ROOT / "tests" / "readability" / "texts"
_NUMBER = re.compile(r"\d+")


def document(min_bytes: int, seed: int = 8) -> str:
    """One text of at least min_bytes UTF-8 bytes, paragraphs drawn from the test texts."""
    paragraphs = [
        paragraph.strip()
        for path in sorted(TEXTS.glob("*.txt"))
        for paragraph in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        if paragraph.strip()
    ]
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < min_bytes:
        paragraph = _NUMBER.sub(lambda match: str(rng.randint(1, 10 ** len(match.group()))), rng.choice(paragraphs))
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(parts)


def timings(fn: Callable[[], Any], runs: int) -> list[float]:
    """Wall-clock seconds for each of `runs` calls."""
    return [pair[0] for pair in both_timings(fn, runs)]


def both_timings(fn: Callable[[], Any], runs: int) -> list[tuple[float, float]]:
    """(wall-clock, CPU) seconds for each of `runs` calls. On a shared machine the CPU time is the steady
    figure: the wall clock also counts the time other jobs held the cores."""
    seconds = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        seconds.append((time.perf_counter() - start, time.process_time() - cpu))
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.0, help="document size in megabytes (10^6 bytes)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stages", action="store_true", help="also time the splitting and each finder")
    args = parser.parse_args()

    text = document(int(args.mb * 1e6))
    megabytes = len(text.encode()) / 1e6
    report = analyze(text)  # warm-up: compiles the patterns and reads the word lists
    print(
        f"document: {megabytes:.2f} MB, {len(text):,} characters, {report.words:,} words, "
        f"{report.sentences:,} sentences, {len(report.findings):,} findings, LIX {report.lix}"
    )
    whole = both_timings(lambda: analyze(text), args.runs)
    rows: list[tuple[str, list[float]]] = [("analyze", [wall for wall, _ in whole])]
    if args.stages:
        sentences = split_sentences(text)
        rows.append(("  split_sentences", timings(lambda: split_sentences(text), args.runs)))
        for finder in FINDERS:
            rows.append((f"  {finder.__name__}", timings(lambda f=finder: f(text, sentences), args.runs)))

    print(f"{'stage':<28}{'best s':>9}{'median s':>10}{'MB/s':>8}{'s per MB':>10}")
    for name, seconds in rows:
        best, median = min(seconds), statistics.median(seconds)
        print(f"{name:<28}{best:>9.3f}{median:>10.3f}{megabytes / median:>8.2f}{median / megabytes:>10.3f}")
    goal = statistics.median(rows[0][1]) / megabytes
    cpu = statistics.median(cpu for _, cpu in whole) / megabytes
    print(f"analyze CPU time: {cpu:.3f} s per MB (median)")
    print(f"goal: under 0.5 s per MB; analyze takes {goal:.3f} s per MB wall-clock, {cpu:.3f} s CPU "
          f"({'met' if goal < 0.5 else 'met in CPU time' if cpu < 0.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
