"""Kollega's configuration: read once from the environment (and an optional .env file) at start-up."""

from __future__ import annotations

import ipaddress
import os
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

from dotenv import dotenv_values

from backend import bundle

REPO_ROOT = Path(__file__).resolve().parent.parent
# In a checkout the instance folder sits in the repository; installed from a wheel, in the working folder
# (site-packages is no place for a database). Servers set KOLLEGA_INSTANCE_PATH.
DEFAULT_INSTANCE = Path("instance").resolve() if bundle.from_wheel() else REPO_ROOT / "instance"
DEFAULT_TASKPANE = bundle.taskpane_dir()

T = TypeVar("T")


class ConfigError(Exception):
    """A setting is missing or wrong. The message names the setting and says what to do."""

    def __init__(self, name: str, problem: str, fix: str) -> None:
        self.name = name
        super().__init__(f"{name}: {problem}. {fix}")


AuthMode = Literal["entra", "dev"]


@dataclass(frozen=True)
class Settings:
    """Every setting Kollega has. Nothing else in the code reads os.environ."""

    auth_mode: AuthMode = "entra"
    entra_tenant_ids: tuple[str, ...] = ()
    entra_client_id: str | None = None
    entra_authority_host: str = "https://login.microsoftonline.com"
    entra_client_secret: str | None = field(default=None, repr=False)
    entra_client_cert: Path | None = None
    # Role that gates admin-only endpoints (usage export).
    entra_admin_role: str = "Kollega.Admin"
    # Encrypts the per-user Graph token caches in Redis; derived from the credential when unset.
    token_cache_key: str | None = field(default=None, repr=False)
    graph_url: str = "https://graph.microsoft.com"
    # PEM file of CAs trusted for Entra ID and Graph (a TLS-inspecting proxy's CA); replaces the default trust.
    ca_bundle: Path | None = None
    # Seconds a user's Graph token cache (access and refresh token) is kept after it last changed.
    graph_token_cache_ttl_s: int = 3600
    # When the client secret expires (shown as a metric so an alert fires before it does).
    entra_client_secret_expires: datetime | None = None

    instance_path: Path = DEFAULT_INSTANCE
    model_path: Path = DEFAULT_INSTANCE / "models" / "small"
    engine_url: str | None = None
    engine_api_key: str | None = field(default=None, repr=False)
    engine_model: str | None = None
    # The remote model's context window (tokens), and optionally its tokenizer.json for exact counts.
    engine_context_length: int = 8192
    engine_tokenizer: Path | None = None
    engine_timeout_s: float = 60.0
    database_url: str | None = None
    # Days to keep audit records; 0 keeps them forever.
    audit_retention_days: int = 365
    redis_url: str | None = field(default=None, repr=False)

    # Server.
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    threads: int = 16
    shutdown_grace_s: float = 20.0
    trusted_proxies: int = 0
    cors_origins: tuple[str, ...] = ()
    taskpane_dir: Path = DEFAULT_TASKPANE
    log_level: str = "INFO"

    # Local engine. "auto" for processes is resolved by the engine from cores and memory.
    engine_processes: int | None = None
    engine_threads: int | None = None
    engine_slots: int = 4
    engine_queue_size: int = 16
    engine_socket: Path | None = None
    # Sleep after each decode round: simulates a slower model in tests and demos. 0 in production.
    engine_step_delay_ms: float = 0.0

    # Generation.
    max_output_tokens: int = 512
    request_timeout_s: float = 120.0
    temperature: float = 0.0
    sse_flush_interval_s: float = 0.2

    # Input limits.
    max_body_bytes: int = 1_048_576
    max_text_chars: int = 200_000
    # Mail bodies read through Graph, cut before any parsing: each one, and the thread in total.
    graph_max_body_chars: int = 100_000
    graph_max_thread_chars: int = 400_000
    # Templates (backend/usertemplates): how many, and how big, per user and per organisation.
    template_max_per_user: int = 50
    template_max_per_tenant: int = 500
    template_max_instruction_chars: int = 4000
    template_max_field_chars: int = 2000
    template_max_fields: int = 20
    template_import_max_bytes: int = 524_288

    # Optional token-classification model (ONNX) for names, beside the rules.
    ner_model_path: Path | None = None
    # Whether users may unmask a detected span in the preview; masking more is always allowed.
    redaction_allow_unmask: bool = True

    # Rate limits (flask-limiter syntax). Per user: generating endpoints together, and every endpoint.
    # Per client address: refused sign-ins only, so one office behind a NAT address is not limited as one.
    rate_limit_generate: str = "20/minute"
    rate_limit_api: str = "120/minute"
    rate_limit_ip: str = "300/minute"

    # Client addresses (networks) that may read /metrics and the details of /readyz. Loopback unless set.
    metrics_allow: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    # Plain http to a remote engine that is not on loopback carries every prompt and the API key in the
    # clear; refused unless this says the link is trusted.
    engine_allow_http: bool = False
    # Dev mode only: tokens from the dev sign-in endpoint carry the admin role (a demo of the admin views).
    dev_admin: bool = False

    @property
    def database_uri(self) -> str:
        return self.database_url or f"sqlite:///{self.instance_path / 'kollega.db'}"

    @property
    def socket_path(self) -> Path:
        return self.engine_socket or self.instance_path / "run" / "engine.sock"

    def replace(self, **changes: Any) -> Settings:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Settings(**values)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Reader:
    """Reads and checks one KOLLEGA_* value at a time, with messages that say what to fix."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def raw(self, name: str) -> str | None:
        value = self.env.get(name)
        if value is None:
            return None
        value = value.strip()
        return value or None

    def text(self, name: str, default: str | None = None) -> str | None:
        return self.raw(name) or default

    def parse(self, name: str, default: T, convert: Callable[[str], T], expect: str) -> T:
        value = self.raw(name)
        if value is None:
            return default
        try:
            return convert(value)
        except (ValueError, TypeError):
            raise ConfigError(name, f"{value!r} is not {expect}", f"Set it to {expect}") from None

    def integer(self, name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
        value = self.parse(name, default, int, "a whole number")
        if value < minimum or (maximum is not None and value > maximum):
            upper = f" and at most {maximum}" if maximum is not None else ""
            raise ConfigError(name, f"{value} is out of range", f"Use a number of at least {minimum}{upper}")
        return value

    def number(self, name: str, default: float, minimum: float = 0.0) -> float:
        value = self.parse(name, default, float, "a number")
        if value < minimum:
            raise ConfigError(name, f"{value} is below {minimum}", f"Use a number of at least {minimum}")
        return value

    def choice(self, name: str, default: str, options: tuple[str, ...]) -> str:
        value = (self.raw(name) or default).lower()
        if value not in options:
            raise ConfigError(name, f"{value!r} is not a known value", f"Use one of: {', '.join(options)}")
        return value

    def url(self, name: str, default: str | None = None) -> str | None:
        value = self.raw(name) or default
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(name, f"{value!r} is not an http(s) URL", "Give a full URL such as https://host")
        return value.rstrip("/")

    def path(self, name: str, default: Path | None = None) -> Path | None:
        value = self.raw(name)
        return Path(value).expanduser() if value else default

    def boolean(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if value.lower() in ("true", "1", "yes", "on"):
            return True
        if value.lower() in ("false", "0", "no", "off"):
            return False
        raise ConfigError(name, f"{value!r} is not true or false", "Set it to true or false")

    def csv(self, name: str) -> tuple[str, ...]:
        value = self.raw(name)
        return tuple(item.strip() for item in value.split(",") if item.strip()) if value else ()


def _guid(name: str, value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ConfigError(
            name, f"{value!r} is not a GUID", "Copy the id from the app registration's Overview page in Entra ID"
        ) from None


def _expiry(value: str) -> datetime:
    """An ISO date or date-time (UTC when no offset is given)."""
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def load_settings(
    environ: Mapping[str, str] | None = None,
    *,
    env_file: Path | None = None,
    env_overrides: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Read every KOLLEGA_* setting once. Raises ConfigError with a message that says what to fix.

    `env_overrides` replace environment values before they are checked (`kollega demo` forces dev sign-in).
    """
    source: dict[str, str] = {}
    dotenv_path = env_file if env_file is not None else Path.cwd() / ".env"
    if environ is None and dotenv_path.is_file():
        source.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    source.update(os.environ if environ is None else environ)
    source.update(env_overrides or {})
    r = _Reader(source)

    auth_mode = r.choice("KOLLEGA_AUTH_MODE", "entra", ("entra", "dev"))
    tenants = tuple(_guid("KOLLEGA_ENTRA_TENANT_ID", t) for t in r.csv("KOLLEGA_ENTRA_TENANT_ID"))
    client_id_raw = r.text("KOLLEGA_ENTRA_CLIENT_ID")
    client_id = _guid("KOLLEGA_ENTRA_CLIENT_ID", client_id_raw) if client_id_raw else None
    if auth_mode == "entra":
        if not tenants:
            raise ConfigError(
                "KOLLEGA_ENTRA_TENANT_ID",
                "is not set, and sign-in through Entra ID needs it",
                "Set it to your organisation's tenant id (a GUID), or set KOLLEGA_AUTH_MODE=dev for local "
                "development",
            )
        if not client_id:
            raise ConfigError(
                "KOLLEGA_ENTRA_CLIENT_ID",
                "is not set, and sign-in through Entra ID needs it",
                "Set it to the application (client) id of Kollega's app registration",
            )
    authority = r.url("KOLLEGA_ENTRA_AUTHORITY_HOST", "https://login.microsoftonline.com")
    assert authority is not None
    auth_parts = urlsplit(authority)
    if auth_parts.scheme == "http" and not is_loopback(auth_parts.hostname or ""):
        raise ConfigError(
            "KOLLEGA_ENTRA_AUTHORITY_HOST",
            "plain http is only accepted for a loopback test server",
            "Use https://login.microsoftonline.com (or your sovereign cloud's https host)",
        )
    cert = r.path("KOLLEGA_ENTRA_CLIENT_CERT")
    if cert is not None and not cert.is_file():
        raise ConfigError(
            "KOLLEGA_ENTRA_CLIENT_CERT", f"{cert} does not exist", "Point it at the PEM file with key and cert"
        )

    cache_key = r.text("KOLLEGA_TOKEN_CACHE_KEY")
    if cache_key is not None and len(cache_key) < 32:
        raise ConfigError(
            "KOLLEGA_TOKEN_CACHE_KEY", "is shorter than 32 characters",
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'",
        )
    graph_url = r.url("KOLLEGA_GRAPH_URL", "https://graph.microsoft.com")
    assert graph_url is not None
    graph_parts = urlsplit(graph_url)
    if graph_parts.scheme == "http" and not is_loopback(graph_parts.hostname or ""):
        raise ConfigError("KOLLEGA_GRAPH_URL", "plain http is only accepted for a loopback test server",
                          "Use https://graph.microsoft.com (or your national cloud's Graph endpoint)")

    ca_bundle = r.path("KOLLEGA_CA_BUNDLE")
    if ca_bundle is not None and not (ca_bundle.is_file() and b"-----BEGIN CERTIFICATE" in ca_bundle.read_bytes()):
        raise ConfigError("KOLLEGA_CA_BUNDLE", f"{ca_bundle} is not a PEM file of certificates",
                          "Point it at a PEM bundle: the system's CAs plus your proxy's CA (see docs/deploy/proxy.md)")
    secret_expires = r.parse("KOLLEGA_ENTRA_CLIENT_SECRET_EXPIRES", None, _expiry, "a date such as 2027-06-30")

    instance = r.path("KOLLEGA_INSTANCE_PATH", DEFAULT_INSTANCE)
    assert instance is not None
    model_path = r.path("KOLLEGA_MODEL_PATH", instance / "models" / "small")
    assert model_path is not None

    engine_url = r.url("KOLLEGA_ENGINE_URL")
    engine_tokenizer = r.path("KOLLEGA_ENGINE_TOKENIZER")
    if engine_tokenizer is not None and not engine_tokenizer.is_file():
        raise ConfigError("KOLLEGA_ENGINE_TOKENIZER", f"{engine_tokenizer} does not exist",
                          "Point it at the remote model's tokenizer.json, or unset it to estimate token counts")
    database_url = r.text("KOLLEGA_DATABASE_URL")
    if database_url and not re.match(r"^(sqlite|postgresql)(\+\w+)?://", database_url):
        raise ConfigError(
            "KOLLEGA_DATABASE_URL",
            "must be an SQLAlchemy URL for SQLite or PostgreSQL",
            "Use e.g. postgresql+psycopg://user:password@host/kollega",
        )
    redis_url = r.text("KOLLEGA_REDIS_URL")
    if redis_url and not re.match(r"^rediss?://", redis_url):
        raise ConfigError("KOLLEGA_REDIS_URL", "must start with redis:// or rediss://", "Use redis://host:6379/0")

    processes_raw = r.text("KOLLEGA_ENGINE_PROCESSES", "auto")
    engine_processes = (
        None if processes_raw == "auto" else r.integer("KOLLEGA_ENGINE_PROCESSES", 1, minimum=1, maximum=64)
    )
    threads_raw = r.text("KOLLEGA_ENGINE_THREADS", "auto")
    engine_threads = None if threads_raw == "auto" else r.integer("KOLLEGA_ENGINE_THREADS", 1, 1, 256)

    ner = r.path("KOLLEGA_NER_MODEL_PATH")
    if ner is not None and not ner.is_dir():
        raise ConfigError(
            "KOLLEGA_NER_MODEL_PATH", f"{ner} is not a folder", "Point it at a folder with model.onnx and tokenizer"
        )

    values: dict[str, Any] = dict(
        auth_mode=auth_mode,
        entra_tenant_ids=tenants,
        entra_client_id=client_id,
        entra_authority_host=authority,
        entra_client_secret=r.text("KOLLEGA_ENTRA_CLIENT_SECRET"),
        entra_client_cert=cert,
        entra_admin_role=r.text("KOLLEGA_ENTRA_ADMIN_ROLE", "Kollega.Admin"),
        token_cache_key=cache_key,
        graph_url=graph_url,
        ca_bundle=ca_bundle,
        graph_token_cache_ttl_s=r.integer("KOLLEGA_GRAPH_TOKEN_CACHE_TTL", 3600, minimum=60, maximum=86_400),
        entra_client_secret_expires=secret_expires,
        instance_path=instance,
        model_path=model_path,
        engine_url=engine_url,
        engine_api_key=r.text("KOLLEGA_ENGINE_API_KEY"),
        engine_model=r.text("KOLLEGA_ENGINE_MODEL"),
        engine_context_length=r.integer("KOLLEGA_ENGINE_CONTEXT_LENGTH", 8192, minimum=256, maximum=10_000_000),
        engine_tokenizer=engine_tokenizer,
        engine_timeout_s=r.number("KOLLEGA_ENGINE_TIMEOUT", 60.0, minimum=1.0),
        database_url=database_url,
        audit_retention_days=r.integer("KOLLEGA_AUDIT_RETENTION_DAYS", 365, minimum=0, maximum=36_500),
        redis_url=redis_url,
        host=r.text("KOLLEGA_HOST", "127.0.0.1"),
        port=r.integer("KOLLEGA_PORT", 8000, minimum=1, maximum=65535),
        workers=r.integer("KOLLEGA_WORKERS", 2, minimum=1, maximum=64),
        threads=r.integer("KOLLEGA_THREADS", 16, minimum=1, maximum=1000),
        shutdown_grace_s=r.number("KOLLEGA_SHUTDOWN_GRACE", 20.0),
        trusted_proxies=r.integer("KOLLEGA_TRUSTED_PROXIES", 0, minimum=0, maximum=5),
        cors_origins=r.csv("KOLLEGA_CORS_ORIGINS"),
        taskpane_dir=r.path("KOLLEGA_TASKPANE_DIR", DEFAULT_TASKPANE),
        log_level=r.choice("KOLLEGA_LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper(),
        engine_processes=engine_processes,
        engine_threads=engine_threads,
        engine_slots=r.integer("KOLLEGA_ENGINE_SLOTS", 4, minimum=1, maximum=64),
        engine_queue_size=r.integer("KOLLEGA_ENGINE_QUEUE_SIZE", 16, minimum=0, maximum=10_000),
        engine_socket=r.path("KOLLEGA_ENGINE_SOCKET"),
        engine_step_delay_ms=r.number("KOLLEGA_ENGINE_STEP_DELAY_MS", 0.0),
        max_output_tokens=r.integer("KOLLEGA_MAX_OUTPUT_TOKENS", 512, minimum=1, maximum=32_768),
        request_timeout_s=r.number("KOLLEGA_REQUEST_TIMEOUT", 120.0, minimum=1.0),
        temperature=r.number("KOLLEGA_TEMPERATURE", 0.0),
        sse_flush_interval_s=r.number("KOLLEGA_SSE_FLUSH_INTERVAL", 0.2),
        max_body_bytes=r.integer("KOLLEGA_MAX_BODY_BYTES", 1_048_576, minimum=1024),
        max_text_chars=r.integer("KOLLEGA_MAX_TEXT_CHARS", 200_000, minimum=100),
        graph_max_body_chars=r.integer("KOLLEGA_GRAPH_MAX_BODY_CHARS", 100_000, minimum=1000),
        graph_max_thread_chars=r.integer("KOLLEGA_GRAPH_MAX_THREAD_CHARS", 400_000, minimum=1000),
        template_max_per_user=r.integer("KOLLEGA_TEMPLATE_MAX_PER_USER", 50, minimum=0, maximum=10_000),
        template_max_per_tenant=r.integer("KOLLEGA_TEMPLATE_MAX_PER_TENANT", 500, minimum=0, maximum=100_000),
        template_max_instruction_chars=r.integer("KOLLEGA_TEMPLATE_MAX_INSTRUCTION_CHARS", 4000, minimum=100,
                                                 maximum=100_000),
        template_max_field_chars=r.integer("KOLLEGA_TEMPLATE_MAX_FIELD_CHARS", 2000, minimum=10, maximum=100_000),
        template_max_fields=r.integer("KOLLEGA_TEMPLATE_MAX_FIELDS", 20, minimum=1, maximum=100),
        template_import_max_bytes=r.integer("KOLLEGA_TEMPLATE_IMPORT_MAX_BYTES", 524_288, minimum=1024,
                                            maximum=100_000_000),
        ner_model_path=ner,
        redaction_allow_unmask=r.boolean("KOLLEGA_REDACTION_ALLOW_UNMASK", True),
    )
    from backend.limits import check_limit  # here, not at the top: backend.limits imports this module

    for field_name, env_name, default in (
        ("rate_limit_generate", "KOLLEGA_RATE_LIMIT_GENERATE", "20/minute"),
        ("rate_limit_api", "KOLLEGA_RATE_LIMIT_API", "120/minute"),
        ("rate_limit_ip", "KOLLEGA_RATE_LIMIT_IP", "300/minute"),
    ):
        values[field_name] = check_limit(env_name, r.text(env_name, default) or default)
    values["metrics_allow"] = _networks("KOLLEGA_METRICS_ALLOW", r.csv("KOLLEGA_METRICS_ALLOW"))
    values["engine_allow_http"] = _yes_no("KOLLEGA_ENGINE_ALLOW_HTTP", r.text("KOLLEGA_ENGINE_ALLOW_HTTP", "false"))
    values["dev_admin"] = _yes_no("KOLLEGA_DEV_ADMIN", r.text("KOLLEGA_DEV_ADMIN", "false"))
    _check_engine_url(engine_url, values["engine_allow_http"])
    values.update(overrides)
    settings = Settings(**values)
    from backend.auth.dev import check_dev_mode  # here: backend.auth imports this module

    check_dev_mode(settings)
    return settings


def _networks(name: str, items: tuple[str, ...]) -> tuple[str, ...]:
    """Addresses or CIDR networks, normalised; the default (nothing set) is loopback."""
    if not items:
        return Settings.metrics_allow
    try:
        return tuple(str(ipaddress.ip_network(item, strict=False)) for item in items)
    except ValueError as exc:
        raise ConfigError(name, f"{exc}",
                          "List addresses or networks, comma-separated, e.g. 127.0.0.1,10.8.0.0/24") from None


def _yes_no(name: str, value: str | None) -> bool:
    lowered = (value or "").lower()
    if lowered not in ("true", "false", "yes", "no", "1", "0"):
        raise ConfigError(name, f"{value!r} is not true or false", "Set it to true or false")
    return lowered in ("true", "yes", "1")


def _check_engine_url(url: str | None, allow_http: bool) -> None:
    if url is None or allow_http:
        return
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ConfigError(
            "KOLLEGA_ENGINE_URL", "plain http to a host other than this one would send every prompt and the API key "
            "in the clear",
            "Use https://, or set KOLLEGA_ENGINE_ALLOW_HTTP=true if the link itself is protected (a sidecar, a mesh "
            "with mTLS)",
        )
