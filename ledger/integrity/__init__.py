"""Tamper evidence: a SHA-256 chain over every stored event, in position order.

Each link hashes the previous link with the canonical bytes of one stored record (its
position, originator id, version, topic and state, behind a format tag), so changing,
deleting, inserting or reordering any stored row breaks the chain at that position. The
links are written by the application recorders (`ledger.integrity.sqlite`, `.postgres`) in
the SAME transaction as the events, so a committed event always has its link. A link also
names the position before it, so a deleted row is named exactly even where positions are
not dense (PostgreSQL skips the numbers of rolled-back inserts).

Anyone who can write the database can also re-chain it; what makes a rewrite detectable is
a digest (`POSITION:HASH`) the user keeps elsewhere: `verify_chain(..., digest=...)` proves
the present ledger extends it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any, NoReturn, Protocol
from uuid import UUID

import msgspec

from ledger.errors import IntegrityViolationError, LedgerError

CHAIN_FORMAT = 1
"""Bump when the canonical bytes change; verify refuses a chain of an unknown format."""
GENESIS = bytes(32)
"""The link before position 1."""
_TAG = b"termledger-chain/%d\n" % CHAIN_FORMAT
_NULL = b"\xff"
_DIGEST = re.compile(r"(\d+):([0-9a-f]{64})")
_WINDOW = 2000


class StoredRecord(msgspec.Struct, frozen=True):
    """One stored-event row exactly as the database holds it (NULLs only if tampered)."""

    position: int
    originator_id: str | None
    originator_version: int | None
    topic: str | None
    state: bytes | None


class Digest(msgspec.Struct, frozen=True):
    """A chain position and its hash: what a user keeps to prove the ledger later."""

    position: int
    hash: str
    format: int = CHAIN_FORMAT

    def __str__(self) -> str:
        return f"{self.position}:{self.hash}"


class VerifyReport(msgspec.Struct, frozen=True):
    """The outcome of a successful verification."""

    events: int
    head: Digest
    extends: Digest | None = None
    backfilled_through: int = 0


class Link(msgspec.Struct, frozen=True):
    """One stored chain row: the position it seals, the position before it, and the hash."""

    position: int
    previous: int
    hash: str


class ChainStore(Protocol):
    """What verification needs of a recorder (`ledger.integrity.recorder` provides it)."""

    def chain_exists(self) -> bool: ...  # noqa: D102
    def chain_format(self) -> int | None: ...  # noqa: D102
    def chain_note(self) -> tuple[int, str] | None: ...  # noqa: D102
    def max_position(self) -> int: ...  # noqa: D102
    def max_link(self) -> int: ...  # noqa: D102
    def stored_records(self, after: int, until: int) -> list[StoredRecord]: ...  # noqa: D102
    def chain_links(self, after: int, until: int) -> list[Link]: ...  # noqa: D102
    def position_of(self, originator_id: UUID, version: int) -> int | None: ...  # noqa: D102


def canonical_id(originator_id: Any) -> str:  # noqa: ANN401 (UUID, or text as stored)
    """The originator id as it is hashed: 32 hex digits (SQLite's own spelling)."""
    return originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)


def link(previous: bytes, previous_position: int, record: StoredRecord) -> bytes:
    """The chain hash of `record`, after the link `previous` of `previous_position`."""
    digest = hashlib.sha256(_TAG)
    digest.update(previous)
    digest.update(previous_position.to_bytes(8, "big"))
    digest.update(record.position.to_bytes(8, "big"))
    version = record.originator_version
    for value in (
        None if record.originator_id is None else record.originator_id.encode(),
        None if version is None else str(version).encode(),
        None if record.topic is None else record.topic.encode(),
        record.state,
    ):
        # Length-prefixed, so no two different records share their bytes.
        digest.update(_NULL if value is None else b"\x00" + len(value).to_bytes(8, "big") + value)
    return digest.digest()


def parse_digest(text: str) -> Digest:
    """`POSITION:HASH` as `ledger digest` prints it; anything else is refused."""
    match = _DIGEST.fullmatch(text.strip().lower())
    if match is None or int(match[1]) < 1:
        raise LedgerError(
            f"{text!r} is not a digest: give POSITION:HASH as `ledger digest` "
            "prints it (a position and 64 hex digits)"
        )
    return Digest(position=int(match[1]), hash=match[2])


