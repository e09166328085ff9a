"""The audit of an instrument: chronology with provenance, changes, authority, gaps (pure).

A gap is anything a reader must know before relying on the record: text the ledger never
held, an original (and the amendments before the first recorded one) that is not in the
ledger, a date that rests on an assumption (DGCL §103: no filing date recorded), language
recorded for review, and approvals that are not shown to meet §242(b).
"""

from __future__ import annotations

from datetime import date

from ledger.audit.certificates import certificate_reports, term_changes
from ledger.audit.model import (
    AuditReport,
    AuditSummary,
    CertificateReport,
    ChronologyEntry,
    Gap,
    InstrumentAudit,
    IntegrityStatus,
    TermChange,
    TermTimeline,
    TimelineSpan,
)
from ledger.domain.authority import manner_words, threshold_words
from ledger.domain.effectiveness import adoption
from ledger.domain.state import InstrumentState
from ledger.domain.timeline import build_timeline
from ledger.projections.records import instrument_ref, source_ref
from ledger.terms import term_key

_OPERATION_WORDS = {
    "add": "added",
    "replace": "replaced",
    "delete": "deleted",
    "edit": "edited",
    "rename": "renamed",
    "baseline": "omitted from a restatement",
}


def _within(day: date | None, start: date | None, end: date | None) -> bool:
    if day is None:
        return True
    return (start is None or day >= start) and (end is None or day <= end)


def instrument_audit(
    state: InstrumentState, start: date | None = None, end: date | None = None
) -> InstrumentAudit:
    """The audit of one instrument, limited to acts dated within [start, end]."""
    certificates = [c for c in certificate_reports(state) if _within(c.effective_on, start, end)]
    kept = {c.certificate_id for c in certificates}
    changes = [c for c in term_changes(state) if c.certificate_id in kept]
    adopted_on, basis = adoption(state)
    chronology = [
        e
        for e in _chronology(state, certificates, changes, adopted_on, basis)
        if _within(e.on, start, end)
    ]
    return InstrumentAudit(
        instrument=instrument_ref(state),
        adopted_on=adopted_on,
        adoption_basis=basis,
        text_recorded=state.text_recorded,
        certificates=certificates,
        chronology=chronology,
        changes=changes,
        gaps=_gaps(state, certificates, adopted_on, start, end),
        timelines=_timelines(state),
    )


def _timelines(state: InstrumentState) -> list[TermTimeline]:
    """Each top-level term's spans of valid time (versions never in force are left out)."""
    timelines: dict[str, list[TimelineSpan]] = {}
    names: dict[str, str] = {}
    for version in build_timeline(state):
        if version.defined_within is not None or version.valid_to == version.valid_from:
            continue
        key = term_key(version.term)
        names.setdefault(key, version.term)
        timelines.setdefault(key, []).append(
            TimelineSpan(
                start=version.valid_from,
                end=version.valid_to,
                status=version.status,
                certificate_id=version.certificate_id,
                operation=version.operation,
                assumed=version.effectiveness.assumed if version.effectiveness else False,
            )
        )
    return [
        TermTimeline(term=names[key], spans=sorted(spans, key=lambda s: s.start))
        for key, spans in sorted(timelines.items())
    ]


def audit_report(
    audits: list[InstrumentAudit],
    integrity: IntegrityStatus,
    start: date | None = None,
    end: date | None = None,
) -> AuditReport:
    """The report, with its summary counts."""
    checks = [c.authority.status for a in audits for c in a.certificates]
    return AuditReport(
        from_date=start,
        to_date=end,
        summary=AuditSummary(
            instruments=len(audits),
            certificates=sum(len(a.certificates) for a in audits),
            term_changes=sum(len(a.changes) for a in audits),
            approvals_met=checks.count("met"),
            approvals_unmet=checks.count("unmet"),
            approvals_unknown=checks.count("unknown"),
            gaps=sum(len(a.gaps) for a in audits),
            assumed_dates=sum(
                1 for a in audits for c in a.certificates if c.date_basis == "assumed"
            ),
            integrity=integrity.status,
        ),
        instruments=audits,
        integrity=integrity,
    )


