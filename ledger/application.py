"""Ledger: the one entry point of the library (the CLI uses nothing else).

Commands load what they need from the log, ask the domain what it means, and save every
resulting event of one document in ONE transaction. Queries read the projection's tables,
never the log (except `log`, whose job is to show it).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast
from uuid import UUID

import msgspec
from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, PersistenceError

from ledger.answers import (
    IngestReport,
    LogEntry,
)
from ledger.audit.queries import AuditQueries
from ledger.correcting import CorrectionCommands
from ledger.describe import log_entry
from ledger.errors import (
    UNREADABLE,
    ConflictingEventError,
    DocumentError,
    LedgerBusyError,
    LedgerError,
    StorageError,
    ViewInconsistentError,
    unreadable_event,
)
from ledger.events import LedgerEvent, recorded_now
from ledger.ingestion import IngestPlan
from ledger.inputs import document_name, read_document
from ledger.integrity import Digest, VerifyReport, verify_chain
from ledger.integrity.recorder import ChainRecorder
from ledger.parsing import parse_file
from ledger.parsing.source import decode_text, split_lines
from ledger.parsing.version import READER_VERSION
from ledger.projections.projection import TermVersionProjection
from ledger.projections.view import TermVersionStore
from ledger.replay import (
    Progress,
    ReplayReport,
    StepEntry,
    StepFilter,
    is_transient,
    rebuild,
    repair,
    steps,
    verify_view,
    view_damaged,
)
from ledger.rereading import RereadCommands
from ledger.statements import SuppliedFacts
from ledger.storage import Location, resolve_location
from ledger.stores import inspect_store, open_application, view_lag

_OPEN_ATTEMPTS = 10  # about 6 s of waiting in all


class TermLedgerApplication(Application[UUID]):
    """The eventsourcing application; its name fixes the PostgreSQL table names."""

    name = "termledger"


class Ledger(CorrectionCommands, RereadCommands, AuditQueries):
    """An open ledger. Use `Ledger.open(url)` as a context manager."""

    def __init__(self, location: Location, *, read_only: bool = False) -> None:
        self.location = location
        self.read_only = read_only
        self.behind: tuple[int, int] | None = None
        """Read-only: (view position, log position) if the view lagged the log when asked."""
        for attempt in range(1, _OPEN_ATTEMPTS + 1):
            app = None
            try:
                app = open_application(TermLedgerApplication, location, read_only=read_only)
                self.view = _open_view(app, location, read_only=read_only)
                self.app = app
                break
            except (sqlite3.Error, PersistenceError, OSError) as error:
                if app is not None:
                    app.close()
                # Processes opening a new ledger at once race on its DDL; a SQLite writer
                # may hold the file a moment longer than a transaction can wait.
                if not is_transient(error):
                    raise StorageError(f"cannot open ledger {location.display}: {error}") from None
                if attempt == _OPEN_ATTEMPTS:
                    raise LedgerBusyError(
                        f"cannot open ledger {location.display}: it is busy ({error}); nothing "
                        "was written, run the command again"
                    ) from None
                time.sleep(min(0.05 * 2**attempt, 1.0))
        self.projection = TermVersionProjection(self.view)
        if not read_only and view_damaged(self.view):
            repair(self)

    @classmethod
    def open(
        cls, url: str | None = None, *, create: bool = True, read_only: bool = False
    ) -> Ledger:
        """Open the ledger at `url` (see `ledger.storage`); with `create=False` it must exist.

        `read_only` opens it so that nothing can be written (SQLite `mode=ro`, PostgreSQL
        read-only transactions) and queries answer from the view as it is. A store that is
        not a termledger ledger is refused before anything is opened on it.
        """
        location = resolve_location(url)
        store = inspect_store(location)
        location = store.location or location
        if store.state == "empty" and (read_only or not create):
            raise StorageError(
                f"no ledger at {location.display}; ingest a document first "
                "(or pass --db / set LEDGER_DB)"
            )
        return cls(location, read_only=read_only)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.app.close()

    # --- commands ------------------------------------------------------------------------

    def ingest(
        self, path: str | Path, *, dry_run: bool = False, accept_partial: bool = False
    ) -> IngestReport:
        """Record every fact of the filing at `path`, all or nothing."""
        reports = self.ingest_files([path], dry_run=dry_run, accept_partial=accept_partial)
        return next(r for r in reports if r.outcome != "skipped")

    def ingest_files(
        self,
        paths: list[str | Path],
        *,
        dry_run: bool = False,
        accept_partial: bool = False,
        explain: bool = False,
        supplied: SuppliedFacts | None = None,
    ) -> list[IngestReport]:
        """Record several filings, in order, in ONE transaction: all of them or none.

        `supplied` are facts the user gives for every document (`--issuer`, ...).
        """
        documents = [(read_document(path), document_name(path)) for path in paths]
        return self.ingest_documents(
            documents,
            dry_run=dry_run,
            accept_partial=accept_partial,
            explain=explain,
            paths=[str(path) for path in paths],
            supplied=supplied,
        )

    def ingest_bytes(
        self, data: bytes, *, name: str, dry_run: bool = False, accept_partial: bool = False
    ) -> IngestReport:
        """Record a filing given as bytes; `name` is how provenance and errors refer to it."""
        reports = self.ingest_documents(
            [(data, name)], dry_run=dry_run, accept_partial=accept_partial
        )
        return next(r for r in reports if r.outcome != "skipped")

    def ingest_documents(  # noqa: PLR0913 (keyword options of one use case)
        self,
        documents: list[tuple[bytes, str]],
        *,
        dry_run: bool = False,
        accept_partial: bool = False,
        explain: bool = False,
        paths: list[str] | None = None,
        supplied: SuppliedFacts | None = None,
    ) -> list[IngestReport]:
        """Parse and plan every document, then save all their events in one transaction.

        `paths` are how errors name the documents (provenance keeps the base names).
        """
        self.catch_up()
        plan = IngestPlan(
            self._stream,
            self.view.certificates_of_document,
            reader_version=READER_VERSION,
            text_missing=lambda sha256: not self.view.document_has_text(sha256),
            instrument=supplied.instrument if supplied else None,
            instruments=lambda: [(i, issuer) for i, _, issuer in self.view.instrument_index()],
        )
        for number, (data, name) in enumerate(documents):
            try:
                parsed = parse_file(data, name, accept_partial=accept_partial, supplied=supplied)
                plan.add_file(parsed, _numbered_lines(data, name) if explain else {}, data)
            except DocumentError as error:
                if paths is None or error.file is None or not error.file.startswith(name):
                    raise
                raise error.in_file(paths[number] + error.file[len(name) :]) from None
        events = plan.events()
        if dry_run or not events:
            return plan.reports("dry_run" if dry_run else "recorded", {}, explain=explain)
        entries = self._save(events, conflict="the documents could not be recorded")
        positions = {id(e): entry.position for e, entry in zip(events, entries, strict=True)}
        return plan.reports("recorded", positions, explain=explain)

    def rebuild_projections(self) -> int:
        """Empty every view and rebuild it from the log; returns the events replayed."""
        return self.projection.rebuild(self.app)

    def catch_up(self) -> int:
        """Bring the views up to date with the log (cheap when they already are).

        Read-only, nothing is written: answers come from the view as it is, and `behind`
        says whether the log holds events the view has not applied yet. Writing, a view
        that contradicts its tracking (a lost tracking row, a damaged table) is rebuilt from
        the log, atomically, instead of failing every query from then on.
        """
        if self.read_only:
            self.behind = view_lag(self.view, self.app, damaged=view_damaged)
            return 0
        try:
            return self.projection.catch_up(self.app)
        except ViewInconsistentError:
            return repair(self)

    # --- integrity (ledger.integrity) -----------------------------------------------------

    def verify(self, digest: Digest | None = None) -> VerifyReport:
        """Recompute the hash chain over every stored event; raise where it first breaks.

        With `digest` (kept from `ledger digest`), also prove the ledger extends it.
        """
        return verify_chain(self._chain, digest)

    def chain_note(self) -> str | None:
        """Why the chain proves less for early events, when it was computed after them."""
        try:
            note = self._chain.chain_note()
        except (sqlite3.Error, PersistenceError):
            # A ledger from before the chain, opened read-only: its first writer computes it.
            return "Note: this ledger has no hash chain yet; its next writer computes it."
        if note is None:
            return None
        through, at = note
        return (
            f"Note: positions 1-{through} were recorded before this ledger had tamper evidence; "
            f"their hash chain was computed on {at}, so it proves them unchanged since then only."
        )

    # --- replay (ledger.replay) -------------------------------------------------------------

    def replay(self, progress: Progress | None = None) -> ReplayReport:
        """Rebuild every view from the log into fresh tables; swap them in when complete."""
        return rebuild(self, progress)

    def verify_view(self, progress: Progress | None = None) -> ReplayReport:
        """Replay the log into scratch tables and compare them with the live view."""
        return verify_view(self, progress)

    def replay_steps(self, wanted: StepFilter) -> Iterator[StepEntry]:
        """Every event in log order with the term versions it changed (writes nothing)."""
        return steps(self, wanted)

    @property
    def _chain(self) -> ChainRecorder:
        return cast("ChainRecorder", self.app.recorder)

    # --- helpers -------------------------------------------------------------------------

    def _save(self, events: list[LedgerEvent], *, conflict: str) -> list[LogEntry]:
        # One recording time for the whole command: the view knows its changes together.
        now = recorded_now()
        events = [msgspec.structs.replace(event, timestamp=now) for event in events]
        try:
            recordings = self.app.save(*events)
        except IntegrityError:
            raise ConflictingEventError(
                f"{conflict}: another writer recorded events for the same instrument or "
                "document at the same moment; nothing was written, run the command again"
            ) from None
        except (sqlite3.Error, PersistenceError) as error:
            if not is_transient(error):
                raise
            raise LedgerBusyError(
                f"{conflict}: the ledger is busy ({error}); nothing was written, run the "
                "command again"
            ) from None
        # The events are committed: from here on the command has succeeded. A view that
        # cannot catch up now (another writer holds it) is caught up by the next command.
        with contextlib.suppress(sqlite3.Error, PersistenceError, LedgerError):
            self.catch_up()
        return [log_entry(r.notification.id, r.domain_event) for r in recordings]  # type: ignore[arg-type]

    def _stream(self, stream: UUID) -> list[LedgerEvent]:
        events: list[LedgerEvent] = []
        for stored in self.app.recorder.select_events(stream):
            try:
                events.append(cast("LedgerEvent", self.app.mapper.to_domain_event(stored)))
            except UNREADABLE as error:
                position = self._chain.position_of(stream, stored.originator_version)
                raise unreadable_event(position, error) from None
        return events


def _numbered_lines(data: bytes, name: str) -> dict[int, str]:
    """The file's lines by number, for showing events beside their source (--explain)."""
    return {line.number: line.text for line in split_lines(decode_text(data, name)[0])}


def _open_view(app: Application[Any], location: Location, *, read_only: bool) -> TermVersionStore:
    if location.backend == "postgres":
        from ledger.projections.postgres import PostgresTermVersionView  # noqa: PLC0415

        view: TermVersionStore = PostgresTermVersionView(app.recorder.datastore)  # type: ignore[attr-defined]
    else:
        from ledger.projections.sqlite import SQLiteTermVersionView  # noqa: PLC0415

        view = SQLiteTermVersionView(app.recorder.datastore)  # type: ignore[attr-defined]
    if not read_only:
        view.create_table()  # type: ignore[attr-defined]
        view.discard_if_stale()
    return view
