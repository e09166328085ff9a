"""The installed `ledger` console script as a real process, with --db or LEDGER_DB."""

from __future__ import annotations

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.cli.support import (
    HARBOR,
    HARBOR_FIRST,
    HARBOR_ORIGINAL,
    HARBOR_SECOND,
    KMC,
    KMC_CERTIFICATE,
    LEDGER_SCRIPT,
    LUCENT_END,
    LUCENT_START,
    LUCENT_TEXT,
    SEED,
    SEED_EVENTS,
    assert_one_error_line,
    process_json,
    run_ledger,
    sqlite_files,
)

NO_LEDGER = "; ingest a document first (or pass --db / set LEDGER_DB)"


def _event_count(cwd: Path, ledger_db: Path) -> int:
    return len(process_json("log", cwd=cwd, ledger_db=ledger_db))


def test_the_console_script_is_installed_next_to_the_interpreter_and_reports_its_version(
    tmp_path,
):
    assert LEDGER_SCRIPT.is_file()
    assert os.access(LEDGER_SCRIPT, os.X_OK)

    done = run_ledger("--version", cwd=tmp_path)

    assert done.returncode == 0
    assert done.stdout == "ledger, version 0.1.0\n"
    assert done.stderr == ""


def test_ingest_then_show_with_db_gives_the_seed_definition_as_of_2000_07_01(tmp_path):
    ingested = run_ledger("ingest", SEED, "--db", "ledger.sqlite", cwd=tmp_path)

    assert ingested.returncode == 0
    assert ingested.stderr == ""
    assert ingested.stdout == (
        "kmc-series-e-amendment-2000-06-30.txt: recorded 8 events (utf-8, sha256 d59a386aeed0); "
        f"certificate {KMC_CERTIFICATE}\n"
    )
    answer = process_json(
        "show", "Lucent Facility", "--as-of", "2000-07-01", "--db", "ledger.sqlite", cwd=tmp_path
    )
    assert answer["status"] == "in_force"
    assert answer["in_force_from"] == "2000-06-30"
    assert answer["assumed"] is True
    assert answer["effective_basis"] == "execution_date_assumed"
    assert answer["text"] == LUCENT_TEXT
    assert answer["text"].startswith(LUCENT_START)
    assert answer["text"].endswith(LUCENT_END)
    assert answer["source"]["document_name"] == "kmc-series-e-amendment-2000-06-30.txt"
    assert (answer["source"]["first_line"], answer["source"]["last_line"]) == (55, 62)
    assert answer["authority"]["holder_consents"][0]["threshold"] == "2/3"


def test_ledger_db_in_the_environment_selects_the_ledger_for_every_command(tmp_path):
    db = tmp_path / "from-env.sqlite"

    assert run_ledger("ingest", SEED, cwd=tmp_path, ledger_db=db).returncode == 0

    assert db.is_file()
    assert "termledger.sqlite" not in sqlite_files(tmp_path)
    before = process_json(
        "show", "Lucent Facility", "--as-of", "2000-06-29", cwd=tmp_path, ledger_db=db
    )
    assert (before["status"], before["text"], before["instrument"]["id"]) == (
        "text_not_recorded",
        None,
        KMC,
    )
    never = process_json(
        "show", "Lucent Facility", "--as-of", "1999-01-01", cwd=tmp_path, ledger_db=db
    )
    assert never["status"] == "not_defined"
    assert _event_count(tmp_path, db) == SEED_EVENTS


def test_db_option_takes_precedence_over_ledger_db(tmp_path, seed_db):
    elsewhere = tmp_path / "elsewhere.sqlite"

    answer = process_json(
        "show",
        "Newcourt Finance",
        "--as-of",
        "2000-07-01",
        "--db",
        seed_db,
        cwd=tmp_path,
        ledger_db=elsewhere,
    )

    assert answer["status"] == "in_force"
    assert not elsewhere.exists()


def test_without_db_or_ledger_db_the_ledger_is_termledger_sqlite_in_the_working_directory(
    tmp_path,
):
    assert run_ledger("ingest", SEED, cwd=tmp_path).returncode == 0

    assert (tmp_path / "termledger.sqlite").is_file()
    assert len(process_json("log", cwd=tmp_path)) == SEED_EVENTS


def test_a_sqlite_url_relative_to_the_working_directory_is_accepted(tmp_path):
    url = "sqlite:///nested.sqlite"

    assert run_ledger("ingest", SEED, "--db", url, cwd=tmp_path).returncode == 0

    assert (tmp_path / "nested.sqlite").is_file()
    assert len(process_json("log", "--db", url, cwd=tmp_path)) == SEED_EVENTS


