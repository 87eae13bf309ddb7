"""llama.cpp through llama-cpp-python (built from source: the `bench` extra) on the demo model's GGUF.

The same protocol as bench/llama_cpp/bench.mjs, so that bench/real_model.py can interleave it with
Kollega and node-llama-cpp: started with --serve, it prints one JSON line about itself, then answers
each stdin line {"prompt", "cap"} with one JSON line of figures. One greedy answer per line, from an
empty KV cache, one thread for the prompt pass and for decoding.

    python bench/llama_cpp_python.py --serve --model FILE [--threads 1]

Run with the Python that has llama-cpp-python (`make bench-llama-cpp-python` installs it into .venv).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

# This file's folder (bench/) holds bench/llama_cpp/ (node-llama-cpp), which must not shadow the package.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import llama_cpp  # noqa: E402


def load(model: str, threads: int, context: int) -> llama_cpp.Llama:
    # n_batch 512: the prompt (258 tokens) goes through in one batch, as in node-llama-cpp.
    return llama_cpp.Llama(model_path=model, n_threads=threads, n_threads_batch=threads, n_ctx=context,
                           n_batch=512, n_gpu_layers=0, verbose=False)


def info(llm: llama_cpp.Llama, threads: int) -> dict[str, Any]:
    system = llama_cpp.llama_print_system_info()
    return {"engine": "llama.cpp", "binding": "llama-cpp-python", "version": llama_cpp.__version__,
            "threads": threads, "gguf": Path(llm.model_path).name,
            "system_info": system.decode() if isinstance(system, bytes) else str(system)}


def run(llm: llama_cpp.Llama, prompt: str, cap: int) -> dict[str, float]:
    """Request to first token (tokenizing, the prompt pass, the first sample), then the decode rate."""
    llm.reset()  # an empty KV cache: no prefix reuse from the run before
    started, cpu_started = time.perf_counter(), time.process_time()
    # The prompt is already the chat template's text (with its special tokens); llama.cpp adds BOS only
    # where the GGUF asks for it, as node-llama-cpp does.
    tokens = llm.tokenize(prompt.encode(), add_bos=llm._model.add_bos_token(), special=True)
    first = cpu_first = 0.0
    n = 0
    for token in llm.generate(tokens, temp=0.0, repeat_penalty=1.0, reset=True):
        if llama_cpp.llama_vocab_is_eog(llm._model.vocab, token):
            break
        n += 1
        if n == 1:
            first, cpu_first = time.perf_counter(), time.process_time()
        if n >= cap:
            break
    end, cpu_end = time.perf_counter(), time.process_time()
    first, cpu_first = first or end, cpu_first or cpu_end
    return {"ttft": first - started, "decode": (n - 1) / max(1e-9, end - first),
            "cpu_ttft": cpu_first - cpu_started, "cpu_decode": (n - 1) / max(1e-9, cpu_end - cpu_first),
            "tokens": n, "prompt_tokens": len(tokens), "total": end - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", action="store_true", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--context-size", type=int, default=2048)
    args = parser.parse_args()
    llm = load(args.model, args.threads, args.context_size)
    print(json.dumps({"ready": True, **info(llm, args.threads)}), flush=True)
    for line in sys.stdin:
        if line.strip():
            request = json.loads(line)
            print(json.dumps(run(llm, request["prompt"], int(request["cap"]))), flush=True)


if __name__ == "__main__":
    main()
