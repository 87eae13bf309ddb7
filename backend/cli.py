"""The `kollega` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from backend.settings import ConfigError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kollega", description="Kollega: a writing assistant for the public sector.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the production server (gunicorn + local engine)")
    serve.add_argument("--host", help="address to bind (default KOLLEGA_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default KOLLEGA_PORT or 8000)")

    demo = commands.add_parser("demo", help="run the demo: dev sign-in and the bundled test model on 127.0.0.1")
    demo.add_argument("--port", type=int, help="port (default 8000)")

    redact = commands.add_parser("redact", help="mask personal data in text from stdin")
    redact.add_argument("--jsonl", action="store_true", help='read JSON Lines {"id", "text"}; write one per line')

    token = commands.add_parser("dev-token", help="print a bearer token that a dev-mode server accepts")
    token.add_argument("--name", default="Demo", help="the demo user's name (default Demo)")
    token.add_argument("--admin", action="store_true",
                       help="give the token the admin role (KOLLEGA_ENTRA_ADMIN_ROLE), for the usage export")

    model = commands.add_parser("model", help="make, check and import model folders")
    model_commands = model.add_subparsers(dest="model_command", required=True, metavar="ACTION")
    make = model_commands.add_parser("make-test", help="build a randomly initialised test model")
    make.add_argument("out", type=Path)
    make.add_argument("--size", choices=("tiny", "small"), default="small")
    make.add_argument("--seed", type=int, default=0)
    check = model_commands.add_parser("check", help="load a model folder and describe it")
    check.add_argument("dir", type=Path)
    check.add_argument("--json", action="store_true", help="print JSON")
    importer = model_commands.add_parser(
        "import", help="convert a .gguf file (no torch needed) or a Hugging Face model folder (needs torch)")
    importer.add_argument("hf_dir", type=Path, metavar="SOURCE", help="a .gguf file or a Hugging Face model folder")
    importer.add_argument("out", type=Path)
    importer.add_argument("--precision", choices=("int4", "int8", "fp32"), default="int4")
    importer.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    evaluate = commands.add_parser("eval", help="run the model acceptance suite through the product's pipeline")
    target = evaluate.add_mutually_exclusive_group()
    target.add_argument("--model", type=Path, help="an ORT GenAI model folder (default KOLLEGA_MODEL_PATH)")
    target.add_argument("--engine-url", help="an OpenAI-compatible engine (default KOLLEGA_ENGINE_URL)")
    evaluate.add_argument("--out", type=Path, default=Path("kollega-eval.json"), help="the JSON report")
    evaluate.add_argument("--cases", help="comma-separated case ids to run (default: all)")
    db = commands.add_parser("db", help="the audit and usage store's schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="create or upgrade the tables (start-up does this too); prints the revision")
    db_commands.add_parser("current", help="print the store's revision and the newest this release knows")
    downgrade = db_commands.add_parser("downgrade", help="undo migrations down to REVISION, before a rollback")
    downgrade.add_argument("revision", help="the newest revision the older release knows (docs/deploy/operations.md)")
    backup = db_commands.add_parser("backup", help="write a consistent backup of the audit store to a new file")
    backup.add_argument("out", type=Path, help="the backup file (SQLite: a database file; PostgreSQL: pg_dump -Fc)")
    audit = commands.add_parser("audit", help="the audit and usage records")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    purge = audit_commands.add_parser("purge", help="delete records older than the retention period")
    purge.add_argument("--older-than", type=_days, metavar="DAYS",
                       help="days to keep (default KOLLEGA_AUDIT_RETENTION_DAYS, 365)")

    manifest = commands.add_parser("manifest", help="write the add-in manifests and the admin center's app package")
    from backend.manifest.cli import add_arguments as add_manifest_arguments

    add_manifest_arguments(manifest)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        return _run(args)
    except ConfigError as exc:
        print(f"kollega: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    if args.command in ("serve", "demo"):
        return _serve(args)
    if args.command == "redact":
        from backend.redaction.cli import run, utf8_stdio

        return run(args.jsonl, *utf8_stdio())
    if args.command == "dev-token":
        from backend.auth.dev import DevTokens

        settings = load_settings(env_overrides={"KOLLEGA_AUTH_MODE": "dev"})
        # The admin role only when asked for: the task pane's dev sign-in never gets it.
        roles = [settings.entra_admin_role] if args.admin else []
        print(DevTokens(settings.instance_path, settings.entra_admin_role).issue(args.name, roles=roles))
        return 0
    if args.command == "model":
        return _model(args)
    if args.command == "manifest":
        from backend.manifest.cli import run as run_manifest

        return run_manifest(args)
    if args.command in ("db", "audit"):
        return _store(args)
    if args.command == "eval":
        return _eval(args)
    return 2


def _eval(args: argparse.Namespace) -> int:
    import contextlib
    import tempfile

    from tqdm import tqdm

    from backend import create_app
    from backend.evaluation.run import evaluate, key_values, load_suite, local_engine

    cases = load_suite()
    if args.cases:
        wanted = set(args.cases.split(","))
        cases = [c for c in cases if c["id"] in wanted]
        if not cases:
            print(f"kollega: no case is called {args.cases}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="kollega-eval-") as scratch:
        # A scratch instance: the suite's audit records and engine socket do not mix with a real server's.
        overrides = {"KOLLEGA_AUTH_MODE": "dev", "KOLLEGA_INSTANCE_PATH": scratch, "KOLLEGA_DATABASE_URL": "",
                     "KOLLEGA_ENGINE_SOCKET": f"{scratch}/engine.sock"}
        if args.model:
            overrides.update(KOLLEGA_MODEL_PATH=str(args.model), KOLLEGA_ENGINE_URL="")
        if args.engine_url:
            overrides["KOLLEGA_ENGINE_URL"] = args.engine_url
        settings = load_settings(env_overrides=overrides)
        logging.getLogger().setLevel(logging.WARNING)  # the progress bar is the output
        target = settings.engine_url or str(settings.model_path)
        engine = contextlib.nullcontext() if settings.engine_url else local_engine(settings)
        with engine, tqdm(total=len(cases), desc="kollega eval", unit="case", file=sys.stderr) as bar:
            app = create_app(settings)
            report = evaluate(app.extensions["kollega"].pipeline, cases, on_case=lambda _: bar.update(1))
    report = {"target": target, **report}
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for task, figures in report["tasks"].items():
        print(f"{task:10} " + key_values(figures))
    if "lattlast" in report:
        print(f"{'lattlast':10} " + key_values(report["lattlast"]))
    print(f"report: {args.out}")
    print(key_values(report["overall"]))
    return 0


def _days(value: str) -> int:
    days = int(value)
    if days < 1:
        raise argparse.ArgumentTypeError("give a number of days, at least 1")
    return days


def _store(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from backend.audit import purge, upgrade

    settings = load_settings()
    if args.command == "db" and args.db_command != "upgrade":
        return _db(args, settings.database_uri)
    try:
        revision = upgrade(settings.database_uri)  # also before a purge: the table may not exist yet
        if args.command == "db":
            print(revision)
            return 0
        days = args.older_than or settings.audit_retention_days
        if not days:
            print("KOLLEGA_AUDIT_RETENTION_DAYS is 0: records are kept forever; nothing purged.")
            return 0
        print(f"{purge(settings.database_uri, days)} audit records older than {days} days deleted.")
        return 0
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"kollega: the audit store (KOLLEGA_DATABASE_URL) failed: {reason}", file=sys.stderr)
        return 1


def _db(args: argparse.Namespace, database_uri: str) -> int:
    """backup, current and downgrade: none of them upgrades the store first."""
    from sqlalchemy.exc import SQLAlchemyError

    from backend.audit import make_engine
    from backend.backup import BackupError, backup
    from backend.migrations import current, downgrade, head

    try:
        if args.db_command == "backup":
            print(f"audit store backed up to {backup(database_uri, args.out)}")
            return 0
        engine = make_engine(database_uri)
        try:
            if args.db_command == "current":
                with engine.connect() as connection:
                    print(f"store at {current(connection) or 'base'}; this release's newest is {head()}")
                return 0
            print(downgrade(engine, args.revision))
            return 0
        finally:
            engine.dispose()
    except (BackupError, ValueError) as exc:
        print(f"kollega: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"kollega: the audit store (KOLLEGA_DATABASE_URL) failed: {reason}", file=sys.stderr)
        return 1


def _serve(args: argparse.Namespace) -> int:
    from backend.server import StartupError, serve

    if args.command == "demo":
        settings = load_settings(env_overrides={"KOLLEGA_AUTH_MODE": "dev"}, host="127.0.0.1")
        from backend.models import ModelError, ensure_test_model
        from backend.models.demo import DEMO_FOLDER, DEMO_INSTALL, demo_gguf, ensure_demo_model

        if settings.model_path == settings.instance_path / "models" / "small":
            try:
                if demo_gguf() is not None:
                    # Without KOLLEGA_MODEL_PATH the demo serves a real (small, English) model, imported
                    # from its GGUF on the first run and cached after.
                    with _ProgressBar() as bar:
                        path = ensure_demo_model(settings.instance_path / "models" / DEMO_FOLDER,
                                                 progress=bar.update)
                    settings = settings.replace(model_path=path)
                else:
                    print(f"kollega: the demo model is not installed ({DEMO_INSTALL}); serving the random test "
                          f"model, whose answers are nonsense.", file=sys.stderr)
                    # Cheap when the bundled test model is up to date; rebuilt when its generator changed.
                    ensure_test_model(settings.model_path, "small")
            except ModelError as exc:
                print(f"kollega: {exc}", file=sys.stderr)
                return 1
    else:
        settings = load_settings()
        if args.host:
            settings = settings.replace(host=args.host)
    if args.port:
        settings = settings.replace(port=args.port)
    try:
        return serve(settings)
    except StartupError as exc:
        print(f"kollega: cannot start: {exc}", file=sys.stderr)
        return 2


def _model(args: argparse.Namespace) -> int:
    from backend.models import ModelError, import_model, inspect_model, make_test_model

    try:
        if args.model_command == "make-test":
            path = make_test_model(args.out, args.size, seed=args.seed)
            print(inspect_model(path).describe())
        elif args.model_command == "check":
            info = inspect_model(args.dir)
            print(json.dumps(info.to_json(), indent=2) if args.json else info.describe())
        elif args.model_command == "import":
            from backend.models.gguf_import import import_gguf, is_gguf

            if is_gguf(args.hf_dir):
                with _ProgressBar() as bar:
                    info = import_gguf(args.hf_dir, args.out, args.precision, overwrite=args.overwrite,
                                       progress=bar.update)
            else:
                info = import_model(args.hf_dir, args.out, precision=args.precision, overwrite=args.overwrite,
                                    echo=lambda line: print(line, file=sys.stderr))
            print(info.describe())
    except ModelError as exc:
        print(f"kollega: {exc}", file=sys.stderr)
        return 1
    return 0


class _ProgressBar:
    """A tqdm bar on stderr per step of a long job; `update(step, done, total)` is the callback."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._step = ""

    def update(self, step: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if step != self._step:
            self.close()
            self._step = step
            self._bar = tqdm(total=total, desc=step, file=sys.stderr, leave=True, dynamic_ncols=True)
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    raise SystemExit(main())
