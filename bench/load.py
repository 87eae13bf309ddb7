"""Load test: N concurrent clients for T seconds against a real `kollega serve` with the small test model.

Overload is part of the test: by default N is twice what the server can hold (runner slots plus queue),
so some requests must be refused. Every request must end as a completed stream or a 429/503 with
Retry-After; anything else (another 5xx, a cut or hung stream) is a failure. Prints requests by
outcome, time to first token p50/p95, tokens/s, and the server's memory at start and end.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.modelfiles import ensure_test_model
from backend.settings import REPO_ROOT
from tests.conftest import ServerProcess

TEXT = (
    "Hej! Vi behöver boka ett möte om den nya rutinen för hemtjänsten. Anna Svensson (070-123 45 67) "
    "samordnar. Ta med synpunkter på schemat, bemanningen under sommaren och budgeten för nästa år."
)


def tree_rss_mb(pid: int) -> float:
    root = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 2**20


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.ttft: list[float] = []
        self.tokens = 0

    def add(self, outcome: str, ttft: float | None = None, tokens: int = 0) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            if ttft is not None:
                self.ttft.append(ttft)
            self.tokens += tokens


def one_request(client: httpx.Client, url: str, token: str, tally: Tally, timeout: float) -> float:
    """Send one streamed summary; returns how long to wait before the next (Retry-After when refused)."""
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    try:
        with client.stream("POST", f"{url}/api/v1/summarize", json={"text": TEXT, "length": "medium"},
                           headers=headers, timeout=timeout) as response:
            if response.status_code in (429, 503):
                retry = response.headers.get("Retry-After")
                label = "with Retry-After" if retry else "WITHOUT Retry-After"
                tally.add(f"{response.status_code} {label}")
                return float(retry or 1)
            if response.status_code != 200:
                tally.add(f"HTTP {response.status_code}")
                return 1.0
            first, event, last = None, None, None
            for line in response.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                    last = event
                elif line.startswith("data: ") and event == "delta" and first is None:
                    first = time.perf_counter() - started
                elif line.startswith("data: ") and event == "done":
                    tally.add("completed", first, json.loads(line[6:])["usage"]["completion_tokens"])
                    return 0.0
                elif line.startswith("data: ") and event == "error":
                    tally.add(f"error event: {json.loads(line[6:]).get('code')}")
                    return 1.0
            tally.add(f"stream cut (last event {last})")
    except httpx.TimeoutException:
        tally.add("hung (timed out)")
    except httpx.HTTPError as exc:
        tally.add(f"connection error: {type(exc).__name__}")
    return 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=0, help="concurrent clients (default: twice the capacity)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--slots", type=int, default=4)
    parser.add_argument("--queue", type=int, default=8)
    parser.add_argument("--warm-up", type=float, default=0.15,
                        help="share of the run under load before memory counts as warm (arenas, KV caches)")
    args = parser.parse_args()
    model = ensure_test_model(REPO_ROOT / "instance" / "models" / "small", "small")

    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(
            Path(tmp) / "instance", model, KOLLEGA_ENGINE_PROCESSES="auto", KOLLEGA_ENGINE_SLOTS=str(args.slots),
            KOLLEGA_ENGINE_QUEUE_SIZE=str(args.queue), KOLLEGA_LOG_LEVEL="warning",
            # One machine plays every user here; the per-user limits have tests of their own.
            KOLLEGA_RATE_LIMIT_GENERATE="100000/minute", KOLLEGA_RATE_LIMIT_API="100000/minute",
        )
        try:
            server.wait_ready(120)
            status = httpx.get(f"{server.url}/metrics", timeout=5).text
            capacity = int(float(next(line.split()[-1] for line in status.splitlines()
                                      if line.startswith("kollega_engine_capacity "))))
            clients = args.clients or 2 * (capacity + args.queue)
            tokens = [server.token(f"Belastning {i}") for i in range(min(clients, 8))]
            with httpx.Client() as warm:
                one_request(warm, server.url, tokens[0], Tally(), 60)
            memory_idle = tree_rss_mb(server.process.pid)
            tally = Tally()
            stop_at = time.monotonic() + args.seconds
            samples: list[tuple[float, float]] = []

            def sample_memory() -> None:
                while time.monotonic() < stop_at:
                    samples.append((time.monotonic(), tree_rss_mb(server.process.pid)))
                    time.sleep(2)

            def client_loop(i: int) -> None:
                with httpx.Client() as client:
                    while time.monotonic() < stop_at:
                        wait = one_request(client, server.url, tokens[i % len(tokens)], tally, 120)
                        time.sleep(min(wait, max(0.0, stop_at - time.monotonic())))

            threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
            threads.append(threading.Thread(target=sample_memory))
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
            warm_from = started + args.warm_up * args.seconds
            warm = [mb for t, mb in samples if t >= warm_from]
            memory_start, memory_end = (warm[0], warm[-1]) if warm else (memory_idle, memory_idle)
        finally:
            server.stop()

    total = sum(tally.outcomes.values())
    print(f"\n{clients} clients for {args.seconds:.0f} s against capacity {capacity} slots + queue {args.queue}")
    print(f"{'outcome':<34} {'requests':>8}")
    for outcome, count in tally.outcomes.most_common():
        print(f"{outcome:<34} {count:8d}")
    print(f"{'total':<34} {total:8d}")
    print(f"time to first token: p50 {percentile(tally.ttft, 50) * 1000:.0f} ms, "
          f"p95 {percentile(tally.ttft, 95) * 1000:.0f} ms (completed requests)")
    print(f"tokens/s: {tally.tokens / elapsed:.0f} ({tally.tokens} tokens in {elapsed:.0f} s)")
    growth = (memory_end - memory_start) / memory_start * 100
    print(f"server memory (all processes): {memory_idle:.0f} MB idle; under load {memory_start:.0f} MB after the "
          f"warm-up, {memory_end:.0f} MB at the end ({growth:+.1f}%)")
    bad = {k: v for k, v in tally.outcomes.items() if k not in ("completed", "429 with Retry-After",
                                                                "503 with Retry-After")}
    print("every request answered properly" if not bad else f"FAILURES: {dict(bad)}")
    if bad:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
