"""The term-versions view: a bitemporal table of every term, tracked against the log.

Valid time (`valid_from` / `valid_to`: when a version was in force) and record time
(`known_from` / `known_to`: the log positions between which the ledger gave that answer). A
change never deletes a row: it closes the rows it replaces (`known_to` = the position of the
change) and inserts the new ones. "What the ledger says now" is `known_to IS NULL`, behind a
partial index, so layers of corrections never slow an as-of answer; "what it said at position
P" is `known_from <= P < known_to`.

The view lives in the same database as the events and is written by the projection only, each
batch together with its tracking position in one transaction, so it is always the exact image
of a prefix of the log. A command's events are applied stream run by stream run, so every
change is known from the position of the last event of the run that made it. Everything here
is disposable: `reset()` empties it and the projection rebuilds it from the events alone.

SQL is written once with `?` placeholders and `{t}` for the table prefix (ledger/projections/
tables.py); a backend's view class says how its driver spells placeholders.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

import msgspec
from eventsourcing.persistence import IntegrityError, Tracking

from ledger.answers import InstrumentSummary, KnownVersion, RecordTime, VersionRecord
from ledger.domain.state import InstrumentState, apply_event
from ledger.events import (
    DocumentIngested,
    DocumentTextRecorded,
    FilingRecorded,
    LedgerEvent,
)
from ledger.projections.records import instrument_summary, version_records
from ledger.projections.tables import LIVE_PREFIX, PROJECTION_NAME, ViewTables
from ledger.terms import term_key

__all__ = ["PROJECTION_NAME", "VIEW_VERSION", "TermVersionStore"]

VIEW_VERSION = "7"
"""Bump whenever the view's tables or stored Structs change: stale views are rebuilt on open."""

_RECORD_DECODER = msgspec.json.Decoder(VersionRecord)
_STATE_DECODER = msgspec.json.Decoder(InstrumentState)
_SUMMARY_DECODER = msgspec.json.Decoder(InstrumentSummary)
_ENCODER = msgspec.json.Encoder()

_AS_OF = "valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
_NOW = "known_to IS NULL"
_THEN = "known_from <= ? AND (known_to IS NULL OR known_to > ?)"
_KNOWN_COLUMNS = "record, known_from, known_to, known_from_at, known_to_at, closed_by"
_OLD_TABLES = ("tl_term_versions", "tl_instruments", "tl_documents", "tl_meta")
"""The tables of views built before the prefix was configurable (dropped on upgrade)."""


class Cursor(Protocol):
    """What the view needs of a DB-API cursor (both backends' cursors have it)."""

    def execute(self, statement: Any, params: Any = ...) -> Any: ...  # noqa: ANN401
    def executemany(self, statement: Any, params: Any) -> Any: ...  # noqa: ANN401
    def fetchall(self) -> Any: ...  # noqa: ANN401
    def fetchone(self) -> Any: ...  # noqa: ANN401


def _known(known_at: int | None) -> tuple[str, tuple[Any, ...]]:
    """The record-time condition: now, or as known at a position."""
    return (_NOW, ()) if known_at is None else (_THEN, (known_at, known_at))


def _digest(blob: bytes) -> str:
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def _change_reason(events: list[LedgerEvent]) -> str:
    """Why a run of events changed answers, in words (shown for the rows it closed)."""
    reasons = []
    for event in events:
        correction = event.correction
        if correction is not None:
            who = f" (by {correction.user})" if correction.user else ""
            reasons.append(f"{correction.reason}{who}")
        elif isinstance(event, FilingRecorded) and event.source == "user":
            reasons.append(f"filing date {event.filed_on} recorded by a user")
    if not reasons:
        names = [e.provenance.document_name for e in events if e.provenance is not None]
        reasons = [f"new facts recorded from {name}" for name in names[:1]]
    return "; ".join(dict.fromkeys(reasons)) or "new facts recorded"


def same_run(earlier: LedgerEvent, later: LedgerEvent) -> bool:
    """Whether two consecutive events of the log were recorded by one command in one stream.

    A command stamps all its events with one recording time, so the log alone says where a
    change ends, however the projection's batches happen to cut it (a rebuild must give the
    rows an incremental catch-up gave). Ledgers written before that give each event its own
    time: each event is then a change of its own.
    """
    return earlier.originator_id == later.originator_id and earlier.timestamp == later.timestamp


