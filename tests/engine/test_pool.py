"""The runner pool on its own, with real runner processes on the tiny model: start, crash, restart."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from backend.engine.pool import Runner, RunnerPool
from backend.engine.protocol import FROM_RUNNER, GenerationReport, Ready, RunStarted


class Recorder:
    """A PoolListener that writes down what it hears."""

    def __init__(self) -> None:
        self.reports: list[tuple[int, GenerationReport]] = []
        self.ready: list[int] = []
        self.lost: list[tuple[int, list[str]]] = []

    def on_report(self, runner: Runner, report: GenerationReport) -> None:
        self.reports.append((runner.index, report))

    def on_runner_ready(self, runner: Runner) -> None:
        self.ready.append(runner.index)

    def on_runner_lost(self, runner: Runner, request_ids: list[str]) -> None:
        self.lost.append((runner.index, request_ids))


async def wait_until(condition, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.02)
    return False


def new_pool(model: Path, recorder: Recorder, counters: Counter[str], processes: int = 1) -> RunnerPool:
    return RunnerPool(model_path=model, processes=processes, threads=1, step_delay_s=0.0, listener=recorder,
                      counters=counters)


def test_a_killed_runner_is_reported_and_restarted(tiny_model: Path) -> None:
    recorder, counters = Recorder(), Counter[str]()

    async def scenario() -> None:
        pool = new_pool(tiny_model, recorder, counters, processes=2)
        try:
            await pool.start(120)
            assert pool.ready_count == 2 and sorted(recorder.ready) == [0, 1]
            assert pool.context_length > 0
            victim, other = pool.runners
            assert victim.process is not None
            old_pid = victim.process.pid
            victim.active.update({"a", "b"})  # as if the dispatcher had given it two generations
            os.kill(old_pid, signal.SIGKILL)
            assert await wait_until(lambda: recorder.lost)
            assert [index for index, _ in recorder.lost] == [0] and set(recorder.lost[0][1]) == {"a", "b"}
            assert not victim.ready and not victim.active and pool.ready_count == 1
            # The other runner is untouched and still takes work while the first one restarts.
            assert pool.least_busy(slots=1) is other
            assert await wait_until(lambda: victim.ready, timeout=60)
            assert victim.process is not None and victim.process.pid != old_pid
            assert sorted(recorder.ready) == [0, 0, 1] and recorder.ready[-1] == 0
            assert victim.restarts == 1
            assert counters["runner_crashes"] == 1 and counters["runner_restarts"] == 1
            states = pool.states()
            assert [s.ready for s in states] == [True, True] and states[0].restarts == 1
        finally:
            pool.close()
        assert all(r.conn is None and not r.ready for r in pool.runners)
        assert all(r.process is not None and r.process.poll() is not None for r in pool.runners)

    asyncio.run(scenario())


def test_a_runner_that_dies_at_start_is_not_restarted(tmp_path: Path, tiny_model: Path) -> None:
    import shutil

    from backend.engine.pool import EngineStartError

    broken = tmp_path / "broken"
    shutil.copytree(tiny_model, broken)
    (broken / "model.onnx").write_bytes(b"not an onnx file")
    recorder, counters = Recorder(), Counter[str]()

    async def scenario() -> None:
        pool = new_pool(broken, recorder, counters)
        with pytest.raises(EngineStartError):
            await pool.start(120)
        await asyncio.sleep(0.7)  # longer than the first back-off step
        assert counters["runner_restarts"] == 0 and not recorder.lost

    asyncio.run(scenario())


def test_a_malformed_report_is_counted_and_the_next_one_still_arrives(tiny_model: Path) -> None:
    recorder, counters = Recorder(), Counter[str]()
    pool = new_pool(tiny_model, recorder, counters)
    ours, theirs = socket.socketpair()
    runner = pool.runners[0]
    runner.conn, runner_end = Connection(ours.detach()), Connection(theirs.detach())
    try:
        runner_end.send_bytes(b'{"v": 1, "type": "started", "request_id": "r1", "prompt_tokens": "Anna"}')
        runner_end.send_bytes(b"\x00 not json")
        runner_end.send_bytes(FROM_RUNNER.encode(RunStarted("r1", 3)))
        runner_end.send_bytes(FROM_RUNNER.encode(Ready(512, 99)))
        pool._on_readable(runner)  # what the event loop calls when the runner's socket is readable
        assert counters["protocol_errors"] == 2
        assert recorder.reports == [(0, RunStarted("r1", 3))]
        assert runner.ready and runner.context_length == 512 and recorder.ready == [0]
        assert runner.conn is not None  # a bad message does not cut the runner off
    finally:
        runner_end.close()
        if runner.conn is not None:
            runner.conn.close()
