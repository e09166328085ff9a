"""What a database holds before anything is opened on it: a ledger, nothing yet, or not ours.

termledger writes only into its own ledgers, and creates one only where nothing is: a new
file, a zero-byte file, an empty database. A SQLite file of another application, a file that
is not SQLite at all, a database with tables of its own, and a ledger written by a newer
termledger are refused with one line before any connection that could write is made. Every
ledger records its format in `termledger_meta`; ledgers written before that table existed are
recognised by their view's `tl_meta` table and get the meta table from their next writer.

For PostgreSQL, the server is probed with one plain psycopg connection (with a connect
timeout) before the application builds its pool, so an unknown database, a failed
authentication, a refused connection or an unknown host is reported at once in the server's
own words, instead of a pool waiting 30 s for a connection it can never get.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from eventsourcing.application import Application
from eventsourcing.persistence import PersistenceError
from eventsourcing.sqlite import SQLiteConnection, SQLiteConnectionPool

from ledger.errors import StorageError
from ledger.projections.view import VIEW_VERSION, TermVersionStore
from ledger.storage import Location

FORMAT = 1
"""The ledger format this termledger writes; a ledger of a higher one is refused."""
META_TABLE = "termledger_meta"
_LEGACY_MARK = "tl_meta"  # the view's own table, in every ledger written before the meta table


@dataclass(frozen=True)
class Store:
    """What `inspect_store` found."""

    state: Literal["ledger", "empty"]
    format: int | None = None  # None: a ledger from before the meta table, or nothing yet
    location: Location | None = None  # PostgreSQL: the location as the server resolved it


def inspect_store(location: Location) -> Store:
    """What `location` holds; a foreign or newer store is a StorageError (nothing written)."""
    if location.backend == "sqlite":
        return _inspect_sqlite(location)
    return _inspect_postgres(location)


def _inspect_sqlite(location: Location) -> Store:
    """Judge the file through SQLite alone, never through a file descriptor of our own.

    Closing any descriptor of a file drops every POSIX lock the process holds on it, and
    SQLite's locks are POSIX locks: a connection of this process that is still open (an
    open `Ledger`, or one the garbage collector has not finished closing) would lose its
    shared lock, and another process closing the ledger would then checkpoint and delete
    the -wal file under it: a write reported as recorded, lost (SQLite's "How To Corrupt
    An SQLite Database File", section 2.2). SQLite itself keeps such descriptors open
    until its last lock is released, and refuses a file that is not SQLite as "not a
    database".
    """
    path = location.path
    assert path is not None  # noqa: S101 (a SQLite location has a path)
    if not path.exists() or path.stat().st_size == 0:
        return Store("empty")
    if not os.access(path, os.R_OK):
        raise StorageError(f"cannot read {path}: Permission denied")
    try:
        uri, query_only = location.sqlite_read_uri()
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            if query_only:
                connection.execute("PRAGMA query_only = ON")
            # fetchall: no statement is left running when the connection closes.
            tables = {row[0] for row in connection.execute(_SQLITE_TABLES).fetchall()}
            found = (
                connection.execute(
                    f"SELECT value FROM {META_TABLE} WHERE key = 'format'"  # noqa: S608
                ).fetchall()
                if META_TABLE in tables
                else []
            )
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) == _SQLITE_NOTADB:
            raise _foreign(location.display, "it is not a SQLite database") from None
        raise StorageError(f"cannot read {location.display}: {error}") from None
    except sqlite3.Error as error:
        raise StorageError(f"cannot read {location.display}: {error}") from None
    return _judge(location.display, tables, found[0][0] if found else None)


_SQLITE_NOTADB = 26  # "file is not a database" (sqlite3.SQLITE_NOTADB from Python 3.11)
_SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"


def _judge(display: str, tables: set[str], found_format: str | None) -> Store:
    if not tables:
        return Store("empty")
    if META_TABLE in tables:
        if found_format is None or not found_format.isdigit():
            raise _foreign(display, f"its {META_TABLE} table names no format")
        if int(found_format) > FORMAT:
            raise StorageError(
                f"{display} is a ledger of format {found_format}, written by a newer "
                f"termledger (this one reads formats up to {FORMAT}); upgrade termledger"
            )
        return Store("ledger", int(found_format))
    if _LEGACY_MARK in tables or (tables & _CHAIN_TABLES and all(map(_is_own, tables))):
        # termledger's own tables with its hash chain (created in the events' transaction),
        # but no meta table yet: another process is creating this ledger at this moment.
        return Store("ledger", None)
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")  # noqa: PLR2004
    raise _foreign(display, f"it holds tables of another application ({shown})")


_OWN_TABLES = frozenset(
    {"stored_events", "stored_events_chain", "stored_events_chain_meta", "tracking"}
    | {"termledger_events", "termledger_events_chain", "termledger_events_chain_meta"}
    | {"termledger_tracking"}
)


_CHAIN_TABLES = frozenset({"stored_events_chain", "termledger_events_chain"})


def _is_own(table: str) -> bool:
    """A table termledger creates: the events, their hash chain, tracking, the view."""
    return table in _OWN_TABLES or table.startswith(("tl_", "tlr_"))


def _foreign(display: str, why: str) -> StorageError:
    return StorageError(
        f"{display} is not a termledger ledger: {why}; nothing was written to it "
        "(give the path of a ledger, or of a new file)"
    )


# --- PostgreSQL -----------------------------------------------------------------------------


def _inspect_postgres(location: Location) -> Store:
    import psycopg  # noqa: PLC0415 (the postgres extra)

    try:
        connection = psycopg.connect(**_connect_kwargs(location), autocommit=True)
    except psycopg.Error as error:
        raise StorageError(
            f"cannot connect to {location.display}: {_server_reason(error)}"
        ) from None
    try:
        info = connection.info
        schema = location.schema or _one(connection, "SELECT current_schema()") or "public"
        rows = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,),
        ).fetchall()
        tables = {str(row[0]) for row in rows}
        found = None
        if META_TABLE in tables:
            found = _one(
                connection,
                f'SELECT value FROM "{schema}".{META_TABLE} WHERE key = %s',  # noqa: S608
                ("format",),
            )
        resolved = dataclasses.replace(
            location,
            host=info.host,
            port=str(info.port),
            user=info.user,
            password=location.password or (info.password or ""),
            dbname=info.dbname,
        )
    except psycopg.Error as error:
        raise StorageError(f"cannot read {location.display}: {_server_reason(error)}") from None
    finally:
        connection.close()
    judged = _judge(location.display, tables, found)
    return dataclasses.replace(judged, location=resolved)


def _one(connection: Any, statement: str, params: tuple[str, ...] = ()) -> str | None:  # noqa: ANN401
    row = connection.execute(statement, params).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _connect_kwargs(location: Location) -> dict[str, Any]:
    return dict(location.params)


def _server_reason(error: Exception) -> str:
    """The server's (or libpq's) own reason, on one line, without libpq's framing.

    libpq writes `connection to server at "h" (ip), port p failed: FATAL:  reason` and a
    second line with a hint; the location is in our message already.
    """
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    if not lines:
        return type(error).__name__
    reason = lines[0]
    for prefix in ("connection failed: ", "connection is bad: "):
        reason = reason.removeprefix(prefix)
    if reason.startswith("connection to server") and " failed: " in reason:
        reason = reason.split(" failed: ", 1)[1]
    reason = reason.removeprefix("FATAL:").strip()
    hints = []
    for line in lines[1:]:
        if line.startswith(("Multiple connection attempts", "connection to server")):
            break
        hints.append(line)
    if hints:
        hint = " ".join(hints).rstrip("?.")
        reason += f" ({hint[0].lower()}{hint[1:]}?)"
    return reason


def connection_options(location: Location, *, read_only: bool) -> dict[str, Any]:
    """The libpq parameters the application's pool must use (beyond those of its env)."""
    options = {k: v for k, v in location.params.items() if k not in _ENV_PARAMS}
    if read_only:
        # Every transaction of every pooled connection is read-only: the server refuses
        # writes, whatever the code tries.
        extra = options.get("options", "")
        options["options"] = f"{extra} -c default_transaction_read_only=on".strip()
    return options


