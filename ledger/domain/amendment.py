"""What a parsed certificate means for an instrument, given what the ledger already holds.

The certificate-level rules live here: which instrument it acts on (and whether this is the
first the ledger hears of it), when it took effect (DGCL §103; a correction under §103(f)
as of the certificate it corrects), the corporate acts behind it, and whether it restates
the definitions as a new baseline. What each operation does is `changes.py`.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import msgspec

from ledger.domain.changes import ChangePlanner
from ledger.domain.correction_target import (
    corrected_by_filing,
    filings_recited_by_correction,
    waiting_corrections_of,
)
from ledger.domain.effectiveness import (
    Effectiveness,
    application_order,
    effective_dates,
    unstated_adoption_basis,
)
from ledger.domain.identity import instrument_id_for, instrument_stream
from ledger.domain.state import (
    BoardAction,
    Certificate,
    EventRef,
    Execution,
    Filing,
    InstrumentState,
    StatedEffectiveTime,
)
from ledger.domain.streams import DocumentSource, EventStream
from ledger.errors import ConflictingEventError, ParseError
from ledger.events import (
    AdoptionRecital,
    AmendmentRequirementStated,
    BoardActionRecorded,
    CertificateRecorded,
    DefinitionsRestated,
    EffectiveTimeStated,
    ExecutionRecorded,
    FilingRecorded,
    HolderConsentRecorded,
    InstrumentAdopted,
    LedgerEvent,
    RequiredConsent,
    ReviewRequired,
)
from ledger.statements import ParsedCertificate, ParsedDate, Span

_NOT_RECORDED = datetime(1970, 1, 1, tzinfo=UTC)  # placeholder for facts not yet stored
_REVIEW_REASON = "amending language the ledger could not interpret (ingested with --accept-partial)"
_BLANK = EventRef(
    topic="", originator_version=0, position=0, recorded_at=_NOT_RECORDED, provenance=None
)


def plan_certificate(
    parsed: ParsedCertificate,
    state: InstrumentState | None,
    *,
    document_sha256: str,
    document_name: str,
) -> tuple[str, list[LedgerEvent]]:
    """The certificate id and the events that record `parsed` against `state`."""
    source = DocumentSource(document_sha256, document_name)
    instrument_id = instrument_id_for(parsed.issuer, parsed.series)
    stream = EventStream(instrument_stream(instrument_id), state.version if state else 0, source)
    certificate = _provisional_certificate(parsed, state, instrument_id, document_name)
    certificates = {
        **(state.certificates if state else {}),
        certificate.certificate_id: certificate,
    }
    eff = effective_dates(certificates).get(certificate.certificate_id)
    if eff is None:  # the parser guarantees a date; kept as a clear refusal all the same
        raise ParseError("the certificate states no date at all", file=document_name)
    if state is None:
        stream.events.append(_adoption(parsed, stream, instrument_id, eff))
    else:
        _refuse_second_original(parsed, state, instrument_id, document_name)
        _refuse_duplicate(parsed, state, document_name)
        better = _better_adoption(parsed, state, stream, instrument_id, eff)
        if better is not None:
            stream.events.append(better)
    stream.append(
        CertificateRecorded,
        parsed.span,
        certificate_id=certificate.certificate_id,
        kind=parsed.kind,
        title=_certificate_title(parsed, eff),
        sequence=certificate.sequence,
        amended_section=parsed.amended_section,
        corrects=certificate.corrects,
        fingerprint=fingerprint(parsed),
        corrects_on=certificate.corrects_on,
        corrects_wording=certificate.corrects_wording,
        corrected_filed_on=certificate.corrected_filed_on,
        corrected_filed_wording=certificate.corrected_filed_wording,
    )
    _authority_events(parsed, stream, certificate.certificate_id)
    _requirement_event(parsed, stream, instrument_id, certificate.certificate_id)
    _recited_filing(parsed, state, stream, certificate.corrects)
    if parsed.kind == "original" and state is not None:
        _filing_recited_earlier(parsed, state, stream, certificate.certificate_id)
        if (state.issuer, state.title) != (parsed.issuer, parsed.title):
            # The original names its issuer and itself as ingesting it first would have.
            stream.events.append(_adoption(parsed, stream, instrument_id, eff))
    if state is not None:
        _filing_recited_by_waiting_correction(parsed, state, stream, certificate.certificate_id)
    if parsed.restates is not None:
        stream.append(
            DefinitionsRestated,
            parsed.span,
            certificate_id=certificate.certificate_id,
            scope=parsed.restates,
            section=parsed.restated_section,
        )
    order = application_order(certificates, effective_dates(certificates))
    preceding = {cid for cid, key in order.items() if key < order[certificate.certificate_id]}
    # Operations can be checked only against a recorded text: one that an original or a
    # restatement preceding this certificate states, and, for a correction, the text of the
    # certificate it corrects (while that is not in the ledger, its operations are recorded
    # as they are and the view applies them once it is).
    text_recorded = (
        parsed.kind in {"original", "restatement"}
        or any(certificates[cid].kind in {"original", "restatement"} for cid in preceding)
    ) and certificate.corrects_on is None
    ChangePlanner(
        state, stream, certificate.certificate_id, eff.effective_on, text_recorded, preceding
    ).plan(parsed.operations)
    for sentence in parsed.uninterpreted:
        stream.append(
            ReviewRequired,
            sentence.span,
            certificate_id=certificate.certificate_id,
            reason=sentence.reason or _REVIEW_REASON,
            terms=sentence.terms,
            sentences=[sentence.text],
        )
    return certificate.certificate_id, stream.events


def fingerprint(parsed: ParsedCertificate) -> str:
    """What makes two documents the same certificate, whatever their bytes or line breaks."""
    content = (
        parsed.kind,
        parsed.execution.executed_on if parsed.execution else None,
        parsed.board.acted_on if parsed.board else None,
        [
            (op.instruction, op.term, op.text, op.old_words, op.new_words, op.new_term)
            for op in parsed.operations
        ],
    )
    return hashlib.sha256(msgspec.json.encode(content)).hexdigest()


def _refuse_duplicate(parsed: ParsedCertificate, state: InstrumentState, name: str) -> None:
    """The same certificate in other bytes (re-saved, re-wrapped) must not be recorded twice."""
    mark = fingerprint(parsed)
    for cert in state.certificates.values():
        if cert.fingerprint == mark:
            source = cert.event.provenance.document_name if cert.event.provenance else "?"
            raise ConflictingEventError(
                f"this certificate is already recorded as {cert.certificate_id} (from {source}); "
                "the bytes differ but the certificate is the same",
                file=name,
            )


def _refuse_second_original(
    parsed: ParsedCertificate, state: InstrumentState, instrument_id: str, name: str
) -> None:
    """Two different originals of one instrument conflict; an original after amendments does not.

    An original ingested after its amendments or its restatement supplies the text of its own
    period: the view applies the amendments to it in legal order.
    """
    if parsed.kind != "original":
        return
    if any(cert.kind == "original" for cert in state.certificates.values()):
        raise ConflictingEventError(
            f"instrument {instrument_id} already has its original text; ingest amendments instead",
            file=name,
        )


def _provisional_certificate(
    parsed: ParsedCertificate, state: InstrumentState | None, instrument_id: str, name: str
) -> Certificate:
    """The certificate as it will stand once recorded, to decide its effective date."""
    dated = (
        (parsed.execution.executed_on if parsed.execution else None)
        or (parsed.board.acted_on if parsed.board else None)
        or (parsed.filing.on if parsed.filing else None)
    )
    base = f"{instrument_id}@{dated}"
    corrects = _corrected(parsed, state, name)
    recited = _target_filing_recited(parsed) if corrects is None else None
    existing = state.certificates if state else {}
    certificate_id, n = base, 1
    while certificate_id in existing:
        n += 1
        certificate_id = f"{base}.{n}"
    return Certificate(
        certificate_id=certificate_id,
        kind=parsed.kind,
        title="",
        sequence=(state.certificate_count() if state else 0) + 1,
        amended_section=parsed.amended_section,
        event=_BLANK,
        corrects=corrects,
        fingerprint=fingerprint(parsed),
        corrects_on=parsed.corrects.on if parsed.corrects and corrects is None else None,
        corrects_wording=parsed.corrects.wording if parsed.corrects and corrects is None else "",
        corrected_filed_on=recited.on if recited else None,
        corrected_filed_wording=recited.wording if recited else "",
        board=BoardAction(acted_on=parsed.board.acted_on, manner=parsed.board.manner, event=_BLANK)
        if parsed.board
        else None,
        execution=Execution(
            officer=parsed.execution.officer,
            officer_title=parsed.execution.officer_title,
            executed_on=parsed.execution.executed_on,
            event=_BLANK,
        )
        if parsed.execution
        else None,
        stated_effective=StatedEffectiveTime(
            effective_on=parsed.effective_time.on,
            wording=parsed.effective_time.wording,
            event=_BLANK,
        )
        if parsed.effective_time
        else None,
        filings=[Filing(filed_on=parsed.filing.on, source="document", note="", event=_BLANK)]
        if parsed.filing
        else [],
    )


def _corrected(parsed: ParsedCertificate, state: InstrumentState | None, name: str) -> str | None:
    """The id of the certificate a certificate of correction names, by its date.

    None while the ledger holds no certificate of that date: the correction is recorded with
    the date it names (`corrects_on`) and finds its target when that is ingested. Two
    certificates of that date are a real ambiguity and refused.
    """
    reference = parsed.corrects
    if reference is None:
        return None
    candidates = [
        cert.certificate_id
        for cert in (state.certificates.values() if state else [])
        if reference.on
        in {
            cert.execution.executed_on if cert.execution else None,
            cert.board.acted_on if cert.board else None,
            *(f.filed_on for f in cert.filings),
        }
    ]
    if not candidates and state is not None:
        # Named only by its filing date, which the ledger does not hold: the one certificate
        # that can have been that filing (see correction_target), or a refusal.
        candidates = corrected_by_filing(parsed, state)
    if not candidates:
        return None
    if len(candidates) != 1:
        found = ", ".join(candidates)
        raise ParseError(
            f"corrects the certificate of {reference.on} ({reference.wording!r}), but the ledger "
            f"holds {found} of that date; ingest the corrected certificate first, or record "
            "its filing date (ledger record-filing CERTIFICATE_ID --filed-on DATE)",
            file=name,
            line=reference.span.first_line,
        )
    return candidates[0]


def _adoption(
    parsed: ParsedCertificate, stream: EventStream, instrument_id: str, eff: Effectiveness
) -> InstrumentAdopted:
    recorded = parsed.kind in {"original", "restatement"}
    recital: AdoptionRecital = "none"
    if parsed.kind == "original":
        adopted_on, basis, span = eff.effective_on, eff.explanation, parsed.span
    elif parsed.adopted_on is not None:
        adopted_on, span = parsed.adopted_on, parsed.span
        basis = "the user gave the instrument's adoption date (ledger ingest --adopted-on)"
    else:
        adopted_on, basis, span, recital = _recited_adoption(parsed, eff)
    return stream.make(
        InstrumentAdopted,
        span,
        instrument_id=instrument_id,
        issuer=parsed.issuer,
        series=parsed.series,
        title=parsed.title,
        adopted_on=adopted_on,
        adoption_basis=basis,
        text_recorded=recorded,
        supplied=[f for f in parsed.supplied if f in {"issuer", "adopted_on"}],
        recital=recital,
    )


_RECITAL_RANK: dict[AdoptionRecital, int] = {"unstated": 0, "restated": 0, "dated": 1, "filed": 2}


def _recited_adoption(
    parsed: ParsedCertificate, eff: Effectiveness
) -> tuple[date, str, Span, AdoptionRecital]:
    """What an amendment says of its instrument's adoption: a date, its basis, lines, kind.

    An amendment that names no date proves only that the instrument existed when it took
    effect: answers before that say the ledger does not know when it was adopted.
    """
    filed = _original_filing_recited(parsed)
    if filed is not None:
        basis = f"an amendment recites the certificate's filing: '{filed.wording}'"
        return filed.on, basis, filed.span, "filed"
    if parsed.instrument_dated is not None:
        dated = parsed.instrument_dated
        basis = f"an amendment refers to the certificate as '{dated.wording}'"
        return dated.on, basis, dated.span, "dated"
    if parsed.kind == "restatement":
        # A restatement proves the instrument existed by then, not when it was adopted.
        return eff.effective_on, eff.explanation, parsed.span, "restated"
    return eff.effective_on, unstated_adoption_basis(eff.effective_on), parsed.span, "unstated"


def _original_filing_recited(parsed: ParsedCertificate) -> ParsedDate | None:
    """The original's filing as the certificate recites it, if that is what it recites.

    A certificate of correction recites the filing of the certificate it corrects: a fact
    about that certificate (see `filings_recited_by_correction`), never the original's.
    """
    return None if parsed.kind == "correction" else parsed.instrument_filed


def _target_filing_recited(parsed: ParsedCertificate) -> ParsedDate | None:
    """The corrected certificate's filing a correction recites besides the date naming it."""
    recited = parsed.instrument_filed
    if parsed.kind != "correction" or parsed.corrects is None or recited is None:
        return None
    if "filed" not in recited.wording.casefold() or recited.on == parsed.corrects.on:
        return None
    return recited


