"""`ledger correct`, `retract`, `reread`, `record-filing` rules and `--known-at`, in process."""

from __future__ import annotations

import pytest

from ledger.parsing.version import READER_VERSION
from tests.cli.support import SEED, assert_one_error_line


def events(seed) -> int:
    """How many events the ledger holds (to check that a refusal wrote nothing)."""
    return seed("log", "--json").stdout.count('"position"')


def test_correct_prints_the_new_event_and_what_it_superseded(seed, monkeypatch):
    monkeypatch.setenv("LEDGER_USER", "avery")
    result = seed("correct", "@6", "--date", "2000-06-29", "--reason", "signature page says 29th")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        (
            "recorded ExecutionRecorded at position 9: kmc-telecom-holdings-series-e@2000-06-30: "
            "executed 2000-06-29 by William H. Stewart, Chief Financial Officer [supersedes v5; "
            "user avery: signature page says 29th]"
        ),
        "superseded position 6 (by avery: signature page says 29th)",
    ]
    shown = seed("show", "Lucent Facility", "--as-of", "2000-07-01")
    assert (
        "Correction: ExecutionRecorded at position 9 by user avery (superseding position 6): "
        in shown.stdout
    )
    earlier = seed("show", "Lucent Facility", "--as-of", "2000-07-01", "--known-at", "@8")
    assert "in force since 2000-06-30 (ASSUMED)" in earlier.stdout
    assert earlier.stdout.splitlines()[-1].endswith("still the ledger's answer at position 8")


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["correct", "6", "--date", "2000-06-29"], "Error: Missing option '--reason'.", 2),
        (
            ["correct", "99", "--date", "2000-06-29", "--reason", "r"],
            "Error: there is no event at position 99; see `ledger log`",
            1,
        ),
        (
            ["correct", "x", "--date", "2000-06-29", "--reason", "r"],
            (
                "Error: Invalid value for '[@]POSITION': 'x' is not a log position "
                "(a number from 1, e.g. @42)"
            ),
            2,
        ),
        (
            ["correct", "6", "--date", "2000-06-29", "--reason", " "],
            "Error: a correction needs --reason: say why the recorded fact is wrong",
            2,
        ),
        (
            ["show", "Lucent Facility", "--known-at", "@0"],
            "Error: --known-at @0: the log holds positions 1 to 8; see `ledger log`",
            2,
        ),
        (
            ["terms", "--known-at", "2999-01-01T00:00:00Z"],
            "Error: --known-at 2999-01-01T00:00:00Z: that time is in the future",
            2,
        ),
        (
            ["history", "Lucent Facility", "--known-at", "1990-01-01T00:00:00"],
            "Error: --known-at 1990-01-01T00:00:00: the ledger recorded nothing before that time",
            2,
        ),
        (
            ["record-filing", "kmc", "--filed-on", "2000-07-05", "--reason", ""],
            None,
            0,
        ),
        (
            ["retract", "ffff", "--reason", "r"],
            (
                "Error: no ingested document matches 'ffff'; give the file's path or its sha256 "
                "(`ledger log` shows the first 12 characters)"
            ),
            1,
        ),
        (["retract", "d59a"], "Error: Missing option '--reason'.", 2),
        (
            ["reread"],
            "Error: name what to re-read: DOCUMENT_SHA..., --instrument ID or --all (one of them)",
            1,
        ),
    ],
)
def test_bad_input_is_one_error_line_and_writes_nothing(seed, args, message, code):
    before = events(seed)
    result = seed(*args)
    assert result.exit_code == code, result.stderr
    if message:
        assert_one_error_line(result.stderr, message)
        assert events(seed) == before


def test_record_filing_twice_with_the_same_date_says_nothing_was_recorded(seed):
    assert seed("record-filing", "kmc", "--filed-on", "2000-07-05").exit_code == 0
    before = events(seed)
    again = seed("record-filing", "kmc", "--filed-on", "2000-07-05")
    assert again.stdout == (
        "kmc-telecom-holdings-series-e@2000-06-30: already recorded as filed on 2000-07-05 "
        "(position 9); nothing recorded\n"
    )
    other = seed("record-filing", "kmc", "--filed-on", "2000-07-06")
    assert other.exit_code == 2
    assert_one_error_line(
        other.stderr,
        "Error: kmc-telecom-holdings-series-e@2000-06-30 is recorded as filed on 2000-07-05 "
        "(a user recorded); recording 2000-07-06 instead is a correction and needs --reason: "
        "say why the recorded fact is wrong",
    )
    assert events(seed) == before
    fixed = seed("record-filing", "kmc", "--filed-on", "2000-07-06", "--reason", "stamp")
    assert fixed.stdout == (
        "kmc-telecom-holdings-series-e@2000-06-30: filing on 2000-07-06 recorded at position 10, "
        "superseding position 9; effective 2000-07-06 (filed)\n"
    )


def test_reread_dry_run_json_and_retract(seed):
    dry = seed("reread", "--all", "--dry-run", "--json")
    assert dry.exit_code == 0, dry.stderr
    assert '"outcome": "unchanged"' in dry.stdout
    text = seed("reread", "d59a386aeed0")
    assert text.stdout == (
        f"{SEED.name} (sha256 d59a386aeed0, read by reader {READER_VERSION}): reader "
        f"{READER_VERSION} reads the same facts; "
        "nothing to record\n"
    )
    gone = seed("retract", str(SEED), "--reason", "wrong ledger")
    assert gone.exit_code == 0, gone.stderr
    assert gone.stdout.splitlines()[-1].startswith("superseded position 3, 4, 5, 6, 7, 8 (by ")
    assert seed("show", "Lucent Facility").exit_code == 1
    assert (
        seed("show", "Lucent Facility", "--as-of", "2000-07-01", "--known-at", "@8").exit_code == 0
    )
    assert seed("log", "--known-at", "@8", "--json").stdout.count('"position"') == 8


def test_quote_prints_the_stored_lines_the_facts_name(seed):
    result = seed("quote", "d59a386aeed0", "--lines", "64-65")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{SEED.name} (sha256 d59a386aeed0, utf-8, received ")
    assert lines[0].endswith("), lines 64-65:")
    assert [line[:7] for line in lines[1:]] == ["   64  ", "   65  "]
    assert "Newcourt" in lines[1]
    bad = seed("quote", "d59a386aeed0", "--lines", "80-90")
    assert bad.exit_code == 2
    assert_one_error_line(bad.stderr, f"Error: --lines 80-90: {SEED.name} has lines 1 to 83")


def test_a_term_defined_inside_a_deleted_definition_ends_with_it(full):
    shown = full("show", "HL Leasing", "--as-of", "2001-03-01", "--instrument", "harbor")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[1:4] == [
        "as of 2001-03-01: deleted since 2001-02-15",
        "",
        "  (was defined within the definition of 'Subsidiary')",
    ]
    assert "not defined" not in shown.stdout
    history = full("history", "HL Leasing", "--instrument", "harbor")
    assert "1. in force from 1999-03-12 until 2001-02-15" in history.stdout.splitlines()
    assert "2. deleted from 2001-02-15 onwards" in history.stdout.splitlines()
