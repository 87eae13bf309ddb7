"""Real-model benchmark on SmolLM2-135M-Instruct (the demo model, imported from its GGUF).

1. Kollega's streaming endpoint against llama-cpp-python on the same GGUF file: the same messages,
   one thread each, runs interleaved; time to first token and decode tokens/s as ratios.
   llama-cpp-python is the optional `bench` extra (`pip install -e '.[bench]'`; it builds llama.cpp
   from source, about 20 minutes on two cores). Without it that part is skipped and says so.
2. The backend's overhead against the bare onnxruntime-genai loop on the same imported model,
   request to `done`, for one client and for eight at once.
3. What SSE coalescing costs at the end of an answer: the gap between the last delta and `done`.

    python bench/real_model.py [--runs 3] [--cap 128]

Everything is measured side by side in one run; on a shared machine read the ratios, not the numbers.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.models.demo import DEMO_FOLDER, DEMO_INSTALL, demo_gguf, ensure_demo_model
from backend.settings import REPO_ROOT
from tests.conftest import ServerProcess

TEXT = (
    "Hello,\n\nThe steering group for the new case management system meets on Thursday at 1 pm in the large "
    "conference room. We need to decide on next year's budget, the staffing of the project and the timetable "
    "for the roll-out. The supplier has asked for an answer on the contract extension by 15 May, and the "
    "union wants to be consulted before any change to working hours. Please bring your questions and the "
    "figures from the last quarterly report.\n\nBest regards,\nThe project office"
)


def api_messages() -> list[dict[str, str]]:
    """Exactly the messages Kollega sends the model for this summary (the text has no personal data)."""
    from backend.generation.prompts import summarize_messages

    return [{"role": m.role, "content": m.content} for m in summarize_messages(TEXT, "email", "long", "en")]


def kollega_request(url: str, token: str) -> dict[str, float]:
    """One streamed summary: time to first delta, decode rate, request to done, last delta to done."""
    started = time.perf_counter()
    first = last_delta = done_at = None
    tokens = 0
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    body = {"text": TEXT, "kind": "email", "length": "long", "language": "en"}
    with httpx.stream("POST", f"{url}/api/v1/summarize", json=body, headers=headers, timeout=600) as response:
        response.raise_for_status()
        event = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                now = time.perf_counter()
                if event == "delta":
                    first = first or now
                    last_delta = now
                elif event == "done":
                    done_at = now
                    tokens = json.loads(line[6:])["usage"]["completion_tokens"]
    assert first and done_at and last_delta
    return {"ttft": first - started, "decode": (tokens - 1) / max(1e-9, done_at - first), "tokens": tokens,
            "total": done_at - started, "tail_gap": done_at - last_delta}


def llama_request(llm: object, cap: int) -> dict[str, float]:
    started = time.perf_counter()
    first = None
    tokens = 0
    for chunk in llm.create_chat_completion(messages=api_messages(), max_tokens=cap, temperature=0.0,  # type: ignore[attr-defined]
                                            stream=True):
        if chunk["choices"][0]["delta"].get("content"):
            first = first or time.perf_counter()
            tokens += 1
    end = time.perf_counter()
    assert first
    return {"ttft": first - started, "decode": (tokens - 1) / max(1e-9, end - first), "tokens": tokens,
            "total": end - started}


def bare_loop(model: Path, cap: int, runs: int) -> list[dict[str, float]]:
    """The plain og loop, one intra-op thread, as the runner uses it: request to last token."""
    import onnxruntime_genai as og

    config = og.Config(str(model))
    config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": 1,
                                                                          "inter_op_num_threads": 1}}}}))
    m = og.Model(config)
    tok = og.Tokenizer(m)
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        prompt = tok.apply_chat_template(json.dumps(api_messages()), add_generation_prompt=True)
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
            first = first or time.perf_counter()
        end = time.perf_counter()
        results.append({"ttft": (first or end) - started, "decode": (n - 1) / max(1e-9, end - (first or end)),
                        "tokens": n, "total": end - started})
    return results


def median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=int, default=128, help="output tokens per request")
    args = parser.parse_args()
    gguf = demo_gguf()
    if gguf is None:
        sys.exit(f"The demo model is not installed: {DEMO_INSTALL}")
    model = ensure_demo_model(REPO_ROOT / "instance" / "models" / DEMO_FOLDER)
    have_llama = importlib.util.find_spec("llama_cpp") is not None

    bare = bare_loop(model, args.cap, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp) / "instance", model, KOLLEGA_MAX_OUTPUT_TOKENS=str(args.cap),
                               KOLLEGA_ENGINE_PROCESSES="1", KOLLEGA_ENGINE_THREADS="1", KOLLEGA_ENGINE_SLOTS="8",
                               KOLLEGA_ENGINE_QUEUE_SIZE="16", KOLLEGA_LOG_LEVEL="warning",
                               KOLLEGA_RATE_LIMIT_GENERATE="100000/minute", KOLLEGA_RATE_LIMIT_API="100000/minute")
        try:
            server.wait_ready(300)
            token = server.token()
            kollega_request(server.url, token)  # warm-up
            llm = None
            if have_llama:
                from llama_cpp import Llama

                llm = Llama(model_path=str(gguf), n_threads=1, n_threads_batch=1, n_ctx=2048, verbose=False)
                llama_request(llm, args.cap)  # warm-up
            ours, theirs = [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine load
                ours.append(kollega_request(server.url, token))
                if llm is not None:
                    theirs.append(llama_request(llm, args.cap))
            eight: list[dict[str, float]] = []
            lock = threading.Lock()

            def client() -> None:
                result = kollega_request(server.url, token)
                with lock:
                    eight.append(result)

            threads = [threading.Thread(target=client) for _ in range(8)]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            eight_wall = time.perf_counter() - started
        except Exception:
            print(server.read_log()[-3000:], file=sys.stderr)
            raise
        finally:
            server.stop()

    ms = 1000
    print(f"\nSmolLM2-135M-Instruct, {args.cap} output tokens at most, {args.runs} runs, one thread each")
    print(f"{'path':<34} {'TTFT':>8} {'decode tok/s':>13} {'request->done':>14}")
    rows = [("bare og loop", bare), ("Kollega /api/v1/summarize (SSE)", ours)]
    if theirs:
        rows.append(("llama-cpp-python, same GGUF", theirs))
    for name, r in rows:
        print(f"{name:<34} {median(r, 'ttft') * ms:6.0f}ms {median(r, 'decode'):13.1f} "
              f"{median(r, 'total') * ms:12.0f}ms")
    if theirs:
        print(f"Kollega vs llama.cpp: time to first token {median(theirs, 'ttft') / median(ours, 'ttft'):.2f}x "
              f"faster, decode {median(ours, 'decode') / median(theirs, 'decode'):.2f}x")
    else:
        print("llama.cpp: skipped, llama-cpp-python is not installed (`pip install -e '.[bench]'` builds it from "
              "source, about 20 minutes on two cores)")
    # Per token, so a cleaned-up answer that stops a little earlier compares fairly.
    bare_rate = statistics.median(r["tokens"] / r["total"] for r in bare)
    one_rate = statistics.median(r["tokens"] / r["total"] for r in ours)
    eight_rate = sum(r["tokens"] for r in eight) / eight_wall
    print(f"request to done, one client: {one_rate / bare_rate:.2f}x the bare loop's tokens/s "
          f"({one_rate:.1f} vs {bare_rate:.1f})")
    print(f"eight clients at once: {eight_rate / bare_rate:.2f}x the bare loop's tokens/s ({eight_rate:.1f} total, "
          f"one runner, one thread)")
    gaps = [r["tail_gap"] * ms for r in ours + eight]
    print(f"last delta to done: median {statistics.median(gaps):.1f} ms, max {max(gaps):.1f} ms "
          f"(the coalescing buffer goes out with done, so the interval costs nothing at the end)")


if __name__ == "__main__":
    main()