def _better_adoption(
    parsed: ParsedCertificate,
    state: InstrumentState,
    stream: EventStream,
    instrument_id: str,
    eff: Effectiveness,
) -> InstrumentAdopted | None:
    """A better statement of the adoption date than the ledger's, from a later-ingested amendment.

    While the original is not recorded, the instrument's date rests on what amendments
    recite: a recital of the original's filing beats a 'dated as of', which beats no date at
    all, whichever amendment was ingested first (an earlier undated one is `adoption`'s).
    """
    if (
        parsed.kind == "original"
        or parsed.adopted_on is not None
        or state.adoption_recital == "none"
        or any(c.kind == "original" for c in state.certificates.values())
    ):
        return None
    adopted_on, basis, span, recital = _recited_adoption(parsed, eff)
    if _RECITAL_RANK[recital] <= _RECITAL_RANK[state.adoption_recital]:
        return None
    return stream.make(
        InstrumentAdopted,
        span,
        instrument_id=instrument_id,
        issuer=state.issuer,
        series=state.series,
        title=state.title,
        adopted_on=adopted_on,
        adoption_basis=basis,
        text_recorded=False,
        recital=recital,
    )


def _filing_recited_earlier(
    parsed: ParsedCertificate, state: InstrumentState, stream: EventStream, certificate_id: str
) -> None:
    """An original ingested after an amendment that recited its filing gets that fact too.

    The `FilingRecorded` that ingesting the original first would have recorded, so the order
    of ingest changes nothing; its note names the reciting document and lines (it is written
    by this ingest, so its provenance is this document's: a re-read of either document then
    plans exactly what was recorded). The original's own statement of its filing, if it makes
    one, governs (see `effectiveness`).
    """
    provenance = state.adoption.provenance
    if state.adoption_recital != "filed" or provenance is None:
        return
    if parsed.filing is not None and parsed.filing.on == state.adopted_on:
        return
    wording = state.adoption_basis.partition(": ")[2]
    lines = f"lines {provenance.first_line}-{provenance.last_line}"
    stream.append(
        FilingRecorded,
        parsed.span,
        certificate_id=certificate_id,
        filed_on=state.adopted_on,
        source="document",
        note=f"recited by {provenance.document_name} ({lines}): {wording}",
    )


