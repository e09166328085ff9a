"""An instrument's certificates in effect order, with their acts, authority and changes.

Pure: it reads a folded `InstrumentState` and the domain's rules (DGCL §103 effectiveness,
§242(b) authority, the valid-time timeline), never storage.
"""

from __future__ import annotations

from datetime import date

from ledger.audit.model import (
    BoardFacts,
    CertificateReport,
    ConsentReport,
    DocumentRef,
    ExecutionFacts,
    FilingFacts,
    StatedEffective,
    TermChange,
)
from ledger.audit.redline import redline
from ledger.domain.authority import check_authority
from ledger.domain.effectiveness import Effectiveness, application_order, effective_dates
from ledger.domain.state import Certificate, InstrumentState
from ledger.domain.timeline import TermVersion, build_timeline
from ledger.projections.records import source_ref
from ledger.terms import term_key


def effect_order(state: InstrumentState) -> list[Certificate]:
    """Certificates in the order they took effect; undatable ones last, in recording order."""
    dates = effective_dates(state.certificates)
    order = application_order(state.certificates, dates)
    dated = sorted(
        (c for c in state.certificates.values() if c.certificate_id in order),
        key=lambda c: order[c.certificate_id],
    )
    undated = sorted(
        (c for c in state.certificates.values() if c.certificate_id not in order),
        key=lambda c: c.sequence,
    )
    return dated + undated


def term_changes(state: InstrumentState) -> list[TermChange]:
    """Every change of a top-level definition, in effect order, with its redline."""
    histories: dict[str, list[TermVersion]] = {}
    for version in build_timeline(state):
        if version.defined_within is None:
            histories.setdefault(term_key(version.term), []).append(version)
    changes: list[tuple[tuple[date, int], TermChange]] = []
    for history in histories.values():
        for index, version in enumerate(history):
            if version.certificate_id is None or version.effectiveness is None:
                continue  # the span whose text the ledger never held is a gap, not a change
            before = history[index - 1] if index else None
            eff = version.effectiveness
            change = TermChange(
                term=version.term,
                operation=version.operation or "",
                effective_on=eff.effective_on,
                assumed=eff.assumed,
                certificate_id=version.certificate_id,
                before_status=before.status if before else "not_defined",
                after_status=version.status,
                text_after=version.text,
                runs=[]
                if before is not None and before.status == "text_not_recorded"
                else redline(before.text if before else None, version.text),
                source=source_ref(version.event),
            )
            changes.append(((eff.effective_on, version.event.originator_version), change))
    return [change for _, change in sorted(changes, key=lambda item: item[0])]


def certificate_reports(state: InstrumentState) -> list[CertificateReport]:
    """Every certificate of the instrument in effect order, as `certificates` shows it."""
    dates = effective_dates(state.certificates)
    changes = term_changes(state)
    return [
        _report(state, cert, dates.get(cert.certificate_id), changes)
        for cert in effect_order(state)
    ]


def _report(
    state: InstrumentState,
    cert: Certificate,
    eff: Effectiveness | None,
    changes: list[TermChange],
) -> CertificateReport:
    provenance = cert.event.provenance
    reviews = [
        f"{' / '.join(r.sentences) or r.reason}"
        for r in state.reviews
        if r.certificate_id == cert.certificate_id
    ]
    return CertificateReport(
        certificate_id=cert.certificate_id,
        instrument_id=state.instrument_id,
        kind=cert.kind,
        title=cert.title,
        sequence=cert.sequence,
        board=BoardFacts(
            acted_on=cert.board.acted_on,
            manner=cert.board.manner,
            source=source_ref(cert.board.event),
        )
        if cert.board
        else None,
        consents=[
            ConsentReport(
                class_name=c.class_name,
                threshold=c.threshold.fraction,
                at_least=c.threshold.at_least,
                wording=c.threshold.wording,
                separate_class=c.separate_class,
                shares_consenting=c.shares_consenting,
                shares_outstanding=c.shares_outstanding,
                source=source_ref(c.event),
            )
            for c in cert.consents
        ],
        execution=ExecutionFacts(
            executed_on=cert.execution.executed_on,
            officer=cert.execution.officer,
            officer_title=cert.execution.officer_title,
            source=source_ref(cert.execution.event),
        )
        if cert.execution
        else None,
        filings=[
            FilingFacts(
                filed_on=f.filed_on,
                filed_by=f.source,
                note=f.note,
                source=source_ref(f.event),
            )
            for f in cert.filings
        ],
        stated_effective=StatedEffective(
            effective_on=cert.stated_effective.effective_on,
            wording=cert.stated_effective.wording,
            source=source_ref(cert.stated_effective.event),
        )
        if cert.stated_effective
        else None,
        effective_on=eff.effective_on if eff else None,
        effective_basis=eff.basis if eff else None,
        date_basis=("assumed" if eff.assumed else "stated") if eff else None,
        effective_explanation=eff.explanation if eff else "no date of this certificate is recorded",
        authority=check_authority(cert, state.requirements),
        document=DocumentRef(
            name=provenance.document_name if provenance else None,
            sha256=provenance.document_sha256 if provenance else None,
            recorded_at=cert.event.recorded_at,
        ),
        terms_changed=[c for c in changes if c.certificate_id == cert.certificate_id],
        needs_review=reviews,
    )
