"""Where the ledger lives: a database URL -> the eventsourcing environment and the view.

Storage is chosen by configuration only: the same application code runs on every backend.
`--db` or `LEDGER_DB` takes a path, `sqlite:///relative/path`, `sqlite:////absolute/path`, or
`postgresql://user:password@host:port/dbname`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ledger.errors import StorageError

DEFAULT_DB = "termledger.sqlite"
"""The file used when neither --db nor LEDGER_DB is given (in the current directory)."""

MAPPER_TOPIC = "ledger.serialization:MsgspecMapper"
RECORDER_TOPICS = {
    "sqlite": "ledger.integrity.sqlite:SQLiteChainRecorder",
    "postgres": "ledger.integrity.postgres:PostgresChainRecorder",
}
"""The application recorders that write the hash chain with the events (ledger.integrity)."""


@dataclass(frozen=True)
class Location:
    """A parsed database URL."""

    backend: str
    path: Path | None = None
    host: str = ""
    port: str = "5432"
    user: str = ""
    password: str = ""
    dbname: str = ""
    schema: str = ""

    @property
    def display(self) -> str:
        """The URL as messages show it (no password)."""
        if self.backend == "sqlite":
            return str(self.path)
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    def exists(self) -> bool:
        """Whether a ledger can be read here without creating one."""
        return self.backend != "sqlite" or (self.path is not None and self.path.exists())

    def remove(self) -> None:
        """Delete a SQLite ledger file and its journal files (used to undo a refused creation)."""
        if self.backend == "sqlite" and self.path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    def environment(self) -> dict[str, str]:
        """The eventsourcing environment that selects this store."""
        env = {
            "MAPPER_TOPIC": MAPPER_TOPIC,
            "APPLICATION_RECORDER_TOPIC": RECORDER_TOPICS[self.backend],
        }
        if self.backend == "sqlite":
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(self.path),
                "SQLITE_LOCK_TIMEOUT": "30",
            }
        else:
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.postgres",
                "POSTGRES_DBNAME": self.dbname,
                "POSTGRES_HOST": self.host,
                "POSTGRES_PORT": self.port,
                "POSTGRES_USER": self.user,
                "POSTGRES_PASSWORD": self.password,
            }
            if self.schema:
                env["POSTGRES_SCHEMA"] = self.schema
        return env


def resolve_location(url: str | None) -> Location:
    """The location named by `url`, else by LEDGER_DB, else the default file."""
    value = url or os.environ.get("LEDGER_DB") or DEFAULT_DB
    if value.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(value)
        if not parts.hostname or not parts.path.strip("/"):
            raise StorageError(
                f"database URL {value!r} needs a host and a database name "
                "(postgresql://user:password@host:port/dbname)"
            )
        query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
        return Location(
            backend="postgres",
            host=parts.hostname,
            port=str(parts.port or 5432),
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            dbname=parts.path.strip("/"),
            schema=query.get("schema", ""),
        )
    if value.startswith("sqlite:///"):
        # SQLAlchemy's convention: sqlite:///relative/path, sqlite:////absolute/path.
        value = value.removeprefix("sqlite:///")
    if "://" in value:
        raise StorageError(
            f"unsupported database URL {value!r}: use a file path, sqlite:///path "
            "or postgresql://..."
        )
    if value in {"", ":memory:"}:
        raise StorageError("an in-memory ledger would be lost on exit; give a file path")
    path = Path(value).expanduser()
    if path.is_dir():
        raise StorageError(f"{path} is a directory; give the path of a ledger file")
    return Location(backend="sqlite", path=path)
