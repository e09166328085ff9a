"""What a parsed certificate means for an instrument, given what the ledger already holds.

This is where the rules of amendment live: "amended as follows" over a term in force is a
replacement and over a new term an addition; a replacement of a term whose earlier text the
ledger never saw is recorded as such, never with invented text; a change that contradicts
the text in force on its effective date is refused with the line that states it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, TypeVar

from ledger.domain.effectiveness import Effectiveness, effectiveness
from ledger.domain.state import (
    BoardAction,
    Certificate,
    EventRef,
    Execution,
    Filing,
    InstrumentState,
    StatedEffectiveTime,
)
from ledger.domain.terms import slugify, term_key
from ledger.domain.timeline import TermVersion, build_timeline, version_as_of
from ledger.errors import ConflictingEventError, ParseError
from ledger.events import (
    BoardActionRecorded,
    CertificateRecorded,
    DefinitionAdded,
    DefinitionDeleted,
    DefinitionReplaced,
    EffectiveTimeStated,
    ExecutionRecorded,
    FilingRecorded,
    HolderConsentRecorded,
    InstrumentAdopted,
    LedgerEvent,
    Provenance,
)
from ledger.parsing.model import ParsedCertificate, ParsedOperation, Span

NAMESPACE = uuid.UUID("6f1c1c8e-3a0f-4d52-9a53-2b8f0e4f7a10")
Presence = Literal["in_force", "unrecorded", "absent"]
_NOT_RECORDED = datetime(1970, 1, 1, tzinfo=UTC)  # placeholder for facts not yet stored
_ENTITY_WORDS = {"inc", "incorporated", "corporation", "corp", "company", "co", "ltd", "lp", "llc"}


def instrument_id_for(issuer: str, series: str) -> str:
    """A stable, readable id: the issuer's words (without "Inc." etc.) and the series."""
    words = [w for w in slugify(issuer).split("-") if w not in _ENTITY_WORDS]
    return "-".join([*words, slugify(series)])


def instrument_stream(instrument_id: str) -> uuid.UUID:
    """The stream every event of the instrument goes into."""
    return uuid.uuid5(NAMESPACE, f"instrument:{instrument_id}")


def document_stream(sha256: str) -> uuid.UUID:
    """The stream of one document's bytes; its one event makes re-ingesting them impossible."""
    return uuid.uuid5(NAMESPACE, f"document:{sha256}")


E = TypeVar("E", bound=LedgerEvent)


@dataclass(frozen=True)
class _Source:
    sha256: str
    name: str

    def at(self, span: Span) -> Provenance:
        return Provenance(
            document_sha256=self.sha256,
            document_name=self.name,
            first_line=span.first_line,
            last_line=span.last_line,
        )


@dataclass
class _Stream:
    """Makes the next events of one stream, each stamped with where its facts were read."""

    originator_id: uuid.UUID
    version: int
    source: _Source
    events: list[LedgerEvent] = field(default_factory=list)

    def make(self, cls: type[E], span: Span, **fields: Any) -> E:  # noqa: ANN401
        """The next event of the stream, of type `cls`."""
        self.version += 1
        return cls(
            originator_id=self.originator_id,
            originator_version=self.version,
            provenance=self.source.at(span),
            **fields,
        )


