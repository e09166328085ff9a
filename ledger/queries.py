"""The questions a ledger answers.

Every one catches the projection up, then reads its tables, never the log (except `log`,
whose job is to show it).
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.answers import (
    CheckReport,
    DefinitionAnswer,
    InstrumentSummary,
    LogEntry,
    TermHistory,
    TermReferences,
    VersionRecord,
)
from ledger.checks import findings, references
from ledger.describe import log_entry
from ledger.domain.effectiveness import adoption
from ledger.domain.state import InstrumentState
from ledger.errors import AmbiguousTermError, UnknownInstrumentError, UnknownTermError
from ledger.projections.projection import decode
from ledger.projections.records import instrument_ref
from ledger.terms import term_key

if TYPE_CHECKING:
    from eventsourcing.application import Application

    from ledger.projections.view import TermVersionStore


class LedgerQueries:
    """The read side of `Ledger`, which provides the application, the view and `catch_up`."""

    app: Application[Any]
    view: TermVersionStore

    def catch_up(self) -> int:
        """Bring the views up to date with the log (provided by `Ledger`)."""
        raise NotImplementedError

    def show(self, term: str, as_of: date, instrument: str | None = None) -> DefinitionAnswer:
        """What `term` said on `as_of`: its text, or why there is none."""
        self.catch_up()
        key = term_key(term)
        instrument_id = self._instrument_for_term(term, instrument)
        record = self.view.record_as_of(key, as_of, instrument_id)
        if record is None:
            state = self.view.instrument_state(instrument_id)
            assert state is not None  # the view defines the term in it  # noqa: S101
            return self._not_defined(term, key, as_of, state)
        return _answer(record, as_of)

    def terms(self, as_of: date, instrument: str | None = None) -> list[DefinitionAnswer]:
        """Every definition in force on `as_of` (text recorded or not), by instrument and term."""
        self.catch_up()
        ids = (
            [self._instrument_id(instrument)]
            if instrument
            else [i for i, _, _ in self.view.instrument_index()]
        )
        records = self.view.records_in_force(as_of, ids)
        return [_answer(r, as_of) for r in records if r.status != "deleted"]

    def history(self, term: str, instrument: str | None = None) -> TermHistory:
        """Every version of `term`, oldest first, with dates and authority."""
        self.catch_up()
        records = self.view.records_of(term_key(term), self._instrument_for_term(term, instrument))
        own = [r for r in records if r.defined_within is None] or records
        return TermHistory(term=own[-1].term, instrument=own[-1].instrument, versions=own)

    def refs(self, term: str, as_of: date, instrument: str | None = None) -> TermReferences:
        """What `term`'s definition uses, what uses it, and what it defines, on `as_of`."""
        self.catch_up()
        instrument_id = self._instrument_for_term(term, instrument)
        records = self._in_force(as_of, [instrument_id])
        target = self.view.record_as_of(term_key(term), as_of, instrument_id)
        if target is None or target.status == "deleted":
            status = "deleted" if target else "not defined"
            raise UnknownTermError(
                f"{term!r} is {status} on {as_of}, so its definition has no references then"
            )
        return references(target, records, as_of)

    def check(self, as_of: date, instrument: str | None = None) -> CheckReport:
        """Terms used but not defined, defined twice, or defined but unused, on `as_of`."""
        self.catch_up()
        ids = (
            [self._instrument_id(instrument)]
            if instrument
            else [i for i, _, _ in self.view.instrument_index()]
        )
        found = [f for i in ids for f in findings(self._in_force(as_of, [i]))]
        return CheckReport(as_of=as_of, findings=found)

    def _in_force(self, as_of: date, instrument_ids: list[str]) -> list[VersionRecord]:
        records = self.view.records_in_force(as_of, instrument_ids)
        return [r for r in records if r.status != "deleted"]

    def instruments(self) -> list[InstrumentSummary]:
        """Every instrument in the ledger."""
        self.catch_up()
        summaries = []
        for s in self.view.instrument_states():
            adopted_on, basis = adoption(s)
            summaries.append(
                InstrumentSummary(
                    id=s.instrument_id,
                    title=s.title,
                    issuer=s.issuer,
                    series=s.series,
                    adopted_on=adopted_on,
                    adoption_basis=basis,
                    text_recorded=s.text_recorded,
                    certificates=len(s.certificates),
                    terms=len({term_key(op.term) for op in s.operations if op.term}),
                )
            )
        return summaries

    def log(self) -> list[LogEntry]:
        """Every stored event in the order the ledger recorded it."""
        entries: list[LogEntry] = []
        start = 0
        while True:
            notifications = self.app.recorder.select_notifications(
                start=start, limit=1000, inclusive_of_start=False
            )
            if not notifications:
                return entries
            entries.extend(log_entry(n.id, decode(self.app, n)) for n in notifications)
            start = notifications[-1].id

    def _instrument_id(self, wanted: str) -> str:
        """The id of the one instrument `wanted` names (its id, or part of id, title, issuer)."""
        if self.view.has_instrument(wanted):
            return wanted  # the common case, without reading the whole index
        index = self.view.instrument_index()
        needle = wanted.casefold()
        matches = [i for i, _, _ in index if i == wanted] or [
            i
            for i, title, issuer in index
            if needle in i or needle in title.casefold() or needle in issuer.casefold()
        ]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(i for i, _, _ in index) or "none yet"
        if not matches:
            raise UnknownInstrumentError(f"no instrument matches {wanted!r} (known: {known})")
        raise UnknownInstrumentError(
            f"{wanted!r} matches several instruments: {', '.join(matches)}; be more precise"
        )

    def _instrument_for_term(self, term: str, instrument: str | None) -> str:
        """The id of the instrument whose `term` is meant; ambiguity is the user's to settle."""
        key = term_key(term)
        if instrument is not None:
            instrument_id = self._instrument_id(instrument)
            if not self.view.defines(key, instrument_id):
                hint = self._suggestion(key, instrument_id)
                raise UnknownTermError(f"{instrument_id} has no definition of {term!r}{hint}")
            return instrument_id
        owners = self.view.instruments_defining(key)
        if not owners:
            raise UnknownTermError(
                f"no instrument in the ledger defines {term!r}{self._suggestion(key)}"
            )
        if len(owners) > 1:
            raise AmbiguousTermError(
                f"{term!r} is defined by {len(owners)} instruments ({', '.join(owners)}); "
                "choose one with --instrument"
            )
        return owners[0]

    def _suggestion(self, key: str, instrument_id: str | None = None) -> str:
        names = {term_key(name): name for name in self.view.term_names(instrument_id)}
        names.pop(key, None)  # never suggest what was typed
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
        return f"; did you mean {names[close[0]]!r}?" if close else ""

    def _not_defined(
        self, term: str, key: str, as_of: date, state: InstrumentState
    ) -> DefinitionAnswer:
        records = self.view.records_of(key, state.instrument_id)
        first = min(r.valid_from for r in records)
        adopted_on, _ = adoption(state)
        if as_of < adopted_on:
            note = f"the instrument was adopted on {adopted_on}, after {as_of}"
        else:
            note = f"{term!r} is first defined in this instrument from {first}"
        return DefinitionAnswer(
            term=records[0].term if records else term,
            as_of=as_of,
            status="not_defined",
            text=None,
            in_force_from=None,
            in_force_until=first,
            in_force_until_assumed=any(r.assumed for r in records if r.valid_from == first),
            assumed=False,
            effective_basis=None,
            note=note,
            instrument=instrument_ref(state),
            defined_within=None,
            inline_terms=[],
            source=None,
            authority=None,
        )


def _answer(record: VersionRecord, as_of: date) -> DefinitionAnswer:
    return DefinitionAnswer(
        term=record.term,
        as_of=as_of,
        status=record.status,
        text=record.text,
        in_force_from=record.valid_from,
        in_force_until=record.valid_to,
        in_force_until_assumed=record.valid_to_assumed,
        assumed=record.assumed,
        effective_basis=record.effective_basis,
        note=record.note,
        instrument=record.instrument,
        defined_within=record.defined_within,
        inline_terms=record.inline_terms,
        source=record.source,
        authority=record.authority,
        needs_review=[r for r in record.reviews if r.effective_on <= as_of],
    )
