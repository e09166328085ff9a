"""Issue 11, items 4 and 5 on PostgreSQL: connection failures in the server's words, at once;
malformed URLs in one line; reads that write nothing; foreign databases refused.

The throwaway server the suite starts (tests/postgres_server.py) serves the unknown database
and role cases; a closed port on 127.0.0.1 the refused connection.
"""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.hardening.support import assert_refused, invoke, stderr_line
from tests.paths import HARBOR_ORIGINAL, SEED
from tests.postgres_server import create_database

NOTHING_WRITTEN = "nothing was written to it (give the path of a ledger, or of a new file)"
FAST = 10  # seconds: a failure to connect is reported at once, not after the pool's 30 s


def _tables(url: str) -> list[tuple[str, int]]:
    """Every table of the database with its row count: what a write would change."""
    with psycopg.connect(url, autocommit=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' ORDER BY table_name"
            )
        ]
        return [
            (name, connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])  # type: ignore[index]  # noqa: S608
            for name in names
        ]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends


def _timed(*args: str, tmp_path) -> tuple[object, float]:
    started = time.monotonic()
    done = invoke(*args, cwd=tmp_path)
    return done, time.monotonic() - started


@pytest.fixture(scope="module")
def seeded_url(postgres_base_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = create_database(postgres_base_url)
    done = invoke("ingest", SEED, "--db", url, cwd=tmp_path_factory.mktemp("pg"))
    assert done.returncode == 0, done.stderr
    return url


def test_a_read_on_an_empty_database_refuses_and_creates_no_table(postgres_base_url, tmp_path):
    url = create_database(postgres_base_url)

    done = invoke("show", "Lucent Facility", "--db", url, cwd=tmp_path)

    shown = url.replace("postgresql://postgres@", "postgresql://postgres@")
    assert_refused(
        done,
        1,
        f"Error: no ledger at {shown}; ingest a document first (or pass --db / set LEDGER_DB)",
    )
    assert _tables(url) == []


@pytest.mark.parametrize("command", [("show", "Lucent Facility"), ("ingest", str(SEED)), ("init",)])
def test_a_database_of_another_application_is_refused_and_left_as_it_was(
    postgres_base_url, tmp_path, command
):
    url = create_database(postgres_base_url)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id integer)")
        connection.execute("INSERT INTO invoices VALUES (1)")

    done = invoke(*command, "--db", url, cwd=tmp_path)

    assert_refused(
        done,
        1,
        f"Error: {url} is not a termledger ledger: it holds tables of another application "
        f"(invoices); {NOTHING_WRITTEN}",
    )
    assert _tables(url) == [("invoices", 1)]


