"""The use cases that correct the ledger: record-filing, correct, retract.

A mixin of `Ledger` (which provides the application, the view, `_save` and `_stream`): each
finds what it acts on through the view's indexes, decides from the instrument's own stream
(the write side never trusts the view), and saves new events in one transaction.
"""

from __future__ import annotations

import getpass
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from ledger.answers import CorrectionReport, FilingReport, LogEntry
from ledger.corrections import (
    FactChange,
    check_not_superseded,
    corrected_fact,
    filing_events,
    require_reason,
    retraction,
)
from ledger.domain.effectiveness import effective_dates
from ledger.domain.identity import instrument_stream
from ledger.domain.state import Certificate, EventRef, InstrumentState, apply_event, fold
from ledger.errors import UnknownCertificateError, UnknownEventError
from ledger.events import DocumentIngested, DocumentTextRecorded, LedgerEvent
from ledger.inputs import read_document
from ledger.parsing import parse_document

if TYPE_CHECKING:
    from eventsourcing.application import Application

    from ledger.projections.view import TermVersionStore


def login_name() -> str:
    """Who is correcting: the login name (LEDGER_USER overrides it)."""
    try:
        return os.environ.get("LEDGER_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class CorrectionCommands:
    """`record_filing`, `correct` and `retract`, for `Ledger`."""

    app: Application[Any]
    view: TermVersionStore

    if TYPE_CHECKING:  # provided by Ledger

        def catch_up(self) -> int: ...  # noqa: D102

        def _save(self, events: list[LedgerEvent], *, conflict: str) -> list[LogEntry]: ...

        def _stream(self, stream: UUID) -> list[LedgerEvent]: ...

    def record_filing(
        self,
        certificate: str,
        filed_on: date,
        *,
        note: str = "",
        reason: str | None = None,
        user: str | None = None,
    ) -> FilingReport:
        """Record the date a certificate was really filed; answers follow it from now on.

        The same date again records nothing. Another date than the one recorded (stated by
        the document or recorded by a user) is a correction and needs `reason`.
        """
        cert, state = self._find_certificate(certificate)
        event = filing_events(
            state,
            cert.certificate_id,
            filed_on,
            note=note,
            reason=reason,
            user=user or login_name(),
        )
        if event is None:
            known = self.view.instrument_state(state.instrument_id)
            filing = (known or state).certificates[cert.certificate_id].filings[-1]
            entry, outcome, superseded = _entry(filing.event), "unchanged", []
        else:
            [entry] = self._save([event], conflict=f"the filing of {cert.certificate_id}")
            superseded = _positions_of(
                self.view, state, event.correction.supersedes if event.correction else []
            )
            state = apply_event(state, event, entry.position)
            outcome = "corrected" if event.correction else "recorded"
        # The same rule as the timeline: a correction takes its target's date (§103(f)).
        eff = effective_dates(state.certificates)[cert.certificate_id]
        return FilingReport(
            certificate_id=cert.certificate_id,
            filed_on=filed_on,
            effective_on=eff.effective_on,
            effective_basis=eff.basis,
            event=entry,
            outcome=outcome,  # type: ignore[arg-type]
            supersedes=superseded,
        )

    def correct(
        self, position: int, change: FactChange, *, reason: str | None, user: str | None = None
    ) -> CorrectionReport:
        """Replace the fact recorded at `position` with the user's value, saying why."""
        why = require_reason(reason, "a correction")
        event = self._event_at(position)
        if isinstance(event, DocumentIngested | DocumentTextRecorded):
            raise UnknownEventError(
                f"the event at position {position} records a document, not a fact; "
                "to withdraw what was read from it, use `ledger retract`"
            )
        state = fold(self._stream(event.originator_id))
        assert state is not None  # noqa: S101 (the stream holds this event)
        known = self.view.instrument_state(state.instrument_id) or state
        check_not_superseded(known, event.originator_version, position)
        who = user or login_name()
        fixed = corrected_fact(
            event, change, version=state.version + 1, reason=why, user=who, position=position
        )
        entries = self._save([fixed], conflict=f"the correction of position {position}")
        return CorrectionReport(reason=why, user=who, events=entries, supersedes=[position])

    def retract(
        self, document: str, *, reason: str | None, user: str | None = None
    ) -> CorrectionReport:
        """Withdraw everything the ledger read from a document ingested by mistake.

        The document stays in the log as evidence; its facts no longer stand, and every
        answer that rested on them is superseded (`--known-at` still shows them).
        """
        why = require_reason(reason, "a retraction")
        sha256, certificate_ids = self._document(document)
        who = user or login_name()
        events: list[LedgerEvent] = []
        superseded: list[int] = []
        for certificate_id in certificate_ids:
            instrument = self.view.instrument_of_certificate(certificate_id)
            if instrument is None:
                continue
            stream = self._stream(instrument_stream(instrument))
            state = fold(stream)
            assert state is not None  # noqa: S101 (the view saw this stream)
            withdrawn = retraction(
                state, stream, sha256=sha256, certificate_id=certificate_id, reason=why, user=who
            )
            if withdrawn is not None and withdrawn.correction is not None:
                events.append(withdrawn)
                superseded += _positions_of(self.view, state, withdrawn.correction.supersedes)
        if not events:
            raise UnknownEventError(
                f"nothing read from {document} still stands (already retracted); nothing recorded"
            )
        entries = self._save(events, conflict=f"the retraction of {document}")
        return CorrectionReport(reason=why, user=who, events=entries, supersedes=sorted(superseded))

    # --- lookups through the view's indexes ---------------------------------------------

    def _event_at(self, position: int) -> LedgerEvent:
        notifications = self.app.recorder.select_notifications(start=position, limit=1)
        if position < 1 or not notifications or notifications[0].id != position:
            raise UnknownEventError(f"there is no event at position {position}; see `ledger log`")
        from ledger.projections.projection import decode  # noqa: PLC0415 (one use)

        return decode(self.app, notifications[0])

    def _document(self, wanted: str) -> tuple[str, list[str]]:
        """A document's sha256 and certificates, from its path, hash or a prefix of its hash."""
        path = Path(wanted)
        if path.is_file():
            sha256 = parse_document(read_document(path), path.name).sha256
        else:
            found = [s for s, _ in self.view.documents_like(wanted.lower())]
            if len(found) != 1:
                what = "no ingested document" if not found else f"{len(found)} documents"
                raise UnknownEventError(
                    f"{what} matches {wanted!r}; give the file's path or its sha256 "
                    "(`ledger log` shows the first 12 characters)"
                )
            sha256 = found[0]
        ids = self.view.certificates_of_document(sha256)
        if ids is None:
            raise UnknownEventError(f"{wanted} has not been ingested; nothing to retract")
        return sha256, ids

    def _find_certificate(self, wanted: str) -> tuple[Certificate, InstrumentState]:
        """The certificate `wanted` names, and its instrument folded from the log.

        Indexed lookups only (exact id, then a prefix of the id, then the ingested file's
        hash): never a decode of every instrument.
        """
        self.catch_up()
        ids = self._certificate_ids_from_file(wanted)
        if ids is not None:
            matches = [(i, self.view.instrument_of_certificate(i)) for i in ids]
        elif (instrument := self.view.instrument_of_certificate(wanted)) is not None:
            matches = [(wanted, instrument)]
        else:
            matches = list(self.view.certificates_like(wanted))
        if len(matches) > 1:
            names = ", ".join(c for c, _ in matches)
            raise UnknownCertificateError(f"{wanted!r} matches several certificates: {names}")
        if not matches or matches[0][1] is None:
            raise UnknownCertificateError(
                f"no certificate matches {wanted!r}; give a certificate id as shown by "
                "`ledger history` or `ledger log`, or the path of the ingested file"
            )
        certificate_id, instrument = matches[0]
        # The write side decides from the log, not from the view.
        fresh = fold(self._stream(instrument_stream(cast("str", instrument))))
        if fresh is None or certificate_id not in fresh.certificates:
            raise UnknownCertificateError(
                f"{certificate_id} was retracted; nothing read from it stands"
            )
        return fresh.certificates[certificate_id], fresh

    def _certificate_ids_from_file(self, wanted: str) -> list[str] | None:
        path = Path(wanted)
        if not path.is_file():
            return None
        parsed = parse_document(read_document(path), path.name)
        ids = self.view.certificates_of_document(parsed.sha256)
        if ids is None:
            raise UnknownCertificateError(f"{wanted} has not been ingested; ingest it first")
        return ids


def _entry(ref: EventRef) -> LogEntry:
    provenance = ref.provenance
    return LogEntry(
        position=ref.position,
        recorded_at=ref.recorded_at,
        event_type=ref.topic.rpartition(":")[2],
        stream="",
        stream_version=ref.originator_version,
        summary="already recorded",
        document_name=provenance.document_name if provenance else None,
        first_line=provenance.first_line if provenance else None,
        last_line=provenance.last_line if provenance else None,
    )


def _positions_of(view: TermVersionStore, state: InstrumentState, versions: list[int]) -> list[int]:
    """Global positions of stream versions, read from the view's folded state."""
    known = view.instrument_state(state.instrument_id)
    if known is None:
        return []
    refs = {ref.originator_version: ref.position for ref in event_refs(known)}
    return sorted(refs[v] for v in versions if v in refs)


def event_refs(state: InstrumentState) -> list[EventRef]:
    """Every event the folded state refers to, superseded facts included."""
    refs = [
        state.adoption,
        *(op.event for op in state.operations),
        *(r.event for r in state.reviews),
    ]
    refs += list(state.retired.values())
    for cert in state.certificates.values():
        refs += [cert.event, *(c.event for c in cert.consents), *(f.event for f in cert.filings)]
        refs += [f.event for f in (cert.board, cert.execution, cert.stated_effective) if f]
    return refs