def plan_certificate(
    parsed: ParsedCertificate,
    state: InstrumentState | None,
    *,
    document_sha256: str,
    document_name: str,
) -> tuple[str, list[LedgerEvent]]:
    """The certificate id and the events that record `parsed` against `state`."""
    source = _Source(document_sha256, document_name)
    instrument_id = instrument_id_for(parsed.issuer, parsed.series)
    stream = _Stream(instrument_stream(instrument_id), state.version if state else 0, source)
    certificate = _provisional_certificate(parsed, state, instrument_id)
    eff = effectiveness(certificate)
    if eff is None:  # the parser guarantees a date; kept as a clear refusal all the same
        raise ParseError("the certificate states no date at all", file=document_name)
    if state is None:
        stream.events.append(_adoption(parsed, stream, instrument_id, eff))
    elif parsed.kind == "original" and state.text_recorded:
        original = next(c for c in state.certificates.values() if c.kind == "original")
        raise ConflictingEventError(
            f"{document_name}: instrument {instrument_id} already has its original "
            f"certificate ({original.certificate_id}); ingest amendments instead"
        )
    stream.events.append(
        stream.make(
            CertificateRecorded,
            parsed.span,
            certificate_id=certificate.certificate_id,
            kind=parsed.kind,
            title=_certificate_title(parsed, eff),
            sequence=certificate.sequence,
            amended_section=parsed.amended_section,
        )
    )
    stream.events.extend(_authority_events(parsed, stream, certificate.certificate_id))
    stream.events.extend(
        _operation_events(parsed, state, stream, certificate.certificate_id, eff.effective_on)
    )
    return certificate.certificate_id, stream.events


def _provisional_certificate(
    parsed: ParsedCertificate, state: InstrumentState | None, instrument_id: str
) -> Certificate:
    """The certificate as it will stand once recorded, to decide its effective date."""
    blank = EventRef(
        topic="", originator_version=0, position=0, recorded_at=_NOT_RECORDED, provenance=None
    )
    dated = (
        (parsed.execution.executed_on if parsed.execution else None)
        or (parsed.board.acted_on if parsed.board else None)
        or (parsed.filing.on if parsed.filing else None)
    )
    base = f"{instrument_id}@{dated}"
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
        event=blank,
        board=BoardAction(acted_on=parsed.board.acted_on, manner=parsed.board.manner, event=blank)
        if parsed.board
        else None,
        execution=Execution(
            officer=parsed.execution.officer,
            officer_title=parsed.execution.officer_title,
            executed_on=parsed.execution.executed_on,
            event=blank,
        )
        if parsed.execution
        else None,
        stated_effective=StatedEffectiveTime(
            effective_on=parsed.effective_time.on,
            wording=parsed.effective_time.wording,
            event=blank,
        )
        if parsed.effective_time
        else None,
        filings=[Filing(filed_on=parsed.filing.on, source="document", note="", event=blank)]
        if parsed.filing
        else [],
    )


def _adoption(
    parsed: ParsedCertificate,
    stream: _Stream,
    instrument_id: str,
    eff: Effectiveness,
) -> InstrumentAdopted:
    if parsed.kind == "original":
        adopted_on, basis, span, recorded = eff.effective_on, eff.explanation, parsed.span, True
    elif parsed.instrument_dated is not None:
        dated = parsed.instrument_dated
        adopted_on, span, recorded = dated.on, dated.span, False
        basis = f"an amendment refers to the certificate as '{dated.wording}'"
    else:
        raise ParseError(
            "the amendment does not say when the instrument it amends was adopted "
            "(expected 'dated as of <date>'); ingest the original certificate first",
            file=stream.source.name,
        )
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
    )


def _certificate_title(parsed: ParsedCertificate, eff: Effectiveness) -> str:
    if parsed.kind == "original":
        return parsed.title
    return f"Certificate of Amendment effective {eff.effective_on}"


def _authority_events(
    parsed: ParsedCertificate, stream: _Stream, certificate_id: str
) -> list[LedgerEvent]:
    events: list[LedgerEvent] = []
    if parsed.board:
        events.append(
            stream.make(
                BoardActionRecorded,
                parsed.board.span,
                certificate_id=certificate_id,
                acted_on=parsed.board.acted_on,
                manner=parsed.board.manner,
            )
        )
    events.extend(
        stream.make(
            HolderConsentRecorded,
            consent.span,
            certificate_id=certificate_id,
            class_name=consent.class_name,
            threshold=consent.threshold,
            separate_class=consent.separate_class,
        )
        for consent in parsed.consents
    )
    if parsed.execution:
        events.append(
            stream.make(
                ExecutionRecorded,
                parsed.execution.span,
                certificate_id=certificate_id,
                officer=parsed.execution.officer,
                officer_title=parsed.execution.officer_title,
                executed_on=parsed.execution.executed_on,
            )
        )
    if parsed.effective_time:
        events.append(
            stream.make(
                EffectiveTimeStated,
                parsed.effective_time.span,
                certificate_id=certificate_id,
                effective_on=parsed.effective_time.on,
                wording=parsed.effective_time.wording,
            )
        )
    if parsed.filing:
        events.append(
            stream.make(
                FilingRecorded,
                parsed.filing.span,
                certificate_id=certificate_id,
                filed_on=parsed.filing.on,
                source="document",
            )
        )
    return events


