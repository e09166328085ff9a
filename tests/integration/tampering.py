"""Raw access to a ledger's tables behind its back, the same on SQLite and PostgreSQL.

SQL is written with `?` placeholders and `{events}`, `{chain}`, `{meta}`, `{pos}` names.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class RawStore:
    """A connection to a ledger that bypasses termledger entirely."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = url.startswith("postgresql://")
        events = "termledger_events" if self.postgres else "stored_events"
        self.names = {
            "events": events,
            "chain": f"{events}_chain",
            "meta": f"{events}_chain_meta",
            "pos": "notification_id" if self.postgres else "rowid",
            "view": "tl_term_versions",
        }

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        if self.postgres:
            import psycopg  # noqa: PLC0415

            with psycopg.connect(self.url) as connection:
                yield connection
        else:
            connection = sqlite3.connect(self.url)
            try:
                with connection:
                    yield connection
            finally:
                connection.close()

    def _params(self, params: tuple[Any, ...]) -> tuple[Any, ...] | None:
        # psycopg reads % in a statement as a placeholder only when given parameters.
        return params or (None if self.postgres else ())

    def _sql(self, statement: str) -> str:
        statement = statement.format(**self.names)
        return statement.replace("?", "%s") if self.postgres else statement

    def execute(self, *statements: tuple[str, tuple[Any, ...]] | str) -> None:
        """Run statements in one transaction."""
        with self._connection() as connection:
            for item in statements:
                statement, params = (item, ()) if isinstance(item, str) else item
                connection.execute(self._sql(statement), self._params(params))

    def rows(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._connection() as connection:
            cursor = connection.execute(self._sql(statement), self._params(params))
            return [tuple(row) for row in cursor]

    def state(self, position: int) -> bytes:
        [(state,)] = self.rows("SELECT state FROM {events} WHERE {pos} = ?", (position,))
        return bytes(state)

    def set_state(self, position: int, state: bytes | None) -> None:
        self.execute(("UPDATE {events} SET state = ? WHERE {pos} = ?", (state, position)))

    def position_of(self, text: bytes) -> int:
        """The first event whose state contains `text`."""
        for position, state in self.rows("SELECT {pos}, state FROM {events} ORDER BY 1"):
            if text in bytes(state):
                return int(position)
        raise AssertionError(text)

    def head(self) -> int:
        [(head,)] = self.rows("SELECT MAX({pos}) FROM {events}")
        return int(head)

    def swap(self, first: int, second: int) -> None:
        """Exchange the positions of two stored events."""
        self.execute(
            ("UPDATE {events} SET {pos} = ? WHERE {pos} = ?", (-1, first)),
            ("UPDATE {events} SET {pos} = ? WHERE {pos} = ?", (first, second)),
            ("UPDATE {events} SET {pos} = ? WHERE {pos} = ?", (second, -1)),
        )

    def copy_event(self, position: int, new_position: int, new_version: int) -> None:
        """Insert a forged copy of an event at `new_position` (no chain link)."""
        self.execute(
            (
                (
                    "INSERT INTO {events} (originator_id, originator_version, topic, state, {pos}) "
                    "SELECT originator_id, ?, topic, state, ? FROM {events} WHERE {pos} = ?"
                ),
                (new_version, new_position, position),
            )
        )
