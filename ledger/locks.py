"""One view rebuild at a time, under a lock the operating system releases if its holder dies.

`ledger replay`, `ledger replay --verify` and the automatic rebuild of a damaged view all
build into the same scratch tables (`tlr_*`): two at once would drop each other's tables
half-way. The second one waits for the lock (the automatic rebuild, a bounded time) or is
refused at once with one line (the commands: a replay can take minutes).

SQLite: `flock(2)` on a file beside the ledger, `<ledger>-replay.lock` (left in place:
deleting a lock file lets two holders lock two different files). Never on the ledger file
or its -wal/-shm: closing any descriptor of those would drop SQLite's own POSIX locks on
them (see `ledger.stores._inspect_sqlite`). PostgreSQL: a session advisory lock on a
connection of its own, keyed by the ledger's schema. Both are released when the holder
closes them or its process ends, SIGKILL included: a killed replay never leaves the
ledger locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ledger.errors import LedgerBusyError, StorageError
from ledger.storage import Location

_POLL_SECONDS = 0.1


def replay_lock_path(location: Location) -> Path:
    """The SQLite lock file of the ledger at `location`."""
    assert location.path is not None  # noqa: S101 (only SQLite locations have one)
    path = location.path.resolve()
    return path.with_name(path.name + "-replay.lock")


@contextlib.contextmanager
def replay_lock(location: Location, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the ledger's replay lock; wait up to `wait` seconds for it, else refuse."""
    acquire = _sqlite_lock if location.backend == "sqlite" else _postgres_lock
    with acquire(location, wait):
        yield


def _busy(location: Location, wait: float) -> LedgerBusyError:
    waited = f" (waited {wait:g} s)" if wait else ""
    return LedgerBusyError(
        f"another `ledger replay` (or a rebuild of the view) is running on "
        f"{location.display}{waited}; nothing was written, run the command again when it "
        "has finished"
    )


@contextlib.contextmanager
def _sqlite_lock(location: Location, wait: float) -> Iterator[None]:
    path = replay_lock_path(location)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise StorageError(
            f"cannot create the replay lock {path}: {error.strerror or error}"
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(location, wait) from None
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def advisory_key(location: Location) -> int:
    """The advisory lock key of a PostgreSQL ledger: one per database and schema."""
    name = f"termledger replay {location.dbname} {location.schema or 'public'}"
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def _postgres_lock(location: Location, wait: float) -> Iterator[None]:
    import psycopg  # noqa: PLC0415 (the postgres extra)

    params: dict[str, Any] = dict(location.params)
    try:
        connection = psycopg.connect(**params, autocommit=True)
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "no reason"
        raise StorageError(f"cannot connect to {location.display}: {reason}") from None
    key, deadline, acquired = advisory_key(location), time.monotonic() + wait, False
    try:
        while True:
            row = connection.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            if row is not None and row[0]:
                acquired = True
                break
            if time.monotonic() >= deadline:
                raise _busy(location, wait)
            time.sleep(_POLL_SECONDS)
        yield
    finally:
        if acquired:
            # Unlock explicitly: the server answers only once the lock is free. Closing the
            # connection alone frees it whenever the backend gets to end the session, so a
            # command run right after (a `replay --verify` after a replay) could find it busy.
            with contextlib.suppress(psycopg.Error):
                connection.execute("SELECT pg_advisory_unlock(%s)", (key,))
        connection.close()  # ends the session: the lock goes with it if the unlock failed
