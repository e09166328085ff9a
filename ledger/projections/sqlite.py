"""The term-versions view on SQLite, in the same file as the events."""

from __future__ import annotations

from eventsourcing.sqlite import SQLiteTrackingRecorder

from ledger.projections.view import TermVersionStore


class SQLiteTermVersionView(TermVersionStore, SQLiteTrackingRecorder):
    """Tracking recorder whose transactions also carry the view's rows."""

    def construct_create_table_statements(self) -> list[str]:
        """The tracking table and the view's tables."""
        return [*super().construct_create_table_statements(), *self.view_statements()]
