"""Issue 11, item 4: reads never write, foreign stores are refused, blank locations are errors.

Every refusal leaves each file byte for byte as it was (and no file appears beside it).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger import Ledger
from tests.hardening.support import (
    assert_refused,
    fingerprint,
    invoke,
    listing,
    stderr_line,
)
from tests.paths import HARBOR_ORIGINAL, ROOT, SEED

NOTHING_WRITTEN = "nothing was written to it (give the path of a ledger, or of a new file)"
NO_LEDGER = "; ingest a document first (or pass --db / set LEDGER_DB)"
BLANK = (
    "Error: --db / LEDGER_DB is empty or blank; give a ledger file path or a postgresql:// URL "
    "(without either, ./termledger.sqlite is used)"
)
READS = (
    ("show", "Lucent Facility", "--as-of", "2000-07-01"),
    ("terms", "--as-of", "2000-07-01"),
    ("history", "Lucent Facility"),
    ("refs", "Lucent Facility", "--as-of", "2000-07-01"),
    ("check", "--as-of", "2000-07-01"),
    ("instruments",),
    ("log",),
    ("ingest", "--dry-run", SEED),
)


def _foreign_sqlite(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def _refused_unchanged(path: Path, args: tuple[str | Path, ...], exit_code: int, expected: str):
    before, files = fingerprint(path), listing(path.parent)
    done = invoke(*args, "--db", path, cwd=path.parent)
    assert_refused(done, exit_code, expected)
    assert fingerprint(path) == before
    assert listing(path.parent) == files


@pytest.mark.parametrize("args", [("show", "Lucent Facility"), ("ingest", SEED), ("init",)])
def test_a_sqlite_file_of_another_application_is_refused_and_left_as_it_was(tmp_path, args):
    foreign = _foreign_sqlite(tmp_path / "crm.db", "CREATE TABLE customers (id INTEGER, name TEXT)")

    _refused_unchanged(
        foreign,
        args,
        1,
        f"Error: {foreign} is not a termledger ledger: it holds tables of another application "
        f"(customers); {NOTHING_WRITTEN}",
    )


@pytest.mark.parametrize("args", [("show", "Lucent Facility"), ("ingest", SEED)])
def test_a_foreign_stored_events_table_is_refused_not_a_traceback(tmp_path, args):
    foreign = _foreign_sqlite(
        tmp_path / "other-app.sqlite",
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, "
        "topic TEXT, state BLOB)",
        "INSERT INTO stored_events VALUES ('x', 1, 'shop:OrderPlaced', x'00')",
    )

    _refused_unchanged(
        foreign,
        args,
        1,
        f"Error: {foreign} is not a termledger ledger: it holds tables of another application "
        f"(stored_events); {NOTHING_WRITTEN}",
    )


def test_a_file_that_is_not_sqlite_at_all_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n", encoding="utf-8")

    _refused_unchanged(
        notes,
        ("log",),
        1,
        f"Error: {notes} is not a termledger ledger: it is not a SQLite database; "
        + NOTHING_WRITTEN,
    )


def test_a_read_on_a_zero_byte_file_refuses_and_leaves_it_empty(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.touch()

    _refused_unchanged(
        empty, ("show", "Lucent Facility"), 1, f"Error: no ledger at {empty}{NO_LEDGER}"
    )
    assert empty.stat().st_size == 0


def test_a_refused_first_ingest_into_a_zero_byte_file_leaves_it_empty(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    junk = tmp_path / "junk.txt"
    junk.write_text("Nothing here is a certificate.\n", encoding="utf-8")

    done = invoke("ingest", junk, "--db", empty, cwd=tmp_path)

    assert done.returncode == 2
    assert stderr_line(done).startswith(f"Error: {junk}: no issuer")
    assert empty.stat().st_size == 0
    assert listing(tmp_path) == ["empty.sqlite", "junk.txt"]


def test_ingest_creates_a_ledger_in_a_zero_byte_file(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.touch()

    done = invoke("ingest", SEED, "--db", empty, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stderr == b""


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--db", ""), {}),
        (("--db", "   "), {}),
        ((), {"LEDGER_DB": ""}),
        ((), {"LEDGER_DB": "   "}),
    ],
    ids=["db-empty", "db-blank", "env-empty", "env-blank"],
)
@pytest.mark.parametrize("command", ["show", "ingest"])
def test_an_empty_or_blank_location_is_an_error_not_the_default(tmp_path, args, env, command):
    what = ("show", "Lucent Facility") if command == "show" else ("ingest", SEED)

    done = invoke(*what, *args, cwd=tmp_path, env=env)

    assert_refused(done, 1, BLANK)
    assert listing(tmp_path) == []


@pytest.mark.parametrize("args", READS, ids=[r[0] for r in READS])
def test_every_read_leaves_the_ledger_byte_for_byte_as_it_was(seed_db, args):
    before, files = fingerprint(seed_db), listing(seed_db.parent)

    done = invoke(*args, "--db", seed_db, cwd=seed_db.parent)

    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert fingerprint(seed_db) == before
    assert listing(seed_db.parent) == files


@pytest.mark.parametrize("writable", [(), ("folder",)], ids=["read-only-folder", "read-only-file"])
def test_a_ledger_its_reader_cannot_write_is_read(seed_db, monkeypatch, writable):
    # The suite runs as root, whom no mode stops: the reader is told it may not write.
    real_access = os.access
    folder = seed_db.parent

    def access(path, mode, *args, **kwargs):
        if mode == os.W_OK:
            return "folder" in writable and Path(path) == folder.resolve()
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    before = fingerprint(seed_db)

    result = CliRunner().invoke(
        cli, ["show", "Lucent Facility", "--as-of", "2000-07-01", "--db", str(seed_db)]
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Lucent Facility - KMC Telecom Holdings, Inc.")
    assert fingerprint(seed_db)[str(seed_db)] == before[str(seed_db)]
    wal = seed_db.with_name(seed_db.name + "-wal")
    # mode=ro may leave an empty -wal (SQLite's, for readers); the folder-less case nothing.
    assert (not wal.exists()) if not writable else (not wal.exists() or wal.stat().st_size == 0)


def test_a_ledger_of_a_newer_format_is_refused(seed_db):
    connection = sqlite3.connect(seed_db)
    connection.execute("UPDATE termledger_meta SET value = '99' WHERE key = 'format'")
    connection.commit()
    connection.close()

    _refused_unchanged(
        seed_db,
        ("show", "Lucent Facility"),
        1,
        f"Error: {seed_db} is a ledger of format 99, written by a newer termledger "
        "(this one reads formats up to 1); upgrade termledger",
    )


def test_a_read_on_a_view_behind_the_log_answers_as_of_the_view_and_names_catch_up(seed_db):
    with Ledger.open(str(seed_db)) as ledger:
        ledger.projection.catch_up = lambda _app: 0  # a writer cut short before catching up
        ledger.ingest(HARBOR_ORIGINAL)
    before = fingerprint(seed_db)

    done = invoke(
        "show", "Lucent Facility", "--as-of", "2000-07-01", "--db", seed_db, cwd=seed_db.parent
    )

    assert done.returncode == 0
    assert done.stdout.decode().startswith("Lucent Facility - KMC Telecom Holdings, Inc.")
    note = re.fullmatch(
        r"Note: answered as known at position (\d+); the log holds (\d+) more event\(s\) "
        r"\(up to position (\d+)\): run `ledger catch-up` to apply them",
        stderr_line(done),
    )
    assert note is not None
    view, more, log = map(int, note.groups())
    assert (view, view + more) == (8, log)
    assert fingerprint(seed_db) == before
    caught_up = invoke("catch-up", "--db", seed_db, cwd=seed_db.parent)
    assert caught_up.stdout.decode() == (
        f"view caught up: {more} event(s) applied; it reflects the log up to {log}\n"
    )
    again = invoke(
        "show", "Lucent Facility", "--as-of", "2000-07-01", "--db", seed_db, cwd=seed_db.parent
    )
    assert again.stderr == b""


def test_a_view_of_another_layout_is_not_rebuilt_by_a_read_but_names_catch_up(seed_db):
    connection = sqlite3.connect(seed_db)
    connection.execute("UPDATE tl_meta SET value = 'old' WHERE key = 'view_version'")
    connection.commit()
    connection.close()

    _refused_unchanged(
        seed_db,
        ("show", "Lucent Facility"),
        1,
        "Error: the ledger's view was built by another version of termledger (or not at all); "
        "run `ledger catch-up` once to rebuild it from the log (reads never write)",
    )
    assert invoke("catch-up", "--db", seed_db, cwd=seed_db.parent).returncode == 0
    assert invoke("show", "Lucent Facility", "--db", seed_db, cwd=seed_db.parent).returncode == 0


def test_init_creates_an_empty_ledger_only_where_nothing_is(tmp_path):
    created = invoke("init", "--db", "new.sqlite", cwd=tmp_path)
    again = invoke("init", "--db", "new.sqlite", cwd=tmp_path)
    log = invoke("log", "--db", "new.sqlite", cwd=tmp_path)

    assert created.stdout.decode() == "new.sqlite: created an empty termledger ledger (format 1)\n"
    assert again.stdout.decode() == "new.sqlite already holds a termledger ledger; nothing to do\n"
    assert log.stdout.decode() == "The ledger is empty.\n"


@pytest.mark.parametrize(
    "writer", [("catch-up",), ("ingest", HARBOR_ORIGINAL)], ids=["catch-up", "ingest"]
)
def test_a_lost_tracking_row_is_named_by_a_read_and_repaired_by_a_writer(seed_db, writer):
    connection = sqlite3.connect(seed_db)
    connection.execute("DELETE FROM tracking WHERE application_name = 'term_versions'")
    connection.commit()
    connection.close()

    _refused_unchanged(
        seed_db,
        ("show", "Lucent Facility"),
        1,
        "Error: the ledger's view does not match its tracking (rows or the tracking row lost); "
        "run `ledger catch-up` to rebuild it from the log (reads never write)",
    )
    repaired = invoke(*writer, "--db", seed_db, cwd=seed_db.parent)  # not a UNIQUE failure
    shown = invoke(
        "show", "Lucent Facility", "--as-of", "2000-07-01", "--db", seed_db, cwd=seed_db.parent
    )
    assert repaired.returncode == 0, repaired.stderr
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == b""


def test_a_ledger_written_before_the_meta_table_and_the_chain_is_read_without_a_write(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "upgrade-d1a658a.sqlite", old)
    before, files = fingerprint(old), listing(tmp_path)

    log = invoke("log", "--db", old, cwd=tmp_path)
    shown = invoke("show", "Lucent Facility", "--db", old, cwd=tmp_path)

    assert log.returncode == 0, log.stderr
    assert log.stdout.decode().endswith(
        "Note: this ledger has no hash chain yet; its next writer computes it.\n"
    )
    assert_refused(
        shown,
        1,
        "Error: the ledger's view was built by another version of termledger (or not at all); "
        "run `ledger catch-up` once to rebuild it from the log (reads never write)",
    )
    assert fingerprint(old) == before
    assert listing(tmp_path) == files