def _operation_events(
    parsed: ParsedCertificate,
    state: InstrumentState | None,
    stream: _Stream,
    certificate_id: str,
    effective_on: date,
) -> list[LedgerEvent]:
    timeline = build_timeline(state) if state else []
    text_recorded = parsed.kind == "original" or (state is not None and state.text_recorded)
    # Terms this certificate has already touched: later operations see its earlier ones.
    touched: dict[str, Presence] = {}
    events: list[LedgerEvent] = []
    for op in parsed.operations:
        key = term_key(op.term)
        presence = touched.get(key) or _presence(version_as_of(timeline, op.term, effective_on))
        kind = _operation_kind(
            op, presence=presence, text_recorded=text_recorded, where=stream.source, on=effective_on
        )
        events.append(_build(kind, op, stream, certificate_id))
        touched[key] = "absent" if kind.startswith("delete") else "in_force"
    return events


def _presence(version: TermVersion | None) -> Presence:
    """Whether a term is in force with its text, in force with its text unknown, or absent."""
    if version is None or version.status == "deleted" or version.defined_within is not None:
        return "absent"
    return "in_force" if version.status == "in_force" else "unrecorded"


def _operation_kind(
    op: ParsedOperation, *, presence: Presence, text_recorded: bool, where: _Source, on: date
) -> str:
    """Decide the operation: add, replace, delete, or replace/delete of unrecorded text.

    A term "unrecorded" on the date is known to be defined but its text is not in the
    ledger: an original certificate ingested after its amendments fills that text in.
    """
    line = op.span.first_line
    match op.instruction:
        case "original" | "add":
            if presence == "in_force":
                raise ParseError(
                    f"adds a definition of {op.term!r}, but {op.term!r} is already in force "
                    f"on {on}",
                    file=where.name,
                    line=line,
                )
            return "add"
        case "amend_as_follows":
            if presence == "in_force":
                return "replace"
            return "add" if presence == "absent" and text_recorded else "replace_unrecorded"
        case "restate" | "delete":
            verb = "replace" if op.instruction == "restate" else "delete"
            if presence == "in_force":
                return verb
            if presence == "absent" and text_recorded:
                raise ParseError(
                    f"{'restates' if verb == 'replace' else 'deletes'} the definition of "
                    f"{op.term!r}, which is not in force on {on}",
                    file=where.name,
                    line=line,
                )
            return f"{verb}_unrecorded"
    msg = f"unknown instruction {op.instruction!r}"  # pragma: no cover (exhaustive Literal)
    raise AssertionError(msg)


def _build(kind: str, op: ParsedOperation, stream: _Stream, certificate_id: str) -> LedgerEvent:
    if kind == "add":
        return stream.make(
            DefinitionAdded,
            op.span,
            certificate_id=certificate_id,
            term=op.term,
            text=op.text or "",
            inline_terms=op.inline_terms,
        )
    if kind in {"replace", "replace_unrecorded"}:
        return stream.make(
            DefinitionReplaced,
            op.span,
            certificate_id=certificate_id,
            term=op.term,
            text=op.text or "",
            inline_terms=op.inline_terms,
            prior_text_recorded=kind == "replace",
        )
    return stream.make(
        DefinitionDeleted,
        op.span,
        certificate_id=certificate_id,
        term=op.term,
        prior_text_recorded=kind == "delete",
    )
