"""`ledger refs` and `ledger check`, in process: references between definitions."""

from __future__ import annotations

import pytest

from tests.cli.support import (
    HARBOR,
    KMC,
    KMC_TITLE,
    SEED_EVENTS,
    assert_no_crash,
    assert_one_error_line,
    sqlite_files,
)

# --- refs --------------------------------------------------------------------------------


def test_refs_json_gives_what_a_definition_uses_what_uses_it_and_what_it_defines(seed):
    answer = seed.json("refs", "Lucent Facility", "--as-of", "2000-07-01")

    assert answer == {
        "term": "Lucent Facility",
        "as_of": "2000-07-01",
        "status": "in_force",
        "instrument": {
            "id": KMC,
            "title": KMC_TITLE,
            "issuer": "KMC Telecom Holdings, Inc.",
            "series": "Series E",
        },
        "uses": [],
        "used_by": [],
        "defines": ["KMC IV", "Leasing IV", "IV Services", "Borrowers", "Lenders"],
        "defined_within": None,
        "known_at": 8,
    }


def test_refs_as_text_prints_uses_used_by_and_defines(seed):
    result = seed("refs", "Lucent Facility", "--as-of", "2000-07-01")

    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"Lucent Facility - {KMC}, as of 2000-07-01: in force",
        "  uses:       (none)",
        "  used by:    (none)",
        "  defines:    KMC IV, Leasing IV, IV Services, Borrowers, Lenders",
    ]


def test_refs_of_a_term_defined_inside_another_names_the_enclosing_definition(seed):
    answer = seed.json("refs", "Borrowers", "--as-of", "2000-07-01")

    assert (answer["defined_within"], answer["uses"], answer["defines"]) == (
        "Lucent Facility",
        [],
        [],
    )


def test_refs_follow_the_text_in_force_on_the_date(full):
    original = full.json("refs", "Conversion Price", "--as-of", "2000-01-01")
    amended = full.json("refs", "Conversion Price", "--as-of", "2001-03-01")

    assert (original["uses"], original["used_by"]) == (["Business Day"], [])
    assert (amended["uses"], amended["used_by"]) == ([], ["Qualified Public Offering"])
    assert full.json("refs", "Business Day", "--as-of", "2000-01-01")["used_by"] == [
        "Conversion Price"
    ]


def test_refs_of_a_deleted_term_is_refused_in_one_line(full):
    result = full("refs", "Subsidiary", "--as-of", "2001-03-01")

    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(
        result.stderr,
        "Error: 'Subsidiary' is deleted on 2001-03-01, so its definition has no references then",
    )


def test_refs_of_an_unknown_term_suggests_the_close_one(seed):
    result = seed("refs", "Lucent Facilty", "--as-of", "2000-07-01")

    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        "Error: no instrument in the ledger defines 'Lucent Facilty'; "
        "did you mean 'Lucent Facility'?",
    )
    assert seed.event_count() == SEED_EVENTS


# --- check -------------------------------------------------------------------------------


def test_check_on_the_seed_reports_lucent_as_used_but_not_defined(seed):
    report = seed.json("check", "--as-of", "2000-07-01")

    assert report["as_of"] == "2000-07-01"
    assert [(f["kind"], f["term"], f["instrument"], f["where"]) for f in report["findings"]] == [
        ("undefined", "Lucent", KMC, ["Lucent Facility"]),
        ("unused", "Lucent Facility", KMC, []),
        ("unused", "Newcourt Finance", KMC, []),
    ]


def test_check_does_not_report_the_letters_of_n_a_as_undefined_terms(full):
    report = full.json("check", "--as-of", "2000-07-01", "--instrument", "harbor")

    undefined = [f["term"] for f in report["findings"] if f["kind"] == "undefined"]
    assert "Loan and Security Agreement" in undefined
    assert [term for term in undefined if len(term) == 1] == []


def test_check_lists_the_definitions_no_other_definition_uses(full):
    report = full.json("check", "--as-of", "2001-03-01", "--instrument", "harbor")

    assert {f["instrument"] for f in report["findings"]} == {HARBOR}
    assert [f["term"] for f in report["findings"] if f["kind"] == "unused"] == [
        "Business Day",
        "Liquidation Preference",
        "Qualified Public Offering",
        "Senior Credit Facility",
    ]
    undefined = {f["term"]: f["where"] for f in report["findings"] if f["kind"] == "undefined"}
    assert undefined["Series B Stock Purchase Agreement"] == ["Conversion Price"]


def test_check_before_any_instrument_finds_nothing(seed):
    assert seed.json("check", "--as-of", "1990-01-01") == {
        "as_of": "1990-01-01",
        "findings": [],
        "known_at": 8,
    }
    result = seed("check", "--as-of", "1990-01-01")
    assert result.stdout.splitlines() == ["No findings on 1990-01-01."]


def test_check_as_text_groups_the_findings_by_instrument(full):
    result = full("check", "--as-of", "2001-03-01", "--instrument", "harbor")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Findings on 2001-03-01:", HARBOR]
    assert "  defined but not used by any other definition:" in lines
    assert "    Series B Stock Purchase Agreement (in 'Conversion Price')" in lines


@pytest.mark.parametrize("args", [["refs", "Lucent Facility"], ["check"]], ids=["refs", "check"])
def test_refs_and_check_on_a_nonexistent_ledger_error_without_creating_it(fresh, tmp_path, args):
    result = fresh(*args)

    assert_no_crash(result)
    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        f"Error: no ledger at {fresh.db}; ingest a document first (or pass --db / set LEDGER_DB)",
    )
    assert sqlite_files(tmp_path) == []
