"""Moving a ledger: copy its events, in order and at their positions, into an empty store.

The hash chain is copied link for link and then recomputed on the copy, so the copy is
proven to be the original: `verify --digest` of the original's head passes on it. The view
is not copied: it is rebuilt from the copied log.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import msgspec

from ledger.errors import LedgerError
from ledger.integrity import Digest
from ledger.storage import resolve_location
from ledger.stores import inspect_store

if TYPE_CHECKING:
    from ledger.application import Ledger

_BATCH = 2000


class MigrationReport(msgspec.Struct, frozen=True):
    """What `ledger migrate` copied, and the digest both ledgers now share."""

    source: str
    target: str
    events: int
    head: Digest
    seconds: float


def migrate(source: Ledger, target_url: str) -> MigrationReport:
    """Copy `source` into the empty ledger at `target_url` and verify the copy."""
    from ledger.application import Ledger  # noqa: PLC0415 (the application uses this module)

    started = time.perf_counter()
    location = resolve_location(target_url)
    if location.display == source.location.display:
        raise LedgerError(f"--to {location.display} is the ledger itself; give another store")
    head = source.verify().head  # a broken ledger is not copied
    store = inspect_store(location)
    if store.state == "ledger":
        with Ledger.open(target_url, create=False, read_only=True) as existing:
            held = existing._chain.max_position()  # noqa: SLF001
        if held:
            raise LedgerError(
                f"{location.display} already holds a ledger with {held} events; migrate copies "
                "into an empty database or file only (nothing was written)"
            )
    with Ledger.open(target_url, create=True) as target:
        _copy(source, target)
        copied = target.verify(head if head.position else None)
        target.catch_up()
    return MigrationReport(
        source=source.location.display,
        target=location.display,
        events=copied.events,
        head=copied.head,
        seconds=time.perf_counter() - started,
    )


def _copy(source: Ledger, target: Ledger) -> None:
    """Every event and link, in one transaction on the target: all of them or none."""
    reader, writer = source._chain, target._chain  # noqa: SLF001
    last = max(reader.max_position(), reader.max_link())
    with writer.datastore.transaction(commit=True) as c:
        writer.lock_writers(c)
        for after in range(0, last, _BATCH):
            until = min(after + _BATCH, last)
            writer.copy_in(c, reader.stored_records(after, until), reader.chain_links(after, until))
        writer.copy_meta(c, reader.chain_meta())
