"""Re-reading stored documents with the current reader, recording only what changed.

A mixin of `Ledger`. For each document the log keeps (its bytes are evidence, see
`DocumentIngested.content_zlib`), the current reader reads it again and plans its facts
against the instrument as it stands without that document; the plan is compared fact by fact
with what is recorded. Facts read the same stay as they are; a fact read differently is
recorded anew, superseding the old one; a fact no longer read is withdrawn; a new one is
added. Every such event names the reason "re-read with reader vN". A fact a user corrected
is the user's: a re-read never overrides it. Nothing stored is updated or deleted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal
from uuid import UUID

import msgspec

from ledger.answers import DocumentQuote, LogEntry, RereadChange, RereadDocument, RereadReport
from ledger.describe import describe, event_type
from ledger.domain.amendment import plan_certificate
from ledger.domain.identity import document_stream, instrument_id_for, instrument_stream
from ledger.domain.state import InstrumentState, fold
from ledger.errors import BadOptionError, LedgerError, UnknownEventError
from ledger.events import (
    CertificateRecorded,
    Correction,
    DocumentIngested,
    DocumentTextRecorded,
    FactsWithdrawn,
    FilingRecorded,
    InstrumentAdopted,
    LedgerEvent,
)
from ledger.parsing import parse_file
from ledger.parsing.source import decode_text, split_lines
from ledger.parsing.version import READER_VERSION
from ledger.statements import ParsedDocument

if TYPE_CHECKING:
    from ledger.projections.view import TermVersionStore

_NOT_COMPARED = ("originator_id", "originator_version", "timestamp", "correction")
"""Fields that say where and when a fact was recorded, not what it says."""
_NOT_COMPARED_CERTIFICATE = ("sequence", "fingerprint")
"""A certificate's place among the others and its duplicate check are the ledger's, not the
document's: they are kept from the first reading."""


def fact_key(event: LedgerEvent) -> bytes:
    """What a fact says (the reader's version and recording details left out)."""
    fields = msgspec.structs.asdict(event)
    for name in _NOT_COMPARED:
        fields.pop(name, None)
    if isinstance(event, CertificateRecorded):
        for name in _NOT_COMPARED_CERTIFICATE:
            fields.pop(name, None)
    if event.provenance is not None:
        fields["provenance"] = msgspec.structs.replace(event.provenance, reader_version="")
    return type(event).TOPIC.encode() + msgspec.json.encode(fields)


def fact_identity(event: LedgerEvent) -> tuple[str, ...]:
    """Which fact an event is about, whatever it says of it (pairs a changed reading)."""
    return (
        type(event).TOPIC,
        str(getattr(event, "certificate_id", "")),
        str(getattr(event, "term", "") or getattr(event, "class_name", "")),
    )


