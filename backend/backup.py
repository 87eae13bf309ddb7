"""`kollega db backup`: a consistent copy of the audit store while Kollega keeps running.

SQLite: the sqlite3 online backup API, page by page, so writers are never blocked for long and the copy
is one consistent snapshot (a plain `cp` of a live database can be torn). PostgreSQL: `pg_dump` in its
custom format, for `pg_restore`. The password travels in the environment (PGPASSWORD), never on the
command line where `ps` would show it. The backup holds pseudonymous user ids, so it is written 0600.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

# libpq reads these from the environment; a URL's ?sslmode=... and friends become them.
_LIBPQ_QUERY = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT"}
# Pages copied per step of the SQLite backup; between steps other connections may write.
SQLITE_PAGES_PER_STEP = 1024


class BackupError(Exception):
    """The backup could not be made; the message says why and what to do."""


def backup(database_url: str, out: Path) -> Path:
    """Write a backup of the store at `database_url` to `out` (a new file); returns `out`."""
    url = make_url(database_url)
    if out.exists():
        raise BackupError(f"{out} exists already; give a new file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    # Created empty with mode 0600 first, so the data is never readable by others, not even briefly.
    out.touch(mode=0o600)
    try:
        if url.get_backend_name() == "sqlite":
            _sqlite(url.database or "", out)
        elif url.get_backend_name() == "postgresql":
            _postgres(database_url, out)
        else:
            raise BackupError(f"cannot back up a {url.get_backend_name()} database")
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    os.chmod(out, 0o600)
    return out


def _sqlite(database: str, out: Path) -> None:
    if not database or database == ":memory:" or not Path(database).is_file():
        raise BackupError(f"the SQLite database {database or '(none)'} does not exist")
    # mode=ro: a backup must never create or change the source.
    source = sqlite3.connect(f"file:{Path(database).resolve()}?mode=ro", uri=True)
    target = sqlite3.connect(out)
    try:
        source.backup(target, pages=SQLITE_PAGES_PER_STEP)
    finally:
        target.close()
        source.close()


def pg_environment(database_url: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore/psql, with the password kept out of argv."""
    url = make_url(database_url)
    args = ["--host", url.host or "localhost", "--port", str(url.port or 5432)]
    if url.username:
        args += ["--username", url.username]
    env = {"PGDATABASE": url.database or ""}
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    for name, variable in _LIBPQ_QUERY.items():
        value = url.query.get(name)
        if isinstance(value, str):
            env[variable] = value
    return args, env


def _postgres(database_url: str, out: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump is not installed (Debian: apt-get install postgresql-client)")
    args, env = pg_environment(database_url)
    command = [pg_dump, *args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(out),
               "--dbname", env["PGDATABASE"]]
    result = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"pg_dump failed: {reason}")
