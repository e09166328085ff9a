"""Planning an ingest: every document of every file, each against the ones before it.

Nothing here writes: the plan holds the events, the application saves them all in one
transaction. A document already in the ledger (same bytes) is planned as nothing; a part
of an EDGAR submission with no certificate is reported as skipped.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from uuid import UUID

import msgspec

from ledger.answers import IngestReport
from ledger.describe import log_entry
from ledger.domain.amendment import plan_certificate
from ledger.domain.identity import document_stream, instrument_id_for, instrument_stream
from ledger.domain.state import InstrumentState, apply_event, fold
from ledger.errors import ParseError, UnknownInstrumentError
from ledger.events import (
    DocumentIngested,
    DocumentTextRecorded,
    LedgerEvent,
    Provenance,
    recorded_now,
)
from ledger.joining import (
    implausible_issuer,
    issuer_key,
    lookalike,
    lookalike_message,
    undated_sibling_message,
    undated_unheaded_message,
)
from ledger.statements import ParsedCertificate, ParsedDocument, ParsedFile, SkippedPart

_EXCERPT_LINES = 12


@dataclass
class _Planned:
    name: str
    sha256: str
    encoding: str
    certificate_ids: list[str]
    events: list[LedgerEvent] | None  # None: the same bytes are already in the ledger
    skipped: str | None = None
    note: str = ""
    known: bool = False
    file_lines: dict[int, str] = field(default_factory=dict)


@dataclass
class IngestPlan:
    """The events of a batch of files."""

    read_stream: Callable[[UUID], list[LedgerEvent]]
    recorded_certificates: Callable[[str], list[str] | None]
    reader_version: str = ""
    """Stamped on every interpreted fact (the domain never imports the reader)."""
    text_missing: Callable[[str], bool] = lambda _sha256: False
    """Whether a recorded document's text is missing from the log (ledgers from before 2026-12)."""
    instrument: str | None = None
    """An instrument id the user named (`ledger ingest --instrument`): certificates join it."""
    instruments: Callable[[], list[tuple[str, str]]] = list
    """(id, issuer) of the instruments in the ledger (a new one must not merely look like one)."""
    _received_at: datetime = field(default_factory=recorded_now)
    _states: dict[UUID, InstrumentState | None] = field(default_factory=dict)
    _planned: list[_Planned] = field(default_factory=list)

    def add_file(self, parsed: ParsedFile, file_lines: dict[int, str], data: bytes = b"") -> None:
        """Plan every document of a parsed file; `file_lines` serve `--explain`.

        `data` is the file as received: the evidence every document of it keeps.
        """
        content = zlib.compress(data, 9) if data else None
        content_sha256 = hashlib.sha256(data).hexdigest() if data else ""
        for part in parsed.parts:
            if isinstance(part, SkippedPart):
                self._planned.append(_Planned(part.name, "", "", [], None, skipped=part.reason))
            else:
                self._add_document(part, file_lines, content, content_sha256)

    def _joined(self, certificate: ParsedCertificate, name: str) -> ParsedCertificate:
        """The certificate as acting on the instrument the user named, if one was named."""
        if self.instrument is None:
            return certificate
        stream = instrument_stream(self.instrument)
        if stream not in self._states:
            self._states[stream] = fold(self.read_stream(stream))
        state = self._states[stream]
        if state is None:
            raise UnknownInstrumentError(
                f"{name}: --instrument {self.instrument!r} names no instrument in the ledger "
                "(see `ledger instruments` for the ids)"
            )
        return msgspec.structs.replace(certificate, issuer=state.issuer, series=state.series)

    def _add_document(
        self,
        parsed: ParsedDocument,
        file_lines: dict[int, str],
        content: bytes | None,
        content_sha256: str,
    ) -> None:
        earlier = [p.certificate_ids for p in self._planned if p.sha256 == parsed.sha256]
        known = earlier[0] if earlier else self.recorded_certificates(parsed.sha256)
        if known is not None:
            events: list[LedgerEvent] | None = None
            note = ""
            if not earlier and content is not None and self.text_missing(parsed.sha256):
                events = [self._text_recorded(parsed, content, content_sha256)]
                note = "its text is now kept in the log as evidence"
            self._planned.append(
                _Planned(
                    parsed.name,
                    parsed.sha256,
                    parsed.encoding,
                    known,
                    events,
                    note=note,
                    known=True,
                )
            )
            return
        certificate_ids, events = [], []
        for read in parsed.certificates:
            certificate = self._joined(read, parsed.name)
            instrument_id = instrument_id_for(certificate.issuer, certificate.series)
            stream = instrument_stream(instrument_id)
            if stream not in self._states:
                self._states[stream] = fold(self.read_stream(stream))
            if self._states[stream] is None:
                self._refuse_lookalike(certificate, instrument_id, parsed.name)
            certificate_id, planned = plan_certificate(
                certificate,
                self._states[stream],
                document_sha256=parsed.sha256,
                document_name=parsed.name,
            )
            state = self._states[stream]
            planned = [self._stamped(event) for event in planned]
            for event in planned:  # fold on: later documents of the batch see this one
                state = apply_event(state, event)
            self._states[stream] = state
            certificate_ids.append(certificate_id)
            events.extend(planned)
        document = DocumentIngested(
            originator_id=document_stream(parsed.sha256),
            originator_version=1,
            provenance=Provenance(
                document_sha256=parsed.sha256,
                document_name=parsed.name,
                first_line=certificate.span.first_line if parsed.certificates else 1,
                last_line=parsed.line_count,
            ),
            sha256=parsed.sha256,
            file_name=parsed.name,
            byte_size=parsed.byte_size,
            encoding=parsed.encoding,
            line_count=parsed.line_count,
            certificate_ids=certificate_ids,
            container=parsed.container,
            content_zlib=content,
            content_sha256=content_sha256,
            received_at=self._received_at,
            reader_version=self.reader_version,
        )
        self._planned.append(
            _Planned(
                parsed.name,
                parsed.sha256,
                parsed.encoding,
                certificate_ids,
                [document, *events],
                file_lines=file_lines,
                note="; ".join(
                    f"the vote required to amend it is not recorded: {c.requirement_refused} "
                    "(state it with `ledger record-requirement`)"
                    for c in parsed.certificates
                    if c.requirement_refused
                ),
            )
        )

    def _refuse_lookalike(
        self, certificate: ParsedCertificate, instrument_id: str, name: str
    ) -> None:
        """A new instrument whose issuer was misread (refused, naming the option that settles it).

        A known instrument with words before its name, or a name that begins with a heading's
        connecting word ("Of X Corp.").
        """
        if self.instrument is not None or "issuer" in certificate.supplied:
            return
        known = {
            *self.instruments(),
            *((s.instrument_id, s.issuer) for s in self._states.values() if s is not None),
        }
        other = lookalike(instrument_id, [i for i, _ in known])
        siblings = [
            i for i, issuer in known if issuer_key(issuer) == issuer_key(certificate.issuer)
        ]
        undated = (
            certificate.kind in {"amendment", "correction"}
            and certificate.instrument_dated is None
            and certificate.instrument_filed is None
            and certificate.adopted_on is None
        )
        if other is not None:
            reason: str | None = lookalike_message(instrument_id, certificate.issuer, other)
        elif undated and certificate.series_from_body:
            reason = undated_unheaded_message(certificate.series)
        elif undated and siblings:
            # Which of the issuer's instruments it amends is the reader's guess (the series
            # may have been read from a recital about another one): the user decides.
            reason = undated_sibling_message(certificate.issuer, siblings)
        else:
            reason = implausible_issuer(certificate.issuer)
        if reason is not None:
            raise ParseError(reason, file=name, line=certificate.span.first_line)

    def _stamped(self, event: LedgerEvent) -> LedgerEvent:
        """`event` with the reader's version in its provenance."""
        if event.provenance is None or not self.reader_version:
            return event
        provenance = msgspec.structs.replace(event.provenance, reader_version=self.reader_version)
        return msgspec.structs.replace(event, provenance=provenance)

    def _text_recorded(
        self, parsed: ParsedDocument, content: bytes, content_sha256: str
    ) -> DocumentTextRecorded:
        return DocumentTextRecorded(
            originator_id=document_stream(parsed.sha256),
            originator_version=2,
            sha256=parsed.sha256,
            file_name=parsed.name,
            encoding=parsed.encoding,
            content_zlib=content,
            content_sha256=content_sha256,
            received_at=self._received_at,
        )

    def events(self) -> list[LedgerEvent]:
        """Every event to save, in order."""
        return [e for p in self._planned for e in p.events or []]

    def reports(
        self,
        outcome: Literal["recorded", "dry_run"],
        positions: dict[int, int],
        *,
        explain: bool = False,
    ) -> list[IngestReport]:
        """One report per document; `positions` maps id(event) to its stored position."""
        return [
            IngestReport(
                file=p.name,
                sha256=p.sha256,
                outcome="skipped" if p.skipped else ("already_recorded" if p.known else outcome),
                encoding=p.encoding,
                certificates=p.certificate_ids,
                events=[
                    log_entry(
                        positions.get(id(e), 0), e, _excerpt(e, p.file_lines) if explain else None
                    )
                    for e in p.events or []
                ],
                note=p.skipped or p.note,
            )
            for p in self._planned
        ]


def _excerpt(event: LedgerEvent, file_lines: dict[int, str]) -> str | None:
    provenance = event.provenance
    if provenance is None or isinstance(event, DocumentIngested):
        return None
    numbers = range(provenance.first_line, provenance.last_line + 1)
    shown = [f"{n:>5}  {file_lines.get(n, '')}".rstrip() for n in numbers[:_EXCERPT_LINES]]
    if len(numbers) > _EXCERPT_LINES:
        shown.append(f"       ... ({len(numbers) - _EXCERPT_LINES} more lines)")
    return "\n".join(shown)
