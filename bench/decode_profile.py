"""Where a decode step goes: ONNX Runtime's profiler on a model folder's model.onnx, one thread.

Runs the graph the way ORT GenAI does (a prompt pass, then one token per step with the KV cache fed
back), with `enable_profiling`, and adds up the kernel time of the decode steps by part of the model
(QKV projection, attention, MLP projections, LM head, norms, ...) and by operator type. The step's
CPU time beside the kernels' sum shows what the session itself costs per step.

    python bench/decode_profile.py instance/models/smollm2 [--prompt 258] [--steps 64] [--top 12]

Several folders are run interleaved (one answer each in turn, the order rotated every round), so their
per-step CPU times compare on a shared machine: `python bench/decode_profile.py A B --no-profile`.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

PARTS = [
    ("lm_head", re.compile(r"lm_head")),
    ("qkv_proj", re.compile(r"qkv_proj")),
    ("attention", re.compile(r"GroupQueryAttention|/attn/(q|k)_norm")),
    ("o_proj", re.compile(r"o_proj")),
    ("gate_proj", re.compile(r"gate_proj")),
    ("up_proj", re.compile(r"up_proj")),
    ("down_proj", re.compile(r"down_proj")),
    ("gate_up (fused)", re.compile(r"gate_up")),
    ("activation", re.compile(r"act_fn|/mlp/Mul")),
    ("norms", re.compile(r"layernorm|LayerNorm")),
    ("embedding", re.compile(r"embed_tokens")),
]


def part_of(node: str) -> str:
    for name, pattern in PARTS:
        if pattern.search(node):
            return name
    return "other"


class Decoder:
    """One ORT GenAI model on a folder, with one intra-op thread as the runner sets it (and the profiler on)."""

    def __init__(self, folder: Path, profile_prefix: Path | None, prompt: list[int], steps: int) -> None:
        import onnxruntime_genai as og

        self.og = og
        self.prompt, self.steps = prompt, steps
        options: dict[str, Any] = {"intra_op_num_threads": 1, "inter_op_num_threads": 1}
        if profile_prefix is not None:
            options["enable_profiling"] = str(profile_prefix)
        config = og.Config(str(folder))
        config.overlay(json.dumps({"model": {"decoder": {"session_options": options}}}))
        self.model = og.Model(config)
        self.generator: Any = None

    def start(self) -> None:
        """The prompt pass, from an empty KV cache."""
        og = self.og
        params = og.GeneratorParams(self.model)
        params.set_search_options(max_length=len(self.prompt) + self.steps + 1, do_sample=False)
        self.generator = og.Generator(self.model, params)
        self.generator.append_tokens(self.prompt)

    def step(self) -> None:
        self.generator.generate_next_token()
        self.generator.get_next_tokens()


def profile_rows(path: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(Path(path).read_text())
    return rows


def summarize(events: list[dict[str, Any]], steps: int) -> dict[str, Any]:
    """Kernel time per part and per operator type over the last round's decode runs."""
    runs = [e for e in events if e.get("cat") == "Session" and e.get("name") == "model_run"]
    # append_tokens runs the prompt pass; each generate_next_token picks the token from the logits at
    # hand and runs the model on the one before, so `steps` steps after a prompt are steps - 1 runs.
    steps -= 1
    decode_runs = runs[-steps:]
    windows = [(r["ts"], r["ts"] + r["dur"]) for r in decode_runs]
    by_part: collections.Counter[str] = collections.Counter()
    by_op: collections.Counter[str] = collections.Counter()
    for e in events:
        if e.get("cat") != "Node" or not str(e.get("name", "")).endswith("_kernel_time"):
            continue
        ts = e["ts"]
        if not any(start <= ts <= end for start, end in windows):
            continue
        node = str(e["name"])[: -len("_kernel_time")]
        by_part[part_of(node)] += e["dur"]
        by_op[str(e.get("args", {}).get("op_name", "?"))] += e["dur"]
    run_us = sum(r["dur"] for r in decode_runs)
    return {"run_us_per_step": run_us / steps, "kernel_us_per_step": sum(by_part.values()) / steps,
            "by_part": {k: v / steps for k, v in by_part.most_common()},
            "by_op": {k: v / steps for k, v in by_op.most_common()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--prompt", type=int, default=258, help="prompt tokens before decoding")
    parser.add_argument("--steps", type=int, default=64, help="decode steps profiled")
    parser.add_argument("--rounds", type=int, default=3, help="prompt+decode rounds (CPU time: the median)")
    parser.add_argument("--no-profile", action="store_true", help="CPU time only (the profiler costs a little)")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    with tempfile.TemporaryDirectory() as tmp:
        vocab = min(int(json.loads((f / "genai_config.json").read_text())["model"]["vocab_size"]) for f in args.folders)
        prompt = [int(t) for t in rng.integers(100, vocab - 1, size=args.prompt)]
        decoders = [Decoder(f, None if args.no_profile else Path(tmp) / f"p{i}", prompt, args.steps)
                    for i, f in enumerate(args.folders)]
        cpu: dict[int, list[float]] = {i: [] for i in range(len(decoders))}
        prefill_cpu: dict[int, list[float]] = {i: [] for i in range(len(decoders))}
        for r in range(args.rounds):
            # Whole answers in turn, in a rotated order each round: stepping the folders in lockstep would
            # let each evict the other's working set from the caches between steps.
            for i in [(r + j) % len(decoders) for j in range(len(decoders))]:
                d = decoders[i]
                c0 = time.process_time()
                d.start()
                prefill_cpu[i].append(time.process_time() - c0)
                c0 = time.process_time()
                for _ in range(args.steps):
                    d.step()
                cpu[i].append(time.process_time() - c0)
        profiles: list[list[dict[str, Any]]] = []
        if not args.no_profile:
            for d in decoders:
                d.generator = None
            del d
            decoders.clear()
            gc.collect()  # ORT writes each profile when its session closes
            for i in range(len(args.folders)):
                files = sorted(Path(tmp).glob(f"p{i}*.json"))
                if not files:
                    raise RuntimeError("ORT GenAI wrote no profile")
                profiles.append(profile_rows(str(files[-1])))
        for i, folder in enumerate(args.folders):
            per_step = statistics.median(cpu[i]) / args.steps
            print(f"\n{folder}: decode {1 / per_step:.1f} steps per CPU second (median of {args.rounds} rounds: "
                  f"{', '.join(f'{args.steps / c:.1f}' for c in cpu[i])}); prompt pass "
                  f"{statistics.median(prefill_cpu[i]) * 1000:.0f} ms CPU for {args.prompt} tokens")
            if i:
                # Paired per round against the first folder: runs next to each other see the same load.
                ratios = sorted(cpu[0][r] / cpu[i][r] for r in range(args.rounds))
                print(f"  decode against {args.folders[0]}: {statistics.median(ratios):.2f}x in CPU time "
                      f"(per-round ratios {ratios[0]:.2f}-{ratios[-1]:.2f})")
            if args.no_profile:
                continue
            summary = summarize(profiles[i], args.steps)
            total = summary["kernel_us_per_step"]
            print(f"  per decode step: session run {summary['run_us_per_step']:.0f} us, kernels {total:.0f} us "
                  f"(the rest, {summary['run_us_per_step'] - total:.0f} us, is the session's own work)")
            print("  by part of the model (share of kernel time):")
            for name, us in summary["by_part"].items():
                print(f"    {name:<18} {us:8.0f} us {us / total:6.1%}")
            print("  by operator type:")
            for name, us in list(summary["by_op"].items())[: 12]:
                print(f"    {name:<34} {us:8.0f} us {us / total:6.1%}")


if __name__ == "__main__":
    main()