def _chronology(
    state: InstrumentState,
    certificates: list[CertificateReport],
    changes: list[TermChange],
    adopted_on: date,
    adoption_basis: str,
) -> list[ChronologyEntry]:
    original = next((c for c in certificates if c.kind == "original"), None)
    entries = [
        ChronologyEntry(
            on=adopted_on,
            date_basis="stated",
            kind="adoption",
            certificate_id=original.certificate_id if original else None,
            description=f"{state.title} adopted ({adoption_basis})"
            + ("" if state.text_recorded else "; its text is not recorded"),
            source=source_ref(state.adoption),
        )
    ]
    for cert in certificates:
        entries += _certificate_entries(cert)
    entries += [
        ChronologyEntry(
            on=change.effective_on,
            date_basis="assumed" if change.assumed else "stated",
            kind="term_change",
            certificate_id=change.certificate_id,
            description=f"definition of {change.term!r} "
            f"{_OPERATION_WORDS.get(change.operation, change.operation)}"
            + (
                " (earlier text not recorded)"
                if change.before_status == "text_not_recorded"
                else ""
            ),
            source=change.source,
        )
        for change in changes
    ]
    entries += [
        ChronologyEntry(
            on=r.event.recorded_at.date(),
            date_basis="stated",
            kind="requirement",
            certificate_id=r.certificate_id,
            description="amending the instrument requires a board resolution"
            + "".join(
                f" and holders of {threshold_words(c.threshold)} of the {c.class_name}"
                for c in r.consents
            )
            + (
                " (recorded by a user" + (f": {r.note}" if r.note else "") + ")"
                if r.source == "user"
                else " (stated by the original certificate)"
            ),
            source=source_ref(r.event),
        )
        for r in state.requirements
    ]
    entries += _corrections(state)
    rank = {
        kind: n
        for n, kind in enumerate(
            (
                "adoption",
                "requirement",
                "board_action",
                "consent",
                "execution",
                "filing",
                "effective",
                "term_change",
                "review",
                "correction",
            )
        )
    }
    return sorted(entries, key=lambda e: (e.on, rank[e.kind]))


def _corrections(state: InstrumentState) -> list[ChronologyEntry]:
    """Each correction or re-read, with the facts it superseded (dated when it was recorded)."""
    superseded: dict[int, list[int]] = {}
    correctors = {}
    for version, corrector in state.corrections.items():
        superseded.setdefault(corrector.position, []).append(version)
        correctors[corrector.position] = corrector
    entries = []
    for position, versions in sorted(superseded.items()):
        corrector = correctors[position]
        facts = ", ".join(
            f"{state.retired[v].topic.rpartition(':')[2]} #{state.retired[v].position}"
            for v in sorted(versions)
            if v in state.retired
        )
        why = corrector.correction
        by = (
            f"{'a user' if why.source == 'user' else 'a newer reader'}"
            + (f" ({why.user})" if why.user else "")
            + f": {why.reason}"
            if why
            else ""
        )
        entries.append(
            ChronologyEntry(
                on=corrector.recorded_at.date(),
                date_basis="stated",
                kind="correction",
                certificate_id=None,
                description=f"{facts} superseded by {corrector.topic.rpartition(':')[2]} "
                f"#{position}" + (f", corrected by {by}" if by else ""),
                source=source_ref(corrector),
            )
        )
    return entries


