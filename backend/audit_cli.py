"""`kollega db` and `kollega audit`: the audit store's schema, backups and retention, from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backend.settings import Settings


def add_store_commands(commands: Any) -> None:
    """The `db` and `audit` sub-commands, added to the `kollega` parser's sub-parsers."""
    db = commands.add_parser("db", help="the audit and usage store's schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="create or upgrade the tables (start-up does this too); prints the revision")
    db_commands.add_parser("current", help="print the store's revision and the newest this release knows")
    rollback = db_commands.add_parser("downgrade", help="undo migrations down to REVISION, before a rollback")
    rollback.add_argument("revision", help="the newest revision the older release knows (docs/deploy/operations.md)")
    copy = db_commands.add_parser("backup", help="write a consistent backup of the audit store to a new file")
    copy.add_argument("out", type=Path, help="the backup file (SQLite: a database file; PostgreSQL: pg_dump -Fc)")
    audit = commands.add_parser("audit", help="the audit and usage records")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    purge_command = audit_commands.add_parser("purge", help="delete records older than the retention period")
    purge_command.add_argument("--older-than", type=_days, metavar="DAYS",
                       help="days to keep (default KOLLEGA_AUDIT_RETENTION_DAYS, 365)")


def _days(value: str) -> int:
    days = int(value)
    if days < 1:
        raise argparse.ArgumentTypeError("give a number of days, at least 1")
    return days


def run_store_command(args: argparse.Namespace, settings: Settings) -> int:
    """`kollega db ...` and `kollega audit ...`; the exit code."""
    # Imported here, not at the top: every other `kollega` command would pay for SQLAlchemy and Alembic.
    from sqlalchemy.exc import SQLAlchemyError

    from backend.audit import purge, upgrade

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

    from backend.backup import BackupError, backup
    from backend.database import make_engine
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
