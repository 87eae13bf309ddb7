"""Time on pathological inputs beside ordinary text of the same length: redaction, readability, threads.

    .venv/bin/python bench/pathological.py [--chars 100000] [--only NAME ...]

Each input of tests/pathological/pathological_inputs.py (runs of spaces, full stops, digits,
capitalised words, hyphens, sign-offs, "Hej"/"Mvh" then spaces, ...) is given to the redactor,
the readability analysis and the thread parser, one after the other in this process, and the CPU
time of each is set beside the time the same step takes on ordinary office text of the same
length. A ratio near 1 (or below) is what linear patterns give; a quadratic one shows as
hundreds. The last line sums it up as key=value figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "pathological")]

from pathological_inputs import INPUTS, KNOWN_SLOW, normal_text  # noqa: E402

from backend import readability  # noqa: E402
from backend.graph.thread import strip_quoted  # noqa: E402
from backend.redaction import get_redactor  # noqa: E402


def steps() -> dict[str, Callable[[str], object]]:
    redactor = get_redactor()
    return {
        "redact": redactor.redact,
        "readability": lambda t: readability.findings_for_prompt(readability.analyze(t), t),
        "thread": strip_quoted,
    }


def cpu(step: Callable[[str], object], text: str) -> float:
    start = time.process_time()
    step(text)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--only", nargs="*", help="input names to run (default: all)")
    args = parser.parse_args(argv)
    run = steps()
    for step in run.values():  # load the lists and compile the patterns before timing
        step("Hej Anna! Ring 070-123 45 67.\nMvh Erik")
    normal = normal_text(args.chars)
    base = {name: max(cpu(step, normal), 1e-4) for name, step in run.items()}
    print(f"{'input':40} " + " ".join(f"{name:>18}" for name in run))
    print(f"{'ordinary text (s)':40} " + " ".join(f"{base[name]:>17.3f}s" for name in run))
    catalogue = {**INPUTS, **{f"{k} (known slow)": v for k, v in KNOWN_SLOW.items()}}
    worst: dict[str, tuple[float, str]] = {name: (0.0, "") for name in run}
    for label, make in catalogue.items():
        if args.only and label not in args.only:
            continue
        text = make(args.chars)
        cells = []
        for name, step in run.items():
            seconds = cpu(step, text)
            ratio = seconds / base[name]
            if ratio > worst[name][0] and "known slow" not in label:
                worst[name] = (ratio, label)
            cells.append(f"{seconds:>7.3f}s {ratio:>6.1f}x")
        print(f"{label[:40]:40} " + " ".join(f"{c:>18}" for c in cells), flush=True)
    print(" ".join(f"{name}_worst_ratio={worst[name][0]:.1f}" for name in run) + f" chars={args.chars}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
