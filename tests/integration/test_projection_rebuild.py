"""However the log was caught up with, rebuilding the view from it gives the same table."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import Ledger
from tests.builders import InstrumentBuilder

START = date(1999, 1, 1)
operation = st.tuples(
    st.sampled_from(["add", "replace", "delete"]),
    st.sampled_from(["Alpha", "Beta"]),
    st.text(alphabet="xyz", min_size=1, max_size=2),
)
certificate = st.tuples(
    st.sampled_from(["acme-a", "acme-b"]),
    st.integers(0, 300),
    st.lists(operation, min_size=1, max_size=3),
)


@settings(max_examples=25, deadline=None)
@given(
    certificates=st.lists(certificate, min_size=1, max_size=6),
    batch_sizes=st.lists(st.integers(1, 7), min_size=1, max_size=5),
)
def test_incremental_catch_up_and_full_rebuild_give_identical_views(certificates, batch_sizes):
    builders: dict[str, InstrumentBuilder] = {}
    for instrument, offset, operations in certificates:
        builder = builders.setdefault(instrument, InstrumentBuilder(instrument_id=instrument))
        cid = builder.certificate(START + timedelta(days=offset))
        for kind, term, text in operations:
            getattr(builder, {"add": "added", "replace": "replaced", "delete": "deleted"}[kind])(
                cid, term, *([text] if kind != "delete" else [])
            )
    events = [e for b in builders.values() for e in b.events]
    with TemporaryDirectory() as folder, Ledger.open(str(Path(folder) / "l.sqlite")) as ledger:
        position, turn = 0, 0
        while position < len(events):
            size = batch_sizes[turn % len(batch_sizes)]
            ledger.app.save(*events[position : position + size])
            ledger.catch_up()
            position, turn = position + size, turn + 1
        incremental = ledger.view.dump()
        assert ledger.rebuild_projections() == len(events)
        assert ledger.view.dump() == incremental
