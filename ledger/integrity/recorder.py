"""The chain's storage, mixed into each backend's application recorder.

The recorder's insert is the one place every event passes through inside its transaction
(eventsourcing's `searchabletimestamps` example uses the same hook), so the links are
committed with their events or not at all. The chain lives in two side tables named after
the events table: `<events>_chain (position, previous, hash)` and `<events>_chain_meta`.
SQL is written once with `?` placeholders and `{events}`, `{chain}`, `{meta}`, `{position}`
names; a backend says how it spells them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent

from ledger.errors import UNREADABLE, CorruptEventError, unreadable_event
from ledger.integrity import CHAIN_FORMAT, Link, StoredRecord, canonical_id, chain_links

if TYPE_CHECKING:
    from collections.abc import Iterator

_BACKFILL_BATCH = 2000


class ChainRecorder:
    """Writes a link for every inserted event, and reads the chain back for `verify`."""

    placeholder = "?"
    position_column = "rowid"
    bigint = "INTEGER"

    if TYPE_CHECKING:  # provided by the application recorder this is mixed into
        datastore: Any
        events_table_name: str

    def table_names(self) -> dict[str, str]:
        """The names the SQL below uses, as this backend spells them."""
        return {
            "events": self.events_table_name,
            "chain": f"{self.events_table_name}_chain",
            "meta": f"{self.events_table_name}_chain_meta",
            "position": self.position_column,
        }

    def sql(self, statement: str) -> str:
        """`statement` with this backend's table names and placeholders."""
        return statement.format(**self.table_names()).replace("?", self.placeholder)

    def chain_statements(self) -> list[str]:
        """CREATE statements of the chain's tables."""
        return [
            self.sql(
                f"CREATE TABLE IF NOT EXISTS {{chain}} (position {self.bigint} PRIMARY KEY,"
                f" previous {self.bigint} NOT NULL, hash TEXT NOT NULL)"
            ),
            self.sql(
                "CREATE TABLE IF NOT EXISTS {meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            ),
        ]

    # --- writing -----------------------------------------------------------------------

    def extend_chain(self, c: Any, positions: Sequence[int], events: Sequence[StoredEvent]) -> None:  # noqa: ANN401 (either driver's cursor)
        """Seal the just-inserted `events` at `positions`, in their transaction."""
        c.execute(
            self.sql("SELECT position, previous, hash FROM {chain} ORDER BY position DESC LIMIT 1")
        )
        row = c.fetchone()
        try:
            head = Link(row["position"], row["previous"], row["hash"]) if row else None
            records = [
                StoredRecord(
                    position, canonical_id(e.originator_id), e.originator_version, e.topic, e.state
                )
                for position, e in zip(positions, events, strict=True)
            ]
            links = chain_links(head, records)
        except (ValueError, TypeError):
            raise CorruptEventError(
                f"the chain link at position {row['position']} is malformed; nothing was "
                "written (run `ledger verify`)"
            ) from None
        c.executemany(
            self.sql("INSERT INTO {chain} VALUES (?, ?, ?)"),
            [(li.position, li.previous, li.hash) for li in links],
        )

    def backfill_chain(self, c: Any) -> None:  # noqa: ANN401
        """Compute the chain of a ledger written before tamper evidence, once.

        Runs in a transaction that holds the events' write lock, and marks the chain as
        started first, so concurrent openers do it exactly once.
        """
        c.execute(
            self.sql("INSERT INTO {meta} VALUES (?, ?) ON CONFLICT (key) DO NOTHING RETURNING key"),
            ("format", str(CHAIN_FORMAT)),
        )
        if not c.fetchall():
            return  # another process started the chain first
        c.execute(self.sql("SELECT 1 AS found FROM {chain} LIMIT 1"))
        if c.fetchall():
            return  # only the format row was lost; `verify` judges the links as they are
        head, last = None, 0
        for records in self._batches(c):
            links = chain_links(head, records)
            c.executemany(
                self.sql("INSERT INTO {chain} VALUES (?, ?, ?)"),
                [(li.position, li.previous, li.hash) for li in links],
            )
            head, last = links[-1], links[-1].position
        if last:
            now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
            c.executemany(
                self.sql("INSERT INTO {meta} VALUES (?, ?)"),
                [("backfilled_through", str(last)), ("backfilled_at", now)],
            )

    def _batches(self, c: Any) -> Iterator[list[StoredRecord]]:  # noqa: ANN401
        after = 0
        while True:
            c.execute(
                self.sql(f"{_SELECT_RECORDS} WHERE {{position}} > ? ORDER BY 1 LIMIT ?"),
                (after, _BACKFILL_BATCH),
            )
            records = [self._record(row) for row in c.fetchall()]
            if not records:
                return
            yield records
            after = records[-1].position

    def lock_writers(self, c: Any) -> None:  # noqa: ANN401
        """Hold off event writers until `c`'s transaction ends (readers go on)."""
        c.execute(self.sql("UPDATE {meta} SET value = value WHERE key = ?"), ("format",))

    def rename_indexes(self, c: Any, old: str, new: str, tables: Sequence[str]) -> None:  # noqa: ANN401
        """After renaming tables, give their indexes the new prefix (SQLite needs nothing)."""

    def copy_in(self, c: Any, records: Sequence[StoredRecord], links: Sequence[Link]) -> None:  # noqa: ANN401
        """Insert another ledger's events and links AT THEIR POSITIONS (`ledger migrate`).

        The positions are part of the chain, so the copy keeps them: its chain is the
        original's, link for link, and a digest of the original verifies against it.
        """
        c.executemany(
            self.sql(
                "INSERT INTO {events} ({position}, originator_id, originator_version, topic, "
                "state) VALUES (?, ?, ?, ?, ?)"
            ),
            [
                (
                    r.position,
                    self.stored_id(UUID(r.originator_id)),
                    r.originator_version,
                    r.topic,
                    r.state,
                )
                for r in records
            ],
        )
        c.executemany(
            self.sql("INSERT INTO {chain} VALUES (?, ?, ?)"),
            [(li.position, li.previous, li.hash) for li in links],
        )

    def copy_meta(self, c: Any, meta: dict[str, str]) -> None:  # noqa: ANN401
        """Take over the original's chain notes (when its chain was computed)."""
        for key, value in meta.items():
            c.execute(self.sql("DELETE FROM {meta} WHERE key = ?"), (key,))
            c.execute(self.sql("INSERT INTO {meta} VALUES (?, ?)"), (key, value))
        self.after_copy(c)

    def after_copy(self, c: Any) -> None:  # noqa: ANN401
        """What the backend must do after rows were inserted at explicit positions."""

    def chain_meta(self) -> dict[str, str]:
        """Every row of the chain's meta table."""
        return {
            row["key"]: row["value"] for row in self._select("SELECT key, value FROM {meta}", ())
        }

    # --- reading (verify) --------------------------------------------------------------

    def chain_exists(self) -> bool:
        """Whether the chain's tables exist (the backend knows how to ask)."""
        raise NotImplementedError

    def chain_format(self) -> int | None:
        """The chain's format, or None if this ledger has no chain yet."""
        rows = self._select("SELECT value FROM {meta} WHERE key = ?", ("format",))
        return int(rows[0]["value"]) if rows else None

    def chain_note(self) -> tuple[int, str] | None:
        """(last position, when) if the chain was computed after the events were recorded."""
        rows = self._select(
            "SELECT key, value FROM {meta} WHERE key IN (?, ?)",
            ("backfilled_through", "backfilled_at"),
        )
        values = {row["key"]: row["value"] for row in rows}
        if "backfilled_through" not in values:
            return None
        return int(values["backfilled_through"]), values.get("backfilled_at", "")

    def max_position(self) -> int:
        """The last stored event's position (0 when empty)."""
        rows = self._select("SELECT MAX({position}) AS head FROM {events}", ())
        return int(rows[0]["head"] or 0)

    def max_link(self) -> int:
        """The last link's position (0 when empty)."""
        rows = self._select("SELECT MAX(position) AS head FROM {chain}", ())
        return int(rows[0]["head"] or 0)

    def stored_records(self, after: int, until: int) -> list[StoredRecord]:
        """The stored rows at positions after..until, raw."""
        rows = self._select(
            f"{_SELECT_RECORDS} WHERE {{position}} > ? AND {{position}} <= ? ORDER BY 1",
            (after, until),
        )
        return [self._record(row) for row in rows]

    def chain_links(self, after: int, until: int) -> list[Link]:
        """The links at positions after..until."""
        rows = self._select(
            "SELECT position, previous, hash FROM {chain} WHERE position > ? AND position <= ?"
            " ORDER BY position",
            (after, until),
        )
        return [Link(row["position"], row["previous"], str(row["hash"])) for row in rows]

    def first_unreadable(self, after: int) -> int | None:
        """The first position after `after` whose row lacks a field or has a malformed id."""
        head = self.max_position()
        for start in range(after, head, _BACKFILL_BATCH):
            for record in self.stored_records(start, start + _BACKFILL_BATCH):
                if None in (record.originator_id, record.originator_version, record.topic):
                    return record.position
                if record.state is None or not _is_uuid(record.originator_id):
                    return record.position
        return None

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The position of one stream's event (for naming it in an error)."""
        rows = self._select(
            "SELECT {position} AS position FROM {events} WHERE originator_id = ? "
            "AND originator_version = ?",
            (self.stored_id(originator_id), version),
        )
        return int(rows[0]["position"]) if rows else None

    def stored_id(self, originator_id: UUID) -> Any:  # noqa: ANN401 (what the driver stores)
        """An originator id as this backend stores it (SQLite: hex text)."""
        return originator_id.hex

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        """The library's page of notifications; a damaged row is an error naming it."""
        try:
            return super().select_notifications(  # type: ignore[misc,no-any-return]
                start, limit, stop, topics, inclusive_of_start=inclusive_of_start
            )
        except UNREADABLE as error:
            raise self.unreadable(start, error) from None

    def unreadable(self, after: int | None, error: Exception) -> CorruptEventError:
        """The one-line error for a notification page that could not be read."""
        return unreadable_event(self.first_unreadable(after or 0), error)

    def _record(self, row: Any) -> StoredRecord:  # noqa: ANN401 (either driver's row)
        originator_id = row["originator_id"]
        return StoredRecord(
            position=row["position"],
            originator_id=None if originator_id is None else canonical_id(originator_id),
            originator_version=row["originator_version"],
            topic=None if row["topic"] is None else str(row["topic"]),
            state=_as_bytes(row["state"]),
        )

    def _select(self, statement: str, params: tuple[Any, ...]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql(statement), params)
            return list(c.fetchall())


_SELECT_RECORDS = (
    "SELECT {position} AS position, originator_id, originator_version, topic, state FROM {events}"
)


def _is_uuid(text: str | None) -> bool:
    try:
        UUID(text)
    except (TypeError, ValueError):
        return False
    return True


def _as_bytes(value: object) -> bytes | None:
    """A stored state as bytes (a row edited by hand may hold text or a number)."""
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, memoryview):
        return bytes(value)
    return str(value).encode()
