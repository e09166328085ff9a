"""An instrument's state, folded from its events.

The same fold serves the write side (deciding what a new document means given what the
ledger already holds) and the projection (which stores the folded state and rebuilds the
term versions from it). It never reads storage: callers hand it events.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

import msgspec

from ledger.events import (
    AdoptionRecital,
    AmendmentRequirementStated,
    BoardActionRecorded,
    BoardManner,
    CertificateKind,
    CertificateRecorded,
    Correction,
    DefinitionAdded,
    DefinitionDeleted,
    DefinitionRenamed,
    DefinitionReplaced,
    DefinitionsRestated,
    DefinitionWordsSubstituted,
    EffectiveTimeStated,
    ExecutionRecorded,
    FactsWithdrawn,
    FilingRecorded,
    FilingSource,
    HolderConsentRecorded,
    InstrumentAdopted,
    LedgerEvent,
    Provenance,
    RequiredConsent,
    RequirementSource,
    ReviewRequired,
    Threshold,
    WordEdit,
)

OperationKind = Literal["add", "replace", "delete", "edit", "rename", "baseline"]


class EventRef(msgspec.Struct, frozen=True, kw_only=True):
    """Enough to find an event again: its stream position, global position and topic."""

    topic: str
    originator_version: int
    position: int
    recorded_at: datetime
    provenance: Provenance | None
    correction: Correction | None = None


class BoardAction(msgspec.Struct, frozen=True, kw_only=True):
    """A board resolution behind a certificate."""

    acted_on: date
    manner: BoardManner
    event: EventRef


class HolderConsent(msgspec.Struct, frozen=True, kw_only=True):
    """A class or series approval behind a certificate."""

    class_name: str
    threshold: Threshold
    separate_class: bool
    event: EventRef
    shares_consenting: int | None = None
    shares_outstanding: int | None = None


class Execution(msgspec.Struct, frozen=True, kw_only=True):
    """Who signed a certificate, and when."""

    officer: str | None
    officer_title: str | None
    executed_on: date
    event: EventRef


class StatedEffectiveTime(msgspec.Struct, frozen=True, kw_only=True):
    """A later effective time named by the certificate itself."""

    effective_on: date
    wording: str
    event: EventRef


class Filing(msgspec.Struct, frozen=True, kw_only=True):
    """A filing with the Secretary of State, as stated by the document or recorded by a user."""

    filed_on: date
    source: FilingSource
    note: str
    event: EventRef


class Certificate(msgspec.Struct, kw_only=True):
    """One certificate acting on the instrument, with the facts that decide when it took effect."""

    certificate_id: str
    kind: CertificateKind
    title: str
    sequence: int
    amended_section: str | None
    event: EventRef
    corrects: str | None = None
    corrects_on: date | None = None
    """A correction whose target was not in the ledger when it was recorded: the target's date."""
    corrects_wording: str = ""
    corrected_filed_on: date | None = None
    corrected_filed_wording: str = ""
    fingerprint: str = ""
    board: BoardAction | None = None
    consents: list[HolderConsent] = msgspec.field(default_factory=list)
    execution: Execution | None = None
    stated_effective: StatedEffectiveTime | None = None
    filings: list[Filing] = msgspec.field(default_factory=list)


class Operation(msgspec.Struct, frozen=True, kw_only=True):
    """One change a certificate makes to one definition (or, for "baseline", to all)."""

    kind: OperationKind
    certificate_id: str
    term: str
    event: EventRef
    text: str | None = None
    inline_terms: list[str] = msgspec.field(default_factory=list)
    prior_text_recorded: bool = True
    edit: WordEdit | None = None
    old_words: str | None = None
    new_words: str | None = None
    new_term: str | None = None
    order: int = 0
    """Where the operation applies among its certificate's: its stream version, or for a
    correction or re-read, the place of the operation it stands in for."""


class Review(msgspec.Struct, frozen=True, kw_only=True):
    """Language a certificate holds that the ledger could not interpret."""

    certificate_id: str
    reason: str
    terms: list[str]
    sentences: list[str]
    event: EventRef


class AmendmentRequirement(msgspec.Struct, frozen=True, kw_only=True):
    """What amending the instrument requires, as stated by its original certificate or a user."""

    consents: list[RequiredConsent]
    source: RequirementSource
    board_required: bool
    certificate_id: str | None
    note: str
    event: EventRef


