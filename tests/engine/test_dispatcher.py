"""The local engine with real runner processes on the tiny model: streaming, limits, cancel, overload, crash."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from backend.engine import (
    ChatMessage,
    EngineBusy,
    EngineTimeout,
    EngineUnavailable,
    Finished,
    GenerationRequest,
    Idle,
    Started,
    TokenText,
)
from backend.engine.local import LocalOnnxEngine
from backend.settings import Settings
from tests.conftest import EngineThread

MESSAGES = (ChatMessage("system", "Du är en skrivassistent."), ChatMessage("user", "Sammanfatta mötet på tisdag."))


def request(request_id: str, cap: int = 40, deadline_s: float = 30) -> GenerationRequest:
    return GenerationRequest(request_id, MESSAGES, cap, time.time() + deadline_s)


def engine_for(settings: Settings) -> LocalOnnxEngine:
    return LocalOnnxEngine(settings.socket_path, settings.model_path)


def wait_for(condition, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_streams_tokens_and_respects_the_output_cap(settings: Settings, engine_thread: EngineThread) -> None:
    events = list(engine_for(settings).generate(request("cap", cap=25)))
    kinds = [type(e) for e in events if not isinstance(e, Idle)]
    assert kinds[0] is Started and kinds[-1] is Finished
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.completion_tokens <= 25
    # The random model rarely emits an end token; when it does not, the cap is what stopped it.
    if finished.finish_reason == "length":
        assert finished.completion_tokens == 25
    assert sum(isinstance(e, TokenText) for e in events) >= 1


def test_concurrent_requests_all_complete(settings: Settings) -> None:
    engine_thread = EngineThread(settings, processes=2, slots=2, queue_size=8)
    try:
        engine = engine_for(settings)
        results: dict[int, Finished] = {}

        def run(i: int) -> None:
            for event in engine.generate(request(f"c{i}", cap=30)):
                if isinstance(event, Finished):
                    results[i] = event

        threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == list(range(8))
        status = engine_thread.status()
        assert status.counters["completed"] == 8
    finally:
        engine_thread.close()


def test_closing_the_stream_cancels_within_a_step(settings: Settings) -> None:
    engine_thread = EngineThread(settings, slots=1, queue_size=0, step_delay_s=0.02)
    try:
        stream = engine_for(settings).generate(request("cancel-me", cap=400))
        seen = 0
        for event in stream:
            if isinstance(event, TokenText):
                seen += 1
                if seen == 3:
                    break
        stream.close()
        assert wait_for(lambda: engine_thread.status().active == 0, timeout=2)
        assert engine_thread.status().counters.get("cancelled") == 1
        # The slot is free again: a new request runs at once.
        done = [e for e in engine_for(settings).generate(request("next", cap=5)) if isinstance(e, Finished)]
        assert done and done[0].completion_tokens <= 5
    finally:
        engine_thread.close()


def test_full_queue_is_refused_with_retry_after(settings: Settings) -> None:
    engine_thread = EngineThread(settings, slots=1, queue_size=1, step_delay_s=0.02)
    try:
        engine = engine_for(settings)
        running = engine.generate(request("running", cap=300))
        assert isinstance(next(e for e in running if not isinstance(e, Idle)), Started)
        queued = engine.generate(request("queued", cap=5))
        queued_first: list[object] = []
        waiter = threading.Thread(
            target=lambda: queued_first.append(next(e for e in queued if not isinstance(e, Idle))))
        waiter.start()
        assert wait_for(lambda: engine_thread.status().queue_depth == 1)
        with pytest.raises(EngineBusy) as refused:
            list(engine.generate(request("refused", cap=5)))
        assert refused.value.retry_after is not None and refused.value.retry_after >= 1
        running.close()
        waiter.join(10)
        assert queued_first and isinstance(queued_first[0], Started)
        queued.close()
    finally:
        engine_thread.close()


def test_deadline_ends_a_long_generation(settings: Settings) -> None:
    engine_thread = EngineThread(settings, slots=1, queue_size=0, step_delay_s=0.05)
    try:
        started = time.monotonic()
        with pytest.raises(EngineTimeout):
            list(engine_for(settings).generate(request("slow", cap=400, deadline_s=0.5)))
        assert time.monotonic() - started < 3
    finally:
        engine_thread.close()


def test_a_crashed_runner_fails_its_requests_and_is_restarted(settings: Settings) -> None:
    engine_thread = EngineThread(settings, slots=2, queue_size=2, step_delay_s=0.02)
    try:
        engine = engine_for(settings)
        stream = engine.generate(request("doomed", cap=400))
        assert isinstance(next(e for e in stream if not isinstance(e, Idle)), Started)
        pid = engine_thread.status().runners[0].pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(EngineUnavailable):
            for _ in stream:
                pass
        assert not engine.status().ready
        assert wait_for(lambda: engine.status().ready, timeout=30)
        new_pid = engine_thread.status().runners[0].pid
        assert pid is not None
        assert new_pid != pid
        done = [e for e in engine.generate(request("after", cap=5)) if isinstance(e, Finished)]
        assert done
        assert engine_thread.status().counters["runner_crashes"] == 1
    finally:
        engine_thread.close()


def test_prompt_longer_than_the_context_is_refused(settings: Settings, engine_thread: EngineThread) -> None:
    from backend.engine import PromptTooLong

    long_text = "ord " * 6000
    big = GenerationRequest("big", (ChatMessage("user", long_text),), 10, time.time() + 30)
    with pytest.raises(PromptTooLong):
        list(engine_for(settings).generate(big))


def test_a_broken_model_folder_fails_start_with_the_reason(tmp_path: Path, settings: Settings) -> None:
    import shutil

    from backend.engine.dispatcher import EngineStartError

    broken = tmp_path / "broken"
    shutil.copytree(settings.model_path, broken)
    (broken / "model.onnx").write_bytes(b"not an onnx file")
    with pytest.raises(EngineStartError) as failed:
        EngineThread(settings.replace(model_path=broken))
    assert "model" in str(failed.value).lower()


def test_token_count_uses_the_model_tokenizer(settings: Settings) -> None:
    engine = engine_for(settings)
    short, longer = engine.count_tokens("Hej"), engine.count_tokens("Hej och välkommen till mötet i Halmstad")
    assert 0 < short < longer
    import json

    config = json.loads((settings.model_path / "genai_config.json").read_text())
    assert engine.context_length == config["model"]["context_length"]


CANARY = "Anna Kanarie 19121212-1212"


def test_a_malformed_call_is_refused_clearly_and_the_dispatcher_keeps_serving(
    settings: Settings, engine_thread: EngineThread, caplog: pytest.LogCaptureFixture
) -> None:
    import json
    import socket

    from backend.engine import ErrorKind
    from backend.engine.protocol import TO_WORKER, VERSION, ErrorReply

    good = {"request_id": "r", "messages": [{"role": "user", "content": CANARY}], "max_new_tokens": 5,
            "deadline": time.time() + 30}
    calls = [
        f"{CANARY}\n".encode(),
        json.dumps({"v": VERSION + 1, "type": "generate", "request": good}).encode() + b"\n",
        json.dumps({"v": VERSION, "type": "generate", "request": {**good, "max_new_tokens": CANARY}}).encode() + b"\n",
    ]
    for data in calls:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(5)
            sock.connect(str(settings.socket_path))
            sock.sendall(data)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        reply = TO_WORKER.decode(answer.splitlines()[0])
        assert isinstance(reply, ErrorReply) and reply.kind is ErrorKind.FAILED
    status = engine_thread.status()
    assert status.counters["protocol_errors"] == len(calls)
    assert status.ready
    done = [e for e in engine_for(settings).generate(request("after-garbage", cap=5)) if isinstance(e, Finished)]
    assert done and done[0].completion_tokens <= 5
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "protocol version" in logged
    assert "Kanarie" not in logged


def test_a_runner_ignores_a_malformed_command_and_keeps_serving(settings: Settings,
                                                                 capfd: pytest.CaptureFixture[str]) -> None:
    engine_thread = EngineThread(settings)  # started here, so the runner writes to this test's stderr
    try:
        runner = engine_thread.dispatcher.pool.runners[0]
        assert runner.process is not None and runner.conn is not None
        pid, conn = runner.process.pid, runner.conn

        async def send_junk() -> None:
            conn.send_bytes(f'{{"v": 1, "type": "generate", "request": "{CANARY}"}}'.encode())
            conn.send_bytes(b'{"v": 2, "type": "stop"}')  # another version's stop must not stop it

        engine_thread.call(send_junk())
        done = [e for e in engine_for(settings).generate(request("after-junk", cap=5)) if isinstance(e, Finished)]
        assert done
        state = engine_thread.status().runners[0]
        assert state.pid == pid and state.restarts == 0 and state.ready
    finally:
        engine_thread.close()
    err = capfd.readouterr().err
    assert "dispatcher->runner generate.request: should be an object" in err
    assert "protocol version 2" in err
    assert "Kanarie" not in err