def _filing_recited_by_waiting_correction(
    parsed: ParsedCertificate, state: InstrumentState, stream: EventStream, certificate_id: str
) -> None:
    """A correction ingested first recited this certificate's filing: that is its filing.

    The `FilingRecorded` events ingesting this certificate first would have recorded from the
    correction's recitals (the filing it names the certificate by, the filing it recites), so
    the correction finds its target, and the target its date, whatever the order.
    """
    waiting = waiting_corrections_of(parsed, state)
    if len(waiting) != 1:
        return
    correction, by_filing = waiting[0]
    recited = [
        *([(correction.corrects_on, correction.corrects_wording)] if by_filing else []),
        (correction.corrected_filed_on, correction.corrected_filed_wording),
    ]
    signed = parsed.execution.executed_on if parsed.execution else None
    own = parsed.filing.on if parsed.filing else None
    provenance = correction.event.provenance
    source = provenance.document_name if provenance else correction.certificate_id
    seen: set[date] = set()
    for on, wording in recited:
        if on is None or on == own or on in seen or (signed is not None and on < signed):
            continue
        seen.add(on)
        stream.append(
            FilingRecorded,
            parsed.span,
            certificate_id=certificate_id,
            filed_on=on,
            source="document",
            note=f"recited by {source}: '{wording}'",
        )


