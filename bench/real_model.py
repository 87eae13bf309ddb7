"""Real-model benchmark on SmolLM2-135M-Instruct (the demo model, imported from its GGUF).

1. Kollega's streaming endpoint against llama.cpp on the same GGUF file: the same prompt tokens,
   one thread each, greedy, runs interleaved; time to first token and decode tokens/s as ratios.
   llama.cpp runs through two bindings, each in its own process and interleaved with the rest:
   node-llama-cpp's prebuilt binaries (bench/llama_cpp/, installed by `make bench-llama-cpp`) and
   llama-cpp-python built from source (bench/llama_cpp_python.py, the optional `bench` extra,
   `make bench-llama-cpp-python`). A binding that is not installed is skipped, and the output says so.
2. The backend's overhead against the bare onnxruntime-genai loop on the same imported model,
   request to `done`, for one client and for eight at once.
3. What SSE coalescing costs at the end of an answer: the gap between the last delta and `done`.

    python bench/real_model.py [--runs 3] [--cap 128] [--json FILE]
    python bench/real_model.py --print-prompt   # the GGUF path and the exact prompt, for bench/llama_cpp/

Everything is measured side by side in one run; on a shared machine read the ratios, not the numbers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.modelfiles.demo import DEMO_FOLDER, DEMO_INSTALL, demo_gguf, ensure_demo_model
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
    """Exactly the messages Kollega sends the model for this summary: the text as the server's redactor
    (the default settings, no NER model) masks it, so that every engine gets the same prompt tokens."""
    from backend.generation.prompts import summarize_messages
    from backend.redaction.redactor import get_redactor

    redacted = get_redactor().redact(TEXT).redacted
    return [{"role": m.role, "content": m.content} for m in summarize_messages(redacted, "email", "long", "en")]


def kollega_request(url: str, token: str) -> dict[str, float]:
    """One streamed summary: time to first delta, decode rate, request to done, last delta to done."""
    started = time.perf_counter()
    first = last_delta = done_at = None
    tokens = prompt_tokens = 0
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
                    usage = json.loads(line[6:])["usage"]
                    tokens, prompt_tokens = usage["completion_tokens"], usage["prompt_tokens"]
    assert first and done_at and last_delta
    return {"ttft": first - started, "decode": (tokens - 1) / max(1e-9, done_at - first), "tokens": tokens,
            "prompt_tokens": prompt_tokens, "total": done_at - started, "tail_gap": done_at - last_delta}


LLAMA_DIR = Path(__file__).resolve().parent / "llama_cpp"
LLAMA_SCRIPT = LLAMA_DIR / "bench.mjs"
LLAMA_PYTHON_SCRIPT = Path(__file__).resolve().parent / "llama_cpp_python.py"


class LlamaCpp:
    """llama.cpp in its own process: one JSON line about itself, then one JSON line per run.

    Two bindings speak this protocol: node-llama-cpp's prebuilt binaries (bench/llama_cpp/bench.mjs,
    `make bench-llama-cpp`) and llama-cpp-python built from source (bench/llama_cpp_python.py, the
    `bench` extra, `make bench-llama-cpp-python`)."""

    KINDS: ClassVar[dict[str, tuple[str, str]]] = {
        "node-llama-cpp": ("llama.cpp (node-llama-cpp), GGUF", "make bench-llama-cpp"),
        "llama-cpp-python": ("llama.cpp (llama-cpp-python), GGUF", "make bench-llama-cpp-python"),
    }

    def __init__(self, kind: str, gguf: Path, threads: int = 1) -> None:
        self.kind = kind
        self.label = self.KINDS[kind][0]
        if kind == "node-llama-cpp":
            command = ["node", str(LLAMA_SCRIPT), "--serve", "--model", str(gguf), "--threads", str(threads)]
        else:
            command = [sys.executable, str(LLAMA_PYTHON_SCRIPT), "--serve", "--model", str(gguf),
                       "--threads", str(threads)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.info = self._read()

    @classmethod
    def missing(cls, kind: str) -> str | None:
        """Why this binding cannot run here, or None."""
        install = cls.KINDS[kind][1]
        if kind == "node-llama-cpp":
            if shutil.which("node") is None:
                return "Node.js is not installed"
            if not (LLAMA_DIR / "node_modules" / "node-llama-cpp").is_dir():
                return f"bench/llama_cpp/node_modules is missing (`{install}` installs node-llama-cpp)"
            return None
        import importlib.util

        if importlib.util.find_spec("llama_cpp") is None:
            return f"llama-cpp-python is not installed (`{install}` builds it from source, about 20 minutes)"
        return None

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.kind} stopped (exit {self.process.wait()})")
        result: dict[str, Any] = json.loads(line)
        return result

    def request(self, prompt: str, cap: int) -> dict[str, float]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"prompt": prompt, "cap": cap}) + "\n")
        return self._read()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


class BareLoop:
    """The plain og loop, one intra-op thread, as the runner uses it: request to last token."""

    def __init__(self, model: Path) -> None:
        import onnxruntime_genai as og

        self.og = og
        config = og.Config(str(model))
        config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": 1,
                                                                              "inter_op_num_threads": 1}}}}))
        self.model = og.Model(config)
        self.tokenizer = og.Tokenizer(self.model)
        self.messages = json.dumps(api_messages())

    def prompt(self) -> str:
        """The text the runner gives the model for api_messages() (backend/engine/runner.py does the same)."""
        return str(self.tokenizer.apply_chat_template(self.messages, add_generation_prompt=True))

    def request(self, cap: int) -> dict[str, float]:
        og, tok = self.og, self.tokenizer
        started, cpu_started = time.perf_counter(), time.process_time()
        ids = tok.encode(self.prompt())
        params = og.GeneratorParams(self.model)
        params.set_search_options(max_length=len(ids) + cap, do_sample=False)
        gen = og.Generator(self.model, params)
        stream = tok.create_stream()
        gen.append_tokens(ids)
        n, first, cpu_first = 0, 0.0, 0.0
        while not gen.is_done() and n < cap:
            gen.generate_next_token()
            stream.decode(int(gen.get_next_tokens()[0]))
            n += 1
            if n == 1:
                first, cpu_first = time.perf_counter(), time.process_time()
        end, cpu_end = time.perf_counter(), time.process_time()
        first, cpu_first = first or end, cpu_first or cpu_end
        # CPU time of this process (og runs here, one intra-op thread): far less noisy on a shared machine.
        return {"ttft": first - started, "decode": (n - 1) / max(1e-9, end - first),
                "cpu_ttft": cpu_first - cpu_started, "cpu_decode": (n - 1) / max(1e-9, cpu_end - cpu_first),
                "tokens": n, "prompt_tokens": len(ids), "total": end - started}


def median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def spread(rows: list[dict[str, float]], key: str) -> str:
    values = [r[key] for r in rows]
    return f"{min(values):.3g}-{max(values):.3g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=int, default=128, help="output tokens per request")
    parser.add_argument("--json", type=Path, help="also write every run's figures to this file")
    parser.add_argument("--print-prompt", action="store_true",
                        help="print the GGUF path and the exact prompt as JSON, and stop (for bench/llama_cpp/)")
    args = parser.parse_args()
    gguf = demo_gguf()
    if gguf is None:
        sys.exit(f"The demo model is not installed: {DEMO_INSTALL}")
    model = ensure_demo_model(REPO_ROOT / "instance" / "models" / DEMO_FOLDER)
    bare = BareLoop(model)
    prompt = bare.prompt()
    if args.print_prompt:
        print(json.dumps({"gguf": str(gguf), "prompt": prompt}))
        return
    skipped = {kind: why for kind in LlamaCpp.KINDS if (why := LlamaCpp.missing(kind)) is not None}

    bare.request(args.cap)  # warm-up
    llamas: list[LlamaCpp] = []
    for kind in LlamaCpp.KINDS:
        if kind not in skipped:
            llamas.append(LlamaCpp(kind, gguf))
            llamas[-1].request(prompt, args.cap)  # warm-up
    theirs: dict[str, list[dict[str, float]]] = {llama.kind: [] for llama in llamas}
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp) / "instance", model, KOLLEGA_MAX_OUTPUT_TOKENS=str(args.cap),
                               KOLLEGA_ENGINE_PROCESSES="1", KOLLEGA_ENGINE_THREADS="1", KOLLEGA_ENGINE_SLOTS="8",
                               KOLLEGA_ENGINE_QUEUE_SIZE="16", KOLLEGA_LOG_LEVEL="warning",
                               KOLLEGA_RATE_LIMIT_GENERATE="100000/minute", KOLLEGA_RATE_LIMIT_API="100000/minute")
        try:
            server.wait_ready(300)
            token = server.token()
            kollega_request(server.url, token)  # warm-up
            ours: list[dict[str, float]] = []
            loop: list[dict[str, float]] = []
            for _ in range(args.runs):  # interleaved, so every path sees the same machine load
                loop.append(bare.request(args.cap))
                ours.append(kollega_request(server.url, token))
                for llama in llamas:
                    theirs[llama.kind].append(llama.request(prompt, args.cap))
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
            for llama in llamas:
                llama.close()

    ms = 1000
    print(f"\nSmolLM2-135M-Instruct, {args.cap} output tokens at most, {args.runs} runs, one thread each "
          f"(median, min-max)")
    print(f"{'path':<36} {'prompt':>6} {'TTFT':>8} {'decode tok/s':>13} {'request->done':>14}")
    rows = [("bare og loop", loop), ("Kollega /api/v1/summarize (SSE)", ours)]
    rows += [(llama.label, theirs[llama.kind]) for llama in llamas]
    for name, r in rows:
        print(f"{name:<36} {median(r, 'prompt_tokens'):6.0f} {median(r, 'ttft') * ms:6.0f}ms "
              f"{median(r, 'decode'):13.1f} {median(r, 'total') * ms:12.0f}ms   "
              f"TTFT {spread(r, 'ttft')} s, decode {spread(r, 'decode')}")
    figures: dict[str, Any] = {"cap": args.cap, "runs": args.runs, "bare": loop, "kollega": ours,
                               "llama_cpp": theirs, "skipped": skipped}
    for name, r in rows:
        prefill = median(r, "prompt_tokens") / median(r, "ttft")
        print(f"  {name:<36} prefill {prefill:7.1f} prompt tokens/s (prompt tokens / TTFT)")
    for llama in llamas:
        runs = theirs[llama.kind]
        ttft_ratio = median(runs, "ttft") / median(ours, "ttft")
        decode_ratio = median(ours, "decode") / median(runs, "decode")
        bare_ttft_ratio = median(runs, "ttft") / median(loop, "ttft")
        bare_decode_ratio = median(loop, "decode") / median(runs, "decode")
        # The engines alone in CPU time (the server's CPU is spread over processes, so it has no such row).
        cpu_ttft = median(runs, "cpu_ttft") / median(loop, "cpu_ttft")
        cpu_decode = median(loop, "cpu_decode") / median(runs, "cpu_decode")
        figures[llama.kind] = {"info": llama.info, "ttft_ratio": ttft_ratio, "decode_ratio": decode_ratio,
                               "bare_ttft_ratio": bare_ttft_ratio, "bare_decode_ratio": bare_decode_ratio,
                               "cpu_ttft_ratio": cpu_ttft, "cpu_decode_ratio": cpu_decode}
        version = llama.info.get("llama_cpp_release") or llama.info.get("version")
        print(f"\n{llama.label}: {llama.info.get('binding')} {version}, {llama.info.get('threads')} thread(s)")
        print(f"  Kollega vs llama.cpp: time to first token {ttft_ratio:.2f}x faster (goal 2x: "
              f"{'met' if ttft_ratio >= 2 else 'NOT met'}), decode {decode_ratio:.2f}x (goal 1.3x: "
              f"{'met' if decode_ratio >= 1.3 else 'NOT met'})")
        print(f"  bare og loop vs llama.cpp: time to first token {bare_ttft_ratio:.2f}x faster, "
              f"decode {bare_decode_ratio:.2f}x")
        print(f"  in CPU time, bare og loop vs llama.cpp: first token {cpu_ttft:.2f}x less CPU "
              f"({median(loop, 'cpu_ttft') * ms:.0f} vs {median(runs, 'cpu_ttft') * ms:.0f} ms), decode "
              f"{cpu_decode:.2f}x ({median(loop, 'cpu_decode'):.1f} vs {median(runs, 'cpu_decode'):.1f} tokens per "
              f"CPU second)")
    for kind, why in skipped.items():
        print(f"{LlamaCpp.KINDS[kind][0]}: skipped, {why}")
    # Per token, so a cleaned-up answer that stops a little earlier compares fairly.
    bare_rate = statistics.median(r["tokens"] / r["total"] for r in loop)
    one_rate = statistics.median(r["tokens"] / r["total"] for r in ours)
    eight_rate = sum(r["tokens"] for r in eight) / eight_wall
    print(f"request to done, one client: {one_rate / bare_rate:.2f}x the bare loop's tokens/s "
          f"({one_rate:.1f} vs {bare_rate:.1f})")
    print(f"eight clients at once: {eight_rate / bare_rate:.2f}x the bare loop's tokens/s ({eight_rate:.1f} total, "
          f"one runner, one thread)")
    gaps = [r["tail_gap"] * ms for r in ours + eight]
    print(f"last delta to done: median {statistics.median(gaps):.1f} ms, max {max(gaps):.1f} ms "
          f"(the coalescing buffer goes out with done, so the interval costs nothing at the end)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
