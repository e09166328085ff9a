"""A throwaway PostgreSQL server for the test session, started and stopped by the tests.

The server binaries (initdb, pg_ctl) must be on the PATH. initdb refuses to run as root, so
as root the server runs as the `postgres` user. Without the binaries the PostgreSQL tests
are skipped, unless TERMLEDGER_REQUIRE_POSTGRES is set (CI sets it), when they fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

_DATABASES = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def postgres_server(*, fsync: bool = False) -> Iterator[str]:
    """Start a server; yields its base URL (without database name).

    Tests run it without fsync (their data is thrown away); benchmarks may want it on.
    """
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        if os.environ.get("TERMLEDGER_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are not on the PATH")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not on the PATH")
    folder = Path(tempfile.mkdtemp(prefix="termledger-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres")
    data, log, port = folder / "data", folder / "server.log", _free_port()
    subprocess.run(
        _as_server_user(
            [
                "initdb",
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync={'on' if fsync else 'off'}"
    )
    subprocess.run(
        _as_server_user(["pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_server_user(["pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def create_database(base_url: str, template: str | None = None) -> str:
    """A new database on the server (empty, or a copy of `template`); returns its URL."""
    import psycopg  # noqa: PLC0415 (only the PostgreSQL tests need the driver)

    name = f"termledger_test_{next(_DATABASES)}"
    copy = f" TEMPLATE {template}" if template else ""
    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}{copy}")
    return f"{base_url}/{name}"
