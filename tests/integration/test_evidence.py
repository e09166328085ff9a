"""The log keeps each document as evidence, and answers carry record time (both backends)."""

from __future__ import annotations

import zlib
from datetime import date

import pytest

from ledger import BadOptionError, Ledger
from ledger.events import DocumentIngested, LedgerEvent
from ledger.parsing.version import READER_VERSION
from ledger.projections.projection import decode
from tests.paths import HARBOR_FIRST, HARBOR_ORIGINAL, HARBOR_SECOND, SEED

HARBOR = "harbor-lantern-networks-series-b"


def events_of(ledger: Ledger) -> list[tuple[int, LedgerEvent]]:
    return [
        (n.id, decode(ledger.app, n))
        for n in ledger.app.recorder.select_notifications(start=1, limit=10_000)
    ]


def test_each_ingested_document_keeps_its_bytes_hash_name_encoding_and_reader(ledger):
    ledger.ingest_files([SEED, HARBOR_SECOND])
    events = [e for _, e in events_of(ledger)]
    documents = [e for e in events if isinstance(e, DocumentIngested)]
    assert [(d.file_name, d.encoding, d.reader_version) for d in documents] == [
        (SEED.name, "utf-8", READER_VERSION),
        (HARBOR_SECOND.name, "cp1252", READER_VERSION),
    ]
    for document, path in zip(documents, [SEED, HARBOR_SECOND], strict=True):
        assert document.content_zlib is not None
        assert zlib.decompress(document.content_zlib) == path.read_bytes()
        assert document.content_sha256 == document.sha256
        assert document.received_at is not None
    facts = [e for e in events if not isinstance(e, DocumentIngested)]
    assert {(e.provenance.reader_version if e.provenance else None) for e in facts} == {
        READER_VERSION
    }
    # One recording time per command: the view knows its changes together.
    assert len({e.timestamp for e in events}) == 1


def test_the_same_bytes_again_keep_the_text_of_a_document_ingested_without_it(ledger):
    ledger.ingest_files([SEED])
    ledger.view.reset()
    ledger.catch_up()
    sha = next(e.sha256 for _, e in events_of(ledger) if isinstance(e, DocumentIngested))
    assert ledger.view.document_has_text(sha)
    [report] = ledger.ingest_files([SEED])
    assert (report.outcome, report.note, report.events) == (
        "already_recorded",
        "",
        [],
    )


def test_a_known_at_before_a_later_certificate_gives_the_earlier_answer(ledger):
    ledger.ingest_files([HARBOR_ORIGINAL])
    before = ledger.view.position()
    ledger.ingest_files([HARBOR_FIRST, HARBOR_SECOND])
    now = ledger.show("Conversion Price", date(2001, 3, 1), instrument="harbor")
    then = ledger.show("Conversion Price", date(2001, 3, 1), instrument="harbor", known_at=before)
    assert (now.in_force_from, now.known_until, now.known_from) == (
        date(2001, 2, 15),
        None,
        ledger.view.position(),
    )
    assert (then.in_force_from, then.in_force_until, then.known_from, then.known_until) == (
        date(1999, 3, 12),
        None,
        before,
        None,
    )
    assert ledger.resolve_known_at(f"@{before}") == before
    assert ledger.resolve_known_at(then.recorded_at.isoformat()) == before
    history = ledger.history("Conversion Price", instrument="harbor")
    closed = [k for k in history.record_history if k.record_time.known_until is not None]
    assert [
        (k.version.valid_from, k.version.valid_to, k.record_time.known_until) for k in closed
    ] == [(date(1999, 3, 12), None, ledger.view.position())]
    assert (
        closed[0].record_time.superseded_because == f"new facts recorded from {HARBOR_SECOND.name}"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("@0", "--known-at @0: the log holds positions 1 to 8; see `ledger log`"),
        ("@999", "--known-at @999: the log holds positions 1 to 8; see `ledger log`"),
        ("@x", "--known-at '@x': expected @POSITION or a timestamp"),
        ("2999-01-01T00:00:00", "--known-at 2999-01-01T00:00:00: that time is in the future"),
        (
            "2001-01-01T00:00:00Z",
            "--known-at 2001-01-01T00:00:00Z: the ledger recorded nothing before that time",
        ),
    ],
)
def test_a_known_at_outside_the_log_is_refused(ledger, value, message):
    ledger.ingest_files([SEED])
    with pytest.raises(BadOptionError) as refused:
        ledger.resolve_known_at(value)
    assert str(refused.value) == message
    assert refused.value.exit_code == 2