class InstrumentState(msgspec.Struct, kw_only=True):
    """Everything the ledger knows about one instrument."""

    instrument_id: str
    issuer: str
    series: str
    title: str
    adopted_on: date
    adoption_basis: str
    text_recorded: bool
    version: int
    adoption: EventRef
    certificates: dict[str, Certificate] = msgspec.field(default_factory=dict)
    operations: list[Operation] = msgspec.field(default_factory=list)
    reviews: list[Review] = msgspec.field(default_factory=list)
    retired: dict[int, EventRef] = msgspec.field(default_factory=dict)
    """Facts superseded by a correction or a re-read (stream version -> the fact's event).

    The fold leaves them out of everything above; they stay here so that answers can name
    what a correction superseded, and so that a second correction of them is refused."""
    corrections: dict[int, EventRef] = msgspec.field(default_factory=dict)
    """Stream version of a superseded fact -> the event that superseded it."""
    requirements: list[AmendmentRequirement] = msgspec.field(default_factory=list)
    adoption_recital: AdoptionRecital = "none"
    """What `adopted_on` rests on when a document other than the original states it."""

    def certificate_count(self) -> int:
        """How many certificates have been recorded; the next one's sequence number follows it."""
        return len(self.certificates)


def event_ref(event: LedgerEvent, position: int) -> EventRef:
    """A reference to `event`, stored at global `position` (0 while not yet stored)."""
    return EventRef(
        topic=type(event).TOPIC,
        originator_version=event.originator_version,
        position=position,
        recorded_at=event.timestamp,
        provenance=event.provenance,
        correction=event.correction,
    )


def apply_event(
    state: InstrumentState | None, event: LedgerEvent, position: int = 0
) -> InstrumentState:
    """Fold one instrument event into the state (the first must be `InstrumentAdopted`)."""
    ref = event_ref(event, position)
    if isinstance(event, InstrumentAdopted) and state is not None:
        # A correction of the instrument's own facts (its issuer, its adoption date).
        _retire(state, event, ref)
        state.issuer, state.series, state.title = event.issuer, event.series, event.title
        state.adopted_on, state.adoption_basis = event.adopted_on, event.adoption_basis
        state.adoption_recital = event.recital
        state.text_recorded = state.text_recorded or event.text_recorded
        state.adoption = ref
        state.version = event.originator_version
        return state
    if isinstance(event, InstrumentAdopted):
        return InstrumentState(
            instrument_id=event.instrument_id,
            issuer=event.issuer,
            series=event.series,
            title=event.title,
            adopted_on=event.adopted_on,
            adoption_basis=event.adoption_basis,
            text_recorded=event.text_recorded,
            version=event.originator_version,
            adoption=ref,
            adoption_recital=event.recital,
        )
    if state is None:
        msg = f"{type(event).__name__} before InstrumentAdopted in stream {event.originator_id}"
        raise ValueError(msg)
    state.version = event.originator_version
    order = _retire(state, event, ref)
    _apply_to(state, event, ref)
    if order is not None and state.operations and state.operations[-1].event is ref:
        # A corrected definition applies where the one it replaces did.
        state.operations[-1] = msgspec.structs.replace(state.operations[-1], order=order)
    return state


def _retire(state: InstrumentState, event: LedgerEvent, ref: EventRef) -> int | None:
    """Leave out the facts `event` supersedes; the order of the first operation it replaces."""
    if event.correction is None or not event.correction.supersedes:
        return None
    gone = set(event.correction.supersedes)

    def kept(fact_ref: EventRef) -> bool:
        if fact_ref.originator_version in gone:
            state.retired[fact_ref.originator_version] = fact_ref
            state.corrections[fact_ref.originator_version] = ref
            return False
        return True

    orders = [
        op.order or op.event.originator_version for op in state.operations if not kept(op.event)
    ]
    state.operations = [op for op in state.operations if op.event.originator_version not in gone]
    state.reviews = [review for review in state.reviews if kept(review.event)]
    state.requirements = [r for r in state.requirements if kept(r.event)]
    kept(state.adoption)
    replaced = (
        getattr(event, "certificate_id", None) if isinstance(event, CertificateRecorded) else None
    )
    for certificate_id, cert in list(state.certificates.items()):
        if cert.board is not None and not kept(cert.board.event):
            cert.board = None
        cert.consents = [consent for consent in cert.consents if kept(consent.event)]
        if cert.execution is not None and not kept(cert.execution.event):
            cert.execution = None
        if cert.stated_effective is not None and not kept(cert.stated_effective.event):
            cert.stated_effective = None
        cert.filings = [filing for filing in cert.filings if kept(filing.event)]
        if not kept(cert.event) and certificate_id != replaced:
            del state.certificates[certificate_id]
    return min(orders) if orders else None