class TermVersionStore:
    """The view's tables and queries; mixed into a backend's tracking recorder."""

    placeholder = "?"
    blob_type = "BLOB"
    tracking_table = "tracking"
    tables: ViewTables = ViewTables(LIVE_PREFIX)
    writer_lock_statement = "DELETE FROM {t}meta WHERE key = '(view writer)'"
    """A write, so SQLite takes its write lock before the batch reads anything."""

    if TYPE_CHECKING:  # provided by the tracking recorder this is mixed into
        datastore: Any

        def _insert_tracking(self, c: Any, tracking: Tracking) -> None: ...  # noqa: ANN401

        def max_tracking_id(self, application_name: str) -> int | None: ...  # noqa: D102

    def view_statements(self) -> list[str]:
        """CREATE statements of the view's tables and indexes, in this backend's dialect."""
        return [*self.tables.create_statements(self.blob_type), *self.tables.index_statements()]

    @property
    def tracking_name(self) -> str:
        """The application name of this store's tracking row."""
        return self.tables.tracking_name

    def sql(self, statement: str) -> str:
        """`statement` with this store's table names and this driver's placeholders."""
        return statement.replace("{t}", self.tables.prefix).replace("?", self.placeholder)

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
            c.execute(self.sql(self.writer_lock_statement))
            if start is not None and self._tracked(c, tracking.application_name) != start:
                msg = "another process caught the view up first"
                raise IntegrityError(msg)
            run: list[tuple[int, LedgerEvent]] = []
            states: dict[UUID, InstrumentState] = {}
            for position, event in events:
                if run and not same_run(run[-1][1], event):
                    self._apply_run(c, run, states)
                    run = []
                run.append((position, event))
            if run:
                self._apply_run(c, run, states)
            for stream, state in states.items():
                # The folded state is written once per batch: only its last value is read.
                self._store_state(c, stream, state)
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

    def _apply_run(
        self,
        c: Cursor,
        run: list[tuple[int, LedgerEvent]],
        states: dict[UUID, InstrumentState],
    ) -> None:
        """Apply consecutive events of one stream; answers change at the run's last position."""
        position, last = run[-1]
        c.execute(
            self.sql("INSERT INTO {t}record_times VALUES (?, ?) ON CONFLICT (position) DO NOTHING"),
            (position, last.timestamp.isoformat()),
        )
        if isinstance(last, DocumentIngested | DocumentTextRecorded):
            for at, event in run:
                self._apply_document(c, at, event)
            return
        stream = last.originator_id
        state = states[stream] if stream in states else self._load_state(c, stream)
        for at, event in run:
            state = apply_event(state, event, at)
        assert state is not None  # noqa: S101 (apply_event returns a state)
        states[stream] = state
        self._store_instrument(
            c,
            stream=stream,
            state=state,
            position=position,
            at=last.timestamp,
            events=[e for _, e in run],
        )

    def _apply_document(self, c: Cursor, position: int, event: LedgerEvent) -> None:
        if isinstance(event, DocumentIngested):
            c.execute(
                self.sql("INSERT INTO {t}documents VALUES (?, ?, ?, ?, ?)"),
                (
                    event.sha256,
                    event.file_name,
                    _ENCODER.encode(event.certificate_ids).decode(),
                    position,
                    int(event.content_zlib is not None),
                ),
            )
        elif isinstance(event, DocumentTextRecorded):
            c.execute(
                self.sql("UPDATE {t}documents SET has_text = 1 WHERE sha256 = ?"), (event.sha256,)
            )

    def _load_state(self, c: Cursor, stream: UUID) -> InstrumentState | None:
        c.execute(self.sql("SELECT state FROM {t}instruments WHERE stream_id = ?"), (str(stream),))
        row = c.fetchone()
        return _STATE_DECODER.decode(bytes(row["state"])) if row else None

    def _store_instrument(  # noqa: PLR0913 (the change and where it is known from)
        self,
        c: Cursor,
        *,
        stream: UUID,
        state: InstrumentState,
        position: int,
        at: datetime,
        events: list[LedgerEvent],
    ) -> None:
        del stream  # the folded state itself is stored once per batch (_store_state)
        instrument = state.instrument_id
        c.executemany(
            self.sql(
                "INSERT INTO {t}certificates VALUES (?, ?, ?) "
                "ON CONFLICT (certificate_id) DO NOTHING"
            ),
            [(cid, instrument, position) for cid in state.certificates],
        )
        reason = _change_reason(events)
        self._store_summary(c, instrument, instrument_summary(state), position, reason)
        c.execute(
            self.sql(
                "SELECT ordinal, digest FROM {t}term_versions WHERE instrument_id = ? AND "
                "known_to IS NULL"
            ),
            (instrument,),
        )
        current = [(row["ordinal"], row["digest"]) for row in c.fetchall()]
        records = [(record, _ENCODER.encode(record)) for record in version_records(state)]
        wanted = Counter(_digest(blob) for _, blob in records)
        closing = []
        for ordinal, digest in current:
            if wanted[digest] > 0:
                wanted[digest] -= 1  # unchanged: the row stays open
            else:
                closing.append((position, at.isoformat(), reason, instrument, ordinal))
        if closing:
            c.executemany(
                self.sql(
                    "UPDATE {t}term_versions SET known_to = ?, known_to_at = ?, closed_by = ? "
                    "WHERE instrument_id = ? AND ordinal = ?"
                ),
                closing,
            )
        c.execute(
            self.sql("SELECT MAX(ordinal) AS top FROM {t}term_versions WHERE instrument_id = ?"),
            (instrument,),
        )
        row = c.fetchone()
        ordinal = -1 if row is None or row["top"] is None else int(row["top"])
        rows = []
        for record, blob in records:
            digest = _digest(blob)
            if wanted[digest] <= 0:
                continue
            wanted[digest] -= 1
            ordinal += 1
            rows.append(
                (
                    instrument,
                    ordinal,
                    term_key(record.term),
                    record.term,
                    record.valid_from.isoformat(),
                    record.valid_to.isoformat() if record.valid_to else None,
                    record.status,
                    record.defined_within,
                    position,
                    None,
                    at.isoformat(),
                    None,
                    None,
                    digest,
                    blob,
                )
            )
        if rows:
            c.executemany(
                self.sql(
                    "INSERT INTO {t}term_versions VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                ),
                rows,
            )
            names = {term_key(r[3]): r[3] for r in rows}
            c.executemany(
                self.sql(
                    "INSERT INTO {t}term_names VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (term_key) DO NOTHING"
                ),
                [(key, name, key[:2], key[-3:]) for key, name in names.items()],
            )

    def _store_state(self, c: Cursor, stream: UUID, state: InstrumentState) -> None:
        instrument = state.instrument_id
        c.execute(self.sql("DELETE FROM {t}instruments WHERE instrument_id = ?"), (instrument,))
        c.execute(
            self.sql("INSERT INTO {t}instruments VALUES (?, ?, ?, ?, ?)"),
            (instrument, str(stream), state.title, state.issuer, _ENCODER.encode(state)),
        )

    def _store_summary(
        self, c: Cursor, instrument: str, summary: InstrumentSummary, position: int, reason: str
    ) -> None:
        blob = _ENCODER.encode(summary)
        digest = _digest(blob)
        c.execute(
            self.sql(
                "SELECT known_from, digest FROM {t}instrument_versions WHERE instrument_id = ? "
                "AND known_to IS NULL"
            ),
            (instrument,),
        )
        row = c.fetchone()
        if row is not None and row["digest"] == digest:
            return
        del reason  # the term rows say why; the summary row only needs its span
        if row is not None:
            c.execute(
                self.sql(
                    "UPDATE {t}instrument_versions SET known_to = ? WHERE instrument_id = ? "
                    "AND known_from = ?"
                ),
                (position, instrument, row["known_from"]),
            )
        c.execute(
            self.sql("INSERT INTO {t}instrument_versions VALUES (?, ?, ?, ?, ?)"),
            (instrument, position, None, digest, blob),
        )

    def discard_if_stale(self) -> bool:
        """Drop the view if an older version of termledger built it; True if it did.

        The view is disposable: the projection rebuilds it from the log on the next query.
        """
        try:
            rows = self._select("SELECT value FROM {t}meta WHERE key = ?", ("view_version",))
        except Exception:  # noqa: BLE001 (no meta table yet: a view of an older layout, or none)
            rows = []
        if rows and rows[0]["value"] == VIEW_VERSION:
            return False
        with self.datastore.transaction(commit=True) as c:
            for table in (*self.tables.names(), *_OLD_TABLES):
                c.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in self.view_statements():
                c.execute(self.sql(statement))
            c.execute(self.sql("INSERT INTO {t}meta VALUES (?, ?)"), ("view_version", VIEW_VERSION))
            c.execute(
                self.sql(f"DELETE FROM {self.tracking_table} WHERE application_name = ?"),  # noqa: S608
                (self.tracking_name,),
            )
        return bool(rows) or self.position() > 0

    def reset(self) -> None:
        """Empty the view and its tracking, so the projection rebuilds it from the log."""
        with self.datastore.transaction(commit=True) as c:
            for table in self.tables.names():
                if not table.endswith("meta"):
                    c.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
            c.execute(
                self.sql(f"DELETE FROM {self.tracking_table} WHERE application_name = ?"),  # noqa: S608
                (self.tracking_name,),
            )

    # --- reading (queries) ---------------------------------------------------------------

    def position(self) -> int:
        """Position of the last event the view reflects (0 when empty)."""
        return self.max_tracking_id(self.tracking_name) or 0

    def known_version_as_of(
        self, key: str, day: date, instrument_id: str, known_at: int | None = None
    ) -> KnownVersion | None:
        """The version of a term in force on `day` as known at a position, top-level first.

        An indexed lookup either way: the partial index of open rows for "now", the
        record-time index for an earlier position.
        """
        iso = day.isoformat()
        known, params = _known(known_at)
        rows = self._select(
            f"SELECT {_KNOWN_COLUMNS} FROM {{t}}term_versions WHERE term_key = ? AND "  # noqa: S608 (constant SQL)
            f"instrument_id = ? AND {known} AND {_AS_OF} "
            "ORDER BY defined_within IS NOT NULL, ordinal LIMIT 1",
            (key, instrument_id, *params, iso, iso),
        )
        return _known_version(rows[0]) if rows else None

    def record_as_of(
        self, key: str, day: date, instrument_id: str, known_at: int | None = None
    ) -> VersionRecord | None:
        """The version of a term in force on `day` (an indexed lookup), top-level first."""
        found = self.known_version_as_of(key, day, instrument_id, known_at)
        return found.version if found else None

    def known_versions_of(
        self, key: str, instrument_id: str, known_at: int | None = None, *, every: bool = False
    ) -> list[KnownVersion]:
        """Versions of a term in one instrument, in valid-time order.

        As known at a position (default: now); with `every`, every row known by then,
        superseded ones too.
        """
        known, params = _known(known_at)
        if every:
            known, params = ("known_from <= ?", (known_at,)) if known_at else ("1 = 1", ())
        rows = self._select(
            f"SELECT {_KNOWN_COLUMNS} FROM {{t}}term_versions WHERE term_key = ? AND "  # noqa: S608
            f"instrument_id = ? AND {known} "
            "ORDER BY defined_within IS NOT NULL, valid_from, ordinal",
            (key, instrument_id, *params),
        )
        return [_known_version(row) for row in rows]

    def records_of(
        self, key: str, instrument_id: str, known_at: int | None = None
    ) -> list[VersionRecord]:
        """Every version of a term in one instrument, oldest first."""
        return [k.version for k in self.known_versions_of(key, instrument_id, known_at)]

    def known_in_force(
        self, day: date, instrument_ids: list[str], known_at: int | None = None
    ) -> list[KnownVersion]:
        """Every version in force on `day` in the given instruments."""
        iso = day.isoformat()
        marks = ", ".join("?" for _ in instrument_ids)
        known, params = _known(known_at)
        rows = self._select(
            f"SELECT {_KNOWN_COLUMNS} FROM {{t}}term_versions WHERE instrument_id IN ({marks}) "  # noqa: S608
            f"AND {known} AND {_AS_OF} "
            "ORDER BY instrument_id, term_key, defined_within IS NOT NULL, ordinal",
            (*instrument_ids, *params, iso, iso),
        )
        return [_known_version(row) for row in rows]

    def records_in_force(
        self, day: date, instrument_ids: list[str], known_at: int | None = None
    ) -> list[VersionRecord]:
        """Every version in force on `day` in the given instruments."""
        return [k.version for k in self.known_in_force(day, instrument_ids, known_at)]

    def defines(self, key: str, instrument_id: str, known_at: int | None = None) -> bool:
        """Whether the instrument has any version of the term (an indexed probe)."""
        known, params = _known(known_at)
        rows = self._select(
            "SELECT 1 AS found FROM {t}term_versions WHERE term_key = ? AND instrument_id = ? "  # noqa: S608
            f"AND {known} LIMIT 1",
            (key, instrument_id, *params),
        )
        return bool(rows)

    def instruments_defining(self, key: str, known_at: int | None = None) -> list[str]:
        """Ids of the instruments with any version of the term."""
        known, params = _known(known_at)
        rows = self._select(
            "SELECT DISTINCT instrument_id FROM {t}term_versions WHERE term_key = ? "  # noqa: S608
            f"AND {known} ORDER BY instrument_id",
            (key, *params),
        )
        return [row["instrument_id"] for row in rows]

    def term_names(self, instrument_id: str | None = None) -> list[str]:
        """Every term's display name, in one instrument or all (for "did you mean")."""
        if instrument_id is None:
            rows = self._select("SELECT term FROM {t}term_names ORDER BY term", ())
        else:
            rows = self._select(
                "SELECT DISTINCT term FROM {t}term_versions WHERE instrument_id = ? "
                "AND known_to IS NULL ORDER BY term",
                (instrument_id,),
            )
        return [row["term"] for row in rows]

    def similar_term_names(self, key: str, instrument_id: str | None = None) -> list[str]:
        """Names that could be a misspelling of `key`.

        Those sharing its first two or last three characters: two indexed lookups, never a
        scan of every term in the ledger.
        """
        if instrument_id is not None:
            return self.term_names(instrument_id)
        rows = self._select(
            "SELECT term FROM {t}term_names WHERE head = ? UNION "
            "SELECT term FROM {t}term_names WHERE tail = ?",
            (key[:2], key[-3:]),
        )
        return sorted(row["term"] for row in rows)

    def instrument_index(self, known_at: int | None = None) -> list[tuple[str, str, str]]:
        """(id, title, issuer) of every instrument, cheaply (no state is decoded)."""
        if known_at is None:
            rows = self._select(
                "SELECT instrument_id, title, issuer FROM {t}instruments ORDER BY instrument_id",
                (),
            )
            return [(row["instrument_id"], row["title"], row["issuer"]) for row in rows]
        return [(s.id, s.title, s.issuer) for s in self.instrument_summaries(known_at)]

    def instrument_summaries(self, known_at: int | None = None) -> list[InstrumentSummary]:
        """Every instrument as `instruments` lists it, as known at a position."""
        known, params = _known(known_at)
        rows = self._select(
            f"SELECT summary FROM {{t}}instrument_versions WHERE {known} ORDER BY instrument_id",  # noqa: S608
            params,
        )
        return [_SUMMARY_DECODER.decode(bytes(row["summary"])) for row in rows]

    def has_instrument(self, instrument_id: str, known_at: int | None = None) -> bool:
        """Whether an instrument has exactly this id (and was known at the position)."""
        if known_at is None:
            rows = self._select(
                "SELECT 1 AS found FROM {t}instruments WHERE instrument_id = ?", (instrument_id,)
            )
        else:
            rows = self._select(
                "SELECT 1 AS found FROM {t}instrument_versions WHERE instrument_id = ? "
                "AND known_from <= ?",
                (instrument_id, known_at),
            )
        return bool(rows)

    def instrument_state(self, instrument_id: str) -> InstrumentState | None:
        """The folded state of one instrument."""
        rows = self._select(
            "SELECT state FROM {t}instruments WHERE instrument_id = ?", (instrument_id,)
        )
        return _STATE_DECODER.decode(bytes(rows[0]["state"])) if rows else None

    def instrument_states(self) -> list[InstrumentState]:
        """The folded state of every instrument, by id."""
        rows = self._select("SELECT state FROM {t}instruments ORDER BY instrument_id", ())
        return [_STATE_DECODER.decode(bytes(row["state"])) for row in rows]

    def instrument_of_certificate(self, certificate_id: str) -> str | None:
        """The instrument a certificate id belongs to (an indexed lookup)."""
        rows = self._select(
            "SELECT instrument_id FROM {t}certificates WHERE certificate_id = ?",
            (certificate_id,),
        )
        return rows[0]["instrument_id"] if rows else None

    def certificates_like(self, wanted: str, limit: int = 20) -> list[tuple[str, str]]:
        """(certificate id, instrument id) of certificates whose id starts with `wanted`.

        The prefix is a range of the primary key; failing that, ids containing `wanted`.
        """
        rows = self._select(
            "SELECT certificate_id, instrument_id FROM {t}certificates WHERE certificate_id >= ? "
            "AND certificate_id < ? ORDER BY certificate_id LIMIT ?",
            (wanted, wanted + "\U0010ffff", limit),
        )
        if not rows:
            rows = [
                row
                for row in self._select(
                    "SELECT certificate_id, instrument_id FROM {t}certificates "
                    "ORDER BY certificate_id",
                    (),
                )
                if wanted in row["certificate_id"]
            ][:limit]
        return [(row["certificate_id"], row["instrument_id"]) for row in rows]

    def certificates_of_document(self, sha256: str) -> list[str] | None:
        """The certificate ids a document recorded, or None if it was never ingested."""
        rows = self._select("SELECT certificate_ids FROM {t}documents WHERE sha256 = ?", (sha256,))
        return msgspec.json.decode(rows[0]["certificate_ids"], type=list[str]) if rows else None

    def documents_like(self, prefix: str, limit: int = 20) -> list[tuple[str, str]]:
        """(sha256, file name) of documents whose hash starts with `prefix` (a key range)."""
        rows = self._select(
            "SELECT sha256, file_name FROM {t}documents WHERE sha256 >= ? AND sha256 < ? "
            "ORDER BY sha256 LIMIT ?",
            (prefix, prefix + "~", limit),
        )
        return [(row["sha256"], row["file_name"]) for row in rows]

    def document_has_text(self, sha256: str) -> bool:
        """Whether the log keeps the text of a recorded document."""
        rows = self._select("SELECT has_text FROM {t}documents WHERE sha256 = ?", (sha256,))
        return bool(rows and rows[0]["has_text"])

    def documents(self) -> list[tuple[str, str, int, bool]]:
        """(sha256, file name, position, text kept) of every document, in recorded order."""
        rows = self._select(
            "SELECT sha256, file_name, position, has_text FROM {t}documents ORDER BY position", ()
        )
        return [
            (row["sha256"], row["file_name"], row["position"], bool(row["has_text"]))
            for row in rows
        ]

    def position_at(self, moment: datetime) -> int | None:
        """The last position whose change was recorded at or before `moment`."""
        rows = self._select(
            "SELECT MAX(position) AS position FROM {t}record_times WHERE recorded_at <= ?",
            (moment.isoformat(),),
        )
        return rows[0]["position"] if rows and rows[0]["position"] is not None else None

    def dump(self) -> list[tuple[Any, ...]]:
        """Every row of the view's tables, for comparing a rebuild with the original."""
        out: list[tuple[Any, ...]] = []
        for table, order in (
            ("instruments", "instrument_id"),
            ("instrument_versions", "instrument_id, known_from"),
            ("term_versions", "instrument_id, ordinal"),
            ("documents", "sha256"),
            ("certificates", "certificate_id"),
        ):
            rows = self._select(f"SELECT * FROM {{t}}{table} ORDER BY {order}", ())  # noqa: S608
            out.extend(
                (table, *(bytes(v) if isinstance(v, memoryview) else v for v in _values(row)))
                for row in rows
            )
        return out

    def _select(self, statement: str, params: tuple[Any, ...]) -> list[Any]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.sql(statement), params)
            return list(c.fetchall())


def _known_version(row: Any) -> KnownVersion:  # noqa: ANN401 (sqlite3.Row or psycopg dict row)
    return KnownVersion(
        version=_RECORD_DECODER.decode(bytes(row["record"])),
        record_time=RecordTime(
            known_from=row["known_from"],
            recorded_at=datetime.fromisoformat(row["known_from_at"]),
            known_until=row["known_to"],
            superseded_at=datetime.fromisoformat(row["known_to_at"])
            if row["known_to_at"]
            else None,
            superseded_because=row["closed_by"],
        ),
    )


def _values(row: Any) -> tuple[Any, ...]:  # noqa: ANN401 (sqlite3.Row or psycopg dict row)
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)