def verify_chain(store: ChainStore, digest: Digest | None = None) -> VerifyReport:
    """Recompute the chain from the stored rows; raise at the first position it breaks."""
    _require_chain(store)
    previous, last, events, found = GENESIS, 0, 0, None
    for position, record, stored in _aligned(store):
        if record is None:
            _broken(position, "the event is missing (deleted), but its chain link remains")
        if stored is None:
            _broken(position, "the event has no chain link (written behind the ledger's back)")
        if stored.previous > last:
            _broken(stored.previous, "neither the event nor its chain link is there (deleted)")
        expected = link(previous, last, record)
        if expected.hex() != stored.hash or stored.previous != last:
            _broken(position, _mismatch(store, position, expected))
        previous, last, events = expected, position, events + 1
        if digest is not None and position == digest.position:
            found = stored.hash
    if digest is not None:
        _check_extends(digest, found, last)
    note = store.chain_note()
    return VerifyReport(
        events=events,
        head=Digest(position=last, hash=previous.hex()),
        extends=digest,
        backfilled_through=note[0] if note else 0,
    )


def chain_links(previous: Link | None, records: Iterable[StoredRecord]) -> list[Link]:
    """The links that seal `records` (in position order) after the link `previous`."""
    value = bytes.fromhex(previous.hash) if previous else GENESIS
    last = previous.position if previous else 0
    links = []
    for record in records:
        value = link(value, last, record)
        links.append(Link(position=record.position, previous=last, hash=value.hex()))
        last = record.position
    return links


def _aligned(
    store: ChainStore,
) -> Iterator[tuple[int, StoredRecord | None, Link | None]]:
    """Every position that has a stored row or a link, with both (or None), in order."""
    head = max(store.max_position(), store.max_link())
    for after in range(0, head, _WINDOW):
        until = min(after + _WINDOW, head)
        records = {r.position: r for r in store.stored_records(after, until)}
        links = {link.position: link for link in store.chain_links(after, until)}
        for position in sorted(records.keys() | links.keys()):
            yield position, records.get(position), links.get(position)


def _mismatch(store: ChainStore, position: int, expected: bytes) -> str:
    """Say whether the event or the link was changed: the next link tells them apart."""
    following = store.chain_links(position, position + _WINDOW)[:1]
    records = [r for r in store.stored_records(position, position + _WINDOW)[:1] if following]
    if (
        records
        and records[0].position == following[0].position
        and link(expected, position, records[0]).hex() == following[0].hash
    ):
        return "its chain link was altered (the event still matches the next link)"
    return "the stored event differs from the one recorded (changed, or rows reordered)"


def _check_extends(digest: Digest, found: str | None, events: int) -> None:
    if digest.position > events:
        raise IntegrityViolationError(
            f"the ledger does not extend digest {digest}: it ends at position {events}, "
            f"before {digest.position} (truncated, or the digest is from another ledger)"
        )
    if found != digest.hash:
        raise IntegrityViolationError(
            f"the ledger does not extend digest {digest}: its link at position "
            f"{digest.position} is {found} (rewritten, or the digest is from another ledger)"
        )


def _require_chain(store: ChainStore) -> None:
    # A ledger from before tamper evidence, opened read-only (verify and digest never
    # write), has not even the chain's tables: its first writing open computes them.
    chain_format = store.chain_format() if store.chain_exists() else None
    if chain_format is None:
        raise LedgerError(
            "this ledger has no hash chain yet (its events were recorded before termledger "
            "kept one); run `ledger catch-up` once to compute it (verify and digest never write)"
        )
    if chain_format != CHAIN_FORMAT:
        raise LedgerError(
            f"this ledger's hash chain has format {chain_format}; this termledger knows "
            f"format {CHAIN_FORMAT} (upgrade termledger)"
        )


def _broken(position: int, why: str) -> NoReturn:
    raise IntegrityViolationError(f"chain broken at position {position}: {why}")
