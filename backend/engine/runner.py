"""The model runner: one process, one copy of the model, a short linear generation loop.

onnxruntime-genai holds the GIL during the prompt pass and every decode step (docs/measurements.md), so
the model never shares a process with HTTP threads. A runner interleaves up to `slots` generations one
step at a time, and reads its commands between steps, so a cancel takes effect within one step.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from backend.engine import ErrorKind, GenerationRequest
from backend.engine.model_folder import read_context_length
from backend.engine.protocol import (
    FROM_RUNNER,
    TO_RUNNER,
    Cancel,
    Cancelled,
    Generate,
    LoadFailed,
    ProtocolError,
    Ready,
    RunFailed,
    RunFinished,
    RunnerReport,
    RunStarted,
    Stop,
    Tokens,
)

if TYPE_CHECKING:
    import onnxruntime_genai as og

log = logging.getLogger("kollega.engine.runner")

# Token batching for the pipe to the dispatcher happens here and only here: texts wait up to this long,
# so the runner pays for one message per few tokens instead of one per token on the thread that also
# runs the model. The first text of a generation goes out at once: time to first token is what people
# feel. The dispatcher forwards each batch as it comes; the SSE writer coalesces again for the browser.
FLUSH_INTERVAL_S = 0.01


@dataclass
class _Generation:
    request_id: str
    generator: og.Generator
    stream: og.TokenizerStream
    prompt_tokens: int
    max_new_tokens: int
    deadline: float
    completion_tokens: int = 0
    sent_text: bool = False


def _load_model(model_path: Path, threads: int) -> tuple[og.Model, og.Tokenizer]:
    import onnxruntime_genai as og

    config = og.Config(str(model_path))
    # One config overlay carries the session options; threads are set per runner process.
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
    return model, og.Tokenizer(model)


class ModelRunner:
    """Turns generate/cancel commands into streamed token reports, one decode step at a time."""

    def __init__(self, conn: Connection, model_path: Path, threads: int, step_delay_s: float = 0.0) -> None:
        import onnxruntime_genai as og

        self.og = og
        self.conn = conn
        self.model, self.tokenizer = _load_model(model_path, threads)
        self.context_length = read_context_length(model_path)
        self.eos_ids = set(int(t) for t in self.tokenizer.eos_token_ids)
        self.step_delay_s = step_delay_s
        self.active: dict[str, _Generation] = {}
        self.pending: list[GenerationRequest] = []
        self.running = True
        # New text per request since the last flush; see FLUSH_INTERVAL_S.
        self.outbox: dict[str, list[str]] = {}
        self.last_flush = 0.0

    def serve(self) -> None:
        self._report(Ready(self.context_length, os.getpid()))
        while self.running:
            idle = not self.active and not self.pending
            if self.conn.poll(None if idle else 0):
                self._read_commands()
            if self.pending:
                # One prompt pass per round, so running streams keep moving between new arrivals.
                self._start(self.pending.pop(0))
            if self.active:
                self._step_all()

    def _read_commands(self) -> None:
        while True:
            try:
                data = self.conn.recv_bytes()
            except EOFError:
                self.running = False  # the dispatcher is gone; nobody is left to stream to
                return
            try:
                command = TO_RUNNER.decode(data)
            except ProtocolError as error:
                log.error("%s", error)  # names the field, never a value; the runner keeps serving
            else:
                if isinstance(command, Generate):
                    self.pending.append(command.request)
                elif isinstance(command, Cancel):
                    self._cancel(command.request_id)
                elif isinstance(command, Stop):
                    self.running = False
            if not self.conn.poll(0):
                return

    def _cancel(self, request_id: str) -> None:
        self.pending = [p for p in self.pending if p.request_id != request_id]
        if self.active.pop(request_id, None) is not None:
            self._send(Cancelled(request_id))

    def _start(self, request: GenerationRequest) -> None:
        og = self.og
        request_id = request.request_id
        try:
            if time.time() > request.deadline:
                self._send(RunFailed(request_id, ErrorKind.TIMEOUT, "The request waited too long for the model."))
                return
            messages = [{"role": m.role, "content": m.content} for m in request.messages]
            prompt = self.tokenizer.apply_chat_template(json.dumps(messages), add_generation_prompt=True)
            tokens = self.tokenizer.encode(prompt)
            prompt_tokens = len(tokens)
            room = self.context_length - prompt_tokens
            if room < 1:
                detail = f"The prompt is {prompt_tokens} tokens; the model's context holds {self.context_length}."
                self._send(RunFailed(request_id, ErrorKind.TOO_LONG, detail))
                return
            max_new = min(request.max_new_tokens, room)
            params = og.GeneratorParams(self.model)
            # max_length counts the prompt, and the KV cache is reserved for all of it up front
            # (docs/architecture.md): prompt plus cap, never the whole context length.
            if request.temperature > 0:
                params.set_search_options(max_length=prompt_tokens + max_new, do_sample=True,
                                          temperature=request.temperature, top_p=0.9)
            else:
                params.set_search_options(max_length=prompt_tokens + max_new, do_sample=False)
            generator = og.Generator(self.model, params)
            generator.append_tokens(tokens)
        except Exception as exc:  # a model failure must not take the runner down with it
            self._send(RunFailed(request_id, ErrorKind.FAILED, f"The model could not start: {type(exc).__name__}"))
            return
        self.active[request_id] = _Generation(
            request_id, generator, self.tokenizer.create_stream(), prompt_tokens, max_new, request.deadline
        )
        self._send(RunStarted(request_id, prompt_tokens))

    def _report(self, report: RunnerReport) -> None:
        self.conn.send_bytes(FROM_RUNNER.encode(report))

    def _send(self, report: RunnerReport) -> None:
        """A report on one generation; the texts before it go out first, so the order per request holds."""
        self._flush()
        self._report(report)

    def _flush(self) -> None:
        if self.outbox:
            self._report(Tokens({request_id: "".join(parts) for request_id, parts in self.outbox.items()}))
            self.outbox = {}
        self.last_flush = time.monotonic()

    def _step_all(self) -> None:
        first_text = False
        now = time.time()
        for gen in list(self.active.values()):
            if now > gen.deadline:
                del self.active[gen.request_id]
                self._send(RunFailed(gen.request_id, ErrorKind.TIMEOUT, "The answer took longer than the time limit."))
                continue
            try:
                if gen.generator.is_done():
                    self._finish(gen)
                    continue
                gen.generator.generate_next_token()
                token = int(gen.generator.get_next_tokens()[0])
            except Exception as exc:
                del self.active[gen.request_id]
                self._send(RunFailed(gen.request_id, ErrorKind.FAILED, f"Generation failed: {type(exc).__name__}"))
                continue
            gen.completion_tokens += 1
            if token not in self.eos_ids:
                text = gen.stream.decode(token)
                if text:
                    first_text = first_text or not gen.sent_text
                    gen.sent_text = True
                    self.outbox.setdefault(gen.request_id, []).append(text)
            if gen.completion_tokens >= gen.max_new_tokens or gen.generator.is_done():
                self._finish(gen, last_token=token)
        if first_text or time.monotonic() - self.last_flush >= FLUSH_INTERVAL_S:
            self._flush()
        if self.step_delay_s:
            time.sleep(self.step_delay_s)

    def _finish(self, gen: _Generation, last_token: int | None = None) -> None:
        self.active.pop(gen.request_id, None)
        stopped = last_token in self.eos_ids or gen.completion_tokens < gen.max_new_tokens
        reason = "stop" if stopped else "length"
        self._send(RunFinished(gen.request_id, reason, gen.prompt_tokens, gen.completion_tokens))


def runner_main(conn: Connection, model_path: str, threads: int, step_delay_s: float) -> None:
    """Run one model runner on an open connection to the dispatcher."""
    # The supervisor handles Ctrl-C and SIGTERM for the whole server; a runner stops when told to.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        runner = ModelRunner(conn, Path(model_path), threads, step_delay_s)
    except Exception as exc:
        conn.send_bytes(FROM_RUNNER.encode(LoadFailed(f"{type(exc).__name__}: {exc}")))
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