_ENV_PARAMS = frozenset({"host", "port", "user", "password", "dbname"})


def open_application(
    app_class: type[Application[Any]], location: Location, *, read_only: bool
) -> Application[Any]:
    """The eventsourcing application on `location`; read-only, it can write nothing at all.

    Tables are created here (writers only), not by the library's factory, so that a
    PostgreSQL pool has every libpq option of the URL (sslmode, ...) before it connects.
    """
    env = location.environment() | {"CREATE_TABLE": "false"}
    query_only = False
    if read_only and location.backend == "sqlite":
        env["SQLITE_DBNAME"], query_only = location.sqlite_read_uri()
    app = app_class(env=env)
    datastore = app.recorder.datastore  # type: ignore[attr-defined]
    if location.backend == "postgres":
        datastore.pool.kwargs.update(connection_options(location, read_only=read_only))
    elif read_only:
        # Never try `PRAGMA journal_mode=WAL` on a read-only connection (a ledger is WAL
        # already), and make every pooled connection refuse writes.
        datastore.pool.is_journal_mode_wal = True
        if query_only:
            datastore.pool.__class__ = _QueryOnlyPool
    if not read_only:
        app.recorder.create_table()  # type: ignore[attr-defined]
        record_format(app, location.backend)
    return app


class _QueryOnlyPool(SQLiteConnectionPool):
    """A pool whose connections refuse every write (`PRAGMA query_only`)."""

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()
        connection.cursor().execute("PRAGMA query_only = ON")
        return connection