def _certificate_entries(cert: CertificateReport) -> list[ChronologyEntry]:
    cid = cert.certificate_id
    entries: list[ChronologyEntry] = []
    if cert.board:
        manner = manner_words(cert.board.manner)
        entries.append(
            ChronologyEntry(
                on=cert.board.acted_on,
                date_basis="stated",
                kind="board_action",
                certificate_id=cid,
                description=f"board resolution {manner}",
                source=cert.board.source,
            )
        )
    consent_day = (
        cert.board.acted_on
        if cert.board
        else cert.execution.executed_on
        if cert.execution
        else cert.effective_on
    )
    for consent in cert.consents if consent_day else []:
        assert consent_day is not None  # noqa: S101 (guarded above)
        least = "at least" if consent.at_least else "more than"
        separate = ", as a separate class" if consent.separate_class else ""
        shares = (
            f" ({consent.shares_consenting} of {consent.shares_outstanding} shares)"
            if consent.shares_consenting is not None and consent.shares_outstanding
            else ""
        )
        entries.append(
            ChronologyEntry(
                on=consent_day,
                date_basis="assumed",
                kind="consent",
                certificate_id=cid,
                description=f"holders of {least} {consent.threshold} of the {consent.class_name} "
                f"approved{separate}{shares} (recited; the date of the vote is not stated)",
                source=consent.source,
            )
        )
    if cert.execution:
        by = ", ".join(x for x in (cert.execution.officer, cert.execution.officer_title) if x)
        entries.append(
            ChronologyEntry(
                on=cert.execution.executed_on,
                date_basis="stated",
                kind="execution",
                certificate_id=cid,
                description=f"executed by {by or 'an officer'}",
                source=cert.execution.source,
            )
        )
    for filing in cert.filings:
        by = "recorded by a user" if filing.filed_by == "user" else "stated in the document"
        entries.append(
            ChronologyEntry(
                on=filing.filed_on,
                date_basis="stated",
                kind="filing",
                certificate_id=cid,
                description=f"filed with the Secretary of State ({by})"
                + (f": {filing.note}" if filing.note else ""),
                source=filing.source,
            )
        )
    if cert.effective_on is not None:
        entries.append(
            ChronologyEntry(
                on=cert.effective_on,
                date_basis=cert.date_basis or "stated",
                kind="effective",
                certificate_id=cid,
                description=f"{cert.kind} certificate effective ({cert.effective_explanation})",
                source=cert.stated_effective.source if cert.stated_effective else None,
            )
        )
    return entries


def _gaps(
    state: InstrumentState,
    certificates: list[CertificateReport],
    adopted_on: date,
    start: date | None,
    end: date | None,
) -> list[Gap]:
    gaps: list[Gap] = []
    if not state.text_recorded:
        first = min((c.effective_on for c in certificates if c.effective_on), default=None)
        before = f" before {first}" if first else ""
        gaps.append(
            Gap(
                kind="original_not_recorded",
                description=f"the original {state.title} (adopted {adopted_on}) and its amendments"
                f"{before} are not recorded: the text in force before then is unknown",
            )
        )
    for version in build_timeline(state):
        if version.status == "text_not_recorded" and version.defined_within is None:
            until = f" until {version.valid_to}" if version.valid_to else ""
            if _within(version.valid_from, start, end) or _within(version.valid_to, start, end):
                gaps.append(
                    Gap(
                        kind="text_not_recorded",
                        term=version.term,
                        description=f"the text of {version.term!r} from "
                        f"{version.valid_from}{until} is not recorded",
                    )
                )
    for cert in certificates:
        if cert.date_basis == "assumed":
            gaps.append(
                Gap(
                    kind="assumed_date",
                    certificate_id=cert.certificate_id,
                    description=f"{cert.certificate_id}: {cert.effective_explanation}; "
                    "record the filing date with `ledger record-filing`",
                )
            )
        gaps.extend(
            Gap(
                kind="needs_review",
                certificate_id=cert.certificate_id,
                description=f"{cert.certificate_id}: NEEDS REVIEW: {sentence}",
            )
            for sentence in cert.needs_review
        )
        if cert.authority.status != "met":
            gaps.append(
                Gap(
                    kind="authority",
                    certificate_id=cert.certificate_id,
                    description=cert.authority.warning or "",
                )
            )
    return gaps
