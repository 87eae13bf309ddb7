"""Runner supervision: start the model runner processes, read what they report, restart one that dies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Protocol

from backend.engine.protocol import (
    FROM_RUNNER,
    TO_RUNNER,
    GenerationReport,
    LoadFailed,
    ProtocolError,
    Ready,
    RunnerCommand,
    RunnerReport,
    RunnerState,
    Stop,
)

log = logging.getLogger("kollega.engine")

RESTART_BACKOFF_S = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
# A runner that ran this long before it died starts its back-off from the beginning again.
HEALTHY_UPTIME_S = 60.0


class EngineStartError(Exception):
    """The model could not be loaded at start-up; the message says why."""


@dataclass
class Runner:
    """One runner process and what the dispatcher has given it."""

    index: int
    process: subprocess.Popen[bytes] | None = None
    conn: Connection | None = None
    ready: bool = False
    active: set[str] = field(default_factory=set)
    restarts: int = 0
    started_at: float = 0.0
    context_length: int = 0
    failure: str | None = None


class PoolListener(Protocol):
    """What the dispatcher hears from the pool."""

    def on_report(self, runner: Runner, report: GenerationReport) -> None:
        """A runner reported on one of its generations."""

    def on_runner_ready(self, runner: Runner) -> None:
        """A runner (re)loaded the model and can take work."""

    def on_runner_lost(self, runner: Runner, request_ids: list[str]) -> None:
        """A runner died with these generations on it; it restarts by itself."""


class RunnerPool:
    """Starts, watches and restarts the runner processes; one copy of the model in each."""

    def __init__(self, *, model_path: Path, processes: int, threads: int, step_delay_s: float,
                 listener: PoolListener, counters: Counter[str]) -> None:
        self.model_path = model_path
        self.threads = threads
        self.step_delay_s = step_delay_s
        self.listener = listener
        self.counters = counters
        self.runners = [Runner(i) for i in range(processes)]
        self.closing = False
        self._restarts: set[asyncio.Task[None]] = set()

    async def start(self, timeout_s: float) -> None:
        """Start every runner and wait until each has loaded the model; EngineStartError if one cannot."""
        for runner in self.runners:
            self._spawn(runner)
        deadline = time.monotonic() + timeout_s
        while not all(r.ready for r in self.runners):
            failed = [r for r in self.runners if r.failure]
            if failed:
                self.close()
                raise EngineStartError(failed[0].failure or "the model could not be loaded")
            if time.monotonic() > deadline:
                self.close()
                raise EngineStartError(f"the model did not load within {timeout_s:.0f} s")
            await asyncio.sleep(0.05)

    def close(self) -> None:
        self.closing = True
        for task in list(self._restarts):
            task.cancel()
        for runner in self.runners:
            self._stop(runner)

    # ----- what the dispatcher asks ------------------------------------------------------------------

    def send(self, runner: Runner, command: RunnerCommand) -> bool:
        """Send a command; False when the runner is gone (its death is handled by the reader)."""
        if runner.conn is None:
            return False
        try:
            runner.conn.send_bytes(TO_RUNNER.encode(command))
        except OSError:
            return False
        return True

    def least_busy(self, slots: int) -> Runner | None:
        free = [r for r in self.runners if r.ready and len(r.active) < slots]
        return min(free, key=lambda r: len(r.active)) if free else None

    @property
    def ready_count(self) -> int:
        return sum(1 for r in self.runners if r.ready)

    @property
    def context_length(self) -> int:
        return max((r.context_length for r in self.runners), default=0)

    def states(self) -> tuple[RunnerState, ...]:
        return tuple(RunnerState(r.ready, r.restarts, r.process.pid if r.process else None) for r in self.runners)

    # ----- processes ---------------------------------------------------------------------------------

    def _spawn(self, runner: Runner) -> None:
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
        asyncio.get_running_loop().add_reader(conn.fileno(), self._on_readable, runner)

    def _stop(self, runner: Runner) -> None:
        if runner.conn is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(runner.conn.fileno())
            self.send(runner, Stop())
            runner.conn.close()
            runner.conn = None
        if runner.process is not None:
            try:
                runner.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                runner.process.kill()
                runner.process.wait(timeout=2)
        runner.ready = False

    def _on_readable(self, runner: Runner) -> None:
        # Read everything the runner has written, so one wake-up handles a burst of reports.
        while runner.conn is not None:
            try:
                data = runner.conn.recv_bytes()
            except (EOFError, OSError):
                self._on_died(runner)
                return
            try:
                report = FROM_RUNNER.decode(data)
            except ProtocolError as error:
                # The text of the error names the field, never a value; the runner keeps its other work.
                self.counters["protocol_errors"] += 1
                log.error("runner %d: %s", runner.index, error)
            else:
                self._on_report(runner, report)
            if runner.conn is None or not runner.conn.poll(0):
                return

    def _on_report(self, runner: Runner, report: RunnerReport) -> None:
        if isinstance(report, Ready):
            runner.ready, runner.context_length = True, report.context_length
            log.info("runner %d loaded the model (pid %d)", runner.index, report.pid)
            self.listener.on_runner_ready(runner)
        elif isinstance(report, LoadFailed):
            runner.failure = report.reason
        else:
            self.listener.on_report(runner, report)

    def _on_died(self, runner: Runner) -> None:
        if runner.conn is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(runner.conn.fileno())
            runner.conn.close()
            runner.conn = None
        was_ready, runner.ready = runner.ready, False
        if runner.process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                runner.process.wait(timeout=1)
        if self.closing or not was_ready:
            return  # a start-up failure is reported by start(); shutdown needs no restart
        log.error("runner %d stopped unexpectedly (exit code %s); restarting", runner.index,
                  runner.process.returncode if runner.process else None)
        self.counters["runner_crashes"] += 1
        lost, runner.active = list(runner.active), set()
        self.listener.on_runner_lost(runner, lost)
        if time.monotonic() - runner.started_at > HEALTHY_UPTIME_S:
            runner.restarts = 0
        delay = RESTART_BACKOFF_S[min(runner.restarts, len(RESTART_BACKOFF_S) - 1)]
        runner.restarts += 1
        task = asyncio.get_running_loop().create_task(self._restart_later(runner, delay))
        self._restarts.add(task)
        task.add_done_callback(self._restarts.discard)

    async def _restart_later(self, runner: Runner, delay: float) -> None:
        await asyncio.sleep(delay)
        if not self.closing:
            self._spawn(runner)
            self.counters["runner_restarts"] += 1
