"""The audit side of `Ledger`: certificates, redlines, reports, and stated requirements.

Like every query it catches the projection up and reads the view (the folded instrument
states and the term versions), never the log; `record_requirement` is the one command here,
and writes a single event through `Ledger`'s transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

import msgspec

from ledger.answers import DefinitionAnswer, LogEntry, VersionRecord
from ledger.audit.certificates import certificate_reports
from ledger.audit.model import (
    QUOTE_LINES,
    AuditReport,
    CertificateReport,
    CertificateStep,
    DefinitionsRedline,
    InstrumentAudit,
    IntegrityStatus,
    TermRedline,
)
from ledger.audit.redline import redline
from ledger.audit.report import audit_report, instrument_audit
from ledger.domain.effectiveness import effective_dates
from ledger.domain.identity import instrument_stream
from ledger.domain.state import InstrumentState, apply_event, fold
from ledger.errors import IntegrityViolationError, LedgerError, UnknownInstrumentError
from ledger.events import INSTRUMENT_EVENTS, AmendmentRequirementStated, RequiredConsent
from ledger.projections.projection import decode
from ledger.projections.records import instrument_ref
from ledger.queries import LedgerQueries
from ledger.terms import term_key

if TYPE_CHECKING:
    from ledger.answers import DocumentQuote
    from ledger.events import LedgerEvent
    from ledger.integrity import Digest, VerifyReport


class DateOrderError(LedgerError):
    """`--from` is after `--to`."""

    exit_code = 2


class AuditQueries(LedgerQueries):
    """Certificates, diffs and audits over the view; mixed into `Ledger`."""

    if TYPE_CHECKING:

        def _save(self, events: list[LedgerEvent], *, conflict: str) -> list[LogEntry]: ...
        def _stream(self, stream: UUID) -> list[LedgerEvent]: ...
        def verify(self, digest: Digest | None = None) -> VerifyReport: ...  # noqa: D102
        def chain_note(self) -> str | None: ...  # noqa: D102
        def quote(  # noqa: D102
            self, document: str, first: int = 1, last: int | None = None
        ) -> DocumentQuote: ...

    def certificates(
        self, instrument: str | None = None, *, known_at: int | None = None
    ) -> list[CertificateReport]:
        """Every certificate, instrument by instrument, in the order they took effect."""
        states = self._states(instrument, known_at)
        return [r for state in states for r in certificate_reports(state)]

    def diff(
        self,
        term: str,
        from_date: date,
        to_date: date,
        instrument: str | None = None,
        *,
        known_at: int | None = None,
    ) -> TermRedline:
        """A word-level redline of `term`'s text in force on `from_date` against `to_date`."""
        _check_order(from_date, to_date)
        before = self.show(term, from_date, instrument=instrument, known_at=known_at)
        after = self.show(term, to_date, instrument=instrument, known_at=known_at)
        records = self.view.records_of(term_key(term), after.instrument.id, known_at)
        return _term_redline(before, after, records)

    def diff_definitions(
        self, instrument: str, from_date: date, to_date: date, *, known_at: int | None = None
    ) -> DefinitionsRedline:
        """The whole definitions section on two dates: terms added, deleted and changed."""
        _check_order(from_date, to_date)
        [state] = self._states(instrument, known_at)
        iid = state.instrument_id
        before = {term_key(a.term): a for a in self.terms(from_date, iid, known_at=known_at)}
        after = {term_key(a.term): a for a in self.terms(to_date, iid, known_at=known_at)}
        before = {k: a for k, a in before.items() if a.defined_within is None}
        after = {k: a for k, a in after.items() if a.defined_within is None}
        added: list[TermRedline] = []
        deleted: list[TermRedline] = []
        changed: list[TermRedline] = []
        unchanged: list[str] = []
        for key in sorted(before.keys() | after.keys()):
            old = before.get(key) or self.show(after[key].term, from_date, iid, known_at=known_at)
            new = after.get(key) or self.show(before[key].term, to_date, iid, known_at=known_at)
            line = _term_redline(old, new, self.view.records_of(key, iid, known_at))
            if key not in before:
                added.append(line)
            elif key not in after:
                deleted.append(line)
            elif line.changed:
                changed.append(line)
            else:
                unchanged.append(line.term)
        renamed = self._renames(
            state, (before, after), (from_date, to_date), (added, deleted), known_at
        )
        return DefinitionsRedline(
            instrument=instrument_ref(state),
            from_date=from_date,
            to_date=to_date,
            added=added,
            deleted=deleted,
            changed=changed,
            unchanged=unchanged,
            renamed=renamed,
        )

    def _renames(
        self,
        state: InstrumentState,
        answers: tuple[dict[str, DefinitionAnswer], dict[str, DefinitionAnswer]],
        dates: tuple[date, date],
        lists: tuple[list[TermRedline], list[TermRedline]],
        known_at: int | None,
    ) -> list[TermRedline]:
        """Pair a deleted term with the added one a rename between the dates turned it into.

        The pair leaves `added` and `deleted` (both lists are changed in place) and is
        redlined old text against new, with `renamed_from` naming the old term.
        """
        added, deleted = lists
        before, after = answers
        effective = effective_dates(state.certificates)
        renamed: list[TermRedline] = []
        for op in state.operations:
            eff = effective.get(op.certificate_id)
            if op.kind != "rename" or op.new_term is None or eff is None:
                continue
            old_key, new_key = term_key(op.term), term_key(op.new_term)
            if not dates[0] < eff.effective_on <= dates[1]:
                continue
            if old_key not in before or new_key not in after or old_key in after:
                continue
            records = self.view.records_of(new_key, state.instrument_id, known_at)
            line = _term_redline(before[old_key], after[new_key], records)
            renamed.append(msgspec.structs.replace(line, renamed_from=before[old_key].term))
            added[:] = [a for a in added if term_key(a.term) != new_key]
            deleted[:] = [d for d in deleted if term_key(d.term) != old_key]
        return renamed

    def audit(
        self,
        instrument: str | None = None,
        from_date: date | None = None,
        to_date: date | None = None,
        integrity: IntegrityStatus | None = None,
        *,
        known_at: int | None = None,
    ) -> AuditReport:
        """The audit report of one instrument or all, optionally limited to a span of dates.

        With `known_at`, the instruments as the ledger knew them at that log position.
        """
        if from_date is not None and to_date is not None:
            _check_order(from_date, to_date)
        documents: dict[str, list[str] | None] = {}
        audits = [
            _with_quotes(
                instrument_audit(s, from_date, to_date),
                lambda sha: self._document_lines(sha, documents),
            )
            for s in self._states(instrument, known_at)
        ]
        report = audit_report(audits, integrity or self.integrity_status(), from_date, to_date)
        return msgspec.structs.replace(report, known_at=known_at)

    def _document_lines(
        self, sha256: str, documents: dict[str, list[str] | None]
    ) -> list[str] | None:
        """Every line of a stored document (read once per report), or None without its text."""
        if sha256 not in documents:
            try:
                documents[sha256] = self.quote(sha256).lines
            except LedgerError:
                documents[sha256] = None
        return documents[sha256]

    def integrity_status(self) -> IntegrityStatus:
        """The hash chain over every stored event, recomputed now (`ledger verify`)."""
        try:
            report = self.verify()
        except IntegrityViolationError as error:
            return IntegrityStatus(status="failed", detail=str(error))
        except LedgerError as error:
            return IntegrityStatus(status="not_checked", detail=f"cannot verify: {error}")
        detail = f"chain intact: {report.events} events, head {report.head}"
        note = self.chain_note()
        return IntegrityStatus(status="verified", detail=f"{detail}. {note}" if note else detail)

    def record_requirement(
        self,
        instrument: str,
        consents: list[RequiredConsent],
        *,
        note: str = "",
    ) -> LogEntry:
        """Record what amending `instrument` requires (DGCL §242(b)), as stated by a user."""
        [state] = self._states(instrument)
        fresh = fold(self._stream(instrument_stream(state.instrument_id)))
        assert fresh is not None  # noqa: S101 (the view saw this stream)
        event = AmendmentRequirementStated(
            originator_id=instrument_stream(fresh.instrument_id),
            originator_version=fresh.version + 1,
            instrument_id=fresh.instrument_id,
            consents=consents,
            source="user",
            note=note,
        )
        [entry] = self._save([event], conflict=f"the requirement of {fresh.instrument_id}")
        return entry

    def _states(self, instrument: str | None, known_at: int | None = None) -> list[InstrumentState]:
        self.catch_up()
        if known_at is not None:
            return self._states_known_at(instrument, known_at)
        if instrument is None:
            return self.view.instrument_states()
        state = self.view.instrument_state(self._instrument_id(instrument))
        if state is None:  # pragma: no cover (the id came from the view)
            raise UnknownInstrumentError(f"no instrument matches {instrument!r}")
        return [state]

    def _states_known_at(self, instrument: str | None, known_at: int) -> list[InstrumentState]:
        """The instruments as folded from the log up to `known_at`.

        The view keeps every answer it gave (term versions), not every folded state, so a
        report as known at an earlier position folds the log's prefix: one pass, like `log`.
        """
        states: dict[UUID, InstrumentState] = {}
        start = 0
        while start < known_at:
            batch = self.app.recorder.select_notifications(
                start=start, limit=1000, stop=known_at, inclusive_of_start=False
            )
            if not batch:
                break
            for notification in batch:
                event = decode(self.app, notification)
                if isinstance(event, INSTRUMENT_EVENTS):
                    stream = event.originator_id
                    states[stream] = apply_event(states.get(stream), event, notification.id)
            start = batch[-1].id
        known = sorted(states.values(), key=lambda s: s.instrument_id)
        if instrument is None:
            return known
        wanted = self._instrument_id(instrument, known_at)
        chosen = [s for s in known if s.instrument_id == wanted]
        if not chosen:
            raise UnknownInstrumentError(f"{wanted} was not in the ledger at position {known_at}")
        return chosen


