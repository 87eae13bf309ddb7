"""An OpenAI-compatible chat-completions endpoint as the engine (vLLM, KServe, Ray Serve, Azure OpenAI,
or another Kollega's gateway). Personal data is masked before a request gets here."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from backend.engine import (
    IDLE,
    EngineBusy,
    EngineError,
    EngineEvent,
    EngineStatus,
    EngineTimeout,
    EngineUnavailable,
    Finished,
    GenerationRequest,
    PromptTooLong,
    Started,
    TokenText,
)
from backend.engine.openai_stream import StreamItem, drain_usage, read_stream

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger("kollega.engine.remote")

POLL_INTERVAL_S = 0.1
RETRY_STATUSES = (429, 502, 503, 504)
# Characters per token for Swedish and English text when the model's tokenizer is not at hand: a
# cautious figure, so that prompts are rather split too early than refused by the engine.
CHARS_PER_TOKEN = 3.0


class CircuitBreaker:
    """After `threshold` failures in a row, refuse for `cool_down_s` instead of hammering a down engine."""

    def __init__(self, threshold: int = 5, cool_down_s: float = 30.0) -> None:
        self.threshold = threshold
        self.cool_down_s = cool_down_s
        self.failures = 0
        self.open_until = 0.0
        self.lock = threading.Lock()

    def check(self) -> None:
        with self.lock:
            remaining = self.open_until - time.monotonic()
        if remaining > 0:
            raise EngineUnavailable("The inference engine is not answering; Kollega is waiting before trying again.",
                                    retry_after=max(1, int(remaining + 0.999)))

    def success(self) -> None:
        with self.lock:
            self.failures = 0
            self.open_until = 0.0

    def failure(self) -> None:
        with self.lock:
            self.failures += 1
            if self.failures >= self.threshold:
                self.open_until = time.monotonic() + self.cool_down_s
                log.warning("engine circuit open for %.0f s after %d failures", self.cool_down_s, self.failures)

    @property
    def is_open(self) -> bool:
        with self.lock:
            return self.open_until > time.monotonic()


class RemoteEngine:
    """Streams chat completions from an OpenAI-compatible endpoint, behind the same interface as the local engine."""

    name = "openai"

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None,
        model: str | None,
        context_length: int,
        tokenizer_path: Path | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 60.0,
        max_retries: int = 2,
        breaker: CircuitBreaker | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self._context_length = context_length
        self.tokenizer_path = tokenizer_path
        self.max_retries = max_retries
        self.breaker = breaker or CircuitBreaker()
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(read_timeout_s, connect=connect_timeout_s),
            transport=transport,
        )
        self._tokenizer: Tokenizer | None = None
        self._tokenizer_lock = threading.Lock()
        self._model_name_lock = threading.Lock()

    # ----- the Engine interface ------------------------------------------------------------------

    @property
    def context_length(self) -> int:
        return self._context_length

    def count_tokens(self, text: str) -> int:
        tokenizer = self._load_tokenizer()
        if tokenizer is None:
            return int(len(text) / CHARS_PER_TOKEN) + 1
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    def generate(self, request: GenerationRequest) -> Iterator[EngineEvent]:
        self.breaker.check()
        body = {
            "model": self._model_name(),
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_new_tokens,
            "temperature": request.temperature,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        response = self._open_stream(body, request.deadline)
        prompt_estimate = sum(self.count_tokens(m.content) for m in request.messages)
        yield Started(prompt_estimate)
        events: queue.Queue[StreamItem] = queue.Queue()
        stop = threading.Event()
        reader = threading.Thread(target=read_stream, args=(response, events, stop), daemon=True)
        reader.start()
        completion = 0
        try:
            while True:
                if time.time() > request.deadline:
                    raise EngineTimeout("The answer took longer than the time limit.")
                try:
                    item = events.get(timeout=POLL_INTERVAL_S)
                except queue.Empty:
                    yield IDLE
                    continue
                if isinstance(item, Exception):
                    self.breaker.failure()
                    raise EngineUnavailable("The inference engine broke off the answer. Try again.",
                                            retry_after=5) from None
                if item is None:  # end of stream without a finish reason
                    self.breaker.success()
                    yield Finished("stop", prompt_estimate, completion)
                    return
                if item.text:
                    completion += 1
                    yield TokenText(item.text)
                if item.usage:
                    prompt_estimate, completion = item.usage.counts(prompt_estimate, completion)
                if item.finish_reason:
                    # Usage comes in a last chunk after the finish reason when include_usage is on.
                    usage = drain_usage(events, request.deadline)
                    if usage:
                        prompt_estimate, completion = usage.counts(prompt_estimate, completion)
                    self.breaker.success()
                    yield Finished("length" if item.finish_reason == "length" else "stop", prompt_estimate, completion)
                    return
        finally:
            # Closing the upstream stream is the cancel: the engine stops generating for a gone client.
            stop.set()
            response.close()

    def status(self) -> EngineStatus:
        if self.breaker.is_open:
            return EngineStatus(ready=False, detail="the inference engine is not answering (circuit open)")
        return EngineStatus(ready=True, detail=f"remote engine at {self.base_url}")

    # ----- helpers -------------------------------------------------------------------------------

    def _open_stream(self, body: dict[str, object], deadline: float) -> httpx.Response:
        """POST the request; retry only where nothing can have been generated yet."""
        attempt = 0
        while True:
            try:
                request = self.client.build_request("POST", f"{self.base_url}/chat/completions", json=body)
                response = self.client.send(request, stream=True)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                # The request never reached the engine: always safe to try again.
                self.breaker.failure()
                if attempt >= self.max_retries or time.time() > deadline:
                    raise EngineUnavailable("The inference engine cannot be reached. Try again shortly.",
                                            retry_after=10) from exc
                self._back_off(attempt, None)
                attempt += 1
                continue
            except httpx.HTTPError as exc:
                self.breaker.failure()
                raise EngineUnavailable("The inference engine did not answer in time.", retry_after=10) from exc
            if response.status_code == 200:
                return response
            status = response.status_code
            detail = _error_detail(response)
            retry_after = _retry_after(response)
            response.close()
            # 429/502/503/504 say the engine did not take the request on: safe to try again.
            if status in RETRY_STATUSES and attempt < self.max_retries and time.time() < deadline:
                if status != 429:
                    self.breaker.failure()
                self._back_off(attempt, retry_after)
                attempt += 1
                continue
            if status == 429:
                raise EngineBusy("The inference engine is busy. Try again shortly.", retry_after=retry_after or 5)
            if status >= 500:
                self.breaker.failure()
                raise EngineUnavailable("The inference engine failed to answer. Try again shortly.",
                                        retry_after=retry_after or 10)
            if status == 400 and "context" in detail.lower():
                raise PromptTooLong("The text is too long for the inference engine's model.")
            if status in (401, 403):
                log.error("the inference engine refused Kollega's credentials (%d)", status)
                raise EngineError("Kollega is not allowed to use the inference engine; tell IT.")
            log.error("the inference engine answered %d", status)
            raise EngineError(f"The inference engine refused the request ({status}).")

    def _back_off(self, attempt: int, retry_after: int | None) -> None:
        time.sleep(min(5.0, retry_after if retry_after else 0.25 * 2**attempt))

    def _model_name(self) -> str:
        """The configured model, or the engine's first listed model."""
        with self._model_name_lock:
            if self.model is None:
                try:
                    listing = self.client.get(f"{self.base_url}/models", timeout=5).json()
                    self.model = str(listing["data"][0]["id"])
                except (httpx.HTTPError, ValueError, KeyError, IndexError):
                    raise EngineUnavailable("Set KOLLEGA_ENGINE_MODEL: the engine did not list its models.",
                                            retry_after=30) from None
            return self.model

    def _load_tokenizer(self) -> Tokenizer | None:
        if self.tokenizer_path is None:
            return None
        with self._tokenizer_lock:
            if self._tokenizer is None:
                from tokenizers import Tokenizer

                self._tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        return self._tokenizer


def _retry_after(response: httpx.Response) -> int | None:
    value = response.headers.get("Retry-After")
    try:
        return max(1, int(float(value))) if value else None
    except ValueError:
        return None


def _error_detail(response: httpx.Response) -> str:
    try:
        response.read()
        body = response.json()
    except (ValueError, httpx.HTTPError):
        return ""
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            return str(error.get("message", ""))
        return str(body.get("detail", ""))
    return ""
