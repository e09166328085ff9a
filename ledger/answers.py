"""The typed answers of the public API; their JSON (via msgspec) is the CLI's `--json` output.

Field names are stable: they are documented in the README and scripts rely on them. A new
field may be added; none is renamed or removed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

AnswerStatus = Literal["in_force", "not_defined", "deleted", "text_not_recorded"]


class InstrumentRef(msgspec.Struct, frozen=True, kw_only=True):
    """Which instrument an answer is about."""

    id: str
    title: str
    issuer: str
    series: str


class SourceRef(msgspec.Struct, frozen=True, kw_only=True):
    """The event an answer rests on and the document lines it was read from."""

    event_type: str
    position: int
    stream_version: int
    recorded_at: datetime
    document_name: str | None
    document_sha256: str | None
    first_line: int | None
    last_line: int | None
    reader_version: str = ""
    """The reader that interpreted the lines ("" for facts read before versions were kept)."""


class CorrectionNote(msgspec.Struct, frozen=True, kw_only=True):
    """A correction or re-read behind an answer: what it superseded, who made it and why."""

    event_type: str
    position: int
    recorded_at: datetime
    reason: str
    source: str
    """"user" (a person, with `ledger correct`, `retract` or `record-filing`) or "reader"."""
    user: str
    supersedes: list[int]
    """Global positions of the events it superseded."""


class ConsentFacts(msgspec.Struct, frozen=True, kw_only=True):
    """A holder approval; `threshold` is an exact fraction such as "2/3"."""

    class_name: str
    threshold: str
    at_least: bool
    wording: str
    separate_class: bool


class AuthorityFacts(msgspec.Struct, frozen=True, kw_only=True):
    """The corporate acts behind a certificate (DGCL §141, §242, §103) and its effectiveness."""

    certificate_id: str
    kind: str
    board_acted_on: date | None
    board_manner: str | None
    holder_consents: list[ConsentFacts]
    executed_on: date | None
    executed_by: str | None
    executed_by_title: str | None
    filed_on: date | None
    filing_source: str | None
    stated_effective_time: str | None
    effective_on: date
    effective_basis: str
    assumed: bool
    approval: Literal["met", "unmet", "unknown"] | None = None
    """The authority check's result (DGCL §242(b)); see `ledger certificates`."""
    approval_warning: str | None = None
    """Why the approvals are unmet or unknown; None when they are met."""


class ReviewNote(msgspec.Struct, frozen=True, kw_only=True):
    """Language of a certificate the ledger recorded without understanding (--accept-partial)."""

    certificate_id: str
    effective_on: date
    reason: str
    sentences: list[str]
    document_name: str | None
    first_line: int | None
    last_line: int | None


class VersionRecord(msgspec.Struct, frozen=True, kw_only=True):
    """One stored version of a term: what the projection keeps per row."""

    term: str
    instrument: InstrumentRef
    status: Literal["in_force", "deleted", "text_not_recorded"]
    text: str | None
    valid_from: date
    valid_to: date | None
    valid_to_assumed: bool
    operation: str | None
    defined_within: str | None
    inline_terms: list[str]
    assumed: bool
    effective_basis: str | None
    note: str
    source: SourceRef
    authority: AuthorityFacts | None
    reviews: list[ReviewNote] = msgspec.field(default_factory=list)
    corrections: list[CorrectionNote] = msgspec.field(default_factory=list)
    """Corrections and re-reads of the facts this version rests on, oldest first."""


class RecordTime(msgspec.Struct, frozen=True, kw_only=True):
    """When the ledger held an answer: from which position (and time) until which."""

    known_from: int
    recorded_at: datetime
    known_until: int | None
    superseded_at: datetime | None
    superseded_because: str | None


class KnownVersion(msgspec.Struct, frozen=True, kw_only=True):
    """A version of a term as the ledger held it over a span of record time."""

    version: VersionRecord
    record_time: RecordTime


class DefinitionAnswer(msgspec.Struct, frozen=True, kw_only=True):
    """What a definition said on `as_of`, and why the ledger says so."""

    term: str
    as_of: date
    status: AnswerStatus
    text: str | None
    in_force_from: date | None
    in_force_until: date | None
    in_force_until_assumed: bool
    assumed: bool
    effective_basis: str | None
    note: str
    instrument: InstrumentRef
    defined_within: str | None
    inline_terms: list[str]
    source: SourceRef | None
    authority: AuthorityFacts | None
    needs_review: list[ReviewNote] = msgspec.field(default_factory=list)
    known_at: int | None = None
    """The ledger position the answer is as known at (the view's position unless asked)."""
    known_from: int | None = None
    """Position from which the ledger has given this answer (its record time starts)."""
    known_until: int | None = None
    """Position at which a later change superseded it (None: the ledger still says so)."""
    recorded_at: datetime | None = None
    superseded_at: datetime | None = None
    corrections: list[CorrectionNote] = msgspec.field(default_factory=list)


