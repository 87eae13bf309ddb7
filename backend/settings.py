"""Kollega's configuration: every setting declared once, read from the environment (and an optional .env file)
at start-up.

Each field of Settings names its environment variable, kind (type and bounds), default and help text. From that
one declaration come loading (load_settings), the checks and their messages (check_settings), and the README's
settings table (backend/config/readme.py). A new setting is one field here, plus a line in
infra/vm/kollega.env.example (tests/infra checks it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from dotenv import dotenv_values

from backend import bundle
from backend.config import rules
from backend.config.declare import ConfigError, Kind, setting, spec_of
from backend.config.kinds import (
    Choice,
    Expiry,
    Flag,
    Guid,
    Networks,
    Number,
    Pattern,
    RateLimit,
    Secret,
    Url,
    Where,
    Whole,
    Words,
)

__all__ = ["DEFAULT_INSTANCE", "DEFAULT_TASKPANE", "REPO_ROOT", "AuthMode", "ConfigError", "Settings",
           "check_settings", "load_settings"]

REPO_ROOT = Path(__file__).resolve().parent.parent
# In a checkout the instance folder sits in the repository; installed from a wheel, in the working folder
# (site-packages is no place for a database). Servers set KOLLEGA_INSTANCE_PATH.
DEFAULT_INSTANCE = Path("instance").resolve() if bundle.from_wheel() else REPO_ROOT / "instance"
DEFAULT_TASKPANE = bundle.taskpane_dir()
# KOLLEGA_MODEL_PATH's default, inside whichever instance folder is in use.
DEFAULT_MODEL = Path("models") / "small"

AuthMode = Literal["entra", "dev"]
TEXT = Kind()
PATH = Where()
NUMBER = Number()
FLAG = Flag()


@dataclass(frozen=True)
class Settings:
    """Every setting Kollega has. Nothing else reads os.environ, except to build a child process's environment
    (tests/architecture checks it)."""

    # Sign-in and Microsoft Graph.
    auth_mode: AuthMode = setting("entra", "KOLLEGA_AUTH_MODE", Choice("entra", "dev"),
                                  "`entra`, or `dev` for local sign-in (loopback only)")
    entra_tenant_ids: tuple[str, ...] = setting((), "KOLLEGA_ENTRA_TENANT_ID", Guid(many=True),
                                                "allowed tenant id(s), comma-separated",
                                                shown="none: `entra` refuses to start")
    entra_client_id: str | None = setting(None, "KOLLEGA_ENTRA_CLIENT_ID", Guid(),
                                          "the API's app (client) id; tokens must carry it as audience",
                                          shown="none: `entra` refuses to start")
    entra_authority_host: str = setting(
        "https://login.microsoftonline.com", "KOLLEGA_ENTRA_AUTHORITY_HOST",
        Url(loopback_http="Use https://login.microsoftonline.com (or your sovereign cloud's https host)"),
        "issuer is `{host}/{tid}/v2.0`; http only for loopback")
    entra_client_secret: str | None = setting(None, "KOLLEGA_ENTRA_CLIENT_SECRET", TEXT,
                                              "client secret for on-behalf-of calls to Graph", secret=True)
    entra_client_cert: Path | None = setting(
        None, "KOLLEGA_ENTRA_CLIENT_CERT", Where("file", "Point it at the PEM file with key and cert"),
        "PEM file with key and certificate for on-behalf-of calls to Graph (instead of a secret)")
    entra_admin_role: str = setting("Kollega.Admin", "KOLLEGA_ENTRA_ADMIN_ROLE", TEXT,
                                    "app role for admin-only endpoints (usage export, the organisation's templates)")
    token_cache_key: str | None = setting(
        None, "KOLLEGA_TOKEN_CACHE_KEY", Secret(32),
        "secret (32+ characters) that encrypts the per-user Graph token caches in Redis",
        shown="derived from the Entra credential", secret=True)
    graph_url: str = setting(
        "https://graph.microsoft.com", "KOLLEGA_GRAPH_URL",
        Url(loopback_http="Use https://graph.microsoft.com (or your national cloud's Graph endpoint)"),
        "Microsoft Graph endpoint for reading Outlook threads (http only for loopback)")
    ca_bundle: Path | None = setting(
        None, "KOLLEGA_CA_BUNDLE", Where("certificates", "Point it at a PEM bundle: the system's CAs plus your "
                                                         "proxy's CA (see docs/deploy/proxy.md)"),
        "PEM file of CAs trusted for Entra ID and Graph calls (e.g. the system CAs plus a TLS-inspecting proxy's "
        "CA); `HTTPS_PROXY`/`NO_PROXY` are honoured as usual ([docs/deploy/proxy.md](docs/deploy/proxy.md))",
        shown="the default trust stores")
    graph_token_cache_ttl_s: int = setting(
        3600, "KOLLEGA_GRAPH_TOKEN_CACHE_TTL", Whole(60, 86_400),
        "seconds a user's Graph tokens stay cached after they last changed; after that the next thread summary "
        "exchanges the user's token again")
    entra_client_secret_expires: datetime | None = setting(
        None, "KOLLEGA_ENTRA_CLIENT_SECRET_EXPIRES", Expiry(),
        "the client secret's expiry date (e.g. `2027-06-30`), for the expiry metric and alert; a certificate's "
        "own date is read")

    # Model, engine and stores.
    instance_path: Path = setting(DEFAULT_INSTANCE, "KOLLEGA_INSTANCE_PATH", PATH,
                                  "folder for the database, dev key, sockets", shown="`./instance`")
    model_path: Path = setting(DEFAULT_INSTANCE / DEFAULT_MODEL, "KOLLEGA_MODEL_PATH", PATH,
                               "ONNX Runtime GenAI model folder", shown="`instance/models/small` (the test model)")
    engine_url: str | None = setting(
        None, "KOLLEGA_ENGINE_URL", Url(),
        "an OpenAI-compatible engine (vLLM, KServe, Azure OpenAI, another Kollega's `/v1`) instead of the local "
        "one; plain http only to loopback unless `KOLLEGA_ENGINE_ALLOW_HTTP` is set")
    engine_api_key: str | None = setting(None, "KOLLEGA_ENGINE_API_KEY", TEXT, "that engine's API key",
                                         secret=True)
    engine_model: str | None = setting(None, "KOLLEGA_ENGINE_MODEL", TEXT, "the model name that engine serves")
    engine_context_length: int = setting(8192, "KOLLEGA_ENGINE_CONTEXT_LENGTH", Whole(256, 10_000_000),
                                         "that engine's model context window, in tokens")
    engine_tokenizer: Path | None = setting(
        None, "KOLLEGA_ENGINE_TOKENIZER",
        Where("file", "Point it at the remote model's tokenizer.json, or unset it to estimate token counts"),
        "that model's `tokenizer.json`, for exact token counts (else estimated)")
    engine_timeout_s: float = setting(60.0, "KOLLEGA_ENGINE_TIMEOUT", Number(1.0),
                                      "read timeout between streamed chunks from that engine, seconds")
    database_url: str | None = setting(
        None, "KOLLEGA_DATABASE_URL",
        Pattern(r"^(sqlite|postgresql)(\+\w+)?://", "must be an SQLAlchemy URL for SQLite or PostgreSQL",
                "Use e.g. postgresql+psycopg://user:password@host/kollega", "an SQLAlchemy URL"),
        "audit store (SQLAlchemy URL: SQLite, or `postgresql+psycopg://…`)", shown="SQLite in the instance folder")
    audit_retention_days: int = setting(365, "KOLLEGA_AUDIT_RETENTION_DAYS", Whole(0, 36_500),
                                        "days to keep audit records; 0 keeps them forever")
    redis_url: str | None = setting(
        None, "KOLLEGA_REDIS_URL", Pattern(r"^rediss?://", "must start with redis:// or rediss://",
                                           "Use redis://host:6379/0", "a `redis://` or `rediss://` URL"),
        "shared rate limits and token cache", shown="none: in-process", secret=True)

    # Server.
    host: str = setting("127.0.0.1", "KOLLEGA_HOST", TEXT, "where `kollega serve` listens")
    port: int = setting(8000, "KOLLEGA_PORT", Whole(1, 65535), "the port `kollega serve` listens on")
    workers: int = setting(2, "KOLLEGA_WORKERS", Whole(1, 64), "gunicorn worker processes")
    threads: int = setting(16, "KOLLEGA_THREADS", Whole(1, 1000), "threads per gunicorn worker (at least)")
    shutdown_grace_s: float = setting(20.0, "KOLLEGA_SHUTDOWN_GRACE", NUMBER,
                                      "seconds streams in flight may finish after SIGTERM")
    trusted_proxies: int = setting(0, "KOLLEGA_TRUSTED_PROXIES", Whole(0, 5),
                                   "proxies in front (nginx, ingress) whose X-Forwarded-* to trust; `dev` mode "
                                   "refuses to start above 0")
    cors_origins: tuple[str, ...] = setting((), "KOLLEGA_CORS_ORIGINS", Words(),
                                            "origins allowed to call the API cross-origin (none needed: same origin)")
    taskpane_dir: Path = setting(DEFAULT_TASKPANE, "KOLLEGA_TASKPANE_DIR", PATH,
                                 "the built task pane served at `/taskpane/`",
                                 shown="the wheel's own copy; `taskpane/dist` in a checkout")
    log_level: str = setting("INFO", "KOLLEGA_LOG_LEVEL", Choice("debug", "info", "warning", "error", upper=True),
                             "`debug`, `info`, `warning`, `error`")
    # Set by `kollega serve` for its gunicorn workers (prometheus_client reads it too): where they share metrics.
    metrics_dir: Path | None = setting(None, "PROMETHEUS_MULTIPROC_DIR", PATH,
                                       "where the workers of one server share their metrics", internal=True)

    # Local engine. "auto" for processes is resolved by the engine from cores and memory.
    engine_processes: int | None = setting(
        None, "KOLLEGA_ENGINE_PROCESSES", Whole(1, 64, auto=True),
        "model runner processes (one model copy each); `auto` fits cores and memory (at most 4)")
    engine_threads: int | None = setting(None, "KOLLEGA_ENGINE_THREADS", Whole(1, 256, auto=True),
                                         "intra-op threads per runner; `auto` = cores ÷ processes")
    engine_slots: int = setting(4, "KOLLEGA_ENGINE_SLOTS", Whole(1, 64), "generations one runner interleaves")
    engine_queue_size: int = setting(16, "KOLLEGA_ENGINE_QUEUE_SIZE", Whole(0, 10_000),
                                     "requests that may wait for a slot; beyond that, 503 with Retry-After")
    engine_socket: Path | None = setting(None, "KOLLEGA_ENGINE_SOCKET", PATH,
                                         "the Unix socket between the web workers and the engine",
                                         shown="`run/engine.sock` in the instance folder")
    engine_step_delay_ms: float = setting(0.0, "KOLLEGA_ENGINE_STEP_DELAY_MS", NUMBER,
                                          "test aid: sleep after each decode round to simulate a slower model")

    # Generation.
    max_output_tokens: int = setting(512, "KOLLEGA_MAX_OUTPUT_TOKENS", Whole(1, 32_768), "output cap per generation")
    request_timeout_s: float = setting(120.0, "KOLLEGA_REQUEST_TIMEOUT", Number(1.0),
                                       "seconds a request may take, queue included")
    temperature: float = setting(0.0, "KOLLEGA_TEMPERATURE", NUMBER, "sampling temperature; 0 is greedy")
    sse_flush_interval_s: float = setting(0.2, "KOLLEGA_SSE_FLUSH_INTERVAL", NUMBER,
                                          "seconds between streamed deltas (tokens are coalesced)")

    # Input limits.
    max_body_bytes: int = setting(1_048_576, "KOLLEGA_MAX_BODY_BYTES", Whole(1024), "request body limit (413)")
    max_text_chars: int = setting(200_000, "KOLLEGA_MAX_TEXT_CHARS", Whole(100), "per-field text limit (422)")
    graph_max_body_chars: int = setting(100_000, "KOLLEGA_GRAPH_MAX_BODY_CHARS", Whole(1000),
                                        "each mail body read from Graph is cut to this before parsing")
    graph_max_thread_chars: int = setting(400_000, "KOLLEGA_GRAPH_MAX_THREAD_CHARS", Whole(1000),
                                          "all of a thread's bodies together are cut to this (newest kept first)")
    # Templates (backend/usertemplates): how many, and how big, per user and per organisation.
    template_max_per_user: int = setting(50, "KOLLEGA_TEMPLATE_MAX_PER_USER", Whole(0, 10_000),
                                         "templates per user ([docs/templates.md](docs/templates.md))")
    template_max_per_tenant: int = setting(500, "KOLLEGA_TEMPLATE_MAX_PER_TENANT", Whole(0, 100_000),
                                           "templates per organisation")
    template_max_instruction_chars: int = setting(4000, "KOLLEGA_TEMPLATE_MAX_INSTRUCTION_CHARS",
                                                  Whole(100, 100_000), "a template's instruction length")
    template_max_field_chars: int = setting(2000, "KOLLEGA_TEMPLATE_MAX_FIELD_CHARS", Whole(10, 100_000),
                                            "one template field value's length")
    template_max_fields: int = setting(20, "KOLLEGA_TEMPLATE_MAX_FIELDS", Whole(1, 100), "a template's fields")
    template_import_max_bytes: int = setting(524_288, "KOLLEGA_TEMPLATE_IMPORT_MAX_BYTES", Whole(1024, 100_000_000),
                                             "one template import file (413 past it)")

    # Redaction.
    ner_model_path: Path | None = setting(
        None, "KOLLEGA_NER_MODEL_PATH", Where("folder", "Point it at a folder with model.onnx and tokenizer"),
        "optional ONNX token-classification model for names, beside the rules (folder format in "
        "[docs/redaction.md](docs/redaction.md))")
    redaction_allow_unmask: bool = setting(
        True, "KOLLEGA_REDACTION_ALLOW_UNMASK", FLAG,
        "whether users may unmask a detected span in the preview (`false`: requests with `unmask` get 403 and the "
        "pane hides the control; masking more is always allowed)")

    # Rate limits (flask-limiter syntax). Per user: generating endpoints together, and every endpoint.
    # Per client address: refused sign-ins only, so one office behind a NAT address is not limited as one.
    rate_limit_generate: str = setting("20/minute", "KOLLEGA_RATE_LIMIT_GENERATE", RateLimit(),
                                       "per user, summarize + draft + rewrite + ask + translate together")
    rate_limit_api: str = setting("120/minute", "KOLLEGA_RATE_LIMIT_API", RateLimit(),
                                  "per user, every authenticated endpoint")
    rate_limit_ip: str = setting("300/minute", "KOLLEGA_RATE_LIMIT_IP", RateLimit(),
                                 "refused sign-ins (401) per client address; past it, that address gets 429 on all "
                                 "of `/api/v1`, except requests with a valid token")

    metrics_allow: tuple[str, ...] = setting(
        ("127.0.0.0/8", "::1/128"), "KOLLEGA_METRICS_ALLOW", Networks(),
        "addresses or networks (comma-separated) that may read `/metrics` and the details of `/readyz`",
        shown="loopback (`127.0.0.0/8,::1`)")
    engine_allow_http: bool = setting(
        False, "KOLLEGA_ENGINE_ALLOW_HTTP", FLAG,
        "`true` lets `KOLLEGA_ENGINE_URL` use plain `http://` to another host (a protected link): otherwise every "
        "prompt and the API key would cross the network in the clear")
    dev_admin: bool = setting(
        False, "KOLLEGA_DEV_ADMIN", FLAG,
        "dev mode only: tokens from the dev sign-in carry the admin role, to try the admin views (the "
        "organisation's templates) in the demo; a request can never ask for it, and start-up refuses it outside "
        "dev mode")

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


def load_settings(
    environ: Mapping[str, str] | None = None,
    *,
    env_file: Path | None = None,
    env_overrides: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Read every setting once. Raises ConfigError with a message that says what to fix.

    `env_overrides` replace environment values before they are checked (`kollega demo` forces dev sign-in);
    `overrides` replace finished values (attribute names).
    """
    source: dict[str, str] = {}
    dotenv_path = env_file if env_file is not None else Path.cwd() / ".env"
    if environ is None and dotenv_path.is_file():
        source.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    source.update(os.environ if environ is None else environ)
    source.update(env_overrides or {})
    values: dict[str, Any] = {}
    for item in fields(Settings):
        spec = spec_of(item)
        text = (source.get(spec.env) or "").strip()
        if text:
            values[item.name] = spec.kind.parse(spec.env, text)
        elif item.name == "model_path":  # the default follows KOLLEGA_INSTANCE_PATH
            values[item.name] = values.get("instance_path", DEFAULT_INSTANCE) / DEFAULT_MODEL
    values.update(overrides)
    return check_settings(Settings(**values))


def check_settings(settings: Settings) -> Settings:
    """Every value within its declared bounds, and the rules between settings; ConfigError otherwise.

    load_settings runs it, and create_app again, for a Settings made in code (tests, `replace`).
    """
    rules.check_sign_in(settings)
    for item in fields(settings):
        spec = spec_of(item)
        spec.kind.check(spec.env, getattr(settings, item.name))
    rules.check_engine_url(settings)
    rules.check_dev_mode(settings)
    return settings
