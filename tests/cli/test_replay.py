"""`ledger replay`: rebuild, --verify, --step, and its bad inputs, through the command line."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.support import assert_one_error_line
from tests.integration.tampering import RawStore

RATE = r"\d+\.\d\d s \([\d,]+ events/s\)"


def test_replay_rebuilds_the_view_with_a_closing_line(full):
    before = full("show", "Conversion Price", "--as-of", "2001-03-01").stdout
    result = full("replay")
    assert result.exit_code == 0
    assert re.fullmatch(
        rf"replayed 34 events in {RATE}; the view is rebuilt through position 34\n", result.stdout
    )
    assert result.stderr == "replayed 34/34 events\n"  # not a terminal: plain lines
    assert full("show", "Conversion Price", "--as-of", "2001-03-01").stdout == before


def test_replay_verify_passes_then_names_a_tampered_view_row(full):
    result = full("replay", "--verify")
    assert result.exit_code == 0
    assert re.fullmatch(
        rf"view verified: a replay of 34 events in {RATE} matches it through position 34\n",
        result.stdout,
    )
    RawStore(str(full.db)).execute("UPDATE tl_documents SET file_name = 'forged.txt'")
    result = full("replay", "--verify")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()[-1:]
    assert re.fullmatch(
        r"Error: the view differs from a replay of the log \(through position 34\): "
        r"tl_documents row \([0-9a-f]{64}\) was changed; run `ledger replay` to rebuild it",
        line,
    )


def test_replay_step_prints_each_event_and_the_versions_it_changed(seed):
    result = seed("replay", "--step", "--until-position", "7")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "#1 DocumentIngested: document kmc-series-e-amendment-2000-06-30.txt ingested "
        "(4502 bytes, utf-8, sha256 d59a386aeed0)"
    )
    assert lines[6] == (
        "#7 DefinitionReplaced: kmc-telecom-holdings-series-e@2000-06-30: definition of "
        "'Lucent Facility' replaced (earlier text not recorded)"
    )
    assert lines[7:9] == [
        (
            "    Lucent Facility [text_not_recorded, from 1999-02-04 until 2000-06-30] "
            "(text not recorded)"
        ),
        (
            '    Lucent Facility [in_force, from 2000-06-30] "Lucent Facility" means the vendor '
            'financing facility among KMC Telecom IV, Inc. ("KMC IV"), KMC Tel'
        ),
    ]
    assert lines[9] == "    KMC IV [in_force, from 2000-06-30] (defined within 'Lucent Facility')"
    assert len(lines) == 14


def test_replay_step_json_lines(seed):
    result = seed("replay", "--step", "--json")
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event"]["position"] for e in entries] == list(range(1, 9))
    assert [len(e["changed"]) for e in entries] == [0, 0, 0, 0, 0, 0, 7, 2]
    assert entries[7]["changed"][1]["text"].startswith('"Newcourt Finance" means CIT Lending')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--until", "2000-01-01"], "--until, --until-position and --instrument go with --step"),
        (["--step", "--verify"], "--step and --verify are separate: give one of them"),
        (
            ["--step", "--until-position", "99"],
            "--until-position 99 is past the ledger's last position (8)",
        ),
        (
            ["--step", "--until", "1990-01-01"],
            "--until 1990-01-01 is before the first event's legal date (1999-02-04)",
        ),
        (
            ["--step", "--until-position", "0"],
            "Invalid value for '--until-position': 0 is not in the range x>=1.",
        ),
    ],
)
def test_replay_bad_input_is_one_line(seed, args, message):
    before = seed.db.read_bytes()
    result = seed("replay", *args)
    assert result.exit_code == 2
    assert_one_error_line(result.stderr, f"Error: {message}")
    assert seed.db.read_bytes() == before