def _apply_to(  # noqa: C901, PLR0912 (one branch per event type reads best)
    state: InstrumentState, event: LedgerEvent, ref: EventRef
) -> None:
    match event:
        case CertificateRecorded() if event.certificate_id in state.certificates:
            # A re-read of the certificate itself: its facts and its place stay.
            cert = state.certificates[event.certificate_id]
            cert.kind, cert.title, cert.event = event.kind, event.title, ref
            cert.amended_section, cert.corrects = event.amended_section, event.corrects
            cert.corrects_on, cert.corrects_wording = event.corrects_on, event.corrects_wording
            cert.corrected_filed_on = event.corrected_filed_on
            cert.corrected_filed_wording = event.corrected_filed_wording
            cert.fingerprint = event.fingerprint
        case CertificateRecorded():
            state.certificates[event.certificate_id] = Certificate(
                certificate_id=event.certificate_id,
                kind=event.kind,
                title=event.title,
                sequence=event.sequence,
                amended_section=event.amended_section,
                event=ref,
                corrects=event.corrects,
                corrects_on=event.corrects_on,
                corrects_wording=event.corrects_wording,
                corrected_filed_on=event.corrected_filed_on,
                corrected_filed_wording=event.corrected_filed_wording,
                fingerprint=event.fingerprint,
            )
            if event.kind in {"original", "restatement"}:
                state.text_recorded = True
        case BoardActionRecorded():
            cert = state.certificates[event.certificate_id]
            cert.board = BoardAction(acted_on=event.acted_on, manner=event.manner, event=ref)
        case HolderConsentRecorded():
            state.certificates[event.certificate_id].consents.append(
                HolderConsent(
                    class_name=event.class_name,
                    threshold=event.threshold,
                    separate_class=event.separate_class,
                    event=ref,
                    shares_consenting=event.shares_consenting,
                    shares_outstanding=event.shares_outstanding,
                )
            )
        case ExecutionRecorded():
            state.certificates[event.certificate_id].execution = Execution(
                officer=event.officer,
                officer_title=event.officer_title,
                executed_on=event.executed_on,
                event=ref,
            )
        case EffectiveTimeStated():
            state.certificates[event.certificate_id].stated_effective = StatedEffectiveTime(
                effective_on=event.effective_on, wording=event.wording, event=ref
            )
        case FilingRecorded():
            state.certificates[event.certificate_id].filings.append(
                Filing(filed_on=event.filed_on, source=event.source, note=event.note, event=ref)
            )
        case DefinitionAdded():
            state.operations.append(
                _operation("add", event, ref, text=event.text, inline_terms=event.inline_terms)
            )
        case DefinitionReplaced():
            state.operations.append(
                _operation(
                    "replace",
                    event,
                    ref,
                    text=event.text,
                    inline_terms=event.inline_terms,
                    prior_text_recorded=event.prior_text_recorded,
                )
            )
        case DefinitionDeleted():
            state.operations.append(
                _operation("delete", event, ref, prior_text_recorded=event.prior_text_recorded)
            )
        case DefinitionWordsSubstituted():
            state.operations.append(
                _operation(
                    "edit",
                    event,
                    ref,
                    edit=event.edit,
                    old_words=event.old_words,
                    new_words=event.new_words,
                )
            )
        case DefinitionRenamed():
            state.operations.append(_operation("rename", event, ref, new_term=event.new_term))
        case DefinitionsRestated():
            state.operations.append(_operation("baseline", event, ref))
        case FactsWithdrawn():
            pass  # what it withdraws is already left out (_retire)
        case ReviewRequired():
            state.reviews.append(
                Review(
                    certificate_id=event.certificate_id,
                    reason=event.reason,
                    terms=event.terms,
                    sentences=event.sentences,
                    event=ref,
                )
            )
        case AmendmentRequirementStated():
            state.requirements.append(
                AmendmentRequirement(
                    consents=event.consents,
                    source=event.source,
                    board_required=event.board_required,
                    certificate_id=event.certificate_id,
                    note=event.note,
                    event=ref,
                )
            )
        case _:
            msg = f"{type(event).__name__} is not an instrument event"
            raise TypeError(msg)


def _operation(kind: OperationKind, event: LedgerEvent, ref: EventRef, **fields: Any) -> Operation:  # noqa: ANN401
    """An operation of `event`'s certificate on `event`'s term ("" for a whole restatement)."""
    return Operation(
        kind=kind,
        certificate_id=getattr(event, "certificate_id", ""),
        term=getattr(event, "term", ""),
        event=ref,
        order=event.originator_version,
        **fields,
    )


def fold(events: list[LedgerEvent]) -> InstrumentState | None:
    """The state after `events` (one instrument's stream, in order), positions unknown."""
    state: InstrumentState | None = None
    for event in events:
        state = apply_event(state, event)
    return state
