"""Replay: rebuild the views from the log, check them against it, or step through history.

The log is the truth and the views are disposable. A rebuild writes into scratch tables
(prefix `tlr_`) and swaps them in, in ONE transaction, only when they hold the whole log:
a failed or killed replay leaves the live view as it was (its leftovers are dropped by the
next replay). Nothing but view tables is written.

Table names come from `ledger.projections.tables.ViewTables`: the scratch store is the same
view class built against another prefix, filled by the same projection.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

import msgspec
from eventsourcing.persistence import PersistenceError

from ledger.answers import LogEntry, VersionRecord
from ledger.describe import log_entry
from ledger.domain.effectiveness import effective_dates
from ledger.domain.state import InstrumentState, apply_event
from ledger.errors import LedgerError, ViewInconsistentError
from ledger.events import DocumentIngested, LedgerEvent
from ledger.locks import replay_lock
from ledger.projections.projection import BATCH_SIZE, TermVersionProjection, decode
from ledger.projections.records import version_records
from ledger.projections.view import VIEW_VERSION, TermVersionStore

if TYPE_CHECKING:
    from ledger.application import Ledger

SCRATCH_PREFIX = "tlr_"

Progress = Callable[[int, int], None]
"""Called with (events replayed, events to replay) after every batch."""


class ViewMismatchError(LedgerError):
    """The live view is not what a replay of the log builds."""


class ReplayReport(msgspec.Struct, frozen=True):
    """What a replay did."""

    events: int
    position: int
    seconds: float
    swapped: bool

    @property
    def rate(self) -> float:
        """Events per second."""
        return self.events / self.seconds if self.seconds > 0 else float(self.events)


class StepEntry(msgspec.Struct, frozen=True):
    """One event of `replay --step`, with the term versions it changed."""

    event: LogEntry
    instrument: str | None
    changed: list[VersionRecord]


def scratch_store(ledger: Ledger) -> TermVersionStore:
    """The view's own class on the scratch tables, sharing the ledger's connection pool."""
    live = cast("Any", type(ledger.view))
    datastore = cast("Any", ledger.app.recorder).datastore
    return cast("TermVersionStore", live(datastore, prefix=SCRATCH_PREFIX))


AUTOMATIC_REBUILD_WAIT = 30.0
"""Seconds a command that finds the view damaged waits for a replay running elsewhere."""


def rebuild(ledger: Ledger, progress: Progress | None = None, *, wait: float = 0.0) -> ReplayReport:
    """Rebuild every view from the whole log and swap it in atomically.

    One replay at a time (`ledger.locks`): wait up to `wait` seconds for another one to
    finish, else refuse with LedgerBusyError, nothing written.
    """
    with replay_lock(ledger.location, wait=wait):
        return _rebuild(ledger, progress)


def repair(ledger: Ledger) -> int:
    """Bring a damaged view back (a command found it so): returns the events applied.

    Waits for a replay running elsewhere, which may have repaired it meanwhile; then
    catches up if the view is sound again, else rebuilds it.
    """
    with replay_lock(ledger.location, wait=AUTOMATIC_REBUILD_WAIT):
        if not view_damaged(ledger.view):
            with contextlib.suppress(ViewInconsistentError):
                return ledger.projection.catch_up(ledger.app)
        return _rebuild(ledger, None).events


def _rebuild(ledger: Ledger, progress: Progress | None) -> ReplayReport:
    started = time.perf_counter()
    scratch = scratch_store(ledger)
    _create_scratch(scratch)
    events = 0
    while True:
        events += _fill(ledger, scratch, None, progress, events)
        if _swap(ledger, scratch):
            break
    return ReplayReport(
        events=events,
        position=scratch_position_after_swap(ledger),
        seconds=time.perf_counter() - started,
        swapped=True,
    )


def scratch_position_after_swap(ledger: Ledger) -> int:
    """The live view's position (after a swap it is the replayed one)."""
    return ledger.view.position()


def verify_view(ledger: Ledger, progress: Progress | None = None) -> ReplayReport:
    """Replay the log into scratch tables up to the live view's position and compare.

    It builds in the replay's scratch tables, so under the same lock (refused at once).
    """
    with replay_lock(ledger.location):
        return _verify_view(ledger, progress)


