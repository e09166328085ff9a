"""Instrument state -> the version rows the projection stores (pure: no storage here)."""

from __future__ import annotations

import msgspec

from ledger.answers import (
    AuthorityFacts,
    ConsentFacts,
    CorrectionNote,
    InstrumentRef,
    InstrumentSummary,
    ReviewNote,
    SourceRef,
    VersionRecord,
)
from ledger.domain.authority import AuthorityCheck, check_authority
from ledger.domain.effectiveness import Effectiveness, adoption, effective_dates
from ledger.domain.state import Certificate, EventRef, InstrumentState
from ledger.domain.timeline import TermVersion, build_timeline
from ledger.terms import term_key


def instrument_ref(state: InstrumentState) -> InstrumentRef:
    """The instrument as answers name it."""
    return InstrumentRef(
        id=state.instrument_id, title=state.title, issuer=state.issuer, series=state.series
    )


def instrument_summary(state: InstrumentState) -> InstrumentSummary:
    """The instrument as `instruments` lists it."""
    adopted_on, basis = adoption(state)
    return InstrumentSummary(
        id=state.instrument_id,
        title=state.title,
        issuer=state.issuer,
        series=state.series,
        adopted_on=adopted_on,
        adoption_basis=basis,
        text_recorded=state.text_recorded,
        certificates=len(state.certificates),
        terms=len({term_key(op.term) for op in state.operations if op.term}),
    )


def source_ref(event: EventRef) -> SourceRef:
    """An event reference as answers show it."""
    provenance = event.provenance
    return SourceRef(
        event_type=event.topic.rpartition(":")[2],
        position=event.position,
        stream_version=event.originator_version,
        recorded_at=event.recorded_at,
        document_name=provenance.document_name if provenance else None,
        document_sha256=provenance.document_sha256 if provenance else None,
        first_line=provenance.first_line if provenance else None,
        last_line=provenance.last_line if provenance else None,
        reader_version=provenance.reader_version if provenance else "",
    )


def correction_note(event: EventRef, state: InstrumentState) -> CorrectionNote | None:
    """The correction `event` made, as answers show it (None for a plain fact)."""
    correction = event.correction
    if correction is None:
        return None
    return CorrectionNote(
        event_type=event.topic.rpartition(":")[2],
        position=event.position,
        recorded_at=event.recorded_at,
        reason=correction.reason,
        source=correction.source,
        user=correction.user,
        supersedes=[
            state.retired[version].position
            for version in correction.supersedes
            if version in state.retired
        ],
    )


def _corrections_of(version: TermVersion, state: InstrumentState) -> list[CorrectionNote]:
    """Corrections of the facts a version rests on: its own, its certificate's, the instrument's."""
    refs = [version.event, state.adoption]
    cert = state.certificates.get(version.certificate_id or "")
    if cert is not None:
        refs += [cert.event, *(c.event for c in cert.consents), *(f.event for f in cert.filings)]
        refs += [f.event for f in (cert.board, cert.execution, cert.stated_effective) if f]
    notes = {n.position: n for n in (correction_note(r, state) for r in refs) if n is not None}
    return [notes[position] for position in sorted(notes)]


def authority_facts(
    cert: Certificate, eff: Effectiveness | None, check: AuthorityCheck | None = None
) -> AuthorityFacts | None:
    """The acts behind `cert` and its effectiveness `eff`, or None when it cannot be dated.

    `check` is the authority check (DGCL §242(b)) whose result and warning answers carry.
    """
    if eff is None:
        return None
    filing = cert.filings[-1] if cert.filings else None
    return AuthorityFacts(
        certificate_id=cert.certificate_id,
        kind=cert.kind,
        board_acted_on=cert.board.acted_on if cert.board else None,
        board_manner=cert.board.manner if cert.board else None,
        holder_consents=[
            ConsentFacts(
                class_name=c.class_name,
                threshold=c.threshold.fraction,
                at_least=c.threshold.at_least,
                wording=c.threshold.wording,
                separate_class=c.separate_class,
            )
            for c in cert.consents
        ],
        executed_on=cert.execution.executed_on if cert.execution else None,
        executed_by=cert.execution.officer if cert.execution else None,
        executed_by_title=cert.execution.officer_title if cert.execution else None,
        filed_on=filing.filed_on if filing else None,
        filing_source=filing.source if filing else None,
        stated_effective_time=cert.stated_effective.wording if cert.stated_effective else None,
        effective_on=eff.effective_on,
        effective_basis=eff.basis,
        assumed=eff.assumed,
        approval=check.status if check else None,
        approval_warning=check.warning if check else None,
    )


def version_records(state: InstrumentState) -> list[VersionRecord]:
    """Every version of every term of the instrument, ready to store."""
    instrument = instrument_ref(state)
    dates = effective_dates(state.certificates)
    authorities = {
        cid: authority_facts(cert, dates.get(cid), check_authority(cert, state.requirements))
        for cid, cert in state.certificates.items()
    }
    reviews = _review_notes(state)
    return [
        msgspec.structs.replace(
            _record(version, instrument, authorities),
            reviews=_reviews_of(version, reviews),
            corrections=_corrections_of(version, state),
        )
        for version in build_timeline(state)
    ]


def _review_notes(state: InstrumentState) -> list[tuple[set[str], ReviewNote]]:
    dates = effective_dates(state.certificates)
    notes = []
    for review in state.reviews:
        eff = dates.get(review.certificate_id)
        if eff is None:
            continue
        provenance = review.event.provenance
        note = ReviewNote(
            certificate_id=review.certificate_id,
            effective_on=eff.effective_on,
            reason=review.reason,
            sentences=review.sentences,
            document_name=provenance.document_name if provenance else None,
            first_line=provenance.first_line if provenance else None,
            last_line=provenance.last_line if provenance else None,
        )
        notes.append(({term_key(t) for t in review.terms}, note))
    return notes


def _reviews_of(
    record: TermVersion, reviews: list[tuple[set[str], ReviewNote]]
) -> list[ReviewNote]:
    """Reviews that bear on some day of the record: its term (or any term) from their date."""
    keys = {term_key(record.term), term_key(record.defined_within or "")}
    return [
        note
        for terms, note in reviews
        if (not terms or terms & keys)
        and (record.valid_to is None or note.effective_on < record.valid_to)
    ]


def _record(
    version: TermVersion,
    instrument: InstrumentRef,
    authorities: dict[str, AuthorityFacts | None],
) -> VersionRecord:
    eff = version.effectiveness
    return VersionRecord(
        term=version.term,
        instrument=instrument,
        status=version.status,
        text=version.text,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        valid_to_assumed=version.valid_to_assumed,
        operation=version.operation,
        defined_within=version.defined_within,
        inline_terms=version.inline_terms,
        assumed=eff.assumed if eff else False,
        effective_basis=eff.basis if eff else None,
        note=version.note,
        source=source_ref(version.event),
        authority=authorities.get(version.certificate_id) if version.certificate_id else None,
    )
