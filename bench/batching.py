"""Does og.Engine batching help on CPU? Four requests three ways, side by side, in one process:

- sequential: one og.Generator after another (the bare loop);
- interleaved: four og.Generators stepped round-robin (what a Kollega runner does);
- og.Engine: the library's batching engine (static batches on CPU).

Prints aggregate tokens/s and the time to first token of a fifth request that arrives while the first
four run, which is what a user who asks during a busy moment feels.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.modelfiles import ensure_test_model
from backend.settings import REPO_ROOT

PROMPT = [{"role": "user", "content": "Sammanfatta mötet om budgeten, bemanningen och tidplanen för projektet."}]


def load(model_dir: Path):  # type: ignore[no-untyped-def]
    import onnxruntime_genai as og

    config = og.Config(str(model_dir))
    config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": 1,
                                                                          "inter_op_num_threads": 1}}}}))
    model = og.Model(config)
    tokenizer = og.Tokenizer(model)
    ids = tokenizer.encode(tokenizer.apply_chat_template(json.dumps(PROMPT), add_generation_prompt=True))
    return og, model, ids


def generator(og, model, ids, cap):  # type: ignore[no-untyped-def]
    params = og.GeneratorParams(model)
    params.set_search_options(max_length=len(ids) + cap, do_sample=False)
    gen = og.Generator(model, params)
    gen.append_tokens(ids)
    return gen


def sequential(og, model, ids, n, cap) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    tokens = 0
    late_ttft = 0.0
    for i in range(n + 1):
        gen = generator(og, model, ids, cap)
        first = True
        while not gen.is_done():
            gen.generate_next_token()
            tokens += 1
            if first and i == n:
                late_ttft = time.perf_counter() - started  # the fifth waits for all four
            first = False
    return tokens / (time.perf_counter() - started), late_ttft


def interleaved(og, model, ids, n, cap) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    active = [generator(og, model, ids, cap) for _ in range(n)]
    tokens, rounds, late, late_ttft = 0, 0, None, 0.0
    while active or late is not None:
        rounds += 1
        if rounds == 3:  # the fifth request arrives during the run and joins at once
            late = generator(og, model, ids, cap)
            arrived = time.perf_counter()
            active.append(late)
        for gen in list(active):
            gen.generate_next_token()
            tokens += 1
            if gen is late and not late_ttft:
                late_ttft = time.perf_counter() - arrived
            if gen.is_done():
                active.remove(gen)
                if gen is late:
                    late = None
    return tokens / (time.perf_counter() - started), late_ttft


def engine(og, model, ids, n, cap) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    eng = og.Engine(model)
    buffer = eng.create_event_buffer(64)
    started = time.perf_counter()
    requests = []

    def submit():  # type: ignore[no-untyped-def]
        request = eng.create_request()
        options = og.TurnOptions(request)
        options.set_max_generated_tokens(cap)
        options.set_do_sample(False)
        request.begin_turn(np.asarray(ids, dtype=np.int32), options)
        requests.append(request)
        return request

    for _ in range(n):
        submit()
    tokens, runs, late, late_ttft, arrived = 0, 0, None, 0.0, 0.0
    while eng.has_pending_requests():
        runs += 1
        if runs == 3:
            late = submit()
            arrived = time.perf_counter()
        for event in eng.run(buffer):
            if int(event.flags) & int(og.EngineEventFlags.TOKEN):
                tokens += 1
                if late is not None and not late_ttft and event.request == late:
                    late_ttft = time.perf_counter() - arrived
    return tokens / (time.perf_counter() - started), late_ttft


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cap", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"{'model':<6} {'scheduling':<12} {'tokens/s':>9} {'vs seq':>7} {'late TTFT':>10}")
    for size in ("tiny", "small"):
        model_dir = ensure_test_model(REPO_ROOT / "instance" / "models" / size, size)  # type: ignore[arg-type]
        og, model, ids = load(model_dir)
        results = {}
        for name, fn in (("sequential", sequential), ("interleaved", interleaved), ("og.Engine", engine)):
            runs = [fn(og, model, ids, 4, args.cap) for _ in range(args.repeats)]
            results[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        base = results["sequential"][0]
        for name, (rate, ttft) in results.items():
            print(f"{size:<6} {name:<12} {rate:9.0f} {rate / base:6.2f}x {ttft * 1000:8.0f}ms")


if __name__ == "__main__":
    main()