def _recited_filing(
    parsed: ParsedCertificate,
    state: InstrumentState | None,
    stream: EventStream,
    corrects: str | None = None,
) -> None:
    """A recital of the original's filing date is a fact about the original (source: this text).

    Recorded against the original certificate when the ledger holds it and does not already
    know that date; otherwise the recital dates the instrument (see `_adoption`).
    """
    if parsed.kind == "correction":
        # A correction recites the filing of the certificate it corrects, not the original's.
        corrected = state.certificates.get(corrects or "") if state else None
        if corrected is None:
            return
        for on, wording in filings_recited_by_correction(parsed, corrected):
            stream.append(
                FilingRecorded,
                parsed.corrects.span if parsed.corrects else parsed.span,
                certificate_id=corrected.certificate_id,
                filed_on=on,
                source="document",
                note=f"recited by {stream.source.name}: '{wording}'",
            )
        return
    recited = _original_filing_recited(parsed)
    if recited is None or state is None:
        return
    originals = [c for c in state.certificates.values() if c.kind == "original"]
    if len(originals) != 1 or any(f.filed_on == recited.on for f in originals[0].filings):
        return
    stream.append(
        FilingRecorded,
        recited.span,
        certificate_id=originals[0].certificate_id,
        filed_on=recited.on,
        source="document",
        note=f"recited by {stream.source.name}: '{recited.wording}'",
    )


