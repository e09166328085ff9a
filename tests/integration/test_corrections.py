"""Corrections, retractions and re-reads: new events, and answers in two kinds of time.

Issue 8's "done when", on SQLite and PostgreSQL: after an ingest, a correction and a re-read,
`known_at` before each gives the earlier answer and after it the new one, for show, terms and
history; nothing stored changes; bad corrections are refused and write nothing.
"""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

import ledger.rereading
from ledger import BadOptionError, Ledger, LedgerError, UnknownEventError
from ledger.corrections import FactChange
from ledger.events import ExecutionRecorded
from ledger.projections.projection import decode
from ledger.statements import ParsedFile
from tests.paths import HARBOR_FIRST, HARBOR_ORIGINAL, HARBOR_SECOND, SEED

LUCENT, ON = "Lucent Facility", date(2000, 7, 1)
NEW_TEXT = '"Lucent Facility" means the vendor financing facility of KMC Telecom IV, Inc.'


def stored(ledger: Ledger) -> list[tuple[int, bytes]]:
    return [
        (n.id, bytes(n.state))
        for n in ledger.app.recorder.select_notifications(start=1, limit=100_000)
    ]


def position_of(ledger: Ledger, kind: type) -> int:
    return next(
        n.id
        for n in ledger.app.recorder.select_notifications(start=1, limit=1000)
        if isinstance(decode(ledger.app, n), kind)
    )


def reader_v2(monkeypatch: pytest.MonkeyPatch) -> None:
    """A newer reader that reads the seed's definition of "Lucent Facility" differently."""
    original = ledger.rereading.parse_file

    def reads_differently(data: bytes, name: str, *, accept_partial: bool = False) -> ParsedFile:
        parsed = original(data, name, accept_partial=accept_partial)
        for document in parsed.documents:
            for certificate in document.certificates:
                certificate.operations[:] = [
                    msgspec.structs.replace(op, text=NEW_TEXT, inline_terms=["KMC IV"])
                    if op.term == LUCENT
                    else op
                    for op in certificate.operations
                ]
        return parsed

    monkeypatch.setattr(ledger.rereading, "parse_file", reads_differently)
    monkeypatch.setattr(ledger.rereading, "READER_VERSION", "2")


def test_known_at_before_a_correction_and_a_reread_gives_the_earlier_answers(ledger, monkeypatch):
    ledger.ingest_files([SEED])
    ingested = ledger.view.position()
    execution = position_of(ledger, ExecutionRecorded)
    report = ledger.correct(
        execution, FactChange(on=date(2000, 6, 29)), reason="the signature page is dated the 29th"
    )
    corrected = ledger.view.position()
    assert report.supersedes == [execution]
    reader_v2(monkeypatch)
    reread = ledger.reread(every=True)
    reread_at = ledger.view.position()
    [document] = reread.documents
    assert (document.outcome, [(c.change, c.event_type) for c in document.changes]) == (
        "recorded",
        [("changed", "DefinitionReplaced")],
    )

    shows = {p: ledger.show(LUCENT, ON, known_at=p) for p in (ingested, corrected, reread_at)}
    assert {p: (a.in_force_from, a.text == NEW_TEXT) for p, a in shows.items()} == {
        ingested: (date(2000, 6, 30), False),
        corrected: (date(2000, 6, 29), False),
        reread_at: (date(2000, 6, 29), True),
    }
    assert ledger.show(LUCENT, ON) == shows[reread_at]
    # Each as the ledger gave it then: known from its own change, not yet superseded.
    assert [(a.known_from, a.known_until, a.known_at) for a in shows.values()] == [
        (ingested, None, ingested),
        (corrected, None, corrected),
        (reread_at, None, reread_at),
    ]
    assert [(c.source, c.reason) for c in ledger.show(LUCENT, ON).corrections] == [
        ("user", "the signature page is dated the 29th"),
        ("reader", "re-read with reader v2"),
    ]

    terms = {p: ledger.terms(ON, known_at=p) for p in (ingested, corrected, reread_at)}
    lucent = {
        p: [(a.in_force_from, a.text == NEW_TEXT) for a in t if a.term == LUCENT]
        for p, t in terms.items()
    }
    assert lucent == {
        ingested: [(date(2000, 6, 30), False)],
        corrected: [(date(2000, 6, 29), False)],
        reread_at: [(date(2000, 6, 29), True)],
    }
    # The new reading defines no term within it: the five inline terms end.
    assert {p: len(t) for p, t in terms.items()} == {ingested: 7, corrected: 7, reread_at: 2}

    histories = {p: ledger.history(LUCENT, known_at=p) for p in (ingested, corrected, reread_at)}
    assert [v.valid_from for v in histories[ingested].versions] == [
        date(1999, 2, 4),
        date(2000, 6, 30),
    ]
    assert histories[ingested].record_history[-1].record_time.known_until is None
    now = ledger.history(LUCENT)
    closed = [
        (k.version.valid_from, k.record_time.known_until, k.record_time.superseded_because)
        for k in now.record_history
        if k.record_time.known_until is not None
    ]
    fixed = f"the signature page is dated the 29th (by {report.user})"
    assert sorted(closed) == [
        (date(1999, 2, 4), corrected, fixed),  # its end moved with the execution date
        (date(1999, 2, 4), reread_at, "re-read with reader v2"),  # it rests on the re-read event
        (date(2000, 6, 29), reread_at, "re-read with reader v2"),
        (date(2000, 6, 30), corrected, fixed),
    ]
    assert now.versions[-1].text == NEW_TEXT


