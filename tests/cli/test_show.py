"""`ledger show`, in process: what a definition said on a date, and why."""

from __future__ import annotations

import re

import pytest

from tests.cli.support import (
    HARBOR,
    HARBOR_FIRST,
    HARBOR_ORIGINAL,
    KMC,
    KMC_CERTIFICATE,
    KMC_TITLE,
    LUCENT_END,
    LUCENT_START,
    LUCENT_TEXT,
    SEED_EVENTS,
    SEED_SHA256,
    assert_no_crash,
    assert_one_error_line,
    sqlite_files,
)

KMC_REF = {
    "id": KMC,
    "title": KMC_TITLE,
    "issuer": "KMC Telecom Holdings, Inc.",
    "series": "Series E",
}
ASSUMED_NOTE = (
    f"replaced by certificate {KMC_CERTIFICATE}; assumed: filing date not recorded, "
    "so the execution date 2000-06-30 is taken as the effective date"
)


# --- the seed, as of three dates ---------------------------------------------------------


def test_show_as_of_after_the_amendment_gives_the_seed_text_and_marks_the_date_assumed(seed):
    answer = seed.json("show", "Lucent Facility", "--as-of", "2000-07-01")

    assert answer["term"] == "Lucent Facility"
    assert answer["as_of"] == "2000-07-01"
    assert answer["status"] == "in_force"
    assert answer["in_force_from"] == "2000-06-30"
    assert answer["in_force_until"] is None
    assert answer["in_force_until_assumed"] is False
    assert answer["assumed"] is True
    assert answer["effective_basis"] == "execution_date_assumed"
    assert answer["note"] == ASSUMED_NOTE
    assert answer["instrument"] == KMC_REF
    assert answer["defined_within"] is None
    assert answer["inline_terms"] == ["KMC IV", "Leasing IV", "IV Services", "Borrowers", "Lenders"]


def test_show_text_is_the_whitespace_normalised_definition_from_the_seed(seed):
    text = seed.json("show", "Lucent Facility", "--as-of", "2000-07-01")["text"]

    assert text == LUCENT_TEXT
    assert text.startswith(LUCENT_START)
    assert text.endswith(LUCENT_END)
    assert "  " not in text
    assert "\n" not in text


def test_show_source_names_the_document_its_sha256_and_lines_55_to_62(seed):
    source = seed.json("show", "Lucent Facility", "--as-of", "2000-07-01")["source"]

    assert source["event_type"] == "DefinitionReplaced"
    assert source["position"] == 7
    assert source["stream_version"] == 6
    assert source["document_name"] == "kmc-series-e-amendment-2000-06-30.txt"
    assert source["document_sha256"] == SEED_SHA256
    assert (source["first_line"], source["last_line"]) == (55, 62)


def test_show_authority_gives_the_board_consent_holder_consent_and_execution(seed):
    authority = seed.json("show", "Lucent Facility", "--as-of", "2000-07-01")["authority"]

    assert authority == {
        "certificate_id": KMC_CERTIFICATE,
        "kind": "amendment",
        "board_acted_on": "2000-06-28",
        "board_manner": "unanimous_written_consent",
        "holder_consents": [
            {
                "class_name": "Series E Preferred Stock",
                "threshold": "2/3",
                "at_least": True,
                "wording": "at least two-thirds",
                "separate_class": True,
            }
        ],
        "executed_on": "2000-06-30",
        "executed_by": "William H. Stewart",
        "executed_by_title": "Chief Financial Officer",
        "filed_on": None,
        "filing_source": None,
        "stated_effective_time": None,
        "effective_on": "2000-06-30",
        "effective_basis": "execution_date_assumed",
        "assumed": True,
        "approval": "met",
        "approval_warning": None,
    }


def test_show_as_text_prints_the_header_status_definition_and_source_lines(seed):
    result = seed("show", "Lucent Facility", "--as-of", "2000-07-01")

    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"Lucent Facility - KMC Telecom Holdings, Inc., Series E ({KMC})"
    assert lines[1] == "as of 2000-07-01: in force since 2000-06-30 (ASSUMED)"
    assert lines[2] == ""
    assert lines[3] == (
        '  "Lucent Facility" means the vendor financing facility among KMC Telecom IV, Inc. '
        '("KMC IV"),'
    )
    assert " ".join(" ".join(lines[3:10]).split()) == LUCENT_TEXT
    assert "Defines within it: KMC IV, Leasing IV, IV Services, Borrowers, Lenders" in lines
    assert lines[-2] == (
        "Source: DefinitionReplaced at position 7, kmc-series-e-amendment-2000-06-30.txt "
        "lines 55-62 (sha256 d59a386aeed0)"
    )
    assert re.fullmatch(
        r"Recorded: at position 8 \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); "
        r"still the ledger's answer at position 8",
        lines[-1],
    )


