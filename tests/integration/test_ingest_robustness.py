"""Ingesting mutated filings into a ledger that already holds their instruments: each one is
recorded whole or refused whole, never half-written, never a traceback."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings

from ledger import Ledger, LedgerError
from tests.unit.test_parser_robustness import mutated_documents


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(document=mutated_documents())
def test_a_mutated_filing_is_recorded_whole_or_refused_leaving_the_ledger_unchanged(document):
    name, data = document
    with TemporaryDirectory() as folder, Ledger.open(str(Path(folder) / "l.sqlite")) as ledger:
        before = ledger.app.recorder.max_notification_id() or 0
        view = ledger.view.dump()
        try:
            reports = ledger.ingest_documents([(data, name)])
        except LedgerError:
            assert (ledger.app.recorder.max_notification_id() or 0) == before
            assert ledger.view.dump() == view
        else:
            written = sum(len(r.events) for r in reports)
            assert (ledger.app.recorder.max_notification_id() or 0) == before + written