def _check_order(from_date: date, to_date: date) -> None:
    if from_date > to_date:
        raise DateOrderError(f"--from {from_date} is after --to {to_date}; swap them")


def _term_redline(
    before: DefinitionAnswer, after: DefinitionAnswer, records: list[VersionRecord]
) -> TermRedline:
    """The redline of two answers about one term, with the certificates between them."""
    unrecorded = [a for a in (before, after) if a.status == "text_not_recorded"]
    warnings = [
        f"the text of {answer.term!r} in force on {answer.as_of} is not recorded, "
        "so no redline can be drawn against it"
        for answer in unrecorded
    ]
    runs = [] if unrecorded else redline(before.text, after.text)
    steps = [
        CertificateStep(
            certificate_id=r.authority.certificate_id,
            effective_on=r.valid_from,
            assumed=r.assumed,
            operation=r.operation or "",
            approval=r.authority.approval,
        )
        for r in records
        if r.authority is not None
        and r.defined_within is None
        and before.as_of < r.valid_from <= after.as_of
    ]
    for answer in (before, after):
        if answer.assumed:
            warnings.append(
                f"the answer on {answer.as_of} rests on an assumed effective date "
                f"({answer.in_force_from})"
            )
        if answer.authority and answer.authority.approval_warning:
            warnings.append(answer.authority.approval_warning)
        warnings.extend(f"NEEDS REVIEW: {' / '.join(n.sentences)}" for n in answer.needs_review)
    return TermRedline(
        term=after.term,
        instrument=after.instrument,
        from_date=before.as_of,
        to_date=after.as_of,
        from_status=before.status,
        to_status=after.status,
        changed=before.status != after.status or before.text != after.text,
        from_text=before.text,
        to_text=after.text,
        runs=runs,
        certificates=steps,
        warnings=list(dict.fromkeys(warnings)),
    )


def _with_quotes(
    audit: InstrumentAudit, lines_of: Callable[[str], list[str] | None]
) -> InstrumentAudit:
    """The audit with each chronology entry's source lines quoted from the stored document."""
    entries = []
    for entry in audit.chronology:
        source = entry.source
        if source is None or source.document_sha256 is None or source.first_line is None:
            entries.append(entry)
            continue
        lines = lines_of(source.document_sha256)
        if lines is None:
            entries.append(entry)
            continue
        quoted = lines[source.first_line - 1 : source.last_line or source.first_line]
        if len(quoted) > QUOTE_LINES:
            more = len(quoted) - QUOTE_LINES
            quoted = [*quoted[:QUOTE_LINES], f"... ({more} more line{'' if more == 1 else 's'})"]
        entries.append(msgspec.structs.replace(entry, quote=quoted))
    return msgspec.structs.replace(audit, chronology=entries)
