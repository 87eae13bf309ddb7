"""Prometheus metrics: HTTP, generation and engine. Labels never carry text or user ids."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from backend.engine import Engine
from backend.settings import Settings

HTTP_REQUESTS = Counter("kollega_http_requests", "HTTP requests", ["endpoint", "method", "status"])
HTTP_LATENCY = Histogram(
    "kollega_http_request_duration_seconds", "Time to the response headers", ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
GENERATIONS = Counter("kollega_generations", "Generations by feature and outcome", ["feature", "outcome"])
TOKENS = Counter("kollega_tokens", "Tokens processed", ["feature", "kind"])
TTFT = Histogram(
    "kollega_time_to_first_token_seconds", "From request to the first streamed text", ["feature"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64),
)
GENERATION_SECONDS = Histogram(
    "kollega_generation_duration_seconds", "Whole generation time", ["feature"],
    buckets=(0.1, 0.5, 1, 2, 5, 10, 20, 40, 80, 160),
)
REDACTIONS = Counter("kollega_redactions", "Personal details masked, by type", ["type"])
# Thread summaries through Entra ID and Graph, by outcome ("ok" or the problem code): a rejected
# credential answers 502, not 401, so alerts need this rather than the HTTP status.
GRAPH_CALLS = Counter("kollega_graph_calls", "Thread reads through Entra ID and Graph, by outcome", ["outcome"])
# By feature: the preview (redact) is asked again after every change, so it counts one correction many times.
REDACTION_CORRECTIONS = Counter(
    "kollega_redaction_corrections", "The user's corrections of the masking, by feature, action (mask, unmask) "
    "and type", ["feature", "action", "type"],
)


class EngineCollector(Collector):
    """Queue depth and engine counters, read from the engine when Prometheus scrapes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[Any]:
        status = self.engine.status()
        yield GaugeMetricFamily("kollega_engine_ready", "1 when every model runner is loaded", value=int(status.ready))
        yield GaugeMetricFamily("kollega_engine_queue_depth", "Requests waiting for a slot", value=status.queue_depth)
        yield GaugeMetricFamily("kollega_engine_active", "Generations running", value=status.active)
        yield GaugeMetricFamily("kollega_engine_capacity", "Generation slots", value=status.capacity)
        outcomes = CounterMetricFamily("kollega_engine_requests", "Engine requests by outcome", labels=["outcome"])
        for outcome, count in sorted(status.counters.items()):
            if outcome != "completion_tokens":
                outcomes.add_metric([outcome], count)
        yield outcomes


class CredentialExpiryCollector(Collector):
    """`kollega_entra_credential_expiry_timestamp_seconds{credential}`: Unix time the credential expires.

    Read once, at start-up: what the running process uses, not a file replaced since.
    """

    def __init__(self, settings: Settings) -> None:
        from backend.credentials import credential_expiry

        self._expiry = credential_expiry(settings)
        self._configured = bool(settings.entra_client_secret or settings.entra_client_cert)

    def collect(self) -> Iterator[Any]:
        expiry = GaugeMetricFamily(
            "kollega_entra_credential_expiry_timestamp_seconds",
            "When the Entra credential for Graph (on-behalf-of) expires, Unix time",
            labels=["credential"],
        )
        for credential, when in sorted(self._expiry.items()):
            expiry.add_metric([credential], when.timestamp())
        yield expiry
        yield GaugeMetricFamily(
            "kollega_entra_credential_configured",
            "1 when a client secret or certificate for Graph is configured",
            value=int(self._configured),
        )


def render(engine: Engine, settings: Settings | None = None) -> bytes:
    """The exposition text. Under `kollega serve` every worker writes to the shared metrics folder
    (settings.metrics_dir, PROMETHEUS_MULTIPROC_DIR); add them up."""
    registry = CollectorRegistry()
    if settings is not None and settings.metrics_dir is not None:
        # prometheus_client ships no annotations for this class; naming its type keeps mypy --strict clean.
        collect: Callable[..., object] = multiprocess.MultiProcessCollector
        collect(registry, path=str(settings.metrics_dir))
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY  # a single process (tests, flask run): the default registry has everything
        return generate_latest(registry) + generate_latest(_engine_registry(engine, settings))
    registry.register(EngineCollector(engine))
    if settings is not None:
        registry.register(_credentials(settings))
    return generate_latest(registry)


def _engine_registry(engine: Engine, settings: Settings | None = None) -> CollectorRegistry:
    registry = CollectorRegistry()
    registry.register(EngineCollector(engine))
    if settings is not None:
        registry.register(_credentials(settings))
    return registry


@functools.lru_cache(maxsize=8)
def _credentials(settings: Settings) -> Collector:
    """One expiry collector per configuration, so the certificate file is read once, not per scrape."""
    return CredentialExpiryCollector(settings)
