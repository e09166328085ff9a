"""One line of plain English per event, for `log`, `ingest --dry-run` and reports."""

from __future__ import annotations

from ledger.events import (
    BoardActionRecorded,
    CertificateRecorded,
    DefinitionAdded,
    DefinitionDeleted,
    DefinitionReplaced,
    DocumentIngested,
    EffectiveTimeStated,
    ExecutionRecorded,
    FilingRecorded,
    HolderConsentRecorded,
    InstrumentAdopted,
    LedgerEvent,
)


def describe(event: LedgerEvent) -> str:  # noqa: C901, PLR0911 (one branch per event type)
    """A one-line summary of `event`."""
    match event:
        case DocumentIngested():
            return (
                f"document {event.file_name} ingested ({event.byte_size} bytes, {event.encoding}, "
                f"sha256 {event.sha256[:12]})"
            )
        case InstrumentAdopted():
            recorded = "text recorded" if event.text_recorded else "text not recorded"
            return f"{event.instrument_id} adopted {event.adopted_on} ({recorded})"
        case CertificateRecorded():
            return f"{event.kind} certificate {event.certificate_id} recorded (#{event.sequence})"
        case BoardActionRecorded():
            manner = event.manner.replace("_", " ")
            return f"{event.certificate_id}: board acted {event.acted_on} by {manner}"
        case HolderConsentRecorded():
            t = event.threshold
            separate = ", as a separate class" if event.separate_class else ""
            least = "at least " if t.at_least else "more than "
            return (
                f"{event.certificate_id}: holders of {least}{t.fraction} of the "
                f"{event.class_name} approved{separate}"
            )
        case ExecutionRecorded():
            who = ", ".join(x for x in (event.officer, event.officer_title) if x) or "an officer"
            return f"{event.certificate_id}: executed {event.executed_on} by {who}"
        case EffectiveTimeStated():
            return f"{event.certificate_id}: states it becomes effective {event.effective_on}"
        case FilingRecorded():
            by = "recorded by a user" if event.source == "user" else "stated in the document"
            note = f" - {event.note}" if event.note else ""
            return f"{event.certificate_id}: filed {event.filed_on} ({by}){note}"
        case DefinitionAdded():
            return f"{event.certificate_id}: definition of {event.term!r} added"
        case DefinitionReplaced():
            prior = "" if event.prior_text_recorded else " (earlier text not recorded)"
            return f"{event.certificate_id}: definition of {event.term!r} replaced{prior}"
        case DefinitionDeleted():
            prior = "" if event.prior_text_recorded else " (earlier text not recorded)"
            return f"{event.certificate_id}: definition of {event.term!r} deleted{prior}"
    return type(event).__name__


def event_type(event: LedgerEvent) -> str:
    """The event's type name as shown to users (its topic without the namespace)."""
    return type(event).TOPIC.rpartition(":")[2]
