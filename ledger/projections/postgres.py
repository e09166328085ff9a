"""The term-versions view on PostgreSQL, in the same database (and schema) as the events."""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg.sql import Identifier

from ledger.projections.tables import LIVE_PREFIX, ViewTables
from ledger.projections.view import TermVersionStore


class PostgresTermVersionView(TermVersionStore, PostgresTrackingRecorder):
    """Tracking recorder whose transactions also carry the view's rows.

    `create_table()` creates the tracking table only: the view's own tables are created (or
    rebuilt, when an older termledger made them) by `discard_if_stale()`.
    """

    placeholder = "%s"
    blob_type = "BYTEA"
    writer_lock_statement = "SELECT pg_advisory_xact_lock(7310001)"
    """View writers take turns (readers are not blocked)."""

    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        prefix: str = LIVE_PREFIX,
        **kwargs: Any,  # noqa: ANN401 (the recorder's own options)
    ) -> None:
        self.tables = ViewTables(prefix)
        super().__init__(datastore, tracking_table_name="termledger_tracking", **kwargs)
        self.tracking_table = Identifier(self.tracking_table_name).as_string(None)
