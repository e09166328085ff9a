"""The term-versions view on PostgreSQL, in the same database (and schema) as the events."""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from ledger.projections.view import TermVersionStore


class PostgresTermVersionView(TermVersionStore, PostgresTrackingRecorder):
    """Tracking recorder whose transactions also carry the view's rows."""

    placeholder = "%s"
    blob_type = "BYTEA"
    writer_lock_statement = "SELECT pg_advisory_xact_lock(7310001)"
    """View writers take turns (readers are not blocked)."""

    def __init__(self, datastore: PostgresDatastore, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(datastore, tracking_table_name="termledger_tracking", **kwargs)
        self.sql_create_statements.extend(
            SQL(statement).format() for statement in self.view_statements()
        )
        self.tracking_table = Identifier(self.tracking_table_name).as_string(None)