def test_an_unsupported_database_url_is_refused_in_one_line(tmp_path):
    done = run_ledger("log", "--db", "mysql://host/db", cwd=tmp_path)

    assert done.returncode == 1
    assert_one_error_line(
        done.stderr,
        "Error: unsupported database URL 'mysql://host/db': use a file path, sqlite:///path "
        "or postgresql://...",
    )


def test_reingesting_the_seed_says_already_recorded_and_records_nothing(tmp_path, seed_db):
    done = run_ledger("ingest", SEED, cwd=tmp_path, ledger_db=seed_db)

    assert done.returncode == 0
    assert done.stdout == (
        "kmc-series-e-amendment-2000-06-30.txt: already recorded (sha256 d59a386aeed0); "
        "nothing recorded\n"
    )
    assert _event_count(tmp_path, seed_db) == SEED_EVENTS


def test_dry_run_records_nothing(tmp_path, seed_db):
    [report] = process_json("ingest", "--dry-run", HARBOR_ORIGINAL, cwd=tmp_path, ledger_db=seed_db)

    assert report["outcome"] == "dry_run"
    assert _event_count(tmp_path, seed_db) == SEED_EVENTS


def test_record_filing_moves_the_effective_date_to_the_filing_date(tmp_path, seed_db):
    filed = run_ledger(
        "record-filing",
        KMC_CERTIFICATE,
        "--filed-on",
        "2000-07-05",
        cwd=tmp_path,
        ledger_db=seed_db,
    )

    assert filed.returncode == 0
    assert filed.stdout == (
        f"{KMC_CERTIFICATE}: filing on 2000-07-05 recorded at position 9; "
        "effective 2000-07-05 (filed)\n"
    )
    day_after_execution = process_json(
        "show", "Lucent Facility", "--as-of", "2000-07-01", cwd=tmp_path, ledger_db=seed_db
    )
    assert day_after_execution["status"] == "text_not_recorded"
    on_filing = process_json(
        "show", "Lucent Facility", "--as-of", "2000-07-05", cwd=tmp_path, ledger_db=seed_db
    )
    assert (on_filing["status"], on_filing["in_force_from"], on_filing["assumed"]) == (
        "in_force",
        "2000-07-05",
        False,
    )


def test_every_query_answers_in_json_through_the_console_script(tmp_path):
    db = tmp_path / "all.sqlite"
    for document in (SEED, HARBOR_ORIGINAL, HARBOR_FIRST, HARBOR_SECOND):
        assert run_ledger("ingest", document, cwd=tmp_path, ledger_db=db).returncode == 0

    terms = process_json(
        "terms", "--as-of", "2001-03-01", "--instrument", "harbor", cwd=tmp_path, ledger_db=db
    )
    history = process_json("history", "Subsidiary", cwd=tmp_path, ledger_db=db)
    instruments = process_json("instruments", cwd=tmp_path, ledger_db=db)
    log = process_json("log", cwd=tmp_path, ledger_db=db)

    assert [(t["term"], t["status"]) for t in terms][:3] == [
        ("Agent", "in_force"),
        ("Business Day", "in_force"),
        ("Conversion Price", "in_force"),
    ]
    assert [v["status"] for v in history["versions"]] == ["in_force", "deleted"]
    assert [(i["id"], i["certificates"]) for i in instruments] == [(HARBOR, 3), (KMC, 1)]
    positions = [e["position"] for e in log]
    assert len(log) == 34
    assert all(a < b for a, b in itertools.pairwise(positions))


def test_show_of_an_unknown_term_suggests_the_close_one(tmp_path, seed_db):
    done = run_ledger("show", "Lucent Facilty", cwd=tmp_path, ledger_db=seed_db)

    assert done.returncode == 1
    assert done.stdout == ""
    assert_one_error_line(
        done.stderr,
        "Error: no instrument in the ledger defines 'Lucent Facilty'; "
        "did you mean 'Lucent Facility'?",
    )


# --- bad inputs: one line naming the file as typed, exit code, nothing recorded ----------


def _write_bad_inputs(directory: Path) -> None:
    (directory / "empty.txt").write_bytes(b"")
    (directory / "scan.bin").write_bytes(b"GIF89a\nheader\x00\x01\x02\xff\xfe\x00more")
    (directory / "hello.txt").write_text("hello world\n", encoding="utf-8")
    bad, replaced = re.subn(
        r"June 28,(\s+)2000", r"February 30,\g<1>2000", SEED.read_text(encoding="utf-8")
    )
    assert replaced == 1
    (directory / "filings").mkdir()
    (directory / "filings" / "kmc-feb-30.txt").write_text(bad, encoding="utf-8")