def test_every_read_writes_nothing(seeded_url, tmp_path):
    before = _tables(seeded_url)

    for args in (("show", "Lucent Facility"), ("log",), ("check",)):
        done = invoke(*args, "--db", seeded_url, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stderr == b""

    assert _tables(seeded_url) == before


def test_a_read_only_role_reads_and_its_writes_are_refused_in_one_line(seeded_url, tmp_path):
    parts = urlsplit(seeded_url)
    with psycopg.connect(seeded_url, autocommit=True) as connection:
        connection.execute("DROP ROLE IF EXISTS auditor")
        connection.execute("CREATE ROLE auditor LOGIN")
        connection.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor")
    reader = f"postgresql://auditor@{parts.hostname}:{parts.port}{parts.path}"

    shown = invoke("show", "Lucent Facility", "--as-of", "2000-07-01", "--db", reader, cwd=tmp_path)
    write = invoke("ingest", HARBOR_ORIGINAL, "--db", reader, cwd=tmp_path)

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.decode().startswith("Lucent Facility - KMC Telecom Holdings, Inc.")
    assert write.returncode == 1
    assert stderr_line(write) == (
        f"Error: cannot open ledger {reader}: permission denied for schema public"
    )


def test_libpq_options_in_the_url_are_used(seeded_url, tmp_path):
    done = invoke("log", "--db", f"{seeded_url}?sslmode=disable&connect_timeout=3", cwd=tmp_path)

    assert done.returncode == 0, done.stderr


def test_an_unknown_database_is_named_by_the_server_at_once(postgres_base_url, tmp_path):
    done, took = _timed(
        "show", "X", "--db", f"{postgres_base_url}/no_such_ledger", tmp_path=tmp_path
    )

    assert_refused(
        done,
        1,
        f"Error: cannot connect to {postgres_base_url}/no_such_ledger: "
        'database "no_such_ledger" does not exist',
    )
    assert took < FAST


def test_an_unknown_role_is_named_by_the_server_at_once(postgres_base_url, tmp_path):
    url = postgres_base_url.replace("postgres@", "nobody@") + "/postgres"

    done, took = _timed("log", "--db", url, tmp_path=tmp_path)

    assert_refused(done, 1, f'Error: cannot connect to {url}: role "nobody" does not exist')
    assert took < FAST


def test_a_closed_port_is_a_refused_connection_at_once(tmp_path):
    url = f"postgresql://postgres@127.0.0.1:{_closed_port()}/ledger"

    done, took = _timed("log", "--db", url, tmp_path=tmp_path)

    assert_refused(
        done,
        1,
        f"Error: cannot connect to {url}: Connection refused (is the server running on that "
        "host and accepting TCP/IP connections?)",
    )
    assert took < FAST


def test_an_unknown_host_is_named(tmp_path):
    done, took = _timed(
        "log", "--db", "postgresql://postgres@no-such-host.invalid/ledger", tmp_path=tmp_path
    )

    line = stderr_line(done)  # type: ignore[arg-type]
    assert line.startswith(
        "Error: cannot connect to postgresql://postgres@no-such-host.invalid:5432/ledger: "
    )
    assert "no-such-host.invalid" in line.split(": ", 2)[2]
    assert done.returncode == 1  # type: ignore[attr-defined]
    assert took < FAST


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "postgresql://postgres@127.0.0.1:99999/ledger",
            "database URL has port '99999': a port is a number 1-65535",
        ),
        (
            "postgresql://postgres@127.0.0.1:abc/ledger",
            "database URL has port 'abc': a port is a number 1-65535",
        ),
        (
            "postgresql://postgres@[::1/ledger",
            (
                'database URL is malformed: end of string reached when looking for matching "]" '
                'in IPv6 host address in URI: "postgresql://postgres@[::1/ledger"'
            ),
        ),
        (
            "postgresql://postgres@127.0.0.1/ledger?colour=blue",
            'database URL is malformed: invalid URI query parameter: "colour"',
        ),
        (
            "postgresql://postgres@127.0.0.1/",
            "database URL needs a database name (postgresql://user:password@host:port/dbname)",
        ),
    ],
    ids=["port-99999", "port-abc", "ipv6", "unknown-option", "no-dbname"],
)
def test_a_malformed_url_is_one_line(tmp_path, url, message):
    done = invoke("show", "X", "--db", url, cwd=tmp_path)

    assert_refused(done, 1, f"Error: {message}")


def test_a_server_that_never_answers_times_out_after_connect_timeout(tmp_path):
    with socket.socket() as silent:  # accepts connections (the kernel does) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        url = f"postgresql://postgres@127.0.0.1:{port}/ledger"

        done, took = _timed("log", "--db", f"{url}?connect_timeout=2", tmp_path=tmp_path)

    assert_refused(done, 1, f"Error: cannot connect to {url}: connection timeout expired")
    assert 1.5 < took < FAST


def test_a_refused_first_ingest_into_an_empty_database_creates_no_table(
    postgres_base_url, tmp_path
):
    url = create_database(postgres_base_url)
    junk = tmp_path / "junk.txt"
    junk.write_text("Nothing here is a certificate.\n", encoding="utf-8")

    done = invoke("ingest", junk, "--db", url, cwd=tmp_path)

    assert done.returncode == 2
    assert stderr_line(done).startswith(f"Error: {junk}: no issuer")
    assert _tables(url) == []
