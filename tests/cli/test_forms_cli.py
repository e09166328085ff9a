"""The forms the reader reads, through the command line: the original's vote to amend drives
`certificates`; a vote-to-amend clause the reader refuses is said at ingest, with the command that
settles it; a parenthetical definition answers `show` like any other."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_forms import (
    _AMENDMENT_PREAMBLE,
    _DEFINITIONS,
    _DELETE,
    _DESIGNATION,
    _VOTING,
    _amendment,
    _original,
)

_ADVERSE = (
    "     Section 6. Voting Rights. So long as any shares of Series F Preferred Stock are\n"
    "outstanding, the Corporation shall not, without the consent of the holders of a\n"
    "majority of the outstanding shares of Series F Preferred Stock, amend this Certificate\n"
    "of Designations so as to adversely affect the Series F Preferred Stock.\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_amendment_short_of_the_originals_vote_is_unmet(fresh, tmp_path):
    original = _write(tmp_path, "orig.txt", _original(_DESIGNATION, _VOTING, _DEFINITIONS))
    amendment = _write(tmp_path, "amend.txt", _amendment(_DELETE, _AMENDMENT_PREAMBLE))
    assert fresh("ingest", original).exit_code == 0
    assert fresh("ingest", amendment).exit_code == 0

    reports = fresh.json("certificates", "--instrument", "wrenfield")
    assert [(r["kind"], r["authority"]["status"]) for r in reports] == [
        ("original", "met"),
        ("amendment", "unmet"),
    ]
    assert reports[1]["authority"]["requirement_basis"] == "original_certificate"


def test_a_refused_vote_to_amend_is_said_at_ingest_with_the_command_that_settles_it(
    fresh, tmp_path
):
    original = _write(tmp_path, "orig.txt", _original(_DESIGNATION, _ADVERSE, _DEFINITIONS))
    result = fresh("ingest", original)

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  note: the vote required to amend it is not recorded: line 23: the vote to amend "
        "applies only on a condition ('so as to') (state it with `ledger record-requirement`)"
    )


def test_a_parenthetical_definition_answers_show_with_its_sentence(fresh, tmp_path):
    original = _write(tmp_path, "orig.txt", _original(_DESIGNATION, _DEFINITIONS))
    assert fresh("ingest", original).exit_code == 0

    answer = fresh.json("show", "Stated Value", "--as-of", "2001-05-01")
    assert (answer["status"], answer["text"]) == (
        "in_force",
        'Each share shall have a stated value of $25.00 per share (the "Stated Value").',
    )
    assert (answer["source"]["first_line"], answer["source"]["last_line"]) == (20, 21)
