"""Where the ledger lives: a database URL -> the eventsourcing environment and the view.

Storage is chosen by configuration only: the same application code runs on every backend.
`--db` or `LEDGER_DB` takes a path, `sqlite:///relative/path`, `sqlite:////absolute/path`, or
`postgresql://user:password@host:port/dbname?libpq-options` (parsed by psycopg with libpq's
rules: `?sslmode=`, `?host=/run/postgresql`, `?connect_timeout=` (default 5 s) all work, plus
our own `?schema=`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

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
    params: dict[str, str] = field(default_factory=dict)
    """Every libpq parameter of a PostgreSQL URL, as psycopg's conninfo parser read them."""

    @property
    def display(self) -> str:
        """The URL as messages show it (no password)."""
        if self.backend == "sqlite":
            return str(self.path)
        where = self.host if not self.host.startswith("/") else f"[{self.host}]"
        return f"postgresql://{self.user}@{where}:{self.port}/{self.dbname}"

    def exists(self) -> bool:
        """Whether a ledger can be read here without creating one."""
        return self.backend != "sqlite" or (self.path is not None and self.path.exists())

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
                # How long to wait for a free connection of the pool (the server was
                # reached already: see ledger.stores.probe_postgres).
                "POSTGRES_CONNECT_TIMEOUT": self.params.get("connect_timeout", "5"),
            }
            if self.schema:
                env["POSTGRES_SCHEMA"] = self.schema
        return env

    def sqlite_read_uri(self) -> tuple[str, bool]:
        """The SQLite URI that reads this file without writing it; True: add `query_only`.

        A file its reader could write is opened as usual with `PRAGMA query_only` (writes are
        refused, and SQLite tidies its -wal and -shm files on close as for any reader); a
        read-only file with `mode=ro`; one in a read-only folder, where not even SQLite's
        shared-memory file can be made (and so no writer can be at work), as `immutable`.
        """
        assert self.path is not None  # noqa: S101 (only SQLite locations have one)
        path = self.path.resolve()
        uri = f"file:{quote(str(path))}"
        folder_writable = os.access(path.parent, os.W_OK)
        if folder_writable and os.access(path, os.W_OK):
            return uri, True
        shm = path.with_name(path.name + "-shm")
        if folder_writable or shm.exists():
            return f"{uri}?mode=ro", False
        return f"{uri}?immutable=1", False


def resolve_location(url: str | None) -> Location:
    """The location named by `url`, else by LEDGER_DB, else the default file.

    A `url` or LEDGER_DB that is empty or blank is an error, not a request for the default:
    a mistyped variable must not quietly create a ledger in the working directory.
    """
    value = os.environ.get("LEDGER_DB") if url is None else url
    if value is not None and not value.strip():
        raise StorageError(
            "--db / LEDGER_DB is empty or blank; give a ledger file path or a postgresql:// URL "
            f"(without either, ./{DEFAULT_DB} is used)"
        )
    value = value or DEFAULT_DB
    if value.startswith(("postgresql://", "postgres://")):
        return _postgres_location(value)
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


_PORT_RANGE = range(1, 65536)


def _postgres_location(url: str) -> Location:
    """Parse with libpq's own rules (psycopg's conninfo), so every libpq option works.

    `schema` is ours, not libpq's: it is taken out of the query before parsing.
    """
    from psycopg import Error as PsycopgError  # noqa: PLC0415 (the postgres extra)
    from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415

    base, _, query = url.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    schema = next((v for k, v in pairs if k == "schema"), "")
    rest = urlencode([(k, v) for k, v in pairs if k != "schema"])
    try:
        params = {
            k: str(v) for k, v in conninfo_to_dict(f"{base}?{rest}" if rest else base).items()
        }
    except PsycopgError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "malformed"
        raise StorageError(f"database URL is malformed: {reason}") from None
    if not params.get("dbname"):
        raise StorageError(
            "database URL needs a database name (postgresql://user:password@host:port/dbname)"
        )
    for port in params.get("port", "5432").split(","):
        if not (port.strip().isdigit() and int(port) in _PORT_RANGE):
            raise StorageError(f"database URL has port {port!r}: a port is a number 1-65535")
    params.setdefault("connect_timeout", os.environ.get("PGCONNECT_TIMEOUT", "5"))
    timeout = params["connect_timeout"]
    if not timeout.isdigit():
        raise StorageError(f"connect_timeout {timeout!r} is not a number of seconds")
    return Location(
        backend="postgres",
        host=params.get("host", ""),
        port=params.get("port", "5432"),
        user=params.get("user", ""),
        password=params.get("password", ""),
        dbname=params["dbname"],
        schema=schema,
        params=params,
    )
