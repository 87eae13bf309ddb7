"""Kollega's backend. `create_app` builds the Flask app; imports stay inside it so that the model
runner processes, which import backend.engine, do not pay for Flask."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

    from backend.engine import Engine
    from backend.settings import Settings


def create_app(settings: Settings | None = None, *, engine: Engine | None = None, redactor: Any = None,
               migrate: bool = True) -> Flask:
    """The app factory: settings once, extensions attached, blueprints registered.

    `migrate` brings the audit store's schema up to date. The gunicorn workers of `kollega serve` pass False
    (backend/wsgi.py): the supervisor has migrated once before starting them, so they only check.
    """
    from flask import Flask
    from werkzeug.middleware.proxy_fix import ProxyFix

    from backend import http, limits, logs, readability
    from backend.api import register_blueprints
    from backend.api.context import Services
    from backend.audit import AuditStore
    from backend.auth import init_app as init_auth
    from backend.generation.pipeline import Pipeline
    from backend.problems import register_error_handlers
    from backend.settings import check_settings, load_settings

    # A Settings made in code (tests, `replace`) gets the checks that load_settings runs.
    settings = check_settings(settings) if settings is not None else load_settings()
    logs.configure(settings.log_level)
    app = Flask("backend", instance_path=str(settings.instance_path))
    app.config.update(KOLLEGA=settings, MAX_CONTENT_LENGTH=settings.max_body_bytes, JSON_SORT_KEYS=False)
    if settings.trusted_proxies:
        # Behind nginx or an ingress: take the client address and scheme from that many proxies.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies,
            x_host=settings.trusted_proxies,
        )

    if engine is None and settings.engine_url:
        from backend.engine.remote import RemoteEngine

        engine = RemoteEngine(
            settings.engine_url, api_key=settings.engine_api_key, model=settings.engine_model,
            context_length=settings.engine_context_length, tokenizer_path=settings.engine_tokenizer,
            read_timeout_s=settings.engine_timeout_s,
        )
    elif engine is None:
        from backend.engine.local import LocalOnnxEngine

        engine = LocalOnnxEngine(settings.socket_path, settings.model_path)
    if redactor is None:
        from backend.redaction import get_redactor

        redactor = get_redactor(settings.ner_model_path, settings.max_text_chars)
    settings.instance_path.mkdir(parents=True, exist_ok=True)
    store = AuditStore(settings.database_uri, retention_days=settings.audit_retention_days)
    if migrate:
        store.upgrade()
    else:
        store.require_current()
    pipeline = Pipeline(engine, redactor, store, settings, readability)
    app.extensions["kollega"] = Services(settings, engine, redactor, store, pipeline)

    init_auth(app, settings)
    register_error_handlers(app)
    http.init_app(app, settings)
    limits.init_app(app, settings)
    register_blueprints(app)
    return app
