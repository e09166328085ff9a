"""Corrections by a user: a fact fixed, a filing date recorded, a document retracted.

Each is a NEW event naming what it supersedes and why (`Correction`); nothing stored is
changed. The rules are here, free of storage: callers hand in the instrument's folded state
and the event to correct, and save what comes back.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import msgspec

from ledger.domain.identity import instrument_stream
from ledger.domain.state import Filing, InstrumentState
from ledger.errors import BadOptionError, ConflictingEventError, LedgerError, UnknownEventError
from ledger.events import (
    BoardActionRecorded,
    Correction,
    DefinitionAdded,
    DefinitionReplaced,
    EffectiveTimeStated,
    ExecutionRecorded,
    FactsWithdrawn,
    FilingRecorded,
    HolderConsentRecorded,
    InstrumentAdopted,
    LedgerEvent,
    Threshold,
)
from ledger.terms import inline_terms

_DATE_FIELDS: dict[type[LedgerEvent], str] = {
    BoardActionRecorded: "acted_on",
    ExecutionRecorded: "executed_on",
    EffectiveTimeStated: "effective_on",
    FilingRecorded: "filed_on",
    InstrumentAdopted: "adopted_on",
}
_FRACTION = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


class FactChange(msgspec.Struct, frozen=True, kw_only=True):
    """What a user says is wrong with one fact: exactly one of these is given."""

    on: date | None = None
    issuer: str | None = None
    threshold: str | None = None
    text: str | None = None


def require_reason(reason: str | None, what: str) -> str:
    """The reason, or a one-line refusal: every correction says why."""
    if reason is None or not reason.strip():
        raise BadOptionError(f"{what} needs --reason: say why the recorded fact is wrong")
    return " ".join(reason.split())


def check_not_superseded(state: InstrumentState, version: int, position: int) -> None:
    """Refuse to correct a fact a later event already superseded."""
    if version in state.retired:
        by = state.corrections[version]
        where = f" by the event at position {by.position}" if by.position else ""
        raise UnknownEventError(
            f"the event at position {position} was already superseded{where}; "
            "correct the event that replaced it (see `ledger log`)"
        )


def corrected_fact(  # noqa: PLR0913 (the fact, the change, and who makes it why)
    event: LedgerEvent,
    change: FactChange,
    *,
    version: int,
    reason: str,
    user: str,
    position: int,
) -> LedgerEvent:
    """The event that replaces `event` with the user's value, superseding it."""
    given = [name for name in FactChange.__struct_fields__ if getattr(change, name) is not None]
    kind = type(event).__name__
    if len(given) != 1:
        raise BadOptionError(
            "give exactly one of --date, --issuer, --threshold, --text (or --text-file)"
        )
    option = {"on": "--date"}.get(given[0], f"--{given[0]}")
    fields: dict[str, Any] = {}
    if change.on is not None and type(event) in _DATE_FIELDS:
        fields[_DATE_FIELDS[type(event)]] = change.on
    elif change.issuer is not None and isinstance(event, InstrumentAdopted):
        issuer = " ".join(change.issuer.split())
        fields = {"issuer": issuer, "title": event.title.replace(event.issuer, issuer)}
    elif change.threshold is not None and isinstance(event, HolderConsentRecorded):
        match = _FRACTION.fullmatch(change.threshold)
        if match is None or not 0 < int(match[1]) <= int(match[2]):
            raise BadOptionError(
                f"--threshold {change.threshold!r}: expected a fraction such as 2/3"
            )
        fields["threshold"] = Threshold(
            numerator=int(match[1]),
            denominator=int(match[2]),
            at_least=event.threshold.at_least,
            wording=f"{match[1]}/{match[2]} (corrected by a user)",
        )
    elif change.text is not None and isinstance(event, DefinitionAdded | DefinitionReplaced):
        text = " ".join(change.text.split())
        if not text:
            raise BadOptionError("--text is empty")
        fields = {"text": text, "inline_terms": inline_terms(text, event.term)}
    else:
        raise BadOptionError(
            f"{option} does not apply to the {kind} at position {position}: {_what_applies(event)}"
        )
    if all(getattr(event, name) == value for name, value in fields.items()):
        raise LedgerError(f"the {kind} at position {position} already says that; nothing recorded")
    return msgspec.structs.replace(
        event,
        originator_version=version,
        correction=Correction(
            supersedes=[event.originator_version], reason=reason, source="user", user=user
        ),
        **fields,
    )


def _what_applies(event: LedgerEvent) -> str:
    if type(event) in _DATE_FIELDS:
        return "it takes --date" + (" or --issuer" if isinstance(event, InstrumentAdopted) else "")
    if isinstance(event, HolderConsentRecorded):
        return "it takes --threshold"
    if isinstance(event, DefinitionAdded | DefinitionReplaced):
        return "it takes --text or --text-file"
    return "this kind of fact cannot be corrected; retract the document instead"


def filing_events(  # noqa: PLR0913 (the filing and who says so)
    state: InstrumentState,
    certificate_id: str,
    filed_on: date,
    *,
    note: str,
    reason: str | None,
    user: str,
) -> FilingRecorded | None:
    """The event that records a filing date, or None when the ledger already says it.

    The same date again records nothing. A different date than one already recorded (by the
    document or a user) is a correction: it needs a reason and supersedes the earlier ones.
    """
    cert = state.certificates[certificate_id]
    for earlier, what in (
        (cert.execution.executed_on if cert.execution else None, "executed"),
        (cert.board.acted_on if cert.board else None, "adopted by the board"),
    ):
        if earlier is not None and filed_on < earlier:
            raise ConflictingEventError(
                f"{certificate_id} was {what} on {earlier}; it cannot have been "
                f"filed earlier, on {filed_on}"
            )
    current: list[Filing] = cert.filings
    if current and current[-1].filed_on == filed_on:
        return None
    correction = None
    if current:
        stated = "the document states" if current[-1].source == "document" else "a user recorded"
        why = require_reason(
            reason,
            f"{certificate_id} is recorded as filed on {current[-1].filed_on} ({stated}); "
            f"recording {filed_on} instead is a correction and",
        )
        correction = Correction(
            supersedes=[f.event.originator_version for f in current],
            reason=why,
            source="user",
            user=user,
        )
    return FilingRecorded(
        originator_id=instrument_stream(state.instrument_id),
        originator_version=state.version + 1,
        certificate_id=certificate_id,
        filed_on=filed_on,
        source="user",
        note=note or (correction.reason if correction else ""),
        correction=correction,
    )


def retraction(  # noqa: PLR0913 (the document, and who retracts it why)
    state: InstrumentState,
    events: list[LedgerEvent],
    *,
    sha256: str,
    certificate_id: str,
    reason: str,
    user: str,
) -> FactsWithdrawn | None:
    """The event withdrawing every standing fact a document gave the instrument, if any."""
    versions = [
        e.originator_version
        for e in events
        if e.provenance is not None
        and e.provenance.document_sha256 == sha256
        and not isinstance(e, InstrumentAdopted | FactsWithdrawn)
        and e.originator_version not in state.retired
    ]
    if not versions:
        return None
    return FactsWithdrawn(
        originator_id=events[0].originator_id,
        originator_version=state.version + 1,
        certificate_id=certificate_id,
        document_sha256=sha256,
        correction=Correction(
            supersedes=versions, reason=f"retracted: {reason}", source="user", user=user
        ),
    )
