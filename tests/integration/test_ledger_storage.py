"""The Ledger on real storage (SQLite and PostgreSQL): atomic ingest, immutable events,
rebuildable views. Every scenario runs on both backends (see the `ledger` fixture)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import msgspec
import pytest

from ledger import AmbiguousTermError, ConflictingEventError, Ledger, LedgerError, ParseError
from ledger.domain.identity import instrument_stream
from ledger.events import DefinitionReplaced
from ledger.serialization import MsgspecMapper
from tests.paths import HARBOR_FIRST, HARBOR_ORIGINAL, HARBOR_SECOND, SEED

EXAMPLES = [SEED, HARBOR_ORIGINAL, HARBOR_FIRST, HARBOR_SECOND]


def stored_rows(ledger: Ledger) -> list[tuple[object, ...]]:
    """Every stored row, read through the recorder (the same on every backend)."""
    return [
        (n.id, n.originator_id, n.originator_version, n.topic, bytes(n.state))
        for n in ledger.app.recorder.select_notifications(start=None, limit=1_000_000)
    ]


def test_a_document_is_saved_in_one_transaction_or_not_at_all(ledger, monkeypatch):
    original = MsgspecMapper.to_stored_event
    calls = {"n": 0}

    def failing_on_the_fifth(self, event):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("disk on fire")
        return original(self, event)

    monkeypatch.setattr(MsgspecMapper, "to_stored_event", failing_on_the_fifth)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ledger.ingest(SEED)
    monkeypatch.undo()
    assert stored_rows(ledger) == []
    assert ledger.ingest(SEED).outcome == "recorded"
    assert len(stored_rows(ledger)) == 8


def test_several_files_are_recorded_together_or_not_at_all(ledger, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED.read_text().replace("June 28,", "February 30,"))
    with pytest.raises(ParseError, match=r"bad.txt:18: impossible date"):
        ledger.ingest_files([HARBOR_ORIGINAL, bad])
    assert stored_rows(ledger) == []


def test_ingesting_the_same_bytes_again_records_nothing(ledger):
    first = ledger.ingest(SEED)
    again = ledger.ingest(SEED)
    assert (first.outcome, len(first.events)) == ("recorded", 8)
    assert (again.outcome, again.events) == ("already_recorded", [])
    assert again.certificates == ["kmc-telecom-holdings-series-e@2000-06-30"]
    assert len(stored_rows(ledger)) == 8


def test_a_dry_run_plans_the_events_and_records_none(ledger):
    report = ledger.ingest(SEED, dry_run=True)
    assert report.outcome == "dry_run"
    assert [e.event_type for e in report.events] == [
        "DocumentIngested",
        "InstrumentAdopted",
        "CertificateRecorded",
        "BoardActionRecorded",
        "HolderConsentRecorded",
        "ExecutionRecorded",
        "DefinitionReplaced",
        "DefinitionReplaced",
    ]
    assert stored_rows(ledger) == []


def test_stored_state_is_msgspec_json_that_decodes_to_the_typed_event(ledger):
    ledger.ingest(SEED)
    rows = stored_rows(ledger)
    topic, state = rows[6][3], rows[6][4]
    assert topic == "termledger:DefinitionReplaced"
    payload = msgspec.json.decode(state)
    assert payload["term"] == "Lucent Facility"
    assert payload["provenance"]["document_sha256"].startswith("d59a386aeed0")
    assert "originator_id" not in payload  # the row holds it
    events = list(ledger.app.events.get(instrument_stream("kmc-telecom-holdings-series-e")))
    event = events[5]
    assert isinstance(event, DefinitionReplaced)
    assert event.term == "Lucent Facility"
    assert event.prior_text_recorded is False


def test_no_command_updates_or_deletes_a_stored_event(ledger):
    ledger.ingest_files(EXAMPLES)
    before = stored_rows(ledger)
    ledger.record_filing("kmc-telecom-holdings-series-e@2000-06-30", date(2000, 7, 5))
    ledger.rebuild_projections()
    ledger.ingest(SEED)
    after = stored_rows(ledger)
    assert after[: len(before)] == before
    assert len(after) == len(before) + 1


def test_rebuilding_the_projection_from_the_log_gives_an_identical_view(ledger):
    ledger.ingest_files(EXAMPLES)
    ledger.record_filing("kmc-telecom-holdings-series-e@2000-06-30", date(2000, 7, 5))
    incremental = ledger.view.dump()
    replayed = ledger.rebuild_projections()
    assert replayed == len(stored_rows(ledger))
    assert ledger.view.dump() == incremental


def test_recording_the_real_filing_date_moves_the_effective_date(ledger):
    ledger.ingest(SEED)
    report = ledger.record_filing("kmc", date(2000, 7, 5), note="state file stamp")
    assert (report.effective_on, report.effective_basis) == (date(2000, 7, 5), "filed")
    before = ledger.show("Lucent Facility", date(2000, 7, 1))
    after = ledger.show("Lucent Facility", date(2000, 7, 5))
    assert before.status == "text_not_recorded"
    assert (after.status, after.in_force_from, after.assumed) == (
        "in_force",
        date(2000, 7, 5),
        False,
    )
    assert after.authority is not None
    assert (after.authority.filed_on, after.authority.filing_source) == (date(2000, 7, 5), "user")


def test_a_filing_before_the_execution_is_refused(ledger):
    ledger.ingest(SEED)
    with pytest.raises(ConflictingEventError, match="executed on 2000-06-30; it cannot have been"):
        ledger.record_filing("kmc", date(2000, 6, 1))


def test_the_original_ingested_after_its_amendments_fills_in_the_earlier_text(ledger):
    ledger.ingest_files([HARBOR_SECOND, HARBOR_FIRST])
    unknown = ledger.show("Conversion Price", date(1999, 6, 1))
    assert (unknown.status, unknown.text) == ("text_not_recorded", None)
    ledger.ingest(HARBOR_ORIGINAL)
    known = ledger.show("Conversion Price", date(1999, 6, 1))
    assert known.status == "in_force"
    assert known.text is not None
    assert known.text.startswith('"Conversion Price" means $4.25 per share')
    assert ledger.show("Conversion Price", date(2001, 2, 15)).text.startswith(  # type: ignore[union-attr]
        '"Conversion Price" means $3.10'
    )
    assert ledger.show("Subsidiary", date(2001, 2, 15)).status == "deleted"


def test_a_later_effective_time_governs_the_answer(ledger):
    ledger.ingest_files([HARBOR_ORIGINAL, HARBOR_FIRST, HARBOR_SECOND])
    assert ledger.show("Subsidiary", date(2001, 2, 14)).status == "in_force"
    deleted = ledger.show("Subsidiary", date(2001, 2, 15))
    assert (deleted.status, deleted.in_force_from, deleted.assumed) == (
        "deleted",
        date(2001, 2, 15),
        False,
    )
    assert deleted.effective_basis == "stated_effective_time"


def test_a_term_defined_by_two_instruments_needs_the_instrument_named(ledger, tmp_path):
    twin = tmp_path / "quay.txt"
    # The heading names the issuer in capitals too: a twin renamed only in the body would be
    # (rightly) refused as naming two different issuers.
    text = HARBOR_ORIGINAL.read_text().replace("Harbor Lantern", "Quay Signal")
    twin.write_text(text.replace("HARBOR LANTERN", "QUAY SIGNAL"))
    ledger.ingest_files([HARBOR_ORIGINAL, twin])
    with pytest.raises(AmbiguousTermError, match="choose one with --instrument"):
        ledger.show("Business Day", date(2000, 1, 1))
    answer = ledger.show("Business Day", date(2000, 1, 1), instrument="quay")
    assert answer.instrument.id == "quay-signal-networks-series-b"


def test_an_ingest_that_is_refused_leaves_the_ledger_exactly_as_it_was(ledger, tmp_path):
    ledger.ingest(SEED)
    before = stored_rows(ledger)
    dump = ledger.view.dump()
    bad_inputs = {
        "empty.txt": b"",
        "binary.bin": b"\x7fELF\x02\x01\x01\x00\x00",
        "letter.txt": b"Dear holders, nothing to see here.\n",
        "feb30.txt": SEED.read_bytes().replace(b"June 28,", b"February 30,"),
    }
    for name, data in bad_inputs.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(LedgerError):
            ledger.ingest(path)
    with pytest.raises(LedgerError, match="cannot read"):
        ledger.ingest(tmp_path / "missing.txt")
    assert stored_rows(ledger) == before
    assert ledger.view.dump() == dump


def test_queries_on_a_missing_sqlite_ledger_do_not_create_it(tmp_path):
    path = tmp_path / "nowhere.sqlite"
    with pytest.raises(LedgerError, match="no ledger at"):
        Ledger.open(str(path), create=False)
    assert not Path(path).exists()


def test_a_writer_that_planned_against_a_stale_stream_is_refused_whole(ledger, monkeypatch):
    ledger.ingest(HARBOR_ORIGINAL)
    before = stored_rows(ledger)
    # Another process read the instrument's stream before this ledger's write landed.
    monkeypatch.setattr(type(ledger), "_stream", lambda *_: [])
    with pytest.raises(ConflictingEventError, match="another writer recorded events"):
        ledger.ingest(HARBOR_FIRST)
    assert stored_rows(ledger) == before