def test_nothing_stored_changes_and_a_rebuild_gives_the_same_bitemporal_view(ledger, monkeypatch):
    ledger.ingest_files([SEED])
    before = stored(ledger)
    ledger.correct(
        position_of(ledger, ExecutionRecorded), FactChange(on=date(2000, 6, 29)), reason="typo"
    )
    reader_v2(monkeypatch)
    ledger.reread(every=True)
    assert stored(ledger)[: len(before)] == before
    view = ledger.view.dump()
    ledger.rebuild_projections()
    assert ledger.view.dump() == view


def test_rereading_with_an_unchanged_reader_records_nothing(ledger):
    ledger.ingest_files([HARBOR_FIRST, HARBOR_SECOND, HARBOR_ORIGINAL, SEED])
    before = stored(ledger)
    report = ledger.reread(every=True)
    assert [(d.outcome, d.changes) for d in report.documents] == [("unchanged", [])] * 4
    assert stored(ledger) == before


def test_a_dry_run_reread_prints_the_differences_and_records_nothing(ledger, monkeypatch):
    ledger.ingest_files([SEED])
    before = stored(ledger)
    reader_v2(monkeypatch)
    [document] = ledger.reread(every=True, dry_run=True).documents
    assert document.outcome == "changed"
    [change] = document.changes
    assert (change.change, change.supersedes, change.after) == (
        "changed",
        7,
        (
            "kmc-telecom-holdings-series-e@2000-06-30: definition of 'Lucent Facility' replaced "
            "(earlier text not recorded)"
        ),
    )
    assert stored(ledger) == before


def test_a_retraction_withdraws_every_fact_of_the_document_and_known_at_still_shows_them(ledger):
    ledger.ingest_files([SEED, HARBOR_ORIGINAL])
    before = ledger.view.position()
    report = ledger.retract(str(SEED), reason="ingested into the wrong ledger")
    assert len(report.supersedes) == 6
    with pytest.raises(LedgerError, match="no instrument in the ledger defines 'Lucent Facility'"):
        ledger.show(LUCENT, ON)
    assert ledger.show(LUCENT, ON, known_at=before).status == "in_force"
    with pytest.raises(UnknownEventError, match="already retracted"):
        ledger.retract(str(SEED), reason="again")


@pytest.mark.parametrize(
    ("position", "change", "reason", "error", "message"),
    [
        (6, FactChange(on=date(2000, 6, 29)), None, BadOptionError, "a correction needs --reason"),
        (6, FactChange(on=date(2000, 6, 29)), "  ", BadOptionError, "a correction needs --reason"),
        (99, FactChange(on=date(2000, 6, 29)), "r", UnknownEventError, "no event at position 99"),
        (1, FactChange(on=date(2000, 6, 29)), "r", UnknownEventError, "records a document"),
        (6, FactChange(threshold="2/3"), "r", BadOptionError, "--threshold does not apply"),
        (6, FactChange(), "r", BadOptionError, "give exactly one of"),
        (6, FactChange(on=date(2000, 6, 30)), "r", LedgerError, "already says that"),
        (5, FactChange(threshold="3/2"), "r", BadOptionError, "expected a fraction"),
    ],
)
def test_a_bad_correction_is_refused_in_one_line_and_writes_nothing(  # noqa: PLR0913, PLR0917
    ledger, position, change, reason, error, message
):
    ledger.ingest_files([SEED])
    before = stored(ledger)
    with pytest.raises(error, match=message) as refused:
        ledger.correct(position, change, reason=reason)
    assert "\n" not in str(refused.value)
    assert stored(ledger) == before


def test_a_correction_of_a_superseded_event_is_refused(ledger):
    ledger.ingest_files([SEED])
    ledger.correct(6, FactChange(on=date(2000, 6, 29)), reason="typo")
    before = stored(ledger)
    with pytest.raises(
        UnknownEventError, match="position 6 was already superseded by the event at position 9"
    ):
        ledger.correct(6, FactChange(on=date(2000, 6, 28)), reason="again")
    assert stored(ledger) == before


def test_record_filing_same_date_is_a_no_op_and_another_date_needs_a_reason(ledger):
    ledger.ingest_files([SEED])
    first = ledger.record_filing("kmc", date(2000, 7, 5))
    assert (first.outcome, first.event.position) == ("recorded", 9)
    before = stored(ledger)
    again = ledger.record_filing("kmc", date(2000, 7, 5))
    assert (again.outcome, again.event.position) == ("unchanged", 9)
    with pytest.raises(
        BadOptionError, match=r"recorded as filed on 2000-07-05 \(a user recorded\)"
    ):
        ledger.record_filing("kmc", date(2000, 7, 6))
    assert stored(ledger) == before
    fixed = ledger.record_filing("kmc", date(2000, 7, 6), reason="the stamp says the 6th")
    assert (fixed.outcome, fixed.supersedes, fixed.effective_on) == (
        "corrected",
        [9],
        date(2000, 7, 6),
    )
    assert ledger.show(LUCENT, date(2000, 7, 5), known_at=9).status == "in_force"
    assert ledger.show(LUCENT, date(2000, 7, 5)).status == "text_not_recorded"


def test_a_reread_leaves_a_filing_date_a_user_corrected(ledger):
    ledger.ingest_files([HARBOR_ORIGINAL])
    fixed = ledger.record_filing(
        "harbor-lantern-networks-series-b@1999-03-10",
        date(1999, 3, 15),
        reason="the state's stamp reads March 15",
    )
    assert fixed.outcome == "corrected"
    before = stored(ledger)
    [document] = ledger.reread(every=True).documents
    assert (document.outcome, document.changes) == ("unchanged", [])
    assert stored(ledger) == before
    answer = ledger.show("Conversion Price", date(1999, 3, 20), instrument="harbor")
    assert answer.in_force_from == date(1999, 3, 15)
