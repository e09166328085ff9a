"""`ledger terms`, `history`, `instruments` and `log`, in process."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.cli.support import (
    HARBOR,
    KMC,
    KMC_CERTIFICATE,
    KMC_TITLE,
    LUCENT_TEXT,
    NEWCOURT_TEXT,
    SEED_EVENTS,
    SEED_SHA256,
    assert_no_crash,
    assert_one_error_line,
    sqlite_files,
)

KMC_INLINE = ["Borrowers", "IV Services", "KMC IV", "Leasing IV", "Lenders"]
HARBOR_IN_FORCE_2001_03_01 = [
    "Agent",
    "Business Day",
    "Conversion Price",
    "Lenders",
    "Liquidation Preference",
    "Qualified Public Offering",
    "Senior Credit Facility",
]
FULL_EVENTS = 34


# --- terms -------------------------------------------------------------------------------


def test_terms_json_is_a_list_of_objects_with_term_status_and_text(seed):
    answers = seed.json("terms", "--as-of", "2000-07-01")

    assert isinstance(answers, list)
    assert all(isinstance(a, dict) for a in answers)
    by_term = {a["term"]: a for a in answers}
    assert sorted(by_term) == sorted(["Lucent Facility", "Newcourt Finance", *KMC_INLINE])
    assert by_term["Lucent Facility"]["status"] == "in_force"
    assert by_term["Lucent Facility"]["text"] == LUCENT_TEXT
    assert by_term["Newcourt Finance"]["status"] == "in_force"
    assert by_term["Newcourt Finance"]["text"] == NEWCOURT_TEXT
    assert {a["as_of"] for a in answers} == {"2000-07-01"}
    assert {a["instrument"]["id"] for a in answers} == {KMC}
    assert all(a["assumed"] is True for a in answers)


def test_terms_inside_another_definition_name_it_and_carry_its_text(seed):
    answers = seed.json("terms", "--as-of", "2000-07-01")

    inline = [a for a in answers if a["defined_within"] is not None]
    assert sorted(a["term"] for a in inline) == KMC_INLINE
    assert {a["defined_within"] for a in inline} == {"Lucent Facility"}
    assert {a["text"] for a in inline} == {LUCENT_TEXT}


def test_terms_before_the_amendment_lists_both_terms_as_text_not_recorded(seed):
    answers = seed.json("terms", "--as-of", "2000-06-29")

    assert [(a["term"], a["status"], a["text"], a["in_force_from"]) for a in answers] == [
        ("Lucent Facility", "text_not_recorded", None, "1999-02-04"),
        ("Newcourt Finance", "text_not_recorded", None, "1999-02-04"),
    ]


def test_terms_before_any_instrument_was_adopted_is_an_empty_list(seed):
    assert seed.json("terms", "--as-of", "1990-01-01") == []


def test_terms_as_text_before_any_instrument_says_no_definitions(seed):
    result = seed("terms", "--as-of", "1990-01-01")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["No definitions in force on 1990-01-01."]


def test_terms_as_text_prints_a_table_titled_with_the_date_and_instrument(seed):
    result = seed("terms", "--as-of", "2000-06-29", "--instrument", "kmc")

    assert result.exit_code == 0
    assert result.stderr == ""
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == f"Definitions in force on 2000-06-29 in {KMC}"
    assert "│ Lucent Facility  │ defined, text not recorded │ 1999-02-04 │      │" in lines
    assert "│ Newcourt Finance │ defined, text not recorded │ 1999-02-04 │      │" in lines


def test_terms_with_instrument_lists_only_its_definitions_and_omits_deleted_ones(full):
    answers = full.json("terms", "--as-of", "2001-03-01", "--instrument", "harbor")

    assert [a["term"] for a in answers] == HARBOR_IN_FORCE_2001_03_01
    assert {a["instrument"]["id"] for a in answers} == {HARBOR}
    assert {a["status"] for a in answers} == {"in_force"}
    assert "Subsidiary" not in [a["term"] for a in answers]


def test_terms_without_instrument_lists_every_instruments_definitions(full):
    answers = full.json("terms", "--as-of", "2001-03-01")

    assert {(a["instrument"]["id"], a["term"]) for a in answers} == {
        *((HARBOR, term) for term in HARBOR_IN_FORCE_2001_03_01),
        *((KMC, term) for term in ["Lucent Facility", "Newcourt Finance", *KMC_INLINE]),
    }


def test_terms_with_an_unknown_instrument_is_refused(seed):
    result = seed("terms", "--instrument", "acme")

    assert result.exit_code == 1
    assert_one_error_line(result.stderr, f"Error: no instrument matches 'acme' (known: {KMC})")


def test_terms_with_a_malformed_as_of_prints_one_error_line(seed):
    result = seed("terms", "--as-of", "2000-02-30")

    assert_no_crash(result)
    assert result.exit_code == 2
    assert_one_error_line(
        result.stderr,
        "Error: Invalid value for '--as-of': '2000-02-30' is not a valid date (YYYY-MM-DD): "
        "day is out of range for month",
    )


# --- history -----------------------------------------------------------------------------


def test_history_json_lists_every_version_oldest_first(seed):
    history = seed.json("history", "Lucent Facility")

    assert history["term"] == "Lucent Facility"
    assert history["instrument"]["id"] == KMC
    assert history["instrument"]["title"] == KMC_TITLE
    first, second = history["versions"]
    assert (first["status"], first["text"], first["operation"]) == (
        "text_not_recorded",
        None,
        None,
    )
    assert (first["valid_from"], first["valid_to"], first["valid_to_assumed"]) == (
        "1999-02-04",
        "2000-06-30",
        True,
    )
    assert (second["status"], second["text"], second["operation"]) == (
        "in_force",
        LUCENT_TEXT,
        "replace",
    )
    assert (second["valid_from"], second["valid_to"], second["assumed"]) == (
        "2000-06-30",
        None,
        True,
    )
    assert second["effective_basis"] == "execution_date_assumed"
    assert second["inline_terms"] == ["KMC IV", "Leasing IV", "IV Services", "Borrowers", "Lenders"]
    assert second["authority"]["certificate_id"] == KMC_CERTIFICATE
    assert second["source"]["document_sha256"] == SEED_SHA256
    assert (second["source"]["first_line"], second["source"]["last_line"]) == (55, 62)


def test_history_as_text_numbers_each_version_with_its_dates(seed):
    result = seed("history", "Newcourt Finance")

    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"Newcourt Finance - {KMC_TITLE} ({KMC})"
    assert "1. defined, text not recorded from 1999-02-04 until 2000-06-30 (ASSUMED)" in lines
    assert "2. in force from 2000-06-30 (ASSUMED) onwards" in lines
    assert lines[-2] == (
        "     Source: DefinitionReplaced at position 8, kmc-series-e-amendment-2000-06-30.txt "
        "lines 64-65"
    )
    assert re.fullmatch(r"     Recorded: at position 8 \([0-9: -]+ UTC\)", lines[-1])


def test_history_of_a_replaced_and_then_stated_effective_term_has_two_texts(full):
    versions = full.json("history", "Conversion Price")["versions"]

    assert [
        (v["operation"], v["valid_from"], v["valid_to"], v["effective_basis"]) for v in versions
    ] == [
        ("add", "1999-03-12", "2001-02-15", "filed"),
        ("replace", "2001-02-15", None, "stated_effective_time"),
    ]
    assert versions[0]["text"].startswith('"Conversion Price" means $4.25 per share')
    assert versions[1]["text"].startswith('"Conversion Price" means $3.10 per share')


def test_history_of_a_deleted_term_ends_with_a_deleted_version(full):
    versions = full.json("history", "Subsidiary")["versions"]

    assert [(v["status"], v["operation"], v["valid_from"], v["valid_to"]) for v in versions] == [
        ("in_force", "add", "1999-03-12", "2001-02-15"),
        ("deleted", "delete", "2001-02-15", None),
    ]
    assert versions[1]["text"] is None


def test_history_of_a_term_two_instruments_define_needs_instrument(full):
    result = full("history", "Lenders")

    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        f"Error: 'Lenders' is defined by 2 instruments ({HARBOR}, {KMC}); "
        "choose one with --instrument",
    )
    assert full.json("history", "Lenders", "--instrument", "kmc")["instrument"]["id"] == KMC


def test_history_of_an_unknown_term_suggests_the_close_one(seed):
    result = seed("history", "Newcourt Financ")

    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(
        result.stderr,
        "Error: no instrument in the ledger defines 'Newcourt Financ'; "
        "did you mean 'Newcourt Finance'?",
    )


# --- instruments -------------------------------------------------------------------------


def test_instruments_json_describes_each_instrument(full):
    harbor, kmc = full.json("instruments")

    assert kmc == {
        "id": KMC,
        "title": KMC_TITLE,
        "issuer": "KMC Telecom Holdings, Inc.",
        "series": "Series E",
        "adopted_on": "1999-02-04",
        "adoption_basis": (
            "an amendment refers to the certificate as 'dated as of February 4, 1999'"
        ),
        "text_recorded": False,
        "certificates": 1,
        "terms": 2,
    }
    assert harbor["id"] == HARBOR
    assert harbor["issuer"] == "Harbor Lantern Networks, Inc."
    assert harbor["series"] == "Series B"
    assert harbor["adopted_on"] == "1999-03-12"
    assert harbor["text_recorded"] is True
    assert (harbor["certificates"], harbor["terms"]) == (3, 6)


def test_instruments_as_text_prints_a_table_with_one_row_per_instrument(full):
    result = full("instruments")

    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "Instruments"
    assert any(line.startswith(f"│ {HARBOR} │ Harbor Lantern") for line in lines)
    assert any(line.startswith(f"│ {KMC}    │ KMC Telecom") for line in lines)


def test_instruments_does_not_write_to_the_ledger(seed):
    assert seed.json("instruments")[0]["id"] == KMC
    assert seed.event_count() == SEED_EVENTS


# --- log ---------------------------------------------------------------------------------


def test_log_json_lists_the_seed_events_with_strictly_increasing_positions(seed):
    events = seed.events()

    positions = [e["position"] for e in events]
    assert len(events) == SEED_EVENTS
    assert all(a < b for a, b in itertools.pairwise(positions))
    assert positions == list(range(1, SEED_EVENTS + 1))
    assert [(e["event_type"], e["stream"], e["stream_version"]) for e in events[:3]] == [
        ("DocumentIngested", "document:d59a386aeed0", 1),
        ("InstrumentAdopted", f"instrument:{KMC}", 1),
        ("CertificateRecorded", f"instrument:{KMC}", 2),
    ]
    assert events[3]["summary"] == (
        f"{KMC_CERTIFICATE}: board acted 2000-06-28 by unanimous written consent"
    )
    assert (events[3]["first_line"], events[3]["last_line"]) == (18, 19)


def test_log_positions_stay_strictly_increasing_across_documents_and_filings(full):
    assert full("record-filing", KMC_CERTIFICATE, "--filed-on", "2000-07-05").exit_code == 0

    events = full.events()

    positions = [e["position"] for e in events]
    assert len(events) == FULL_EVENTS + 1
    assert all(a < b for a, b in itertools.pairwise(positions))
    assert [e["event_type"] for e in events if e["event_type"] == "DocumentIngested"] == [
        "DocumentIngested"
    ] * 4
    assert events[-1]["event_type"] == "FilingRecorded"


def test_log_as_text_prints_the_event_table(seed):
    result = seed("log")

    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "Event log"
    assert any(line.startswith("│ 1 │ DocumentIngested ") for line in lines)
    assert any(line.startswith("│ 8 │ DefinitionReplaced ") for line in lines)


# --- every query refuses to create a ledger ----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["terms"], ["history", "Lucent Facility"], ["instruments"], ["log"]],
    ids=["terms", "history", "instruments", "log"],
)
def test_a_query_on_a_nonexistent_ledger_errors_without_creating_it(fresh, tmp_path, args):
    result = fresh(*args)

    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(
        result.stderr,
        f"Error: no ledger at {fresh.db}; ingest a document first (or pass --db / set LEDGER_DB)",
    )
    assert sqlite_files(tmp_path) == []
