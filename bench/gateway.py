"""Gateway overhead: time to first token for a summary on instance A alone, and on instance B whose engine
is A's OpenAI-compatible gateway. Same model, same text, measured side by side in one run."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.modelfiles import ensure_test_model
from backend.settings import REPO_ROOT
from tests.conftest import ServerProcess

TEXT = ("Hej! Mötet med Anna Svensson (070-123 45 67) om hemtjänstens schema flyttas till torsdag kl. 13. "
        "Ta med underlag om bemanningen i sommar.")
LIMITS = {"KOLLEGA_RATE_LIMIT_GENERATE": "100000/minute", "KOLLEGA_RATE_LIMIT_API": "100000/minute",
          "KOLLEGA_LOG_LEVEL": "warning"}


def ttft(url: str, token: str) -> float:
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    with httpx.stream("POST", f"{url}/api/v1/summarize", json={"text": TEXT, "length": "short"}, headers=headers,
                      timeout=60) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line == "event: delta":
                return time.perf_counter() - started
    raise RuntimeError("no delta")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    model = ensure_test_model(REPO_ROOT / "instance" / "models" / "small", "small")
    with tempfile.TemporaryDirectory() as tmp:
        a = ServerProcess(Path(tmp) / "a", model, KOLLEGA_ENGINE_PROCESSES="1", **LIMITS)
        a.wait_ready(120)
        b = ServerProcess(Path(tmp) / "b", model, KOLLEGA_ENGINE_URL=f"{a.url}/v1",
                          KOLLEGA_ENGINE_API_KEY=a.token("Instance B"), KOLLEGA_ENGINE_MODEL="kollega",
                          KOLLEGA_ENGINE_CONTEXT_LENGTH="4096",
                          KOLLEGA_ENGINE_TOKENIZER=str(model / "tokenizer.json"), **LIMITS)
        try:
            b.wait_ready(60)
            token_a, token_b = a.token(), b.token()
            ttft(a.url, token_a), ttft(b.url, token_b)  # warm-up
            alone, through = [], []
            for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
                alone.append(ttft(a.url, token_a))
                through.append(ttft(b.url, token_b))
        finally:
            b.stop()
            a.stop()
    a50, b50 = statistics.median(alone), statistics.median(through)
    print(f"\ntime to first token, median of {args.runs} (small test model)")
    print(f"instance A alone:            {a50 * 1000:7.1f} ms")
    print(f"instance B through A's /v1:  {b50 * 1000:7.1f} ms  ({(b50 / a50 - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
