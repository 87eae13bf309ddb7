"""`kollega serve`: the model engine and gunicorn together, supervised, with a graceful shutdown.

The supervisor process runs the dispatcher (queue + runner supervision) on an asyncio loop and starts
gunicorn with gthread workers as a child (sync and gevent workers were killed on CPU-bound streams:
docs/measurements.md). On SIGTERM it stops taking work, lets running streams finish for KOLLEGA_SHUTDOWN_GRACE
seconds, ends the rest with an error event, and only then stops the engine: no stream is cut.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

from backend.engine.dispatcher import Dispatcher, EngineStartError
from backend.loopback import is_loopback
from backend.settings import ConfigError, Settings

log = logging.getLogger("kollega.server")


class StartupError(Exception):
    """Start-up cannot go on; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class EnginePlan:
    processes: int
    threads: int


def plan_engine(settings: Settings, model_bytes: int) -> EnginePlan:
    """How many runner processes and threads: one model copy per process, as many as cores and memory allow."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    processes = settings.engine_processes
    if processes is None:
        # Separate processes scale on CPU where threads sharing one model do not (docs/measurements.md), but each holds
        # a copy of the model: keep the copies within half of the free memory, and at most four.
        by_memory = int(psutil.virtual_memory().available * 0.5 // max(1, int(model_bytes * 1.5)))
        processes = max(1, min(cores, by_memory, 4))
    threads = settings.engine_threads or max(1, cores // processes)
    return EnginePlan(processes, threads)


def http_threads(settings: Settings, plan: EnginePlan | None) -> int:
    """Threads per gunicorn worker: enough for every generation the engine may hold, and then some.

    A stream holds its thread until it ends. If the engine could hold more streams (running plus
    queued) than gunicorn has threads, extra requests would wait unseen in gunicorn's own queue, with
    no 503, and health checks would wait behind them. So the engine's queue is made the limit that
    bites, and eight threads per worker stay free for health checks, previews and readability.
    """
    if plan is None:
        return settings.threads
    engine_holds = plan.processes * settings.engine_slots + settings.engine_queue_size
    return max(settings.threads, -(-engine_holds // settings.workers) + 8)


def check_model_folder(path: Path) -> int:
    """Fail fast, with a useful message, on a missing or broken model folder. Returns its size in bytes."""
    from backend.modelfiles import ModelError, inspect_model

    try:
        info = inspect_model(path, load=False)
    except ModelError as exc:
        raise StartupError(f"KOLLEGA_MODEL_PATH: {exc}") from None
    return int(info.size_bytes)


def migrate_store(settings: Settings) -> None:
    """Bring the audit store to the current schema once, before the workers start (not in each at once)."""
    from sqlalchemy.exc import SQLAlchemyError

    from backend.audit import upgrade

    try:
        revision = upgrade(settings.database_uri)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StartupError(f"KOLLEGA_DATABASE_URL: the audit store cannot be used: {reason}") from None
    log.info("audit store at schema revision %s", revision)


def socket_path(settings: Settings) -> Path:
    path = settings.socket_path
    if len(str(path)) > 100:  # Unix socket paths are limited to 107 bytes
        digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
        path = Path(tempfile.gettempdir()) / f"kollega-{digest}.sock"
    return path


def serve(settings: Settings) -> int:
    """Run until SIGTERM or Ctrl-C. Returns the process exit code."""
    if settings.auth_mode == "dev":
        if not is_loopback(settings.host):
            raise ConfigError(
                "KOLLEGA_AUTH_MODE", f"dev sign-in is refused on {settings.host}, which is not a loopback address",
                "Bind to 127.0.0.1, or set up Entra ID sign-in (KOLLEGA_AUTH_MODE=entra)",
            )
        log.warning("dev sign-in is on: anyone on this machine can get a token. Never use it in production.")
    settings.instance_path.mkdir(parents=True, exist_ok=True)
    migrate_store(settings)
    if settings.engine_url:
        # An OpenAI-compatible engine does the generating: no model is loaded here.
        log.info("using the remote engine at %s", settings.engine_url)
        return asyncio.run(_supervise(settings, None))
    model_bytes = check_model_folder(settings.model_path)
    plan = plan_engine(settings, model_bytes)
    return asyncio.run(_supervise(settings, plan))


async def _supervise(settings: Settings, plan: EnginePlan | None) -> int:
    sock = socket_path(settings)
    dispatcher = None
    if plan is not None:
        dispatcher = Dispatcher(
            model_path=settings.model_path,
            socket_path=sock,
            processes=plan.processes,
            threads=plan.threads,
            slots=settings.engine_slots,
            queue_size=settings.engine_queue_size,
            step_delay_s=settings.engine_step_delay_ms / 1000,
        )
        log.info("loading the model from %s into %d runner(s) x %d thread(s)", settings.model_path,
                 plan.processes, plan.threads)
        try:
            await dispatcher.start()
        except EngineStartError as exc:
            raise StartupError(
                f"KOLLEGA_MODEL_PATH: the model at {settings.model_path} could not be loaded: {exc}. "
                "Check it with `kollega model check DIR`."
            ) from None

    threads = http_threads(settings, plan)
    metrics_dir = settings.instance_path / "run" / f"metrics-{os.getpid()}"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    env = dict(os.environ)
    env.update(
        KOLLEGA_ENGINE_SOCKET=str(sock),
        KOLLEGA_HOST=settings.host,
        KOLLEGA_PORT=str(settings.port),
        KOLLEGA_AUTH_MODE=settings.auth_mode,
        KOLLEGA_MODEL_PATH=str(settings.model_path),
        KOLLEGA_INSTANCE_PATH=str(settings.instance_path),
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
    )
    gunicorn = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "gunicorn",
        "--worker-class", "gthread",
        "--workers", str(settings.workers),
        "--threads", str(threads),
        "--bind", f"{settings.host}:{settings.port}",
        # Longer than our own drain, so gunicorn never cuts a stream that the engine is still ending.
        "--graceful-timeout", str(int(settings.shutdown_grace_s + 10)),
        "--keep-alive", "5",
        "--log-level", "warning",
        "--worker-tmp-dir", str(metrics_dir),
        "backend.wsgi:app",
        env=env,
    )
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)

    url = f"http://{settings.host}:{settings.port}"
    ready_task = asyncio.create_task(_announce_when_up(url, settings.auth_mode == "dev"))
    stop_task = asyncio.create_task(stopping.wait())
    exit_task = asyncio.create_task(gunicorn.wait())
    await asyncio.wait({stop_task, exit_task}, return_when=asyncio.FIRST_COMPLETED)
    ready_task.cancel()

    code = 0
    if exit_task.done():
        code = gunicorn.returncode or 1
        log.error("the HTTP server stopped (exit code %s); stopping the engine", gunicorn.returncode)
    else:
        log.info("shutting down: finishing streams in flight (up to %.0f s)", settings.shutdown_grace_s)
        with contextlib.suppress(ProcessLookupError):
            gunicorn.send_signal(signal.SIGTERM)
        if dispatcher is not None:
            await dispatcher.drain(settings.shutdown_grace_s)
        try:
            await asyncio.wait_for(exit_task, timeout=15)
        except TimeoutError:
            gunicorn.kill()
            await gunicorn.wait()
    if dispatcher is not None:
        await dispatcher.close()
    shutil.rmtree(metrics_dir, ignore_errors=True)
    log.info("stopped")
    return code


async def _announce_when_up(url: str, demo: bool) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            await asyncio.to_thread(_get, f"{url}/healthz")
            log.info("Kollega is serving on %s", url)
            print(f"Kollega is serving on {url}", file=sys.stderr, flush=True)
            if demo:
                print(f"Open {url}/taskpane/playground.html to try the task pane (Ctrl-C stops).",
                      file=sys.stderr, flush=True)
            return
        except OSError:
            await asyncio.sleep(0.2)


def _get(url: str) -> None:
    with urllib.request.urlopen(url, timeout=2) as response:
        response.read()