def test_show_as_of_the_day_before_the_amendment_says_text_not_recorded(seed):
    answer = seed.json("show", "Lucent Facility", "--as-of", "2000-06-29")

    assert answer["status"] == "text_not_recorded"
    assert answer["text"] is None
    assert answer["instrument"]["id"] == KMC
    assert answer["in_force_from"] == "1999-02-04"
    assert answer["in_force_until"] == "2000-06-30"
    assert answer["in_force_until_assumed"] is True
    assert answer["assumed"] is False
    assert answer["authority"] is None
    assert answer["note"] == (
        f"defined by the {KMC_TITLE} (adopted 1999-02-04), as previously amended; its text "
        f"before 2000-06-30 is not recorded in the ledger (certificate {KMC_CERTIFICATE} "
        "amends it)"
    )


def test_show_as_text_the_day_before_the_amendment_says_defined_text_not_recorded(seed):
    result = seed("show", "Lucent Facility", "--as-of", "2000-06-29")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "as of 2000-06-29: defined, text not recorded since 1999-02-04, until 2000-06-30 (ASSUMED)"
    )


def test_show_before_the_instrument_was_adopted_says_not_defined(seed):
    answer = seed.json("show", "Lucent Facility", "--as-of", "1999-01-01")

    assert answer["status"] == "not_defined"
    assert answer["text"] is None
    assert answer["in_force_from"] is None
    assert answer["in_force_until"] == "1999-02-04"
    assert answer["source"] is None
    assert answer["authority"] is None
    assert answer["note"] == "the instrument was adopted on 1999-02-04, after 1999-01-01"


def test_show_as_text_before_the_instrument_was_adopted_says_not_defined(seed):
    result = seed("show", "Lucent Facility", "--as-of", "1999-01-01")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "as of 1999-01-01: not defined, until 1999-02-04",
        "",
        "Why: the instrument was adopted on 1999-02-04, after 1999-01-01.",
        "Recorded: as known at position 8",
    ]


def test_show_matches_the_term_whatever_its_case_and_spacing(seed):
    answer = seed.json("show", "  lucent   FACILITY ", "--as-of", "2000-07-01")

    assert answer["term"] == "Lucent Facility"
    assert answer["text"] == LUCENT_TEXT


def test_show_of_a_term_defined_inside_another_names_the_enclosing_definition(seed):
    answer = seed.json("show", "Borrowers", "--as-of", "2000-07-01")

    assert answer["status"] == "in_force"
    assert answer["defined_within"] == "Lucent Facility"
    assert answer["text"] == LUCENT_TEXT


# --- the Harbor Lantern instrument: additions, replacements, deletions ------------------


def test_show_of_a_replaced_term_gives_the_old_text_before_and_the_new_text_after(full):
    before = full.json("show", "Senior Credit Facility", "--as-of", "2000-09-14")
    after = full.json("show", "Senior Credit Facility", "--as-of", "2000-09-15")

    assert before["status"] == after["status"] == "in_force"
    assert before["text"].startswith(
        '"Senior Credit Facility" means the Loan and Security Agreement dated as of January 22'
    )
    assert (before["in_force_from"], before["in_force_until"]) == ("1999-03-12", "2000-09-15")
    assert (before["assumed"], before["effective_basis"]) == (False, "filed")
    assert after["text"].startswith(
        '"Senior Credit Facility" means the Amended and Restated Credit Agreement'
    )
    assert (after["in_force_from"], after["assumed"]) == ("2000-09-15", True)
    assert after["authority"]["holder_consents"][0]["threshold"] == "1/2"
    assert after["authority"]["holder_consents"][0]["at_least"] is False


def test_show_after_a_stated_effective_time_uses_it_and_is_not_assumed(full):
    answer = full.json("show", "Conversion Price", "--as-of", "2001-02-15")

    assert answer["status"] == "in_force"
    assert answer["in_force_from"] == "2001-02-15"
    assert answer["assumed"] is False
    assert answer["effective_basis"] == "stated_effective_time"
    assert answer["authority"]["stated_effective_time"] is not None
    assert answer["text"].startswith('"Conversion Price" means $3.10 per share')