class TermHistory(msgspec.Struct, frozen=True, kw_only=True):
    """Every version of a term, oldest first."""

    term: str
    instrument: InstrumentRef
    versions: list[VersionRecord]
    known_at: int | None = None
    record_history: list[KnownVersion] = msgspec.field(default_factory=list)
    """Every version the ledger has held up to `known_at`, superseded ones included, with
    the record time of each and why it was superseded."""


class TermReferences(msgspec.Struct, frozen=True, kw_only=True):
    """What a definition uses, what uses it, and what it defines inside itself, on `as_of`."""

    term: str
    as_of: date
    status: AnswerStatus
    instrument: InstrumentRef
    uses: list[str]
    used_by: list[str]
    defines: list[str]
    defined_within: str | None
    known_at: int | None = None
    """The ledger position the answer is as known at (record time)."""


class CheckFinding(msgspec.Struct, frozen=True, kw_only=True):
    """One problem `check` found in the definitions in force.

    `kind` is "undefined" (used but defined nowhere in the ledger; `where` lists the
    definitions using it), "defined_twice" (`where` lists the definitions defining it) or
    "unused" (defined but used by no other definition in force).
    """

    kind: Literal["undefined", "defined_twice", "unused"]
    term: str
    instrument: str
    where: list[str]


class CheckReport(msgspec.Struct, frozen=True, kw_only=True):
    """Every finding on `as_of`, by instrument, kind and term."""

    as_of: date
    findings: list[CheckFinding]
    known_at: int | None = None
    """The ledger position the answer is as known at (record time)."""


class InstrumentSummary(msgspec.Struct, frozen=True, kw_only=True):
    """One instrument the ledger knows."""

    id: str
    title: str
    issuer: str
    series: str
    adopted_on: date
    adoption_basis: str
    text_recorded: bool
    certificates: int
    terms: int


class LogEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One stored event, in global order."""

    position: int
    recorded_at: datetime
    event_type: str
    stream: str
    stream_version: int
    summary: str
    document_name: str | None
    first_line: int | None
    last_line: int | None
    source_text: str | None = None
    """The source lines the event was read from (only with `ingest --explain`)."""


class IngestReport(msgspec.Struct, frozen=True, kw_only=True):
    """What `ingest` did with one file."""

    file: str
    sha256: str
    outcome: Literal["recorded", "already_recorded", "dry_run", "skipped"]
    encoding: str
    certificates: list[str]
    events: list[LogEntry]
    note: str = ""


class FilingReport(msgspec.Struct, frozen=True, kw_only=True):
    """What `record_filing` recorded, and the effective date that now follows from it.

    `outcome` is "unchanged" when the ledger already held that date (nothing was recorded;
    `event` is then the filing already recorded); "corrected" when it replaced another date.
    """

    certificate_id: str
    filed_on: date
    effective_on: date
    effective_basis: str
    event: LogEntry
    outcome: Literal["recorded", "corrected", "unchanged"] = "recorded"
    supersedes: list[int] = msgspec.field(default_factory=list)
    """Positions of the filing events the new one superseded."""


class CorrectionReport(msgspec.Struct, frozen=True, kw_only=True):
    """What `correct` or `retract` recorded: the new events and the positions they supersede."""

    reason: str
    user: str
    events: list[LogEntry]
    supersedes: list[int]


class RereadChange(msgspec.Struct, frozen=True, kw_only=True):
    """One difference a re-read found: a fact changed, added, or no longer read."""

    change: Literal["changed", "added", "withdrawn"]
    certificate_id: str
    event_type: str
    before: str | None
    """The fact as recorded (None for an added one)."""
    after: str | None
    """The fact as the current reader reads it (None for a withdrawn one)."""
    supersedes: int | None
    """Position of the recorded event the change supersedes."""


class RereadDocument(msgspec.Struct, frozen=True, kw_only=True):
    """What re-reading one stored document found (and recorded, unless a dry run)."""

    document: str
    sha256: str
    outcome: Literal["unchanged", "changed", "recorded", "skipped"]
    note: str
    recorded_with: list[str]
    """The reader versions of the facts as recorded ("" = before versions were kept)."""
    changes: list[RereadChange]
    events: list[LogEntry] = msgspec.field(default_factory=list)


class RereadReport(msgspec.Struct, frozen=True, kw_only=True):
    """A re-read of stored documents with the current reader."""

    reader_version: str
    dry_run: bool
    documents: list[RereadDocument]


class DocumentQuote(msgspec.Struct, frozen=True, kw_only=True):
    """Lines of a stored document, quoted from the evidence the log keeps."""

    document: str
    sha256: str
    encoding: str
    received_at: datetime | None
    reader_version: str
    first_line: int
    last_line: int
    lines: list[str]
