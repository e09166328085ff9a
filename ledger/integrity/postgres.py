"""The chained application recorder for PostgreSQL (selected by APPLICATION_RECORDER_TOPIC)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from ledger.integrity.recorder import ChainRecorder


class PostgresChainRecorder(ChainRecorder, PostgresApplicationRecorder):
    """Inserts events and their chain links in one transaction.

    Writers hold the events table's EXCLUSIVE lock from before their insert until commit
    (eventsourcing's own rule, so positions appear in commit order); reading the chain's
    head under that lock makes the links follow the same order.
    """

    placeholder = "%s"
    position_column = "notification_id"
    bigint = "BIGINT"

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401 (library signature)
        super().__init__(*args, **kwargs)
        self.sql_create_statements.extend(SQL(s).format() for s in self.chain_statements())

    def table_names(self) -> dict[str, str]:
        """Schema-qualified, quoted names."""
        schema = self.datastore.schema
        names = super().table_names()
        for key in ("events", "chain", "meta"):
            names[key] = Identifier(schema, names[key]).as_string(None)
        return names

    def chain_exists(self) -> bool:
        """Whether the chain's meta table exists (in the ledger's schema)."""
        rows = self._select(
            "SELECT to_regclass(?) IS NOT NULL AS found", (self.table_names()["meta"],)
        )
        return bool(rows[0]["found"])

    def stored_id(self, originator_id: UUID) -> Any:  # noqa: ANN401
        """PostgreSQL stores the UUID itself."""
        return originator_id

    def lock_writers(self, c: Any) -> None:  # noqa: ANN401
        """SHARE conflicts with the writers' EXCLUSIVE lock, not with readers."""
        c.execute(self.sql("LOCK TABLE {events} IN SHARE MODE"))

    def rename_indexes(self, c: Any, old: str, new: str, tables: Sequence[str]) -> None:  # noqa: ANN401
        """Constraint indexes keep the scratch table's name: rename them with the table."""
        c.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND tablename = ANY(%s)",
            (self.datastore.schema, list(tables)),
        )
        for row in c.fetchall():
            name = row["indexname"]
            if name.startswith(old):
                c.execute(
                    SQL("ALTER INDEX {} RENAME TO {}").format(
                        Identifier(self.datastore.schema, name), Identifier(new + name[len(old) :])
                    )
                )

    def after_copy(self, c: Any) -> None:  # noqa: ANN401
        """New events must be numbered after the copied ones."""
        c.execute(
            self.sql(
                "SELECT setval(pg_get_serial_sequence(?, 'notification_id'), "
                "(SELECT COALESCE(MAX(notification_id), 0) + 1 FROM {events}), false)"
            ),
            (self.table_names()["events"],),
        )

    def create_table(self) -> None:
        """Create the tables, and compute the chain once if the events predate it."""
        super().create_table()
        if self.chain_format() is None:
            with self.datastore.transaction(commit=True) as c:
                c.execute(self.sql("LOCK TABLE {events} IN EXCLUSIVE MODE"))
                self.backfill_chain(c)

    def _fetch_ids_after_insert_events(
        self,
        curs: Cursor[DictRow],
        stored_events: Sequence[StoredEvent],
        **kwargs: Any,  # noqa: ANN401 (library signature)
    ) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if positions:
            with curs.connection.cursor() as c:
                self.extend_chain(c, positions, stored_events)
        return positions
