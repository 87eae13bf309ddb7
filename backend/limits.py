"""Rate limits (flask-limiter): refused sign-ins per client address before authentication, then requests
per signed-in user, with a stricter quota for the endpoints that run the language model."""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded
from limits import parse_many

from backend.problems import retry_problem
from backend.settings import ConfigError, Settings

log = logging.getLogger("kollega.limits")

EXTENSION = "kollega.limits"

# Setting name (environment), attribute on Settings, default. Read with getattr so that this module works
# whether or not Settings has the fields yet.
LIMIT_SETTINGS = (
    ("KOLLEGA_RATE_LIMIT_GENERATE", "rate_limit_generate", "20/minute"),
    ("KOLLEGA_RATE_LIMIT_API", "rate_limit_api", "120/minute"),
    ("KOLLEGA_RATE_LIMIT_IP", "rate_limit_ip", "300/minute"),
)

# Only the API is limited: health, metrics, the task pane's files and the sign-in configuration never are,
# so that probes, monitoring and the pane's first load keep working while a client is limited.
API_PREFIXES = ("/api/v1/", "/v1/")  # the API and the OpenAI-compatible gateway
NEVER_LIMITED = frozenset({"/api/v1/auth/config"})

# The generating endpoints: summarize, draft, rewrite, ask and translate, and the gateway's chat completions.
GENERATING_BLUEPRINTS = frozenset({"generate", "gateway", "ask", "translate"})

# A Redis that is down answers at once (connection refused); one that hangs must not hold a request
# for longer than this. Limits are a guard, not worth a slow answer.
REDIS_TIMEOUT_S = 0.5

DETAILS = {
    "generate": "You have asked for many texts in a short time. Wait a moment and try again.",
    "api": "You have sent many requests in a short time. Wait a moment and try again.",
    "ip": "Too many requests without a valid sign-in came from your address. Wait a moment and try again.",
}


def check_limit(name: str, value: str) -> str:
    """Parse a rate limit string such as "20/minute" (several joined by ;); ConfigError naming the setting."""
    fix = 'Use a count per period such as "20/minute" or "500 per hour"; join several with ";"'
    try:
        items = parse_many(value)
    except ValueError:
        raise ConfigError(name, f"{value!r} is not a rate limit", fix) from None
    if not items or any(item.amount < 1 for item in items):
        raise ConfigError(name, f"{value!r} allows no requests at all", fix)
    return value


@dataclass(frozen=True)
class Quotas:
    """The limiter and the per-user checks that require_auth runs once the caller is known."""

    limiter: Limiter
    check_generate: Callable[[], None]
    check_api: Callable[[], None]


def init_app(app: Flask, settings: Settings) -> None:
    """Attach the limiter: storage in Redis when configured, else in this process."""
    generate, api, ip = (check_limit(env, getattr(settings, attr, default)) for env, attr, default in LIMIT_SETTINGS)
    storage_uri = settings.redis_url or "memory://"
    storage_options: dict[str, str | int | float] = {}
    if settings.redis_url:
        storage_options = {"socket_connect_timeout": REDIS_TIMEOUT_S, "socket_timeout": REDIS_TIMEOUT_S}
    _quiet_key_logging()

    limiter = Limiter(
        _client_key,
        application_limits=[
            # Checked before the view, so before authentication; counted only when the answer is a refused
            # sign-in. A flood of bad tokens is stopped, while many staff behind one office NAT address are not
            # limited together (they are limited per user once signed in).
            ApplicationLimit(ip, key_function=_client_key, scope="ip", exempt_when=_not_limited,
                             deduct_when=_refused_sign_in),
        ],
        storage_uri=storage_uri,
        storage_options=storage_options,  # type: ignore[arg-type]  # flask-limiter types these as str | int
        strategy="fixed-window",
        key_prefix="kollega",
        # Unmatched paths have no endpoint, and flask-limiter would skip them; an address over its limit is
        # refused on every /api/v1 path.
        request_identifier=lambda: request.endpoint or "unmatched",
        # Redis down must not take the API down: count in this process meanwhile (per worker, so looser), and
        # should even that fail, serve the request unlimited. flask-limiter logs a warning when it falls back,
        # retries Redis after 1, 2, 4 ... 32 s, and logs "Rate limit storage recovered" when it is back.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
        headers_enabled=False,  # X-RateLimit-* would cost a Redis round trip on every answer
    )
    limiter.init_app(app)

    # Decorated no-op callables are flask-limiter's way to check a limit inside a view: calling one checks
    # its limit keyed by _user_key, which reads the user that require_auth has just authenticated.
    def generate_quota() -> None:
        """Per-user quota of the generating endpoints."""

    def api_quota() -> None:
        """Per-user quota of every authenticated endpoint."""

    app.extensions[EXTENSION] = Quotas(
        limiter,
        check_generate=limiter.shared_limit(generate, scope="generate", key_func=_user_key)(generate_quota),
        check_api=limiter.shared_limit(api, scope="api", key_func=_user_key)(api_quota),
    )
    app.register_error_handler(RateLimitExceeded, _rate_limited)
    if settings.redis_url:
        log.info("rate limits in Redis: generate %s, api %s, refused sign-ins per address %s", generate, api, ip)
    else:
        log.info("rate limits in this process only (KOLLEGA_REDIS_URL is not set): generate %s, api %s, "
                 "refused sign-ins per address %s", generate, api, ip)