def _verify_view(ledger: Ledger, progress: Progress | None) -> ReplayReport:
    started = time.perf_counter()
    live_position = ledger.view.position()
    scratch = scratch_store(ledger)
    _create_scratch(scratch)
    try:
        events = _fill(ledger, scratch, live_position, progress, 0)
        difference = _first_difference(ledger.view.dump(), scratch.dump())
    finally:
        _drop_scratch(scratch)
    if difference:
        raise ViewMismatchError(
            f"the view differs from a replay of the log (through position {live_position}): "
            f"{difference}; run `ledger replay` to rebuild it"
        )
    return ReplayReport(
        events=events,
        position=live_position,
        seconds=time.perf_counter() - started,
        swapped=False,
    )


def _fill(
    ledger: Ledger,
    scratch: TermVersionStore,
    stop: int | None,
    progress: Progress | None,
    done: int,
) -> int:
    """Apply every event after the scratch position (through `stop`); returns how many."""
    head = ledger.app.recorder.max_notification_id() or 0
    total = min(head, stop) if stop is not None else head
    base = scratch.position()

    def report(applied: int) -> None:
        if progress is not None:
            progress(done + applied, max(total - base + done, done + applied))

    return TermVersionProjection(scratch).catch_up(ledger.app, stop=stop, progress=report)


def _create_scratch(scratch: TermVersionStore) -> None:
    with scratch.datastore.transaction(commit=True) as c:
        _drop_statements(c, scratch)
        for statement in scratch.tables.create_statements(scratch.blob_type):
            c.execute(statement)
        c.execute(scratch.sql("INSERT INTO {t}meta VALUES (?, ?)"), ("view_version", VIEW_VERSION))


def _drop_scratch(scratch: TermVersionStore) -> None:
    with scratch.datastore.transaction(commit=True) as c:
        _drop_statements(c, scratch)


def _drop_statements(c: Any, scratch: TermVersionStore) -> None:  # noqa: ANN401 (either driver)
    c.execute(
        scratch.sql(f"DELETE FROM {scratch.tracking_table} WHERE application_name = ?"),  # noqa: S608
        (scratch.tracking_name,),
    )
    for table in scratch.tables.names():
        c.execute(f"DROP TABLE IF EXISTS {table}")


def _swap(ledger: Ledger, scratch: TermVersionStore) -> bool:
    """Put the scratch tables in the live ones' place, if they hold the whole log.

    One transaction that first takes the writers' lock, so no event can be committed
    between the check and the swap. False: events arrived meanwhile; replay them first.
    """
    view, chain = ledger.view, ledger._chain  # noqa: SLF001 (the ledger's own recorder)
    position = scratch.position()
    with view.datastore.transaction(commit=True) as c:
        chain.lock_writers(c)
        c.execute(chain.sql("SELECT MAX({position}) AS head FROM {events}"))
        if int(c.fetchone()["head"] or 0) != position:
            return False
        c.execute(
            view.sql(f"DELETE FROM {view.tracking_table} WHERE application_name IN (?, ?)"),  # noqa: S608
            (view.tracking_name, scratch.tracking_name),
        )
        live_names = view.tables.names()
        for live, fresh in zip(live_names, scratch.tables.names(), strict=True):
            c.execute(f"DROP TABLE IF EXISTS {live}")
            c.execute(f"ALTER TABLE {fresh} RENAME TO {live}")
        chain.rename_indexes(c, scratch.tables.prefix, view.tables.prefix, live_names)
        for statement in view.tables.index_statements():
            c.execute(statement)
        c.execute(
            view.sql(f"INSERT INTO {view.tracking_table} VALUES (?, ?)"),  # noqa: S608
            (view.tracking_name, position),
        )
    return True


# --- recovering ---------------------------------------------------------------------------

_TRANSIENT = (
    "database is locked",
    "database table is locked",
    "tuple concurrently updated",
    "deadlock detected",
    "could not serialize access",
    "pg_type_typname_nsp_index",
    "already exists",
    "Failed to record tracking for __migration__",
)


