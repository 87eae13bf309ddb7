"""The engine's front desk: a bounded queue in front of the runner processes, and their supervisor.

It runs in the `kollega serve` supervisor process on an asyncio loop and never touches the model, so it
stays responsive while the runners hold their GIL. HTTP workers reach it over a Unix socket, one
connection per generation: closing that connection is how a worker cancels.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import socket
import subprocess
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger("kollega.engine")

RESTART_BACKOFF_S = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


class EngineStartError(Exception):
    """The model could not be loaded at start-up; the message says why."""


@dataclass
class _Runner:
    index: int
    process: Any = None
    conn: Connection | None = None
    ready: bool = False
    active: set[str] = field(default_factory=set)
    restarts: int = 0
    started_at: float = 0.0
    context_length: int = 0
    failure: str | None = None


@dataclass
class _Job:
    request_id: str
    payload: dict[str, Any]
    writer: asyncio.StreamWriter
    enqueued_at: float
    runner: _Runner | None = None
    assigned_at: float = 0.0
    finished: bool = False
    # Token texts received in one burst from the runner, written to the worker as one line.
    pending_text: list[str] = field(default_factory=list)


class Dispatcher:
    """Admits, queues, schedules and supervises; answers busy with a Retry-After estimate."""

    def __init__(
        self,
        *,
        model_path: Path,
        socket_path: Path,
        processes: int,
        threads: int,
        slots: int,
        queue_size: int,
        step_delay_s: float = 0.0,
    ) -> None:
        self.model_path = model_path
        self.socket_path = socket_path
        self.threads = threads
        self.slots = slots
        self.queue_size = queue_size
        self.step_delay_s = step_delay_s
        self.runners = [_Runner(i) for i in range(processes)]
        self.queue: deque[_Job] = deque()
        self.jobs: dict[str, _Job] = {}
        self.counters: Counter[str] = Counter()
        self.draining = False
        self.closing = False
        self.mean_service_s = 5.0  # a prior until real generations have been timed
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._ready_event = asyncio.Event()

    # ----- lifecycle -------------------------------------------------------------------------------

    async def start(self, timeout_s: float = 300.0) -> None:
        """Start the runners and the socket; raise EngineStartError if the model can't be loaded."""
        for runner in self.runners:
            self._spawn(runner)
        deadline = time.monotonic() + timeout_s
        while not all(r.ready for r in self.runners):
            failed = [r for r in self.runners if r.failure]
            if failed:
                await self.close()
                raise EngineStartError(failed[0].failure or "the model could not be loaded")
            if time.monotonic() > deadline:
                await self.close()
                raise EngineStartError(f"the model did not load within {timeout_s:.0f} s")
            await asyncio.sleep(0.05)
        self.socket_path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        self._server = await asyncio.start_unix_server(self._on_client, path=str(self.socket_path))
        os.chmod(self.socket_path, 0o600)
        self._keep(asyncio.create_task(self._expire_queued()))
        log.info("engine ready: %d runner(s) x %d slot(s), queue %d", len(self.runners), self.slots, self.queue_size)

    async def drain(self, grace_s: float) -> None:
        """Refuse new work, let running generations finish, then end the rest with a shutting-down error."""
        self.draining = True
        deadline = time.monotonic() + grace_s
        while self.jobs and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for job in list(self.jobs.values()):
            self._cancel_on_runner(job)
            self._fail(job, "shutting_down", "The server is restarting. Try again in a moment.", retry_after=5)

    async def close(self) -> None:
        self.closing = True
        if self._server is not None:
            self._server.close()
        for runner in self.runners:
            self._stop_runner(runner)
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()

    # ----- runners ---------------------------------------------------------------------------------

    def _spawn(self, runner: _Runner) -> None:
        # A plain child process over a socket pair: multiprocessing's spawn would re-import whatever
        # __main__ started us (gunicorn, pytest, a benchmark), and fork would copy the asyncio loop.
        parent, child = socket.socketpair()
        process = subprocess.Popen(
            [sys.executable, "-m", "backend.engine.runner", "--fd", str(child.fileno()),
             "--model", str(self.model_path), "--threads", str(self.threads),
             "--step-delay", str(self.step_delay_s)],
            pass_fds=[child.fileno()],
        )
        child.close()
        conn = Connection(parent.detach())
        runner.process, runner.conn, runner.ready, runner.failure = process, conn, False, None
        runner.started_at = time.monotonic()
        asyncio.get_running_loop().add_reader(conn.fileno(), self._on_runner_message, runner)

    def _stop_runner(self, runner: _Runner) -> None:
        if runner.conn is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(runner.conn.fileno())
            with contextlib.suppress(Exception):
                runner.conn.send(("stop",))
            runner.conn.close()
            runner.conn = None
        if runner.process is not None:
            try:
                runner.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                runner.process.kill()
                runner.process.wait(timeout=2)
        runner.ready = False

    def _on_runner_message(self, runner: _Runner) -> None:
        # Drain everything the runner has written, so one wake-up handles a burst of tokens.
        while runner.conn is not None:
            try:
                message = runner.conn.recv()
            except (EOFError, OSError):
                self._on_runner_died(runner)
                return
            self._handle_runner_message(runner, message)
            if runner.conn is None or not runner.conn.poll(0):
                break
        for request_id in list(runner.active):
            job = self.jobs.get(request_id)
            if job is not None:
                self._flush_text(job)
        self._schedule()

    def _flush_text(self, job: _Job) -> None:
        if job.pending_text:
            self._send(job, {"type": "token", "text": "".join(job.pending_text)})
            job.pending_text.clear()

    def _handle_runner_message(self, runner: _Runner, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "tokens":
            for request_id, text in message[1]:
                job = self.jobs.get(request_id)
                if job is not None:
                    job.pending_text.append(text)
        elif kind == "started":
            job = self.jobs.get(message[1])
            if job is not None:
                self._send(job, {"type": "started", "prompt_tokens": message[2]})
        elif kind == "done":
            _, request_id, reason, prompt_tokens, completion_tokens = message
            job = self.jobs.get(request_id)
            self._release(runner, request_id)
            if job is not None:
                self._flush_text(job)
                self.counters["completed"] += 1
                self.counters["completion_tokens"] += completion_tokens
                self._send(
                    job,
                    {"type": "done", "finish_reason": reason, "prompt_tokens": prompt_tokens,
                     "completion_tokens": completion_tokens},
                )
                self._finish(job)
        elif kind == "error":
            _, request_id, code, detail = message
            job = self.jobs.get(request_id)
            self._release(runner, request_id)
            if job is not None:
                self._fail(job, code, detail)
        elif kind == "cancelled":
            self._release(runner, message[1])
        elif kind == "ready":
            runner.ready = True
            runner.context_length = int(message[1]["context_length"])
            log.info("runner %d loaded the model (pid %s)", runner.index, message[1]["pid"])
        elif kind == "failed":
            runner.failure = str(message[1])

    def _on_runner_died(self, runner: _Runner) -> None:
        loop = asyncio.get_running_loop()
        if runner.conn is not None:
            with contextlib.suppress(Exception):
                loop.remove_reader(runner.conn.fileno())
            runner.conn.close()
            runner.conn = None
        was_ready, runner.ready = runner.ready, False
        if runner.process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                runner.process.wait(timeout=1)
        if self.closing or not was_ready:
            return  # a start-up failure is reported by start(); shutdown needs no restart
        log.error("runner %d stopped unexpectedly (exit code %s); restarting", runner.index,
                  getattr(runner.process, "returncode", None))
        self.counters["runner_crashes"] += 1
        for request_id in list(runner.active):
            job = self.jobs.get(request_id)
            if job is not None:
                self._fail(job, "engine_unavailable",
                           "The model engine stopped unexpectedly and is restarting. Try again.", retry_after=5)
        runner.active.clear()
        uptime = time.monotonic() - runner.started_at
        if uptime > 60:
            runner.restarts = 0  # a long healthy run resets the backoff
        delay = RESTART_BACKOFF_S[min(runner.restarts, len(RESTART_BACKOFF_S) - 1)]
        runner.restarts += 1
        self._keep(asyncio.create_task(self._restart_later(runner, delay)))

    async def _restart_later(self, runner: _Runner, delay: float) -> None:
        await asyncio.sleep(delay)
        if not self.closing:
            self._spawn(runner)
            self.counters["runner_restarts"] += 1

    # ----- clients ---------------------------------------------------------------------------------

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await reader.readline()
            message = json.loads(line) if line else {}
        except (ValueError, ConnectionError):
            writer.close()
            return
        op = message.get("op")
        if op == "status":
            writer.write((json.dumps(self.status()) + "\n").encode())
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            writer.close()
            return
        if op != "generate":
            writer.close()
            return
        job = _Job(str(message["request_id"]), message["payload"], writer, time.monotonic())
        self._admit(job)
        # The worker closes its end when its HTTP client goes away (or it is done): that is the cancel.
        with contextlib.suppress(ConnectionError):
            while await reader.read(1024):
                pass
        if not job.finished:
            self.counters["cancelled"] += 1
            self._cancel_on_runner(job)
            self._forget(job)

    def _admit(self, job: _Job) -> None:
        if self.draining:
            self._reject(job, "shutting_down", "The server is restarting. Try again in a moment.", 5)
            return
        if job.request_id in self.jobs:
            self._reject(job, "internal", "Duplicate request id.", None)
            return
        if not any(r.ready for r in self.runners):
            self._reject(job, "engine_unavailable", "The model engine is restarting. Try again shortly.",
                         self._retry_after())
            return
        if self._free_runner() is None and len(self.queue) >= self.queue_size:
            self._reject(job, "busy", "Kollega is busy right now. Try again shortly.", self._retry_after())
            return
        self.jobs[job.request_id] = job
        self.queue.append(job)
        self._schedule()

    def _reject(self, job: _Job, code: str, detail: str, retry_after: int | None) -> None:
        self.counters[code] += 1
        self._send(job, {"type": "error", "code": code, "detail": detail, "retry_after": retry_after})
        job.finished = True
        job.writer.close()

    def _free_runner(self) -> _Runner | None:
        free = [r for r in self.runners if r.ready and len(r.active) < self.slots]
        return min(free, key=lambda r: len(r.active)) if free else None

    def _schedule(self) -> None:
        while self.queue:
            runner = self._free_runner()
            if runner is None:
                return
            job = self.queue.popleft()
            job.runner, job.assigned_at = runner, time.monotonic()
            runner.active.add(job.request_id)
            assert runner.conn is not None
            runner.conn.send(("generate", job.request_id, job.payload))

    def _release(self, runner: _Runner, request_id: str) -> None:
        runner.active.discard(request_id)
        job = self.jobs.get(request_id)
        if job is not None and job.assigned_at:
            took = time.monotonic() - job.assigned_at
            self.mean_service_s = 0.8 * self.mean_service_s + 0.2 * took

    def _cancel_on_runner(self, job: _Job) -> None:
        if job.runner is not None and job.request_id in job.runner.active and job.runner.conn is not None:
            with contextlib.suppress(OSError):
                job.runner.conn.send(("cancel", job.request_id))

    def _send(self, job: _Job, event: dict[str, Any]) -> None:
        if not job.writer.is_closing():
            job.writer.write((json.dumps(event, ensure_ascii=False) + "\n").encode())

    def _fail(self, job: _Job, code: str, detail: str, retry_after: int | None = None) -> None:
        if job.finished:
            return
        self._flush_text(job)
        self.counters[code] += 1
        self._send(job, {"type": "error", "code": code, "detail": detail, "retry_after": retry_after})
        self._finish(job)

    def _finish(self, job: _Job) -> None:
        job.finished = True
        self._forget(job)
        job.writer.close()

    def _forget(self, job: _Job) -> None:
        self.jobs.pop(job.request_id, None)
        with contextlib.suppress(ValueError):
            self.queue.remove(job)

    def _retry_after(self) -> int:
        capacity = max(1, sum(self.slots for r in self.runners if r.ready))
        waiting = len(self.queue) + 1
        return max(1, min(60, math.ceil(self.mean_service_s * waiting / capacity)))

    async def _expire_queued(self) -> None:
        while True:
            await asyncio.sleep(0.25)
            now = time.time()
            for job in [j for j in self.queue if now > float(j.payload["deadline"])]:
                self._fail(job, "timeout", "The request waited too long for the model.")

    def _keep(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ----- status ----------------------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        ready_runners = sum(1 for r in self.runners if r.ready)
        all_ready = ready_runners == len(self.runners) and not self.draining
        if self.draining:
            detail = "shutting down"
        elif all_ready:
            detail = "model loaded"
        else:
            detail = f"{len(self.runners) - ready_runners} of {len(self.runners)} runner(s) restarting"
        return {
            "ready": all_ready,
            "detail": detail,
            "queue_depth": len(self.queue),
            "active": sum(len(r.active) for r in self.runners),
            "capacity": ready_runners * self.slots,
            "context_length": max((r.context_length for r in self.runners), default=0),
            "runners": [
                {"ready": r.ready, "restarts": r.restarts, "pid": getattr(r.process, "pid", None)}
                for r in self.runners
            ],
            "counters": dict(self.counters),
        }