class RereadCommands:
    """`reread`, for `Ledger`."""

    view: TermVersionStore

    if TYPE_CHECKING:  # provided by Ledger

        def catch_up(self) -> int: ...  # noqa: D102

        def _save(self, events: list[LedgerEvent], *, conflict: str) -> list[LogEntry]: ...

        def _stream(self, stream: UUID) -> list[LedgerEvent]: ...

        def _instrument_id(self, wanted: str, known_at: int | None = None) -> str: ...

    def reread(
        self,
        documents: Iterable[str] = (),
        *,
        instrument: str | None = None,
        every: bool = False,
        dry_run: bool = False,
    ) -> RereadReport:
        """Re-read stored documents (by sha256 or prefix, an instrument's, or all)."""
        self.catch_up()
        chosen = self._chosen_documents(list(documents), instrument, every=every)
        results = []
        for sha256, name in chosen:
            result, events = self._reread_one(sha256, name)
            if events and not dry_run:
                entries = self._save(events, conflict=f"the re-read of {name}")
                result = msgspec.structs.replace(result, outcome="recorded", events=entries)
            results.append(result)
        return RereadReport(reader_version=READER_VERSION, dry_run=dry_run, documents=results)

    def quote(self, document: str, first: int = 1, last: int | None = None) -> DocumentQuote:
        """Lines `first` to `last` of a stored document, as the log keeps its bytes.

        For one part of an EDGAR submission the line numbers are the submission's, as every
        fact's provenance gives them.
        """
        self.catch_up()
        found = self.view.documents_like(document.lower())
        if len(found) != 1:
            what = "no ingested document" if not found else f"{len(found)} documents"
            raise UnknownEventError(
                f"{what} matches {document!r}; give a document's sha256 or a unique prefix"
            )
        sha256, name = found[0]
        record = self._stream(document_stream(sha256))
        ingested = next(e for e in record if isinstance(e, DocumentIngested))
        content = ingested.content_zlib or next(
            (e.content_zlib for e in record if isinstance(e, DocumentTextRecorded)), None
        )
        if content is None:
            raise LedgerError(
                f"the log does not keep the text of {name} (ingested before texts were kept); "
                "ingest the same file again to keep it"
            )
        text, encoding = decode_text(zlib.decompress(content), name)
        lines = split_lines(text)
        last = len(lines) if last is None else last
        if not 1 <= first <= last <= len(lines):
            raise BadOptionError(f"--lines {first}-{last}: {name} has lines 1 to {len(lines)}")
        return DocumentQuote(
            document=name,
            sha256=sha256,
            encoding=encoding,
            received_at=ingested.received_at,
            reader_version=ingested.reader_version,
            first_line=first,
            last_line=last,
            lines=[line.text for line in lines[first - 1 : last]],
        )

    def _chosen_documents(
        self, wanted: list[str], instrument: str | None, *, every: bool
    ) -> list[tuple[str, str]]:
        if sum((bool(wanted), instrument is not None, every)) != 1:
            raise LedgerError(
                "name what to re-read: DOCUMENT_SHA..., --instrument ID or --all (one of them)"
            )
        everything = [(sha, name) for sha, name, _, _ in self.view.documents()]
        if every:
            return everything
        if instrument is not None:
            instrument_id = self._instrument_id(instrument)
            state = self.view.instrument_state(instrument_id)
            shas = {
                cert.event.provenance.document_sha256
                for cert in (state.certificates.values() if state else [])
                if cert.event.provenance
            }
            return [(sha, name) for sha, name in everything if sha in shas]
        chosen = []
        for prefix in wanted:
            found = self.view.documents_like(prefix.lower())
            if len(found) != 1:
                what = "no ingested document" if not found else f"{len(found)} documents"
                raise UnknownEventError(
                    f"{what} matches {prefix!r}; give a document's sha256 or a unique prefix"
                )
            chosen.append(found[0])
        return chosen

    def _reread_one(self, sha256: str, name: str) -> tuple[RereadDocument, list[LedgerEvent]]:
        """The differences for one document, and the events that would record them."""
        record = list(self._stream(document_stream(sha256)))
        ingested = next(e for e in record if isinstance(e, DocumentIngested))
        content = ingested.content_zlib or next(
            (e.content_zlib for e in record if isinstance(e, DocumentTextRecorded)), None
        )

        def skipped(note: str, read_by: list[str]) -> tuple[RereadDocument, list[LedgerEvent]]:
            return (
                RereadDocument(
                    document=name,
                    sha256=sha256,
                    outcome="skipped",
                    note=note,
                    recorded_with=read_by,
                    changes=[],
                ),
                [],
            )

        if content is None:
            return skipped("its text is not in the log: ingest the same file again to keep it", [])
        try:
            parsed = parse_file(
                zlib.decompress(content),
                ingested.container or ingested.file_name,
                accept_partial=True,
            )
        except LedgerError as error:
            return skipped(f"reader {READER_VERSION} refuses it: {error}", [])
        document = next((d for d in parsed.documents if d.sha256 == sha256), None)
        if document is None:
            return skipped(f"reader {READER_VERSION} no longer finds this document in its file", [])
        changes: list[RereadChange] = []
        events: list[LedgerEvent] = []
        read_by: set[str] = set()
        for certificate_id in ingested.certificate_ids:
            instrument = self.view.instrument_of_certificate(certificate_id)
            if instrument is None:
                continue
            stream = self._stream(instrument_stream(instrument))
            found = _reread_certificate(document, certificate_id, stream, ingested.file_name)
            if isinstance(found, str):
                return skipped(found, sorted(read_by))
            certificate_changes, certificate_events, versions = found
            read_by |= versions
            positions = _positions(self.view, instrument)
            changes += [
                msgspec.structs.replace(c, supersedes=positions.get(c.supersedes or 0))
                if c.supersedes
                else c
                for c in certificate_changes
            ]
            events += certificate_events
        outcome: Literal["changed", "unchanged"] = "changed" if changes else "unchanged"
        note = "" if changes else f"reader {READER_VERSION} reads the same facts"
        return (
            RereadDocument(
                document=name,
                sha256=sha256,
                outcome=outcome,
                note=note,
                recorded_with=sorted(read_by),
                changes=changes,
            ),
            events,
        )


def _reread_certificate(
    document: ParsedDocument, certificate_id: str, stream: list[LedgerEvent], name: str
) -> tuple[list[RereadChange], list[LedgerEvent], set[str]] | str:
    """Compare one certificate's recorded facts with the current reading (or say why not)."""
    sha256 = document.sha256
    full = fold(stream)
    assert full is not None  # noqa: S101 (the view saw this stream)
    if any(
        isinstance(e, FactsWithdrawn)
        and e.document_sha256 == sha256
        and e.correction is not None
        and e.correction.source == "user"
        for e in stream
    ):
        return "retracted by a user; a re-read does not bring it back"
    mine = [
        e
        for e in stream
        if e.provenance is not None
        and e.provenance.document_sha256 == sha256
        and not isinstance(e, InstrumentAdopted | FactsWithdrawn)
    ]
    standing = [e for e in mine if e.originator_version not in full.retired]
    user_fixed = _fixed_by_users(stream)
    recorded = [e for e in standing if fact_identity(e) not in user_fixed]
    versions = {e.provenance.reader_version for e in recorded if e.provenance}
    without = _state_before(stream, sha256)
    parsed = [
        c
        for c in document.certificates
        if instrument_id_for(c.issuer, c.series) == full.instrument_id
    ]
    if not parsed:
        return (
            f"reader {READER_VERSION} reads another instrument for {certificate_id}; "
            "correct the issuer with `ledger correct` instead"
        )
    try:
        _, planned = plan_certificate(
            parsed[0], without, document_sha256=sha256, document_name=name
        )
    except LedgerError as error:
        return f"reader {READER_VERSION} cannot record it against the instrument: {error}"
    reading = [
        _stamped(e)
        for e in planned
        if not isinstance(e, InstrumentAdopted) and fact_identity(e) not in user_fixed
    ]
    changes, events = _differences(recorded, reading, full, certificate_id)
    return changes, events, versions


