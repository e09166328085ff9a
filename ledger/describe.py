"""One line of plain English per event, for `log`, `ingest --dry-run` and reports."""

from __future__ import annotations

from ledger.answers import LogEntry
from ledger.events import (
    AmendmentRequirementStated,
    BoardActionRecorded,
    CertificateRecorded,
    DefinitionAdded,
    DefinitionDeleted,
    DefinitionRenamed,
    DefinitionReplaced,
    DefinitionsRestated,
    DefinitionWordsSubstituted,
    DocumentIngested,
    DocumentTextRecorded,
    EffectiveTimeStated,
    ExecutionRecorded,
    FactsWithdrawn,
    FilingRecorded,
    HolderConsentRecorded,
    InstrumentAdopted,
    LedgerEvent,
    ReviewRequired,
)


def describe(event: LedgerEvent) -> str:
    """A one-line summary of `event`, with the correction it makes, if any."""
    summary = _describe(event)
    correction = event.correction
    if correction is None:
        return summary
    who = f"user {correction.user}" if correction.user else correction.source
    what = (
        f"supersedes v{', v'.join(map(str, correction.supersedes))}; "
        if correction.supersedes
        else ""
    )
    return f"{summary} [{what}{who}: {correction.reason}]"


def _describe(event: LedgerEvent) -> str:  # noqa: C901, PLR0911, PLR0912 (one branch per event type)
    match event:
        case DocumentIngested():
            return (
                f"document {event.file_name} ingested ({event.byte_size} bytes, {event.encoding}, "
                f"sha256 {event.sha256[:12]})"
            )
        case DocumentTextRecorded():
            return (
                f"text of document {event.file_name} kept as evidence (sha256 {event.sha256[:12]})"
            )
        case FactsWithdrawn():
            return f"{event.certificate_id}: facts withdrawn"
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
            given = " (date given by the user)" if event.source == "user" else ""
            return f"{event.certificate_id}: executed {event.executed_on} by {who}{given}"
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
        case DefinitionWordsSubstituted():
            what = {
                "substitute": f"{event.old_words!r} replaced by {event.new_words!r}",
                "insert_after": f"{event.new_words!r} inserted after {event.old_words!r}",
                "insert_before": f"{event.new_words!r} inserted before {event.old_words!r}",
                "delete_words": f"{event.old_words!r} deleted",
                "append": f"{event.new_words!r} added at the end",
            }[event.edit]
            return f"{event.certificate_id}: in the definition of {event.term!r}, {what}"
        case DefinitionRenamed():
            return f"{event.certificate_id}: {event.term!r} renamed {event.new_term!r} everywhere"
        case DefinitionsRestated():
            where = event.section or "the certificate"
            return f"{event.certificate_id}: definitions of {where} restated in their entirety"
        case ReviewRequired():
            return f"{event.certificate_id}: NEEDS REVIEW - {event.reason}"
        case AmendmentRequirementStated():
            votes = "; ".join(
                f"holders of {'at least' if c.threshold.at_least else 'more than'} "
                f"{c.threshold.fraction} of the {c.class_name}"
                for c in event.consents
            )
            by = "stated by a user" if event.source == "user" else "stated by the original"
            return (
                f"{event.instrument_id}: amending it requires the board"
                + (f" and {votes}" if votes else "")
                + f" ({by})"
            )
    return type(event).__name__


def log_entry(position: int, event: LedgerEvent, source_text: str | None = None) -> LogEntry:
    """The event as `log` and ingest reports show it (position 0: not stored yet)."""
    provenance = event.provenance
    return LogEntry(
        position=position,
        recorded_at=event.timestamp,
        event_type=event_type(event),
        stream=_stream_label(event),
        stream_version=event.originator_version,
        summary=describe(event),
        document_name=provenance.document_name if provenance else None,
        first_line=provenance.first_line if provenance else None,
        last_line=provenance.last_line if provenance else None,
        source_text=source_text,
    )


def _stream_label(event: LedgerEvent) -> str:
    if isinstance(event, DocumentIngested | DocumentTextRecorded):
        return f"document:{event.sha256[:12]}"
    certificate_id = getattr(event, "certificate_id", None)
    if certificate_id is not None:
        return f"instrument:{certificate_id.partition('@')[0]}"
    return f"instrument:{getattr(event, 'instrument_id', event.originator_id)}"


def event_type(event: LedgerEvent) -> str:
    """The event's type name as shown to users (its topic without the namespace)."""
    return type(event).TOPIC.rpartition(":")[2]
