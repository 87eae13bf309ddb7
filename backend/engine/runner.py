"""The model runner: one process, one copy of the model, a short linear generation loop.

onnxruntime-genai holds the GIL during the prompt pass and every decode step (docs/measurements.md), so the model
never shares a process with HTTP threads. A runner interleaves up to `slots` generations one step at a
time, and reads control messages between steps, so a cancel takes effect within one step.
"""

from __future__ import annotations

import json
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


@dataclass
class _Generation:
    request_id: str
    generator: Any
    stream: Any
    prompt_tokens: int
    max_new_tokens: int
    deadline: float
    completion_tokens: int = 0
    sent_text: bool = False


def _load_model(model_path: Path, threads: int) -> tuple[Any, Any, int]:
    import onnxruntime_genai as og

    config = og.Config(str(model_path))
    # One config overlay carries all the session options, so they are set in one place; threads per runner process.
    config.overlay(
        json.dumps(
            {
                "model": {
                    "decoder": {
                        "session_options": {"intra_op_num_threads": threads, "inter_op_num_threads": 1}
                    }
                }
            }
        )
    )
    model = og.Model(config)
    tokenizer = og.Tokenizer(model)
    context_length = int(json.loads((model_path / "genai_config.json").read_text())["model"]["context_length"])
    return model, tokenizer, context_length


FLUSH_INTERVAL_S = 0.01


class ModelRunner:
    """Turns generate/cancel messages into streamed token messages, one decode step at a time."""

    def __init__(self, conn: Connection, model_path: Path, threads: int, step_delay_s: float = 0.0) -> None:
        import onnxruntime_genai as og

        self.og = og
        self.conn = conn
        self.model, self.tokenizer, self.context_length = _load_model(model_path, threads)
        self.eos_ids = set(int(t) for t in self.tokenizer.eos_token_ids)
        self.step_delay_s = step_delay_s
        self.active: dict[str, _Generation] = {}
        self.pending: list[tuple[str, dict[str, Any]]] = []
        self.running = True
        # Token texts wait here up to FLUSH_INTERVAL_S, so the runner pays for one message per few
        # tokens instead of one per token; the HTTP side coalesces far more coarsely anyway.
        self.outbox: list[tuple[str, str]] = []
        self.last_flush = 0.0

    def serve(self) -> None:
        self.conn.send(("ready", {"context_length": self.context_length, "pid": os.getpid()}))
        while self.running:
            idle = not self.active and not self.pending
            if self.conn.poll(None if idle else 0):
                self._read_messages()
            if self.pending:
                # One prompt pass per round, so running streams keep moving between new arrivals.
                self._start(*self.pending.pop(0))
            if self.active:
                self._step_all()

    def _read_messages(self) -> None:
        while True:
            try:
                message = self.conn.recv()
            except EOFError:
                self.running = False  # the dispatcher is gone; nobody is left to stream to
                return
            kind = message[0]
            if kind == "generate":
                self.pending.append((message[1], message[2]))
            elif kind == "cancel":
                self._cancel(message[1])
            elif kind == "stop":
                self.running = False
            if not self.conn.poll(0):
                return

    def _cancel(self, request_id: str) -> None:
        self.pending = [p for p in self.pending if p[0] != request_id]
        if self.active.pop(request_id, None) is not None:
            self._send(("cancelled", request_id))

    def _start(self, request_id: str, payload: dict[str, Any]) -> None:
        og = self.og
        try:
            if time.time() > payload["deadline"]:
                self.conn.send(("error", request_id, "timeout", "The request waited too long for the model."))
                return
            prompt = self.tokenizer.apply_chat_template(json.dumps(payload["messages"]), add_generation_prompt=True)
            tokens = self.tokenizer.encode(prompt)
            prompt_tokens = len(tokens)
            room = self.context_length - prompt_tokens
            if room < 1:
                self.conn.send(
                    ("error", request_id, "text_too_long",
                     f"The prompt is {prompt_tokens} tokens; the model's context holds {self.context_length}.")
                )
                return
            max_new = min(int(payload["max_new_tokens"]), room)
            params = og.GeneratorParams(self.model)
            temperature = float(payload.get("temperature") or 0.0)
            options: dict[str, Any] = {"max_length": prompt_tokens + max_new}
            if temperature > 0:
                options.update(do_sample=True, temperature=temperature, top_p=0.9)
            else:
                options.update(do_sample=False)
            # max_length counts the prompt, and the KV cache is reserved for all of it up front (docs/measurements.md):
            # prompt plus cap, never the whole context length.
            params.set_search_options(**options)
            generator = og.Generator(self.model, params)
            generator.append_tokens(tokens)
        except Exception as exc:  # a model failure must not take the runner down with it
            self.conn.send(("error", request_id, "internal", f"The model could not start: {type(exc).__name__}"))
            return
        self.active[request_id] = _Generation(
            request_id, generator, self.tokenizer.create_stream(), prompt_tokens, max_new, payload["deadline"]
        )
        self.conn.send(("started", request_id, prompt_tokens))

    def _send(self, message: tuple[Any, ...]) -> None:
        """A control message; the texts before it go out first, so the order per request holds."""
        self._flush()
        self.conn.send(message)

    def _flush(self) -> None:
        if self.outbox:
            self.conn.send(("tokens", self.outbox))
            self.outbox = []
        self.last_flush = time.monotonic()

    def _step_all(self) -> None:
        first_text = False
        now = time.time()
        for gen in list(self.active.values()):
            if now > gen.deadline:
                del self.active[gen.request_id]
                self._send(("error", gen.request_id, "timeout", "The answer took longer than the time limit."))
                continue
            try:
                if gen.generator.is_done():
                    self._finish(gen)
                    continue
                gen.generator.generate_next_token()
                token = int(gen.generator.get_next_tokens()[0])
            except Exception as exc:
                del self.active[gen.request_id]
                self._send(("error", gen.request_id, "internal", f"Generation failed: {type(exc).__name__}"))
                continue
            gen.completion_tokens += 1
            if token not in self.eos_ids:
                text = gen.stream.decode(token)
                if text:
                    first_text = first_text or not gen.sent_text
                    gen.sent_text = True
                    self.outbox.append((gen.request_id, text))
            if gen.completion_tokens >= gen.max_new_tokens or gen.generator.is_done():
                self._finish(gen, last_token=token)
        # The first text of a generation goes out at once: time to first token is what people feel.
        if first_text or time.monotonic() - self.last_flush >= FLUSH_INTERVAL_S:
            self._flush()
        if self.step_delay_s:
            time.sleep(self.step_delay_s)

    def _finish(self, gen: _Generation, last_token: int | None = None) -> None:
        self.active.pop(gen.request_id, None)
        stopped = last_token in self.eos_ids or gen.completion_tokens < gen.max_new_tokens
        reason = "stop" if stopped else "length"
        self._send(("done", gen.request_id, reason, gen.prompt_tokens, gen.completion_tokens))


def runner_main(conn: Connection, model_path: str, threads: int, step_delay_s: float) -> None:
    """Run one model runner on an open connection to the dispatcher."""
    # The supervisor handles Ctrl-C and SIGTERM for the whole server; a runner stops when told to.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        runner = ModelRunner(conn, Path(model_path), threads, step_delay_s)
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        raise SystemExit(1) from None
    runner.serve()


def main() -> None:
    """`python -m backend.engine.runner --fd N ...`: started by the dispatcher with one end of a socket pair."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--step-delay", type=float, default=0.0)
    args = parser.parse_args()
    runner_main(Connection(args.fd), args.model, args.threads, args.step_delay)


if __name__ == "__main__":
    main()
