"""Generation benchmark: the bare onnxruntime-genai loop, one client through the HTTP API, eight clients.

Run on the small test model (`make bench`). Everything is measured side by side in one run, so the
ratios hold even on a noisy shared machine; absolute numbers move from run to run.
"""

from __future__ import annotations

import argparse
import json
import statistics
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
    "Hej! Styrgruppen för digitaliseringen möts på torsdag kl. 13 i stora konferensrummet. Vi behöver besluta "
    "om budgeten för nästa år, bemanningen i projektet och tidplanen för införandet. Ta gärna med frågor."
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def api_messages() -> list[dict[str, str]]:
    """Exactly the messages the API sends the model for this summary, so both paths do the same work."""
    from backend.generation.prompts import summarize_messages
    from backend.redaction import get_redactor

    redacted = get_redactor().redact(TEXT).redacted
    return [{"role": m.role, "content": m.content} for m in summarize_messages(redacted, "email", "long", "sv")]


def bare_loop(model: Path, cap: int, runs: int) -> tuple[float, list[float]]:
    """tokens/s and time to first token of the plain og loop, one intra-op thread, as the runner uses it."""
    import onnxruntime_genai as og

    config = og.Config(str(model))
    config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": 1,
                                                                          "inter_op_num_threads": 1}}}}))
    m = og.Model(config)
    tok = og.Tokenizer(m)
    prompt = tok.apply_chat_template(json.dumps(api_messages()), add_generation_prompt=True)
    rates, ttfts = [], []
    for _ in range(runs):
        started = time.perf_counter()
        ids = tok.encode(prompt)
        params = og.GeneratorParams(m)
        params.set_search_options(max_length=len(ids) + cap, do_sample=False)
        gen = og.Generator(m, params)
        stream = tok.create_stream()
        gen.append_tokens(ids)
        n, first = 0, None
        while not gen.is_done() and n < cap:
            gen.generate_next_token()
            stream.decode(int(gen.get_next_tokens()[0]))
            n += 1
            if first is None:
                first = time.perf_counter() - started
        rates.append(n / (time.perf_counter() - started))
        ttfts.append(first or 0.0)
    return statistics.median(rates), ttfts


def one_request(url: str, token: str) -> tuple[int, float, float]:
    """(completion tokens, seconds, time to first delta) for one streamed summary."""
    started = time.perf_counter()
    first = None
    usage = 0
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    body = {"text": TEXT, "kind": "email", "length": "long", "language": "sv"}
    with httpx.stream("POST", f"{url}/api/v1/summarize", json=body, headers=headers, timeout=120) as response:
        response.raise_for_status()
        event = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                if event == "delta" and first is None:
                    first = time.perf_counter() - started
                elif event == "done":
                    usage = json.loads(line[6:])["usage"]["completion_tokens"]
    return usage, time.perf_counter() - started, first or 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cap", type=int, default=256, help="output tokens per request")
    args = parser.parse_args()
    model = ensure_test_model(REPO_ROOT / "instance" / "models" / "small", "small")

    bare_rate, bare_ttft = bare_loop(model, args.cap, args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp) / "instance", model, KOLLEGA_MAX_OUTPUT_TOKENS=str(args.cap),
                               KOLLEGA_ENGINE_PROCESSES="auto", KOLLEGA_ENGINE_SLOTS="4",
                               KOLLEGA_ENGINE_QUEUE_SIZE="16", KOLLEGA_LOG_LEVEL="warning",
                               KOLLEGA_RATE_LIMIT_GENERATE="100000/minute", KOLLEGA_RATE_LIMIT_API="100000/minute")
        try:
            server.wait_ready(120)
            token = server.token()
            one_request(server.url, token)  # warm-up
            singles = [one_request(server.url, token) for _ in range(args.runs)]
            single_rate = statistics.median(n / s for n, s, _ in singles)
            single_ttft = [f for _, _, f in singles]

            healthz: list[float] = []
            stop = threading.Event()

            def poll_health() -> None:
                with httpx.Client() as client:
                    while not stop.is_set():
                        t = time.perf_counter()
                        client.get(f"{server.url}/healthz", timeout=5)
                        healthz.append(time.perf_counter() - t)
                        time.sleep(0.02)

            results: list[tuple[int, float, float]] = []
            lock = threading.Lock()

            def client_loop() -> None:
                for _ in range(max(1, args.runs // 2)):
                    r = one_request(server.url, token)
                    with lock:
                        results.append(r)

            poller = threading.Thread(target=poll_health)
            poller.start()
            clients = [threading.Thread(target=client_loop) for _ in range(8)]
            started = time.perf_counter()
            for c in clients:
                c.start()
            for c in clients:
                c.join()
            wall = time.perf_counter() - started
            stop.set()
            poller.join()
            eight_rate = sum(n for n, _, _ in results) / wall
            eight_ttft = [f for _, _, f in results]

            tree = psutil.Process(server.process.pid).children(recursive=True)
            runners = [p for p in tree if "backend.engine.runner" in " ".join(p.cmdline())]
            workers = [p for p in tree if "gunicorn" in " ".join(p.cmdline()) and p not in runners]
            worker_mb = max(p.memory_info().rss for p in workers) / 2**20
            runner_mb = max(p.memory_info().rss for p in runners) / 2**20
        except Exception:
            print(server.read_log()[-3000:], file=sys.stderr)
            raise
        finally:
            server.stop()

    ms = 1000
    rows = [
        ("bare og loop (1 thread)", bare_rate, bare_ttft, "1.00x bare"),
        ("1 client, HTTP API", single_rate, single_ttft, f"{single_rate / bare_rate:.2f}x bare"),
        ("8 clients, HTTP API", eight_rate, eight_ttft, f"{eight_rate / single_rate:.2f}x one client"),
    ]
    print(f"\nsmall test model, {args.cap} output tokens, {args.runs} runs; engine runners: {len(runners)}")
    print(f"{'path':<26} {'tokens/s':>9} {'TTFT p50':>9} {'TTFT p95':>9}  ratio")
    for name, rate, ttft, ratio in rows:
        print(f"{name:<26} {rate:9.0f} {percentile(ttft, 50) * ms:7.0f}ms {percentile(ttft, 95) * ms:7.0f}ms  {ratio}")
    print(f"/healthz during 8 generations: p50 {percentile(healthz, 50) * ms:.1f} ms, "
          f"p99 {percentile(healthz, 99) * ms:.1f} ms ({len(healthz)} probes)")
    print(f"memory: HTTP worker {worker_mb:.0f} MB RSS (no model); engine runner {runner_mb:.0f} MB RSS "
          f"(one model copy each)")


if __name__ == "__main__":
    main()
