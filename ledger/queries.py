"""The questions a ledger answers, in valid time (`as_of`) and record time (`known_at`).

Every one catches the projection up, then reads its tables, never the log (except `log`,
whose job is to show it). `known_at` is a log position: the answer is what the ledger said
once it had recorded everything up to it; None is what it says now (the view's position).
"""

from __future__ import annotations

import difflib
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import msgspec

from ledger.answers import (
    CheckReport,
    DefinitionAnswer,
    InstrumentSummary,
    KnownVersion,
    LogEntry,
    TermHistory,
    TermReferences,
    VersionRecord,
)
from ledger.checks import findings, references
from ledger.describe import log_entry
from ledger.domain.effectiveness import UNSTATED_ADOPTION, adoption
from ledger.errors import (
    AmbiguousTermError,
    BadOptionError,
    UnknownInstrumentError,
    UnknownTermError,
)
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

    def resolve_known_at(self, value: str) -> int:
        """The log position `value` names: `@POSITION` or an ISO timestamp (UTC if naive).

        Refuses a position the log does not hold, a time in the future and a time before the
        first event: each would answer something the ledger never said.
        """
        self.catch_up()
        last = self.app.recorder.max_notification_id() or 0
        text = value.strip()
        if text.startswith("@"):
            try:
                position = int(text[1:])
            except ValueError:
                raise BadOptionError(
                    f"--known-at {value!r}: expected @POSITION or a timestamp"
                ) from None
            if not 1 <= position <= last:
                raise BadOptionError(
                    f"--known-at {value}: the log holds positions 1 to {last}; see `ledger log`"
                )
            return position
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise BadOptionError(
                f"--known-at {value!r}: expected @POSITION or an ISO timestamp "
                "(2026-12-01T21:30:00Z)"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if moment > datetime.now(UTC):
            raise BadOptionError(f"--known-at {value}: that time is in the future")
        found = self.view.position_at(moment)
        if found is None:
            raise BadOptionError(
                f"--known-at {value}: the ledger recorded nothing before that time"
            )
        return found

    def _now(self, known_at: int | None) -> int:
        """The position an answer is as known at: the one asked for, or the view's.

        A read-only open answers from a view that may be behind the log: what the ledger
        knew at the view's position, never later.
        """
        position = self.view.position()
        return position if known_at is None else min(known_at, position)

    def show(
        self, term: str, as_of: date, instrument: str | None = None, *, known_at: int | None = None
    ) -> DefinitionAnswer:
        """What `term` said on `as_of` (as the ledger knew it at `known_at`), or why nothing."""
        self.catch_up()
        key = term_key(term)
        instrument_id = self._instrument_for_term(term, instrument, known_at)
        found = self.view.known_version_as_of(key, as_of, instrument_id, known_at)
        if found is None:
            return self._not_defined(term, key, as_of, instrument_id, known_at)
        return _answer(found, as_of, self._now(known_at))

    def terms(
        self, as_of: date, instrument: str | None = None, *, known_at: int | None = None
    ) -> list[DefinitionAnswer]:
        """Every definition in force on `as_of` (text recorded or not), by instrument and term."""
        self.catch_up()
        ids = self._instrument_ids(instrument, known_at)
        now = self._now(known_at)
        found = self.view.known_in_force(as_of, ids, known_at) if ids else []
        return [_answer(k, as_of, now) for k in found if k.version.status != "deleted"]

    def history(
        self, term: str, instrument: str | None = None, *, known_at: int | None = None
    ) -> TermHistory:
        """Every version of `term`, oldest first, with dates, authority and record time.

        `record_history` also holds the versions the ledger once gave and later superseded
        (by a correction, a re-read or a new document), each with when and why.
        """
        self.catch_up()
        key = term_key(term)
        instrument_id = self._instrument_for_term(term, instrument, known_at)
        records = self.view.records_of(key, instrument_id, known_at)
        own = [r for r in records if r.defined_within is None] or records
        every = self.view.known_versions_of(key, instrument_id, known_at, every=True)
        if known_at is not None:
            every = [_as_known_at(k, known_at) for k in every]
        return TermHistory(
            term=own[-1].term,
            instrument=own[-1].instrument,
            versions=own,
            known_at=self._now(known_at),
            record_history=every,
        )

    def refs(
        self, term: str, as_of: date, instrument: str | None = None, *, known_at: int | None = None
    ) -> TermReferences:
        """What `term`'s definition uses, what uses it, and what it defines, on `as_of`."""
        self.catch_up()
        instrument_id = self._instrument_for_term(term, instrument, known_at)
        records = self._in_force(as_of, [instrument_id], known_at)
        target = self.view.record_as_of(term_key(term), as_of, instrument_id, known_at)
        if target is None or target.status == "deleted":
            status = "deleted" if target else "not defined"
            raise UnknownTermError(
                f"{term!r} is {status} on {as_of}, so its definition has no references then"
            )
        found = references(target, records, as_of)
        return msgspec.structs.replace(found, known_at=self._now(known_at))

    def check(
        self, as_of: date, instrument: str | None = None, *, known_at: int | None = None
    ) -> CheckReport:
        """Terms used but not defined, defined twice, or defined but unused, on `as_of`."""
        self.catch_up()
        ids = self._instrument_ids(instrument, known_at)
        found = [f for i in ids for f in findings(self._in_force(as_of, [i], known_at))]
        return CheckReport(as_of=as_of, findings=found, known_at=self._now(known_at))

    def _in_force(
        self, as_of: date, instrument_ids: list[str], known_at: int | None
    ) -> list[VersionRecord]:
        records = self.view.records_in_force(as_of, instrument_ids, known_at)
        return [r for r in records if r.status != "deleted"]

    def instruments(self, *, known_at: int | None = None) -> list[InstrumentSummary]:
        """Every instrument in the ledger (as known at `known_at`)."""
        self.catch_up()
        return self.view.instrument_summaries(known_at)

    def log(self, *, known_at: int | None = None) -> list[LogEntry]:
        """Every stored event in the order the ledger recorded it (up to `known_at`)."""
        entries: list[LogEntry] = []
        start = 0
        while True:
            notifications = self.app.recorder.select_notifications(
                start=start, limit=1000, inclusive_of_start=False, stop=known_at
            )
            if not notifications:
                return entries
            entries.extend(log_entry(n.id, decode(self.app, n)) for n in notifications)
            start = notifications[-1].id

    def _instrument_ids(self, instrument: str | None, known_at: int | None) -> list[str]:
        if instrument:
            return [self._instrument_id(instrument, known_at)]
        return [i for i, _, _ in self.view.instrument_index(known_at)]

    def _instrument_id(self, wanted: str, known_at: int | None = None) -> str:
        """The id of the one instrument `wanted` names (its id, or part of id, title, issuer)."""
        if self.view.has_instrument(wanted, known_at):
            return wanted  # the common case, without reading the whole index
        index = self.view.instrument_index(known_at)
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
            when = f" at position {known_at}" if known_at is not None else ""
            raise UnknownInstrumentError(f"no instrument matches {wanted!r}{when} (known: {known})")
        raise UnknownInstrumentError(
            f"{wanted!r} matches several instruments: {', '.join(matches)}; be more precise"
        )

    def _instrument_for_term(
        self, term: str, instrument: str | None, known_at: int | None = None
    ) -> str:
        """The id of the instrument whose `term` is meant; ambiguity is the user's to settle."""
        key = term_key(term)
        when = f" at position {known_at}" if known_at is not None else ""
        if instrument is not None:
            instrument_id = self._instrument_id(instrument, known_at)
            if not self.view.defines(key, instrument_id, known_at):
                hint = self._suggestion(key, instrument_id)
                raise UnknownTermError(f"{instrument_id} has no definition of {term!r}{when}{hint}")
            return instrument_id
        owners = self.view.instruments_defining(key, known_at)
        if not owners:
            raise UnknownTermError(
                f"no instrument in the ledger defines {term!r}{when}{self._suggestion(key)}"
            )
        if len(owners) > 1:
            raise AmbiguousTermError(
                f"{term!r} is defined by {len(owners)} instruments ({', '.join(owners)}); "
                "choose one with --instrument"
            )
        return owners[0]

    def _suggestion(self, key: str, instrument_id: str | None = None) -> str:
        names = {term_key(name): name for name in self.view.similar_term_names(key, instrument_id)}
        names.pop(key, None)  # never suggest what was typed
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
        return f"; did you mean {names[close[0]]!r}?" if close else ""

    def _not_defined(
        self, term: str, key: str, as_of: date, instrument_id: str, known_at: int | None
    ) -> DefinitionAnswer:
        records = self.view.records_of(key, instrument_id, known_at)
        state = self.view.instrument_state(instrument_id)
        assert state is not None  # the view defines the term in it  # noqa: S101
        summary = next(
            (s for s in self.view.instrument_summaries(known_at) if s.id == instrument_id), None
        )
        adopted_on, basis = (
            (summary.adopted_on, summary.adoption_basis) if summary else adoption(state)
        )
        first = min(r.valid_from for r in records)
        unknown = as_of < adopted_on and basis.startswith(UNSTATED_ADOPTION)
        if unknown:
            note = (
                f"the ledger does not know when the instrument was adopted (no document it "
                f"holds says; its earliest certificate took effect on {adopted_on}), so "
                f"what {term!r} said on {as_of} is not recorded"
            )
        elif as_of < adopted_on:
            note = f"the instrument was adopted on {adopted_on}, after {as_of}"
        else:
            note = f"{term!r} is first defined in this instrument from {first}"
        return DefinitionAnswer(
            term=records[0].term if records else term,
            as_of=as_of,
            status="text_not_recorded" if unknown else "not_defined",
            text=None,
            in_force_from=None,
            in_force_until=first,
            in_force_until_assumed=any(r.assumed for r in records if r.valid_from == first),
            assumed=False,
            effective_basis=None,
            note=note,
            instrument=records[0].instrument if records else instrument_ref(state),
            defined_within=None,
            inline_terms=[],
            source=None,
            authority=None,
            known_at=self._now(known_at),
        )


def _as_known_at(known: KnownVersion, known_at: int) -> KnownVersion:
    """A row as the ledger held it at `known_at`: a later supersession had not happened yet."""
    until = known.record_time.known_until
    if until is None or until <= known_at:
        return known
    time = known.record_time
    return KnownVersion(
        version=known.version,
        record_time=type(time)(
            known_from=time.known_from,
            recorded_at=time.recorded_at,
            known_until=None,
            superseded_at=None,
            superseded_because=None,
        ),
    )


def _answer(known: KnownVersion, as_of: date, known_at: int) -> DefinitionAnswer:
    record, time = known.version, known.record_time
    if time.known_until is not None and time.known_until > known_at:
        time = _as_known_at(known, known_at).record_time
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
        known_at=known_at,
        known_from=time.known_from,
        known_until=time.known_until,
        recorded_at=time.recorded_at,
        superseded_at=time.superseded_at,
        corrections=record.corrections,
    )
