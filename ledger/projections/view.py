"""The term-versions view: a valid-time table of every term, tracked against the log.

The view lives in the same database as the events and is written by the projection only,
each batch together with its tracking position in one transaction, so it is always the
exact image of a prefix of the log. Everything here is disposable: `reset()` empties it and
the projection rebuilds it from the events alone.

SQL is written once with `?` placeholders; a backend's view class says how its driver
spells them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

import msgspec
from eventsourcing.persistence import IntegrityError, Tracking

from ledger.answers import VersionRecord
from ledger.domain.state import InstrumentState, apply_event
from ledger.events import DocumentIngested, LedgerEvent
from ledger.projections.records import version_records
from ledger.terms import term_key

PROJECTION_NAME = "term_versions"
VIEW_VERSION = "6"
"""Bump whenever the view's tables or stored Structs change: stale views are rebuilt on open."""
_VIEW_TABLES = ("tl_term_versions", "tl_instruments", "tl_documents", "tl_meta")

_RECORD_DECODER = msgspec.json.Decoder(VersionRecord)
_STATE_DECODER = msgspec.json.Decoder(InstrumentState)
_ENCODER = msgspec.json.Encoder()

CREATE_STATEMENTS = (
    (
        "CREATE TABLE IF NOT EXISTS tl_instruments (instrument_id TEXT PRIMARY KEY,"
        " stream_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, issuer TEXT NOT NULL,"
        " state {blob} NOT NULL)"
    ),
    (
        "CREATE TABLE IF NOT EXISTS tl_term_versions (instrument_id TEXT NOT NULL,"
        " ordinal INTEGER NOT NULL, term_key TEXT NOT NULL, term TEXT NOT NULL,"
        " valid_from TEXT NOT NULL, valid_to TEXT, status TEXT NOT NULL, defined_within TEXT,"
        " record {blob} NOT NULL, PRIMARY KEY (instrument_id, ordinal))"
    ),
    (
        "CREATE INDEX IF NOT EXISTS tl_term_versions_as_of"
        " ON tl_term_versions (term_key, instrument_id, valid_from)"
    ),
    (
        "CREATE INDEX IF NOT EXISTS tl_term_versions_instrument"
        " ON tl_term_versions (instrument_id, valid_from)"
    ),
    (
        "CREATE TABLE IF NOT EXISTS tl_documents (sha256 TEXT PRIMARY KEY,"
        " file_name TEXT NOT NULL, certificate_ids TEXT NOT NULL, position INTEGER NOT NULL)"
    ),
    "CREATE TABLE IF NOT EXISTS tl_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_AS_OF = "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"


class Cursor(Protocol):
    """What the view needs of a DB-API cursor (both backends' cursors have it)."""

    def execute(self, statement: Any, params: Any = ...) -> Any: ...  # noqa: ANN401, D102
    def executemany(self, statement: Any, params: Any) -> Any: ...  # noqa: ANN401, D102
    def fetchall(self) -> Any: ...  # noqa: ANN401, D102
    def fetchone(self) -> Any: ...  # noqa: ANN401, D102


class TermVersionStore:
    """The view's tables and queries; mixed into a backend's tracking recorder."""

    placeholder = "?"
    blob_type = "BLOB"
    tracking_table = "tracking"
    writer_lock_statement = "DELETE FROM tl_meta WHERE key = '(view writer)'"
    """A write, so SQLite takes its write lock before the batch reads anything."""

    if TYPE_CHECKING:  # provided by the tracking recorder this is mixed into
        datastore: Any

        def _insert_tracking(self, c: Any, tracking: Tracking) -> None: ...  # noqa: ANN401

        def max_tracking_id(self, application_name: str) -> int | None: ...  # noqa: D102

    def view_statements(self) -> list[str]:
        """CREATE statements of the view's tables, in this backend's dialect."""
        return [s.format(blob=self.blob_type) for s in CREATE_STATEMENTS]

    def sql(self, statement: str) -> str:
        """`statement` with this driver's placeholders."""
        return statement.replace("?", self.placeholder)

    # --- writing (the projection only) ---------------------------------------------------

    def apply_batch(
        self,
        events: Iterable[tuple[int, LedgerEvent]],
        tracking: Tracking,
        start: int | None = None,
    ) -> None:
        """Apply events (with their global positions) and record `tracking`, atomically.

        The transaction takes the view writers' lock first (on SQLite a read that later
        writes fails at once with "database is locked" instead of waiting), then checks
        that the view is still at `start`: if another process caught it up meanwhile, this
        batch is refused whole with an IntegrityError (the caller reads the new position).
        """
        with self.datastore.transaction(commit=True) as c:
            c.execute(self.writer_lock_statement)
            if start is not None and self._tracked(c, tracking.application_name) != start:
                msg = "another process caught the view up first"
                raise IntegrityError(msg)
            states: dict[UUID, InstrumentState] = {}
            for position, event in events:
                if isinstance(event, DocumentIngested):
                    c.execute(
                        self.sql("INSERT INTO tl_documents VALUES (?, ?, ?, ?)"),
                        (
                            event.sha256,
                            event.file_name,
                            _ENCODER.encode(event.certificate_ids).decode(),
                            position,
                        ),
                    )
                    continue
                stream = event.originator_id
                state = states[stream] if stream in states else self._load_state(c, stream)
                states[stream] = apply_event(state, event, position)
            for stream, state in states.items():
                self._store_instrument(c, stream, state)
            self._insert_tracking(c, tracking)

    def _tracked(self, c: Cursor, name: str) -> int:
        c.execute(
            self.sql(
                f"SELECT notification_id FROM {self.tracking_table} WHERE application_name = ?"  # noqa: S608
            ),
            (name,),
        )
        row = c.fetchone()
        return int(row["notification_id"]) if row else 0

    def _load_state(self, c: Cursor, stream: UUID) -> InstrumentState | None:
        c.execute(self.sql("SELECT state FROM tl_instruments WHERE stream_id = ?"), (str(stream),))
        row = c.fetchone()
        return _STATE_DECODER.decode(bytes(row["state"])) if row else None

    def _store_instrument(self, c: Cursor, stream: UUID, state: InstrumentState) -> None:
        instrument = state.instrument_id
        c.execute(self.sql("DELETE FROM tl_instruments WHERE instrument_id = ?"), (instrument,))
        c.execute(
            self.sql("INSERT INTO tl_instruments VALUES (?, ?, ?, ?, ?)"),
            (instrument, str(stream), state.title, state.issuer, _ENCODER.encode(state)),
        )
        c.execute(self.sql("DELETE FROM tl_term_versions WHERE instrument_id = ?"), (instrument,))
        rows = [
            (
                instrument,
                ordinal,
                term_key(record.term),
                record.term,
                record.valid_from.isoformat(),
                record.valid_to.isoformat() if record.valid_to else None,
                record.status,
                record.defined_within,
                _ENCODER.encode(record),
            )
            for ordinal, record in enumerate(version_records(state))
        ]
        if rows:
            c.executemany(
                self.sql("INSERT INTO tl_term_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"), rows
            )

    def discard_if_stale(self) -> bool:
        """Drop the view if an older version of termledger built it; True if it did.

        The view is disposable: the projection rebuilds it from the log on the next query.
        """
        rows = self._select("SELECT value FROM tl_meta WHERE key = ?", ("view_version",))
        if rows and rows[0]["value"] == VIEW_VERSION:
            return False
        with self.datastore.transaction(commit=True) as c:
            for table in _VIEW_TABLES:
                c.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in self.view_statements():
                c.execute(statement)
            c.execute(self.sql("INSERT INTO tl_meta VALUES (?, ?)"), ("view_version", VIEW_VERSION))
            c.execute(
                self.sql(f"DELETE FROM {self.tracking_table} WHERE application_name = ?"),  # noqa: S608
                (PROJECTION_NAME,),
            )
        return bool(rows) or self.position() > 0

    def reset(self) -> None:
        """Empty the view and its tracking, so the projection rebuilds it from the log."""
        with self.datastore.transaction(commit=True) as c:
            for table in ("tl_term_versions", "tl_instruments", "tl_documents"):
                c.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
            c.execute(
                self.sql(f"DELETE FROM {self.tracking_table} WHERE application_name = ?"),  # noqa: S608
                (PROJECTION_NAME,),
            )

    # --- reading (queries) ---------------------------------------------------------------

    def position(self) -> int:
        """Position of the last event the view reflects (0 when empty)."""
        return self.max_tracking_id(PROJECTION_NAME) or 0

    def record_as_of(self, key: str, day: date, instrument_id: str) -> VersionRecord | None:
        """The version of a term in force on `day` (an indexed lookup), top-level first."""
        iso = day.isoformat()
        statement = (
            "SELECT record FROM tl_term_versions WHERE term_key = ? AND instrument_id = ? AND "  # noqa: S608 (constant SQL)
            f"{_AS_OF} ORDER BY defined_within IS NOT NULL, ordinal LIMIT 1"
        )
        rows = self._select(statement, (key, instrument_id, iso, iso))
        return _RECORD_DECODER.decode(bytes(rows[0]["record"])) if rows else None

    def records_of(self, key: str, instrument_id: str) -> list[VersionRecord]:
        """Every version of a term in one instrument, oldest first."""
        rows = self._select(
            "SELECT record FROM tl_term_versions WHERE term_key = ? AND instrument_id = ? "
            "ORDER BY defined_within IS NOT NULL, ordinal",
            (key, instrument_id),
        )
        return [_RECORD_DECODER.decode(bytes(row["record"])) for row in rows]

    def records_in_force(self, day: date, instrument_ids: list[str]) -> list[VersionRecord]:
        """Every version in force on `day` in the given instruments."""
        iso = day.isoformat()
        marks = ", ".join("?" for _ in instrument_ids)
        rows = self._select(
            f"SELECT record FROM tl_term_versions WHERE instrument_id IN ({marks}) AND {_AS_OF} "  # noqa: S608
            "ORDER BY instrument_id, term_key, defined_within IS NOT NULL, ordinal",
            (*instrument_ids, iso, iso),
        )
        return [_RECORD_DECODER.decode(bytes(row["record"])) for row in rows]

    def defines(self, key: str, instrument_id: str) -> bool:
        """Whether the instrument has any version of the term (an indexed probe)."""
        rows = self._select(
            "SELECT 1 AS found FROM tl_term_versions WHERE term_key = ? AND instrument_id = ? "
            "LIMIT 1",
            (key, instrument_id),
        )
        return bool(rows)

    def instruments_defining(self, key: str) -> list[str]:
        """Ids of the instruments with any version of the term."""
        rows = self._select(
            "SELECT DISTINCT instrument_id FROM tl_term_versions WHERE term_key = ? "
            "ORDER BY instrument_id",
            (key,),
        )
        return [row["instrument_id"] for row in rows]

    def term_names(self, instrument_id: str | None = None) -> list[str]:
        """Every term's display name, in one instrument or all (for "did you mean")."""
        if instrument_id is None:
            rows = self._select("SELECT DISTINCT term FROM tl_term_versions ORDER BY term", ())
        else:
            rows = self._select(
                "SELECT DISTINCT term FROM tl_term_versions WHERE instrument_id = ? ORDER BY term",
                (instrument_id,),
            )
        return [row["term"] for row in rows]

    def instrument_index(self) -> list[tuple[str, str, str]]:
        """(id, title, issuer) of every instrument, cheaply (no state is decoded)."""
        rows = self._select(
            "SELECT instrument_id, title, issuer FROM tl_instruments ORDER BY instrument_id", ()
        )
        return [(row["instrument_id"], row["title"], row["issuer"]) for row in rows]

    def has_instrument(self, instrument_id: str) -> bool:
        """Whether an instrument has exactly this id."""
        rows = self._select(
            "SELECT 1 AS found FROM tl_instruments WHERE instrument_id = ?", (instrument_id,)
        )
        return bool(rows)

    def instrument_state(self, instrument_id: str) -> InstrumentState | None:
        """The folded state of one instrument."""
        rows = self._select(
            "SELECT state FROM tl_instruments WHERE instrument_id = ?", (instrument_id,)
        )
        return _STATE_DECODER.decode(bytes(rows[0]["state"])) if rows else None

    def instrument_states(self) -> list[InstrumentState]:
        """The folded state of every instrument, by id."""
        rows = self._select("SELECT state FROM tl_instruments ORDER BY instrument_id", ())
        return [_STATE_DECODER.decode(bytes(row["state"])) for row in rows]

    def certificates_of_document(self, sha256: str) -> list[str] | None:
        """The certificate ids a document recorded, or None if it was never ingested."""
        rows = self._select("SELECT certificate_ids FROM tl_documents WHERE sha256 = ?", (sha256,))
        return msgspec.json.decode(rows[0]["certificate_ids"], type=list[str]) if rows else None

    def dump(self) -> list[tuple[Any, ...]]:
        """Every row of the view's tables, for comparing a rebuild with the original."""
        out: list[tuple[Any, ...]] = []
        for table, order in (
            ("tl_instruments", "instrument_id"),
            ("tl_term_versions", "instrument_id, ordinal"),
            ("tl_documents", "sha256"),
        ):
            rows = self._select(f"SELECT * FROM {table} ORDER BY {order}", ())  # noqa: S608
            out.extend(
                (table, *(bytes(v) if isinstance(v, memoryview) else v for v in _values(row)))
                for row in rows
            )
        return out

    def _select(self, statement: str, params: tuple[Any, ...]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql(statement), params)
            return list(c.fetchall())


def _values(row: Any) -> tuple[Any, ...]:  # noqa: ANN401 (sqlite3.Row or psycopg dict row)
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)