def is_transient(error: Exception) -> bool:
    """Whether running the same command again can succeed (another process was busy)."""
    text = str(error)
    return any(marker in text for marker in _TRANSIENT)


def view_damaged(view: TermVersionStore) -> bool:
    """Whether the view claims events it does not hold (a table emptied or recreated).

    Every ledger with events has a document and an instrument, so a tracked view without
    either lost its rows; the ledger rebuilds it from the log on open.
    """
    if view.position() == 0:
        return False
    try:
        counts = [
            view._select(f"SELECT COUNT(*) AS n FROM {{t}}{table}", ())[0]["n"]  # noqa: S608, SLF001
            for table in ("documents", "instruments")
        ]
    except (sqlite3.Error, PersistenceError):
        return True  # a table is gone
    return 0 in counts


# --- stepping through history ------------------------------------------------------------


@dataclass
class StepFilter:
    """What `replay --step` prints: through a position, a legal date, one instrument."""

    until_position: int | None = None
    until: date | None = None
    instrument: str | None = None


def steps(ledger: Ledger, wanted: StepFilter) -> Iterator[StepEntry]:
    """Every event in log order with the term versions it changed; writes nothing.

    The instruments are folded in memory, as the projection folds them, so each event's
    effect is the difference between the versions before and after it. `until` is legal
    time: events whose certificate takes effect after it, and versions in force only
    after it, are left out.
    """
    app = ledger.app
    states: dict[UUID, InstrumentState] = {}
    start = 0
    while True:
        notifications = app.recorder.select_notifications(
            start=start, limit=BATCH_SIZE, stop=wanted.until_position, inclusive_of_start=False
        )
        if not notifications:
            return
        for notification in notifications:
            event = decode(app, notification)
            entry = _step(states, notification.id, event, wanted)
            if entry is not None:
                yield entry
        start = notifications[-1].id


def _step(
    states: dict[UUID, InstrumentState], position: int, event: LedgerEvent, wanted: StepFilter
) -> StepEntry | None:
    if isinstance(event, DocumentIngested):
        keep = wanted.instrument is None
        return (
            StepEntry(event=log_entry(position, event), instrument=None, changed=[])
            if keep
            else None
        )
    before = states.get(event.originator_id)
    # Before applying: the fold may extend the state it is given.
    old = version_records(before) if before is not None else []
    after = apply_event(before, event, position)
    states[event.originator_id] = after
    if wanted.instrument is not None and after.instrument_id != wanted.instrument:
        return None
    certificate_id = getattr(event, "certificate_id", None)
    if wanted.until is not None and certificate_id is not None:
        effective = effective_dates(after.certificates).get(certificate_id)
        if effective is not None and effective.effective_on > wanted.until:
            return None
    changed = [r for r in version_records(after) if r not in old]
    if wanted.until is not None:
        changed = [r for r in changed if r.valid_from <= wanted.until]
    return StepEntry(
        event=log_entry(position, event), instrument=after.instrument_id, changed=changed
    )


_KEY_COLUMNS = {
    "instruments": 1,
    "instrument_versions": 2,
    "term_versions": 2,
    "documents": 1,
    "certificates": 1,
}
"""How many leading columns are each view table's primary key (as `dump` orders them)."""


def _first_difference(live: list[tuple[Any, ...]], replayed: list[tuple[Any, ...]]) -> str:
    """The first row that differs, named by its table and primary key."""

    def keyed(rows: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        return {row[: 1 + _KEY_COLUMNS[row[0]]]: row for row in rows}

    live_rows, replayed_rows = keyed(live), keyed(replayed)
    for key in sorted(live_rows.keys() | replayed_rows.keys(), key=repr):
        table, where = "tl_" + key[0], ", ".join(map(str, key[1:]))
        if key not in replayed_rows:
            return f"{table} has a row ({where}) the log does not give"
        if key not in live_rows:
            return f"{table} lacks the row ({where}) the log gives"
        if live_rows[key] != replayed_rows[key]:
            return f"{table} row ({where}) was changed"
    return ""
