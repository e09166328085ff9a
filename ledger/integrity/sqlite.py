"""The chained application recorder for SQLite (selected by APPLICATION_RECORDER_TOPIC)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from ledger.integrity.recorder import ChainRecorder


class SQLiteChainRecorder(ChainRecorder, SQLiteApplicationRecorder):
    """Inserts events and their chain links in one transaction; positions are rowids."""

    def construct_create_table_statements(self) -> list[str]:
        """The events table, then the chain's tables."""
        return [*super().construct_create_table_statements(), *self.chain_statements()]

    def create_table(self) -> None:
        """Create the tables, and compute the chain once if the events predate it."""
        super().create_table()
        if self.chain_format() is None:
            with self.datastore.transaction(commit=True) as c:
                # The first statement writes, so SQLite takes the write lock before any read.
                self.backfill_chain(c)

    def chain_exists(self) -> bool:
        """Whether the chain's meta table exists."""
        rows = self._select(
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
            (self.table_names()["meta"],),
        )
        return bool(rows[0]["n"])

    def _insert_events(
        self,
        c: SQLiteCursor,
        stored_events: Sequence[StoredEvent],
        **kwargs: Any,  # noqa: ANN401 (library signature)
    ) -> Sequence[int] | None:
        positions = super()._insert_events(c, stored_events, **kwargs)
        if positions:
            self.extend_chain(c, positions, stored_events)
        return positions
