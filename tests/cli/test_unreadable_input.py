"""Issue 11 items 1 and 3: a definition that cannot be read and an implausible date are refused.

Each refusal is one line naming the file and the line, exit 2, and nothing written; under
--accept-partial an unreadable definition is recorded as needing review, never dropped.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.support import SEED, InProcess, assert_no_crash, assert_one_error_line


def _variant(directory: Path, name: str, old: str, new: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = directory / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _refused(ledger: InProcess, path: Path, expected: str) -> None:
    before = ledger.events()
    result = ledger("ingest", path)
    assert_no_crash(result)
    assert result.exit_code == 2
    assert_one_error_line(result.stderr, expected)
    assert ledger.events() == before


def test_a_definition_missing_its_closing_quote_is_refused_with_its_line(seed, tmp_path):
    path = _variant(
        tmp_path, "kmc-quote.txt", '"Newcourt Finance" means', '"Newcourt Finance means'
    )
    _refused(
        seed,
        path,
        f"Error: {path}:64: a paragraph that looks like a definition cannot be read: unbalanced "
        "quotation marks around the defined term ('\"Newcourt Finance means CIT Lending "
        "Services Corpo') "
        "(use --accept-partial to record the rest and mark it for review)",
    )


def test_an_over_long_term_is_refused_not_dropped(seed, tmp_path):
    long_term = "Newcourt " + "Commercial " * 12 + "Finance"
    path = _variant(tmp_path, "kmc-long.txt", '"Newcourt Finance" means', f'"{long_term}" means')
    before = seed.events()
    result = seed("ingest", path)
    assert result.exit_code == 2
    assert f"{path}:64: " in result.stderr
    assert f"a defined term of {len(long_term)} characters" in result.stderr
    assert "a closing quote may be missing" in result.stderr
    assert seed.events() == before


def test_under_accept_partial_an_unreadable_definition_needs_review(fresh, tmp_path):
    path = _variant(
        tmp_path, "kmc-quote.txt", '"Newcourt Finance" means', '"Newcourt Finance means'
    )
    result = fresh("ingest", path, "--accept-partial", "--json")
    assert result.exit_code == 0, result.stderr
    (report,) = json.loads(result.stdout)
    reviews = [e for e in report["events"] if e["event_type"] == "ReviewRequired"]
    assert [(e["first_line"], e["last_line"]) for e in reviews] == [(64, 65)]


def test_an_execution_in_the_year_one_is_refused_with_its_line(seed, tmp_path):
    path = _variant(tmp_path, "kmc-0001.txt", "of June, 2000.", "of June, 0001.")
    _refused(
        seed,
        path,
        f"Error: {path}:72: implausible execution date 0001-06-30 (before 1900 or more than 5 "
        "years after today); correct the document",
    )


def test_a_board_action_decades_ahead_is_refused_with_its_line(seed, tmp_path):
    path = _variant(tmp_path, "kmc-2099.txt", "dated June 28,\n2000", "dated June 28,\n2099")
    _refused(
        seed,
        path,
        f"Error: {path}:18: implausible board action date 2099-06-28 (before 1900 or more than "
        "5 years after today); correct the document",
    )
