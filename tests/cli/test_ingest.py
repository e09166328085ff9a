"""`ledger ingest`, in process: what it records, what it refuses; a refusal records nothing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.cli.support import (
    HARBOR,
    HARBOR_FIRST,
    HARBOR_ORIGINAL,
    HARBOR_SECOND,
    KMC,
    KMC_CERTIFICATE,
    SEED,
    SEED_EVENTS,
    SEED_SHA256,
    InProcess,
    assert_no_crash,
    assert_one_error_line,
    sqlite_files,
)

SEED_EVENT_TYPES = [
    "DocumentIngested",
    "InstrumentAdopted",
    "CertificateRecorded",
    "BoardActionRecorded",
    "HolderConsentRecorded",
    "ExecutionRecorded",
    "DefinitionReplaced",
    "DefinitionReplaced",
]


def _seed_with_impossible_board_date(directory: Path) -> Path:
    """The seed, its board consent dated "February 30, 2000" (the date spans lines 18-19)."""
    text = SEED.read_text(encoding="utf-8")
    bad, replaced = re.subn(r"June 28,(\s+)2000", r"February 30,\g<1>2000", text)
    assert replaced == 1
    path = directory / "kmc-impossible-date.txt"
    path.write_text(bad, encoding="utf-8")
    return path


def _assert_refused(
    ledger: InProcess, args: list[str | Path], expected_error: str, exit_code: int
) -> None:
    """The ingest fails with `exit_code` and one error line, and the log is unchanged."""
    before = ledger.events()
    result = ledger("ingest", *args)
    assert_no_crash(result)
    assert result.exit_code == exit_code
    assert result.stdout == ""
    assert_one_error_line(result.stderr, expected_error)
    assert ledger.events() == before


# --- what ingest records -----------------------------------------------------------------


def test_ingesting_the_seed_into_a_new_ledger_records_eight_events_and_names_the_certificate(
    fresh,
):
    result = fresh("ingest", SEED)

    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        (
            "kmc-series-e-amendment-2000-06-30.txt: recorded 8 events "
            f"(utf-8, sha256 d59a386aeed0); certificate {KMC_CERTIFICATE}"
        )
    ]
    assert [e["event_type"] for e in fresh.events()] == SEED_EVENT_TYPES


def test_ingest_json_reports_outcome_encoding_certificate_and_the_numbered_events(fresh):
    [report] = fresh.json("ingest", SEED)

    assert report["file"] == "kmc-series-e-amendment-2000-06-30.txt"
    assert report["sha256"] == SEED_SHA256
    assert report["outcome"] == "recorded"
    assert report["encoding"] == "utf-8"
    assert report["certificates"] == [KMC_CERTIFICATE]
    assert [e["position"] for e in report["events"]] == list(range(1, 9))
    assert [e["event_type"] for e in report["events"]] == SEED_EVENT_TYPES
    lucent = report["events"][6]
    assert lucent["summary"] == (
        f"{KMC_CERTIFICATE}: definition of 'Lucent Facility' replaced (earlier text not recorded)"
    )
    assert (lucent["document_name"], lucent["first_line"], lucent["last_line"]) == (
        "kmc-series-e-amendment-2000-06-30.txt",
        55,
        62,
    )


def test_reingesting_the_seed_records_nothing_and_says_already_recorded(seed):
    assert seed.event_count() == SEED_EVENTS

    result = seed("ingest", SEED)

    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        (
            "kmc-series-e-amendment-2000-06-30.txt: already recorded (sha256 d59a386aeed0); "
            "nothing recorded"
        )
    ]
    assert seed.event_count() == SEED_EVENTS


def test_reingesting_the_seed_with_json_reports_already_recorded_with_no_events(seed):
    [report] = seed.json("ingest", SEED)

    assert report["outcome"] == "already_recorded"
    assert report["sha256"] == SEED_SHA256
    assert report["certificates"] == [KMC_CERTIFICATE]
    assert report["events"] == []
    assert seed.event_count() == SEED_EVENTS


def test_a_renamed_copy_of_the_seed_is_recognised_by_its_bytes_and_records_nothing(seed, tmp_path):
    copy = tmp_path / "renamed-copy.txt"
    copy.write_bytes(SEED.read_bytes())

    [report] = seed.json("ingest", copy)

    assert (report["file"], report["outcome"], report["events"]) == (
        "renamed-copy.txt",
        "already_recorded",
        [],
    )
    assert seed.event_count() == SEED_EVENTS


def test_the_same_file_twice_in_one_ingest_is_recorded_once(fresh):
    first, second = fresh.json("ingest", SEED, SEED)

    assert first["outcome"] == "recorded"
    assert len(first["events"]) == SEED_EVENTS
    assert second["outcome"] == "already_recorded"
    assert second["events"] == []
    assert fresh.event_count() == SEED_EVENTS


def test_dry_run_prints_what_it_would_record_and_records_nothing(seed):
    result = seed("ingest", "--dry-run", HARBOR_ORIGINAL)

    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "harbor-lantern-series-b-designation-1999-03-10.txt: would record 11 events "
        f"(utf-8, sha256 76b7a3a54283); certificate {HARBOR}@1999-03-10"
    )
    assert lines[1].rstrip() == (
        "Events harbor-lantern-series-b-designation-1999-03-10.txt would record"
    )
    assert seed.event_count() == SEED_EVENTS
    assert [i["id"] for i in seed.json("instruments")] == [KMC]


def test_dry_run_json_reports_outcome_dry_run_with_events_at_position_zero(seed):
    [report] = seed.json("ingest", "--dry-run", HARBOR_ORIGINAL)

    assert report["outcome"] == "dry_run"
    assert report["certificates"] == [f"{HARBOR}@1999-03-10"]
    assert len(report["events"]) == 11
    assert {e["position"] for e in report["events"]} == {0}
    assert seed.event_count() == SEED_EVENTS


def test_dry_run_of_an_already_recorded_file_says_already_recorded(seed):
    [report] = seed.json("ingest", "--dry-run", SEED)

    assert report["outcome"] == "already_recorded"
    assert seed.event_count() == SEED_EVENTS


def test_dry_run_against_a_new_ledger_path_leaves_no_database_file_behind(fresh, tmp_path):
    result = fresh("ingest", "--dry-run", SEED)

    assert result.exit_code == 0
    assert result.stdout.startswith("kmc-series-e-amendment-2000-06-30.txt: would record 8 events")
    assert sqlite_files(tmp_path) == []


def test_the_cp1252_amendment_is_decoded_so_its_dash_and_section_sign_survive(full):
    answer = full.json("show", "Conversion Price", "--as-of", "2001-03-01")

    assert answer["source"]["document_name"] == HARBOR_SECOND.name
    assert answer["text"] == (
        '"Conversion Price" means $3.10 per share of Common Stock, as such amount may be '
        "adjusted from time to time pursuant to Section 5 hereof \u2013 including any "
        "weighted-average adjustment required by \u00a74(b) of the Series B Stock Purchase "
        "Agreement \u2013 provided that no adjustment shall reduce the Conversion Price "
        "below $1.50 per share."
    )
    cp1252 = [e for e in full.events() if e["event_type"] == "DocumentIngested"][-1]
    assert cp1252["summary"] == (
        "document harbor-lantern-series-b-amendment-2-2001-02-09.txt ingested "
        "(2773 bytes, cp1252, sha256 07f2112037ee)"
    )


def _answers(ledger: InProcess, as_of: str) -> list[tuple[object, ...]]:
    keys = ("term", "status", "text", "in_force_from", "in_force_until", "assumed", "note")
    answers = ledger.json("terms", "--as-of", as_of, "--instrument", HARBOR)
    return [tuple(a[k] for k in keys) for a in answers]


@pytest.mark.parametrize(
    "as_of", ["1999-03-11", "1999-03-12", "2000-09-15", "2001-02-14", "2001-02-15"]
)
def test_ingesting_the_harbor_files_out_of_order_gives_the_same_definitions_as_in_order(
    full, fresh, as_of
):
    for document in (HARBOR_SECOND, HARBOR_ORIGINAL, HARBOR_FIRST):
        assert fresh("ingest", document).exit_code == 0

    assert _answers(fresh, as_of) == _answers(full, as_of)


def test_ingesting_the_original_after_its_amendments_gives_the_same_instrument_summary(fresh):
    for document in (HARBOR_SECOND, HARBOR_ORIGINAL, HARBOR_FIRST):
        assert fresh("ingest", document).exit_code == 0

    [harbor] = fresh.json("instruments")

    assert harbor["text_recorded"] is True
    assert harbor["adopted_on"] == "1999-03-12"
    assert harbor["adoption_basis"] == (
        "filed with the Secretary of State on 1999-03-12 (as the document states)"
    )


# --- what ingest refuses -----------------------------------------------------------------


def test_ingesting_an_empty_file_fails_naming_it_and_records_nothing(seed, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    _assert_refused(
        seed, [empty], f"Error: {empty}: the file is empty; nothing to ingest", exit_code=2
    )


def test_ingesting_a_binary_file_fails_naming_it_and_the_line_and_records_nothing(seed, tmp_path):
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"GIF89a\nheader\x00\x01\x02\xff\xfe\x00more")

    _assert_refused(
        seed,
        [binary],
        f"Error: {binary}:2: not a text filing: control byte 0x00 at offset 13",
        exit_code=2,
    )


def test_ingesting_a_text_file_with_no_instrument_fails_naming_it_and_records_nothing(
    seed, tmp_path
):
    hello = tmp_path / "hello.txt"
    hello.write_text("hello world\n", encoding="utf-8")

    _assert_refused(
        seed,
        [hello],
        f"Error: {hello}: no issuer (e.g. 'X, Inc., a Delaware corporation') recognised; "
        "is this a certificate of designation? (if it is, give the issuer with --issuer)",
        exit_code=2,
    )


def test_ingesting_the_seed_with_an_impossible_date_fails_naming_the_file_and_line_18(
    seed, tmp_path
):
    bad = _seed_with_impossible_board_date(tmp_path)

    _assert_refused(
        seed, [bad], f"Error: {bad}:18: impossible date 'February 30, 2000'", exit_code=2
    )


def test_a_failed_ingest_into_a_new_ledger_path_leaves_no_database_file_behind(fresh, tmp_path):
    bad = _seed_with_impossible_board_date(tmp_path)

    result = fresh("ingest", bad)

    assert result.exit_code == 2
    assert_one_error_line(result.stderr, f"Error: {bad}:18: impossible date 'February 30, 2000'")
    assert sqlite_files(tmp_path) == []


def test_ingesting_a_nonexistent_path_fails_naming_it_and_records_nothing(seed, tmp_path):
    missing = tmp_path / "no-such-filing.txt"

    _assert_refused(
        seed,
        [missing],
        f"Error: {missing}: cannot read: No such file or directory",
        exit_code=1,
    )


def test_ingesting_a_directory_fails_as_unreadable_naming_it_and_records_nothing(seed, tmp_path):
    directory = tmp_path / "filings"
    directory.mkdir()

    _assert_refused(
        seed, [directory], f"Error: {directory}: cannot read: Is a directory", exit_code=1
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_ingesting_a_file_without_read_permission_fails_naming_it_and_records_nothing(
    seed, tmp_path
):
    locked = tmp_path / "locked.txt"
    locked.write_bytes(SEED.read_bytes())
    locked.chmod(0)

    _assert_refused(seed, [locked], f"Error: {locked}: cannot read: Permission denied", 1)


def test_a_multi_file_ingest_whose_second_file_is_bad_records_nothing_of_the_first(seed, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    _assert_refused(
        seed,
        [HARBOR_ORIGINAL, empty],
        f"Error: {empty}: the file is empty; nothing to ingest",
        exit_code=2,
    )
    assert [i["id"] for i in seed.json("instruments")] == [KMC]
    [report] = seed.json("ingest", HARBOR_ORIGINAL)
    assert report["outcome"] == "recorded"


def test_a_multi_file_ingest_whose_second_file_is_missing_records_nothing_of_the_first(
    seed, tmp_path
):
    missing = tmp_path / "missing.txt"

    _assert_refused(
        seed,
        [HARBOR_ORIGINAL, missing],
        f"Error: {missing}: cannot read: No such file or directory",
        exit_code=1,
    )
    assert [i["id"] for i in seed.json("instruments")] == [KMC]


def test_the_error_names_the_bad_file_when_two_files_share_a_base_name(seed, tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "good").mkdir()
    bad = _seed_with_impossible_board_date(tmp_path).rename(tmp_path / "bad" / "filing.txt")
    good = tmp_path / "good" / "filing.txt"
    good.write_bytes(HARBOR_FIRST.read_bytes())

    _assert_refused(
        seed, [bad, good], f"Error: {bad}:18: impossible date 'February 30, 2000'", exit_code=2
    )


def test_a_second_original_certificate_is_refused_naming_the_path_given(full, tmp_path):
    (tmp_path / "copies").mkdir()
    variant = tmp_path / "copies" / "designation.txt"
    variant.write_text(
        HARBOR_ORIGINAL.read_text(encoding="utf-8").replace("$8.50", "$9.50"), encoding="utf-8"
    )

    _assert_refused(
        full,
        [variant],
        f"Error: {variant}: instrument {HARBOR} already has its original text; "
        "ingest amendments instead",
        exit_code=1,
    )


def test_ingest_without_files_is_a_usage_error(seed):
    result = seed("ingest")

    assert result.exit_code == 2
    assert "Error: Missing argument 'FILES...'." in result.stderr.splitlines()
    assert seed.event_count() == SEED_EVENTS


def test_dry_run_with_explain_prints_each_definition_beside_its_numbered_source_lines(fresh):
    result = fresh("ingest", "--dry-run", "--explain", SEED)

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = (
        f"#- DefinitionReplaced: {KMC_CERTIFICATE}: definition of 'Lucent Facility' replaced "
        "(earlier text not recorded)"
    )
    start = lines.index(header)
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    assert lines[start + 1 : start + 9] == [
        f"{number:5d}  {seed_lines[number - 1]}".rstrip() for number in range(55, 63)
    ]
    assert fresh.db.exists() is False