def _certificate_title(parsed: ParsedCertificate, eff: Effectiveness) -> str:
    match parsed.kind:
        case "original":
            return parsed.title
        case "restatement":
            return f"Amended and Restated {parsed.title}"
        case "correction":
            return f"Certificate of Correction effective {eff.effective_on}"
    return f"Certificate of Amendment effective {eff.effective_on}"


def _requirement_event(
    parsed: ParsedCertificate, stream: EventStream, instrument_id: str, certificate_id: str
) -> None:
    """The vote to amend the instrument that its own text states (read by the reader)."""
    stated = parsed.requirement
    if stated is None:
        return
    stream.append(
        AmendmentRequirementStated,
        stated.span,
        instrument_id=instrument_id,
        consents=[
            RequiredConsent(
                class_name=c.class_name, threshold=c.threshold, separate_class=c.separate_class
            )
            for c in stated.consents
        ],
        source="original_certificate",
        certificate_id=certificate_id,
        note=f"stated by the {parsed.kind} certificate: '{stated.wording}'",
    )


def _authority_events(parsed: ParsedCertificate, stream: EventStream, certificate_id: str) -> None:
    if parsed.board:
        stream.append(
            BoardActionRecorded,
            parsed.board.span,
            certificate_id=certificate_id,
            acted_on=parsed.board.acted_on,
            manner=parsed.board.manner,
        )
    for consent in parsed.consents:
        stream.append(
            HolderConsentRecorded,
            consent.span,
            certificate_id=certificate_id,
            class_name=consent.class_name,
            threshold=consent.threshold,
            separate_class=consent.separate_class,
            shares_consenting=consent.shares_consenting,
            shares_outstanding=consent.shares_outstanding,
        )
    if parsed.execution:
        stream.append(
            ExecutionRecorded,
            parsed.execution.span,
            certificate_id=certificate_id,
            officer=parsed.execution.officer,
            officer_title=parsed.execution.officer_title,
            executed_on=parsed.execution.executed_on,
            source="user" if parsed.execution.supplied else "document",
        )
    if parsed.effective_time:
        stream.append(
            EffectiveTimeStated,
            parsed.effective_time.span,
            certificate_id=certificate_id,
            effective_on=parsed.effective_time.on,
            wording=parsed.effective_time.wording,
        )
    if parsed.filing:
        stream.append(
            FilingRecorded,
            parsed.filing.span,
            certificate_id=certificate_id,
            filed_on=parsed.filing.on,
            source="document",
        )