def _fixed_by_users(stream: list[LedgerEvent]) -> set[tuple[str, ...]]:
    """The facts a user decided (corrected, or a filing date recorded): a re-read leaves them."""
    by_version = {e.originator_version: e for e in stream}
    fixed = set()
    for event in stream:
        by_user = event.correction is not None and event.correction.source == "user"
        if by_user or (isinstance(event, FilingRecorded) and event.source == "user"):
            fixed.add(fact_identity(event))
            for version in event.correction.supersedes if event.correction else []:
                if version in by_version:
                    fixed.add(fact_identity(by_version[version]))
    return fixed


def _differences(
    recorded: list[LedgerEvent],
    reading: list[LedgerEvent],
    state: InstrumentState,
    certificate_id: str,
) -> tuple[list[RereadChange], list[LedgerEvent]]:
    reason = f"re-read with reader v{READER_VERSION}"
    unmatched = list(recorded)
    fresh = []
    for event in reading:
        same = next((r for r in unmatched if fact_key(r) == fact_key(event)), None)
        if same is not None:
            unmatched.remove(same)
        else:
            fresh.append(event)
    changes: list[RereadChange] = []
    events: list[LedgerEvent] = []
    version = state.version
    pairs = []
    for event in fresh:
        old = next((r for r in unmatched if fact_identity(r) == fact_identity(event)), None)
        if old is not None:
            unmatched.remove(old)
        pairs.append((old, event))
    if unmatched:
        version += 1
        events.append(
            FactsWithdrawn(
                originator_id=state_stream(state),
                originator_version=version,
                certificate_id=certificate_id,
                document_sha256=unmatched[0].provenance.document_sha256
                if unmatched[0].provenance
                else "",
                correction=Correction(
                    supersedes=[e.originator_version for e in unmatched],
                    reason=reason,
                    source="reader",
                ),
            )
        )
        changes += [
            RereadChange(
                change="withdrawn",
                certificate_id=certificate_id,
                event_type=event_type(e),
                before=describe(e),
                after=None,
                supersedes=e.originator_version,
            )
            for e in unmatched
        ]
    for old, event in pairs:
        version += 1
        supersedes = [old.originator_version] if old is not None else []
        events.append(
            msgspec.structs.replace(
                event,
                originator_id=state_stream(state),
                originator_version=version,
                correction=Correction(supersedes=supersedes, reason=reason, source="reader"),
                **_kept_fields(old, event),
            )
        )
        changes.append(
            RereadChange(
                change="changed" if old is not None else "added",
                certificate_id=certificate_id,
                event_type=event_type(event),
                before=describe(old) if old is not None else None,
                after=describe(event),
                supersedes=old.originator_version if old else None,
            )
        )
    return changes, events


def _kept_fields(old: LedgerEvent | None, new: LedgerEvent) -> dict[str, Any]:
    """A re-read certificate keeps its place among the instrument's certificates."""
    if isinstance(old, CertificateRecorded) and isinstance(new, CertificateRecorded):
        return {"sequence": old.sequence}
    return {}


def state_stream(state: InstrumentState) -> UUID:
    """The stream of the instrument."""
    return instrument_stream(state.instrument_id)


def _stamped(event: LedgerEvent) -> LedgerEvent:
    if event.provenance is None:
        return event
    return msgspec.structs.replace(
        event, provenance=msgspec.structs.replace(event.provenance, reader_version=READER_VERSION)
    )


def _state_before(stream: list[LedgerEvent], sha256: str) -> InstrumentState | None:
    """The instrument as it stood when the document was first read (the stream before it).

    The current reader plans against the same facts the first reader did, so that every
    difference found is the reader's, not that of documents ingested since.
    """
    first = next(
        i
        for i, e in enumerate(stream)
        if e.provenance is not None and e.provenance.document_sha256 == sha256
    )
    return fold(stream[:first])


def _positions(view: TermVersionStore, instrument_id: str) -> dict[int, int]:
    """Stream version -> global position, from the view's folded state of the instrument."""
    from ledger.correcting import event_refs  # noqa: PLC0415 (one shared walk of the state)

    state = view.instrument_state(instrument_id)
    return {ref.originator_version: ref.position for ref in event_refs(state)} if state else {}