def view_lag(
    view: TermVersionStore,
    app: Application[Any],
    *,
    damaged: Callable[[TermVersionStore], bool] = lambda _view: False,
) -> tuple[int, int] | None:
    """(view position, log position) when the view is behind the log, else None.

    A view of another layout (or none) cannot answer at all: that is a StorageError naming
    the command that rebuilds it, since a read never writes.
    """
    try:
        rows = view._select("SELECT value FROM {t}meta WHERE key = ?", ("view_version",))  # noqa: SLF001
        current = bool(rows) and rows[0]["value"] == VIEW_VERSION
        position = view.position() if current else 0
    except (sqlite3.Error, PersistenceError):
        current, position = False, 0
    if not current:
        raise StorageError(
            "the ledger's view was built by another version of termledger (or not at all); "
            "run `ledger catch-up` once to rebuild it from the log (reads never write)"
        )
    if damaged(view) or (position == 0 and _holds_rows(view)):
        raise StorageError(
            "the ledger's view does not match its tracking (rows or the tracking row lost); "
            "run `ledger catch-up` to rebuild it from the log (reads never write)"
        )
    head = app.recorder.max_notification_id() or 0
    return (position, head) if position < head else None


def _holds_rows(view: TermVersionStore) -> bool:
    """Whether the view has rows (which, at position 0, means its tracking row was lost)."""
    rows = view._select("SELECT COUNT(*) AS n FROM {t}documents", ())  # noqa: SLF001
    return bool(rows and rows[0]["n"])


def record_format(app: Any, backend: str) -> None:  # noqa: ANN401 (an eventsourcing Application)
    """Write the ledger's format into its meta table, unless it is there already.

    Checked first with a read, so that opening a ledger writes nothing: a SQLite transaction
    that reads and then writes cannot wait for a busy writer (SQLite answers "database is
    locked" at once rather than risk a deadlock), so a write at every open made writers
    fail to open whenever another one was committing.
    """
    datastore = app.recorder.datastore
    table = META_TABLE
    if backend == "postgres" and datastore.schema:
        table = f'"{datastore.schema}".{META_TABLE}'
    try:
        with datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT value FROM {table} WHERE key = 'format'")  # noqa: S608
            if cursor.fetchall():
                return
    except (sqlite3.Error, PersistenceError):
        pass  # no meta table yet
    with datastore.transaction(commit=True) as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        cursor.execute(
            f"INSERT INTO {table} VALUES ('format', '{FORMAT}') ON CONFLICT (key) DO NOTHING"  # noqa: S608
        )