BAD_INPUTS = [
    ("empty.txt", 2, "Error: empty.txt: the file is empty; nothing to ingest"),
    ("scan.bin", 2, "Error: scan.bin:2: not a text filing: control byte 0x00 at offset 13"),
    (
        "hello.txt",
        2,
        (
            "Error: hello.txt: no issuer (e.g. 'X, Inc., a Delaware corporation') recognised; "
            "is this a certificate of designation? (if it is, give the issuer with --issuer)"
        ),
    ),
    (
        "filings/kmc-feb-30.txt",
        2,
        "Error: filings/kmc-feb-30.txt:18: impossible date 'February 30, 2000'",
    ),
    ("missing.txt", 1, "Error: missing.txt: cannot read: No such file or directory"),
    ("filings", 1, "Error: filings: cannot read: Is a directory"),
]


@pytest.mark.parametrize(
    ("typed", "exit_code", "expected"),
    BAD_INPUTS,
    ids=["empty", "binary", "no-instrument", "impossible-date", "nonexistent", "directory"],
)
def test_ingesting_a_bad_input_prints_one_error_line_naming_it_as_typed_and_records_nothing(
    tmp_path, seed_db, typed, exit_code, expected
):
    _write_bad_inputs(tmp_path)

    done = run_ledger("ingest", typed, cwd=tmp_path, ledger_db=seed_db)

    assert done.returncode == exit_code
    assert done.stdout == ""
    assert_one_error_line(done.stderr, expected)
    assert _event_count(tmp_path, seed_db) == SEED_EVENTS


def test_a_multi_file_ingest_whose_second_file_is_bad_records_nothing_of_the_first(
    tmp_path, seed_db
):
    _write_bad_inputs(tmp_path)
    shutil.copyfile(HARBOR_ORIGINAL, tmp_path / "harbor.txt")

    done = run_ledger("ingest", "harbor.txt", "hello.txt", cwd=tmp_path, ledger_db=seed_db)

    assert done.returncode == 2
    assert done.stdout == ""
    assert_one_error_line(
        done.stderr,
        "Error: hello.txt: no issuer (e.g. 'X, Inc., a Delaware corporation') recognised; "
        "is this a certificate of designation? (if it is, give the issuer with --issuer)",
    )
    assert _event_count(tmp_path, seed_db) == SEED_EVENTS
    assert [i["id"] for i in process_json("instruments", cwd=tmp_path, ledger_db=seed_db)] == [KMC]


@pytest.mark.parametrize(
    ("as_of", "reason"),
    [
        ("2000-02-30", "day is out of range for month"),
        ("yesterday", "Invalid isoformat string: 'yesterday'"),
    ],
)
def test_a_malformed_as_of_prints_one_error_line_and_records_nothing(
    tmp_path, seed_db, as_of, reason
):
    done = run_ledger("show", "Lucent Facility", "--as-of", as_of, cwd=tmp_path, ledger_db=seed_db)

    assert done.returncode == 2
    assert done.stdout == ""
    assert_one_error_line(
        done.stderr,
        f"Error: Invalid value for '--as-of': '{as_of}' is not a valid date (YYYY-MM-DD): {reason}",
    )
    assert _event_count(tmp_path, seed_db) == SEED_EVENTS


@pytest.mark.parametrize(
    "args",
    [
        ["show", "Lucent Facility"],
        ["terms"],
        ["history", "Lucent Facility"],
        ["instruments"],
        ["log"],
        ["record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05"],
    ],
    ids=["show", "terms", "history", "instruments", "log", "record-filing"],
)
def test_a_command_on_a_nonexistent_ledger_db_errors_without_creating_it(tmp_path, args):
    missing = tmp_path / "missing.sqlite"

    done = run_ledger(*args, cwd=tmp_path, ledger_db=missing)

    assert done.returncode == 1
    assert done.stdout == ""
    assert_one_error_line(done.stderr, f"Error: no ledger at {missing}{NO_LEDGER}")
    assert sqlite_files(tmp_path) == []


def test_refs_and_check_answer_through_the_console_script(tmp_path, seed_db):
    refs = process_json("refs", "Lenders", "--as-of", "2000-07-01", "--db", seed_db, cwd=tmp_path)
    check = process_json("check", "--as-of", "2000-07-01", "--db", seed_db, cwd=tmp_path)

    assert (refs["term"], refs["defined_within"], refs["status"]) == (
        "Lenders",
        "Lucent Facility",
        "in_force",
    )
    assert [(f["kind"], f["term"]) for f in check["findings"]] == [
        ("undefined", "Lucent"),
        ("unused", "Lucent Facility"),
        ("unused", "Newcourt Finance"),
    ]
