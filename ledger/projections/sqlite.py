"""The term-versions view on SQLite, in the same file as the events."""

from __future__ import annotations

from typing import Any

from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder

from ledger.projections.tables import LIVE_PREFIX, ViewTables
from ledger.projections.view import TermVersionStore


class SQLiteTermVersionView(TermVersionStore, SQLiteTrackingRecorder):
    """Tracking recorder whose transactions also carry the view's rows.

    `create_table()` creates the tracking table only: the view's own tables are created (or
    rebuilt, when an older termledger made them) by `discard_if_stale()`.
    """

    def __init__(
        self,
        datastore: SQLiteDatastore,
        *,
        prefix: str = LIVE_PREFIX,
        **kwargs: Any,  # noqa: ANN401 (the recorder's own options)
    ) -> None:
        self.tables = ViewTables(prefix)
        super().__init__(datastore, **kwargs)
