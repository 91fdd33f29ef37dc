"""Taking a copy of the database while the service runs, and bringing one back.

SQLite: the online backup API (the same as the `.backup` command of the sqlite3 shell) copies the database
page by page, consistent at one moment, while other processes go on reading and writing. PostgreSQL:
`pg_dump` in its custom format, which reads everything in one snapshot; `pg_restore` brings it back.
A copy is written readable by the service's own user only: it holds everything the database holds.
"""

import datetime
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

SQLITE_SUFFIX = ".sqlite3"
POSTGRES_SUFFIX = ".pgdump"


class BackupError(Exception):
    """A copy could not be taken or brought back; the message says why, for the person running it."""


@dataclass(frozen=True)
class Copy:
    path: Path
    size: int


def vendor(alias: str = "default") -> str:
    return connections[alias].vendor


def default_name(now: datetime.datetime, alias: str = "default") -> str:
    suffix = SQLITE_SUFFIX if vendor(alias) == "sqlite" else POSTGRES_SUFFIX
    # A name for machines and for sorting, in UTC, not a date for people: 2026-12-01T163000Z.
    stamp = now.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None).isoformat().replace(":", "")
    return f"coreflect-{stamp}Z{suffix}"


def _private(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.exists():
        raise BackupError(f"{path} already exists: a backup never overwrites a file")
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))


def back_up(path: Path, alias: str = "default") -> Copy:
    """Writes a consistent copy of the database to `path` (which must not exist yet)."""
    _private(path)
    try:
        if vendor(alias) == "sqlite":
            _back_up_sqlite(path, alias)
        elif vendor(alias) == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"], alias)
        else:
            raise BackupError(f"backups of {vendor(alias)} databases are not supported: use its own tools")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Copy(path, path.stat().st_size)


def restore(path: Path, alias: str = "default") -> None:
    """Replaces everything in the database with the copy at `path`."""
    if not path.is_file():
        raise BackupError(f"there is no backup at {path}")
    if vendor(alias) == "sqlite":
        _restore_sqlite(path, alias)
    elif vendor(alias) == "postgresql":
        _check_postgres_copy(path)
        connections[alias].close()  # so nothing of ours holds a lock on a table being replaced
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"],
            alias,
            path,
        )
    else:
        raise BackupError(f"restoring {vendor(alias)} databases is not supported: use its own tools")


def _back_up_sqlite(path: Path, alias: str) -> None:
    source = sqlite3.connect(connections[alias].settings_dict["NAME"], timeout=30)
    target = sqlite3.connect(path)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _restore_sqlite(path: Path, alias: str) -> None:
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        try:
            whole = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            whole = False
        if not whole:
            raise BackupError(f"{path} is not a whole SQLite database")
        if not copy.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
            raise BackupError(f"{path} is not a Coreflect backup: it has no migrations table")
        connections[alias].close()
        live = sqlite3.connect(connections[alias].settings_dict["NAME"], timeout=30)
        try:
            with live:
                copy.backup(live)  # page by page, under the database's write lock: readers never see half
        finally:
            live.close()
    finally:
        copy.close()


def _check_postgres_copy(path: Path) -> None:
    with path.open("rb") as file:
        if file.read(5) != b"PGDMP":
            raise BackupError(f"{path} is not a PostgreSQL backup made by `manage.py backup`")


def _run(command: list[str], alias: str, stdin_path: Path | None = None) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client programs (postgresql-client)")
    settings = connections[alias].settings_dict
    environment = {**os.environ, "PGDATABASE": settings["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings.get(key):
            environment[variable] = str(settings[key])
    arguments = [program, *command[1:]]
    if stdin_path is not None:
        arguments += ["--dbname", settings["NAME"], str(stdin_path)]
    finished = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed: {finished.stderr.strip() or finished.returncode}")
