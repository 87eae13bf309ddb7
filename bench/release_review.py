"""Release-review benchmark: a 20-page document (about 60,000 characters) reviewed end to end.

The goal is under one second on this machine: the redactor's personal data plus the word
lists, the passages and the provisions, as POST /api/v1/release/review does it (without HTTP). The
document is recombined from the hand-marked test set (tests/release/corpus/): paragraphs drawn at
random, marks removed. Stages are measured side by side in one run, so their ratio holds even when
the machine is busy. Run: `.venv/bin/python bench/release_review.py [--chars N] [--runs N]`.
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

from backend.redaction import get_redactor  # noqa: E402
from backend.release import ReleaseReviewer, load_provisions  # noqa: E402

CORPUS = REPO_ROOT / "tests" / "release" / "corpus"


def document(min_chars: int, seed: int = 16) -> str:
    """One text of at least min_chars characters, paragraphs drawn from the test set."""
    paragraphs = [
        paragraph.strip().replace("[[", "").replace("]]", "")
        for path in sorted(CORPUS.glob("*.txt"))
        for paragraph in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").partition("\n")[2])
        if paragraph.strip()
    ]
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < min_chars:
        parts.append(rng.choice(paragraphs))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)


def timings(fn: Callable[[], Any], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=60_000, help="document size (default 60,000: 20 pages)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    text = document(args.chars)
    started = time.perf_counter()
    redactor = get_redactor()
    reviewer = ReleaseReviewer(load_provisions())
    redactor.redact("Uppvärmning.")
    build_s = time.perf_counter() - started
    entities = redactor.redact(text).entities

    def whole() -> None:
        reviewer.review(text, "social_services", redactor.redact(text).entities)

    stages = {
        "redactor (personal data)": timings(lambda: redactor.redact(text), args.runs),
        "word lists and passages": timings(lambda: reviewer.review(text, "social_services", entities), args.runs),
        "whole review": timings(whole, args.runs),
    }
    findings = reviewer.review(text, "social_services", entities)
    print(f"document: {len(text):,} characters, {len(text.split()):,} words; {len(findings):,} findings")
    print(f"start-up (lists and redactor built once per process): {build_s:.2f} s")
    whole_median = statistics.median(stages["whole review"])
    for name, seconds in stages.items():
        median = statistics.median(seconds)
        print(f"{name:<28} median {median * 1000:7.1f} ms  min {min(seconds) * 1000:7.1f} ms  "
              f"share {median / whole_median:5.0%}")
    print(f"goal: under 1 s for 20 pages -> {'met' if whole_median < 1 else 'NOT met'} ({whole_median:.3f} s)")


if __name__ == "__main__":
    main()
