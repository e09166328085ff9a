"""`ledger record-filing`, in process: a real filing date moves the effective date."""

from __future__ import annotations

from tests.cli.support import (
    HARBOR,
    HARBOR_ORIGINAL,
    KMC,
    KMC_CERTIFICATE,
    LUCENT_TEXT,
    SEED,
    SEED_EVENTS,
    assert_no_crash,
    assert_one_error_line,
    sqlite_files,
)


def test_record_filing_prints_the_certificate_position_and_new_effective_date(seed):
    result = seed(
        "record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05", "--note", "state stamp"
    )

    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        (
            f"{KMC_CERTIFICATE}: filing on 2000-07-05 recorded at position 9; "
            "effective 2000-07-05 (filed)"
        )
    ]
    assert seed.event_count() == SEED_EVENTS + 1


def test_record_filing_json_reports_the_filing_and_the_event_recorded(seed):
    report = seed.json(
        "record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05", "--note", "state stamp"
    )

    assert report["certificate_id"] == KMC_CERTIFICATE
    assert report["filed_on"] == "2000-07-05"
    assert report["effective_on"] == "2000-07-05"
    assert report["effective_basis"] == "filed"
    event = report["event"]
    assert event["position"] == 9
    assert event["event_type"] == "FilingRecorded"
    assert event["stream"] == f"instrument:{KMC}"
    assert event["stream_version"] == 8
    assert event["summary"] == (
        f"{KMC_CERTIFICATE}: filed 2000-07-05 (recorded by a user) - state stamp"
    )
    assert (event["document_name"], event["first_line"], event["last_line"]) == (None, None, None)
    assert seed.events()[-1]["event_type"] == "FilingRecorded"


def test_after_a_filing_the_day_after_execution_shows_the_text_not_recorded(seed):
    assert seed("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05").exit_code == 0

    answer = seed.json("show", "Lucent Facility", "--as-of", "2000-07-01")

    assert answer["status"] == "text_not_recorded"
    assert answer["text"] is None
    assert answer["in_force_from"] == "1999-02-04"
    assert answer["in_force_until"] == "2000-07-05"
    assert answer["in_force_until_assumed"] is False


def test_as_of_the_filing_date_the_definition_is_in_force_and_not_assumed(seed):
    assert seed("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05").exit_code == 0

    answer = seed.json("show", "Lucent Facility", "--as-of", "2000-07-05")

    assert answer["status"] == "in_force"
    assert answer["text"] == LUCENT_TEXT
    assert answer["in_force_from"] == "2000-07-05"
    assert answer["assumed"] is False
    assert answer["effective_basis"] == "filed"
    assert answer["authority"]["filed_on"] == "2000-07-05"
    assert answer["authority"]["filing_source"] == "user"
    assert answer["authority"]["assumed"] is False
    assert answer["note"] == (
        f"replaced by certificate {KMC_CERTIFICATE}; filed with the Secretary of State on "
        "2000-07-05 (as recorded by a user)"
    )


def test_as_text_after_a_filing_show_drops_the_assumed_mark(seed):
    assert seed("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05").exit_code == 0

    result = seed("show", "Lucent Facility", "--as-of", "2000-07-05")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "as of 2000-07-05: in force since 2000-07-05"


def test_record_filing_accepts_a_unique_part_of_the_certificate_id(seed):
    report = seed.json("record-filing", "kmc", "--filed-on", "2000-07-03")

    assert report["certificate_id"] == KMC_CERTIFICATE
    assert report["effective_on"] == "2000-07-03"


def test_record_filing_accepts_the_path_of_the_ingested_file(seed):
    report = seed.json("record-filing", SEED, "--filed-on", "2000-07-03")

    assert report["certificate_id"] == KMC_CERTIFICATE


def test_history_after_a_filing_shows_the_amended_version_from_the_filing_date(seed):
    assert seed("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05").exit_code == 0

    versions = seed.json("history", "Lucent Facility")["versions"]

    assert [(v["status"], v["valid_from"], v["valid_to"]) for v in versions] == [
        ("text_not_recorded", "1999-02-04", "2000-07-05"),
        ("in_force", "2000-07-05", None),
    ]
    assert versions[1]["assumed"] is False


def test_record_filing_before_the_execution_date_is_refused_and_records_nothing(seed):
    result = seed("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-06-29")

    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(
        result.stderr,
        f"Error: {KMC_CERTIFICATE} was executed on 2000-06-30; it cannot have been filed "
        "earlier, on 2000-06-29",
    )
    assert seed.event_count() == SEED_EVENTS


def test_record_filing_of_an_unknown_certificate_is_refused_and_records_nothing(seed):
    result = seed("record-filing", "acme", "--filed-on", "2000-07-05")

    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        "Error: no certificate matches 'acme'; give a certificate id as shown by "
        "`ledger history` or `ledger log`, or the path of the ingested file",
    )
    assert seed.event_count() == SEED_EVENTS


def test_record_filing_of_a_part_matching_two_certificates_is_refused(full):
    before = full.event_count()

    result = full("record-filing", "series", "--filed-on", "2001-03-01")

    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: 'series' matches several certificates: ")
    assert f"{HARBOR}@1999-03-10" in line
    assert KMC_CERTIFICATE in line
    assert full.event_count() == before


def test_record_filing_of_a_file_never_ingested_is_refused_naming_it(seed):
    result = seed("record-filing", HARBOR_ORIGINAL, "--filed-on", "1999-03-12")

    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr, f"Error: {HARBOR_ORIGINAL} has not been ingested; ingest it first"
    )
    assert seed.event_count() == SEED_EVENTS


def test_record_filing_with_an_impossible_date_prints_one_error_line_and_records_nothing(seed):
    result = seed("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-13-01")

    assert_no_crash(result)
    assert result.exit_code == 2
    assert_one_error_line(
        result.stderr,
        "Error: Invalid value for '--filed-on': '2000-13-01' is not a valid date (YYYY-MM-DD): "
        "month must be in 1..12",
    )
    assert seed.event_count() == SEED_EVENTS


def test_record_filing_without_filed_on_is_a_usage_error(seed):
    result = seed("record-filing", KMC_CERTIFICATE)

    assert result.exit_code == 2
    assert "Error: Missing option '--filed-on'." in result.stderr.splitlines()
    assert seed.event_count() == SEED_EVENTS


def test_record_filing_on_a_nonexistent_ledger_errors_without_creating_it(fresh, tmp_path):
    result = fresh("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05")

    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        f"Error: no ledger at {fresh.db}; ingest a document first (or pass --db / set LEDGER_DB)",
    )
    assert sqlite_files(tmp_path) == []
