"""The engine's front desk: admission and a bounded queue in front of the runner pool.

It runs in the `kollega serve` supervisor process on an asyncio loop and never touches the model, so it
stays responsive while the runners hold their GIL. HTTP workers reach it over a Unix socket, one
connection per generation: closing that connection is how a worker cancels. The runner processes
themselves are started and restarted by the RunnerPool (pool.py).

Token batching: the runner batches text for the pipe (runner.py), and the SSE writer coalesces for
the browser (backend/api/streaming.py). The dispatcher does not batch again: each Tokens report becomes
one line per request on the worker's socket, as it arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import time
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path

from backend.engine import ErrorKind, Finished, GenerationRequest, Started, TokenText
from backend.engine.pool import EngineStartError, Runner, RunnerPool
from backend.engine.protocol import (
    TO_DISPATCHER,
    TO_WORKER,
    Cancel,
    Cancelled,
    ErrorReply,
    Generate,
    GenerateCall,
    GenerationReport,
    ProtocolError,
    RunFailed,
    RunFinished,
    RunStarted,
    StatusReply,
    Tokens,
    WorkerReply,
    line,
)

__all__ = ["Dispatcher", "EngineStartError"]

log = logging.getLogger("kollega.engine")

RESTARTING = "The model engine is restarting. Try again shortly."
SHUTTING_DOWN = "The server is restarting. Try again in a moment."


@dataclass
class _Job:
    request: GenerationRequest
    writer: asyncio.StreamWriter
    enqueued_at: float
    runner: Runner | None = None
    assigned_at: float = 0.0
    finished: bool = False

    @property
    def request_id(self) -> str:
        return self.request.request_id


class Dispatcher:
    """Admits and queues generations, hands them to the least busy runner, relays what comes back."""

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
        self.socket_path = socket_path
        self.slots = slots
        self.queue_size = queue_size
        self.counters: Counter[str] = Counter()
        self.pool = RunnerPool(model_path=model_path, processes=processes, threads=threads,
                               step_delay_s=step_delay_s, listener=self, counters=self.counters)
        self.queue: deque[_Job] = deque()
        self.jobs: dict[str, _Job] = {}
        self.draining = False
        self.mean_service_s = 5.0  # a prior until real generations have been timed
        self._server: asyncio.AbstractServer | None = None
        self._expiry: asyncio.Task[None] | None = None

    # ----- lifecycle -------------------------------------------------------------------------------

    async def start(self, timeout_s: float = 300.0) -> None:
        """Start the runners and the socket; raise EngineStartError if the model can't be loaded."""
        await self.pool.start(timeout_s)
        self.socket_path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        self._server = await asyncio.start_unix_server(self._on_client, path=str(self.socket_path))
        os.chmod(self.socket_path, 0o600)
        self._expiry = asyncio.get_running_loop().create_task(self._expire_queued())
        log.info("engine ready: %d runner(s) x %d slot(s), queue %d", len(self.pool.runners), self.slots,
                 self.queue_size)

    async def drain(self, grace_s: float) -> None:
        """Refuse new work, let running generations finish, then end the rest with a shutting-down error."""
        self.draining = True
        deadline = time.monotonic() + grace_s
        while self.jobs and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for job in list(self.jobs.values()):
            self._cancel_on_runner(job)
            self._fail(job, ErrorReply(ErrorKind.SHUTTING_DOWN, SHUTTING_DOWN, retry_after=5))

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self.pool.close()
        if self._expiry is not None:
            self._expiry.cancel()
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()

    # ----- what the runner pool reports (PoolListener) ---------------------------------------------

    def on_report(self, runner: Runner, report: GenerationReport) -> None:
        if isinstance(report, Tokens):
            for request_id, text in report.texts.items():
                job = self.jobs.get(request_id)
                if job is not None:
                    self._send(job, TokenText(text))
            return
        job = self.jobs.get(report.request_id)
        if isinstance(report, RunStarted):
            if job is not None:
                self._send(job, Started(report.prompt_tokens))
            return
        self._release(runner, report.request_id)  # done, failed or cancelled: the slot is free
        if isinstance(report, RunFinished) and job is not None:
            self.counters["completed"] += 1
            self.counters["completion_tokens"] += report.completion_tokens
            self._send(job, Finished(report.finish_reason, report.prompt_tokens, report.completion_tokens))
            self._finish(job)
        elif isinstance(report, RunFailed) and job is not None:
            self._fail(job, ErrorReply(report.kind, report.detail))
        elif isinstance(report, Cancelled):
            pass  # the worker that asked is gone already
        self._schedule()

    def on_runner_ready(self, runner: Runner) -> None:
        self._schedule()

    def on_runner_lost(self, runner: Runner, request_ids: list[str]) -> None:
        lost = ErrorReply(ErrorKind.UNAVAILABLE, "The model engine stopped unexpectedly and is restarting. Try again.",
                          retry_after=5)
        for request_id in request_ids:
            job = self.jobs.get(request_id)
            if job is not None:
                self._fail(job, lost)

    # ----- clients ---------------------------------------------------------------------------------

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            data = await reader.readline()
        except (ValueError, ConnectionError):
            writer.close()
            return
        if not data:
            writer.close()
            return
        try:
            call = TO_DISPATCHER.decode(data)
        except ProtocolError as error:
            # A worker of another version, or a bug: say so to it and in the log, and keep serving.
            self.counters["protocol_errors"] += 1
            log.error("%s", error)
            writer.write(line(TO_WORKER.encode(ErrorReply(ErrorKind.FAILED, "The model engine could not read the "
                                                                            "request."))))
            writer.close()
            return
        if not isinstance(call, GenerateCall):
            writer.write(line(TO_WORKER.encode(self.status())))
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            writer.close()
            return
        job = _Job(call.request, writer, time.monotonic())
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
        refusal: ErrorReply | None = None
        if self.draining:
            refusal = ErrorReply(ErrorKind.SHUTTING_DOWN, SHUTTING_DOWN, retry_after=5)
        elif job.request_id in self.jobs:
            refusal = ErrorReply(ErrorKind.FAILED, "Duplicate request id.")
        elif self.pool.ready_count == 0:
            refusal = ErrorReply(ErrorKind.UNAVAILABLE, RESTARTING, retry_after=self._retry_after())
        elif self.pool.least_busy(self.slots) is None and len(self.queue) >= self.queue_size:
            refusal = ErrorReply(ErrorKind.BUSY, "Kollega is busy right now. Try again shortly.",
                                 retry_after=self._retry_after())
        if refusal is not None:
            self._fail(job, refusal)
            return
        self.jobs[job.request_id] = job
        self.queue.append(job)
        self._schedule()

    def _schedule(self) -> None:
        while self.queue:
            runner = self.pool.least_busy(self.slots)
            if runner is None:
                return
            job = self.queue.popleft()
            job.runner, job.assigned_at = runner, time.monotonic()
            runner.active.add(job.request_id)
            self.pool.send(runner, Generate(job.request))

    def _release(self, runner: Runner, request_id: str) -> None:
        runner.active.discard(request_id)
        job = self.jobs.get(request_id)
        if job is not None and job.assigned_at:
            took = time.monotonic() - job.assigned_at
            self.mean_service_s = 0.8 * self.mean_service_s + 0.2 * took

    def _cancel_on_runner(self, job: _Job) -> None:
        if job.runner is not None and job.request_id in job.runner.active:
            self.pool.send(job.runner, Cancel(job.request_id))

    def _send(self, job: _Job, reply: WorkerReply) -> None:
        if not job.writer.is_closing():
            job.writer.write(line(TO_WORKER.encode(reply)))

    def _fail(self, job: _Job, error: ErrorReply) -> None:
        if job.finished:
            return
        self.counters[error.kind.value] += 1
        self._send(job, error)
        self._finish(job)

    def _finish(self, job: _Job) -> None:
        job.finished = True
        self._forget(job)
        job.writer.close()

    def _forget(self, job: _Job) -> None:
        if self.jobs.get(job.request_id) is job:
            del self.jobs[job.request_id]
        with contextlib.suppress(ValueError):
            self.queue.remove(job)

    def _retry_after(self) -> int:
        capacity = max(1, self.pool.ready_count * self.slots)
        waiting = len(self.queue) + 1
        return max(1, min(60, math.ceil(self.mean_service_s * waiting / capacity)))

    async def _expire_queued(self) -> None:
        while True:
            await asyncio.sleep(0.25)
            now = time.time()
            for job in [j for j in self.queue if now > j.request.deadline]:
                self._fail(job, ErrorReply(ErrorKind.TIMEOUT, "The request waited too long for the model."))

    # ----- status ----------------------------------------------------------------------------------

    def status(self) -> StatusReply:
        runners = len(self.pool.runners)
        ready = self.pool.ready_count
        all_ready = ready == runners and not self.draining
        if self.draining:
            detail = "shutting down"
        elif all_ready:
            detail = "model loaded"
        else:
            detail = f"{runners - ready} of {runners} runner(s) restarting"
        return StatusReply(
            ready=all_ready,
            detail=detail,
            queue_depth=len(self.queue),
            active=sum(len(r.active) for r in self.pool.runners),
            capacity=ready * self.slots,
            context_length=self.pool.context_length,
            runners=self.pool.states(),
            counters=dict(self.counters),
        )