def test_show_of_a_deleted_term_says_deleted_with_no_text(full):
    answer = full.json("show", "Subsidiary", "--as-of", "2001-03-01")

    assert answer["status"] == "deleted"
    assert answer["text"] is None
    assert answer["in_force_from"] == "2001-02-15"
    assert answer["source"]["event_type"] == "DefinitionDeleted"
    assert (answer["source"]["first_line"], answer["source"]["last_line"]) == (34, 35)


def test_show_before_a_term_was_added_says_not_defined_and_when_it_first_is(full):
    answer = full.json("show", "Qualified Public Offering", "--as-of", "2000-01-01")

    assert answer["status"] == "not_defined"
    assert answer["instrument"]["id"] == HARBOR
    assert answer["note"] == (
        "'Qualified Public Offering' is first defined in this instrument from 2000-09-15"
    )


def test_show_of_a_term_two_instruments_define_asks_for_instrument(full):
    result = full("show", "Lenders", "--as-of", "2001-03-01")

    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(
        result.stderr,
        f"Error: 'Lenders' is defined by 2 instruments ({HARBOR}, {KMC}); "
        "choose one with --instrument",
    )


def test_show_with_instrument_picks_that_instruments_definition_by_a_unique_part_of_its_id(full):
    kmc = full.json("show", "Lenders", "--as-of", "2001-03-01", "--instrument", "kmc")
    harbor = full.json("show", "Lenders", "--as-of", "2001-03-01", "--instrument", "harbor")

    assert (kmc["instrument"]["id"], kmc["defined_within"]) == (KMC, "Lucent Facility")
    assert (harbor["instrument"]["id"], harbor["defined_within"]) == (
        HARBOR,
        "Senior Credit Facility",
    )


# --- what show refuses -------------------------------------------------------------------


def test_show_of_an_unknown_term_suggests_the_close_one(seed):
    result = seed("show", "Lucent Facilty", "--as-of", "2000-07-01")

    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(
        result.stderr,
        "Error: no instrument in the ledger defines 'Lucent Facilty'; "
        "did you mean 'Lucent Facility'?",
    )


def test_show_of_a_term_nothing_resembles_suggests_nothing(seed):
    result = seed("show", "Widget", "--as-of", "2000-07-01")

    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "Error: no instrument in the ledger defines 'Widget'")


def test_show_with_an_instrument_that_does_not_define_the_term_suggests_no_identical_term(full):
    result = full("show", "Conversion Price", "--instrument", "kmc", "--as-of", "2001-03-01")

    assert_no_crash(result)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {KMC} has no definition of 'Conversion Price'")
    assert "did you mean 'Conversion Price'" not in line


def test_show_with_an_unknown_instrument_lists_the_known_ones(full):
    result = full("show", "Lenders", "--instrument", "acme", "--as-of", "2001-03-01")

    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr, f"Error: no instrument matches 'acme' (known: {HARBOR}, {KMC})"
    )


def test_show_with_an_instrument_substring_matching_two_asks_to_be_more_precise(full):
    result = full("show", "Lenders", "--instrument", "series", "--as-of", "2001-03-01")

    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        f"Error: 'series' matches several instruments: {HARBOR}, {KMC}; be more precise",
    )


@pytest.mark.parametrize(
    ("as_of", "reason"),
    [
        ("2000-02-30", "day is out of range for month"),
        ("yesterday", "Invalid isoformat string: 'yesterday'"),
    ],
)
def test_show_with_a_malformed_as_of_prints_one_error_line_and_records_nothing(seed, as_of, reason):
    result = seed("show", "Lucent Facility", "--as-of", as_of)

    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert_one_error_line(
        result.stderr,
        f"Error: Invalid value for '--as-of': '{as_of}' is not a valid date (YYYY-MM-DD): {reason}",
    )
    assert seed.event_count() == SEED_EVENTS


def test_show_on_a_nonexistent_ledger_errors_without_creating_it(fresh, tmp_path):
    result = fresh("show", "Lucent Facility", "--as-of", "2000-07-01")

    assert_no_crash(result)
    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        f"Error: no ledger at {fresh.db}; ingest a document first (or pass --db / set LEDGER_DB)",
    )
    assert sqlite_files(tmp_path) == []


def test_show_answers_follow_an_amendment_ingested_later(seed):
    assert seed("ingest", HARBOR_FIRST).exit_code == 0
    assert seed("ingest", HARBOR_ORIGINAL).exit_code == 0

    answer = seed.json("show", "Qualified Public Offering", "--as-of", "2000-09-15")

    assert answer["status"] == "in_force"
    assert answer["source"]["document_name"] == HARBOR_FIRST.name