def check_user_limits() -> None:
    """Called by require_auth right after authentication; raises RateLimitExceeded when over a quota."""
    quotas: Quotas | None = current_app.extensions.get(EXTENSION)
    if quotas is None:  # an app built without limits
        return
    quotas.check_api()
    if request.blueprint in GENERATING_BLUEPRINTS and request.method == "POST":
        quotas.check_generate()


def _hashed(kind: str, value: str) -> str:
    # Keeps user ids and addresses out of Redis's keyspace and anything that logs keys; not a secret.
    return f"{kind}-{hashlib.blake2b(value.encode(), digest_size=12).hexdigest()}"


def _client_key() -> str:
    # remote_addr is the client's address as ProxyFix reads it behind KOLLEGA_TRUSTED_PROXIES proxies.
    return _hashed("ip", request.remote_addr or "unknown")


def _user_key() -> str:
    return _hashed("user", g.principal.user_key)


def _not_limited() -> bool:
    if request.method == "OPTIONS" or not request.path.startswith(API_PREFIXES) or request.path in NEVER_LIMITED:
        return True
    # A valid token is never held back by its address's refused sign-ins: one script behind an office's
    # NAT address must not lock out everyone else there. The token is validated once per request (the view
    # reuses the result); a flood of junk still costs what it did, since each one was validated anyway.
    from backend.auth import carries_valid_token  # not at the top: backend.auth imports this module

    return "Authorization" in request.headers and carries_valid_token()


def _refused_sign_in(response: Response) -> bool:
    return response.status_code == 401


def _rate_limited(error: RateLimitExceeded) -> Response:
    """429 as problem+json, with Retry-After: the seconds until the window that was exceeded ends."""
    scope = error.limit.scope if isinstance(error.limit.scope, str) else "api"
    endpoint = request.url_rule.rule if request.url_rule else "unmatched"
    # The limit and the route only: the key holds who was limited.
    log.info("rate limited: %s (%s) on %s", scope, error.limit.limit, endpoint)
    window_s = math.ceil(error.limit.limit.get_expiry())
    retry_after = window_s
    quotas: Quotas | None = current_app.extensions.get(EXTENSION)
    current = quotas.limiter.current_limit if quotas else None
    if current is not None and current.breached:
        try:
            reset_at = current.window[0]
            retry_after = min(window_s, max(1, math.ceil(reset_at - time.time())))
        except Exception:  # storage gone between the check and here: the whole window is a safe answer
            log.warning("rate limit storage unreachable while reading the reset time")
    problem = retry_problem(429, "rate_limited", DETAILS.get(scope, DETAILS["api"]), retry_after)
    return problem.response()


class _NoKeysFilter(logging.Filter):
    """Drops flask-limiter's "ratelimit ... exceeded" line, which carries the key; _rate_limited logs instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("ratelimit ")


def _quiet_key_logging() -> None:
    logger = logging.getLogger("flask-limiter")
    if not any(isinstance(f, _NoKeysFilter) for f in logger.filters):
        logger.addFilter(_NoKeysFilter())
