"""An amendment ingested before its original answers, once both are in, exactly as when the
original came first; what the ledger answered before the original arrived stays available
under --known-at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.support import HARBOR_FIRST, HARBOR_ORIGINAL, HARBOR_SECOND, InProcess

DAYS = ("1999-03-11", "1999-03-12", "1999-06-01", "2000-09-15", "2000-10-01", "2001-03-01")
_RECORD_TIME = ("source", "known_at", "known_from", "known_until", "recorded_at", "corrections")


def _ingested(db: Path, *documents: Path) -> InProcess:
    ledger = InProcess(db)
    for document in documents:  # one command each: the order of ingest is the order given
        result = ledger("ingest", document)
        assert result.exit_code == 0, result.output
    return ledger


def _answer(ledger: InProcess, term: str, day: str) -> dict[str, Any]:
    """`show --json` without what depends on when the ledger recorded it."""
    answer: dict[str, Any] = ledger.json("show", term, "--as-of", day, "--instrument", "harbor")
    return {key: value for key, value in answer.items() if key not in _RECORD_TIME}


def test_amendments_before_their_original_give_the_as_of_output_of_the_original_first(tmp_path):
    original_first = _ingested(tmp_path / "a.sqlite", HARBOR_ORIGINAL, HARBOR_FIRST, HARBOR_SECOND)
    amendments_first = _ingested(
        tmp_path / "b.sqlite", HARBOR_SECOND, HARBOR_FIRST, HARBOR_ORIGINAL
    )
    for day in DAYS:
        expected = original_first("terms", "--as-of", day, "--instrument", "harbor")
        got = amendments_first("terms", "--as-of", day, "--instrument", "harbor")
        assert (got.exit_code, got.stdout) == (0, expected.stdout), day
    assert _answer(amendments_first, "Senior Credit Facility", "1999-06-01") == _answer(
        original_first, "Senior Credit Facility", "1999-06-01"
    )
    answer = _answer(amendments_first, "Conversion Price", "2000-10-01")
    assert (answer["status"], answer["in_force_from"], answer["assumed"]) == (
        "in_force",
        "1999-03-12",
        False,
    )
    assert answer["text"].startswith('"Conversion Price" means $4.25 per share of Common Stock')


def test_before_the_original_arrived_the_ledger_said_text_not_recorded_and_still_can(tmp_path):
    ledger = _ingested(tmp_path / "b.sqlite", HARBOR_FIRST)
    known = len(ledger.events())
    before = _answer(ledger, "Senior Credit Facility", "1999-06-01")
    assert (before["status"], before["text"], before["in_force_from"]) == (
        "text_not_recorded",
        None,
        "1999-03-10",
    )
    _ingested(ledger.db, HARBOR_ORIGINAL)
    now = _answer(ledger, "Senior Credit Facility", "1999-06-01")
    assert (now["status"], now["in_force_from"]) == ("in_force", "1999-03-12")
    assert now["text"].startswith('"Senior Credit Facility" means the Loan and Security Agreement')
    then = ledger.json(
        "show",
        "Senior Credit Facility",
        "--as-of",
        "1999-06-01",
        "--instrument",
        "harbor",
        "--known-at",
        f"@{known}",
    )
    assert (then["status"], then["text"], then["in_force_from"]) == (
        "text_not_recorded",
        None,
        "1999-03-10",
    )
