"""The answers of `certificates`, `diff` and `audit`: typed Structs whose JSON is `--json`.

Field names are stable (documented in the README); new fields may be added, none renamed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

from ledger.answers import InstrumentRef, SourceRef
from ledger.domain.authority import AuthorityCheck

QUOTE_LINES = 12
RunOp = Literal["equal", "delete", "insert"]
DateBasis = Literal["stated", "assumed"]


class Run(msgspec.Struct, frozen=True, kw_only=True):
    """A stretch of a redline: words both texts share, or words deleted or inserted."""

    op: RunOp
    text: str


class BoardFacts(msgspec.Struct, frozen=True, kw_only=True):
    """The board resolution behind a certificate (DGCL §141, §242(b)(1))."""

    acted_on: date
    manner: str
    source: SourceRef


class ConsentReport(msgspec.Struct, frozen=True, kw_only=True):
    """A class vote a certificate recites; shares where the document gives them."""

    class_name: str
    threshold: str
    at_least: bool
    wording: str
    separate_class: bool
    shares_consenting: int | None
    shares_outstanding: int | None
    source: SourceRef


class ExecutionFacts(msgspec.Struct, frozen=True, kw_only=True):
    """Who signed the certificate, and when."""

    executed_on: date
    officer: str | None
    officer_title: str | None
    source: SourceRef


class FilingFacts(msgspec.Struct, frozen=True, kw_only=True):
    """A filing with the Secretary of State, stated by the document or recorded by a user."""

    filed_on: date
    filed_by: str
    note: str
    source: SourceRef


class StatedEffective(msgspec.Struct, frozen=True, kw_only=True):
    """A later effective time the certificate names (DGCL §103(d))."""

    effective_on: date
    wording: str
    source: SourceRef


class DocumentRef(msgspec.Struct, frozen=True, kw_only=True):
    """The document a certificate was read from."""

    name: str | None
    sha256: str | None
    recorded_at: datetime


class TermChange(msgspec.Struct, frozen=True, kw_only=True):
    """One change a certificate made to one term, with its redline."""

    term: str
    operation: str
    effective_on: date
    assumed: bool
    certificate_id: str
    before_status: str
    after_status: str
    text_after: str | None
    runs: list[Run]
    """Empty when the earlier text is not recorded: no redline can be drawn against it."""
    source: SourceRef


class CertificateReport(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the ledger knows of one certificate, and whether its authority is shown."""

    certificate_id: str
    instrument_id: str
    kind: str
    title: str
    sequence: int
    board: BoardFacts | None
    consents: list[ConsentReport]
    execution: ExecutionFacts | None
    filings: list[FilingFacts]
    stated_effective: StatedEffective | None
    effective_on: date | None
    effective_basis: str | None
    date_basis: DateBasis | None
    effective_explanation: str
    authority: AuthorityCheck
    document: DocumentRef
    terms_changed: list[TermChange]
    needs_review: list[str]


class CertificateStep(msgspec.Struct, frozen=True, kw_only=True):
    """A certificate that changed a term between the two dates of a redline."""

    certificate_id: str
    effective_on: date
    assumed: bool
    operation: str
    approval: str | None


class TermRedline(msgspec.Struct, frozen=True, kw_only=True):
    """A term's text in force on `from_date` against its text on `to_date`, word by word."""

    term: str
    instrument: InstrumentRef
    from_date: date
    to_date: date
    from_status: str
    to_status: str
    changed: bool
    from_text: str | None
    to_text: str | None
    runs: list[Run]
    certificates: list[CertificateStep]
    warnings: list[str]
    renamed_from: str | None = None
    """In a definitions redline: the term this one was renamed from between the dates."""


class DefinitionsRedline(msgspec.Struct, frozen=True, kw_only=True):
    """A whole definitions section on two dates: terms added, deleted and changed."""

    instrument: InstrumentRef
    from_date: date
    to_date: date
    added: list[TermRedline]
    deleted: list[TermRedline]
    changed: list[TermRedline]
    unchanged: list[str]
    renamed: list[TermRedline] = msgspec.field(default_factory=list)
    """Terms renamed between the dates (each with `renamed_from`), redlined old against new."""


ChronologyKind = Literal[
    "adoption",
    "board_action",
    "consent",
    "execution",
    "filing",
    "effective",
    "term_change",
    "requirement",
    "review",
    "correction",
]


class ChronologyEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One dated act in the life of an instrument, with the lines it was read from."""

    on: date
    date_basis: DateBasis
    kind: ChronologyKind
    certificate_id: str | None
    description: str
    source: SourceRef | None
    quote: list[str] = msgspec.field(default_factory=list)
    """The source lines, quoted from the document the log keeps (at most `QUOTE_LINES`, then
    a line saying how many more); empty when the log does not keep the document's text."""


GapKind = Literal[
    "original_not_recorded",
    "text_not_recorded",
    "assumed_date",
    "needs_review",
    "authority",
]


class Gap(msgspec.Struct, frozen=True, kw_only=True):
    """Something the record lacks or assumes, which a reader must know."""

    kind: GapKind
    description: str
    certificate_id: str | None = None
    term: str | None = None


class TimelineSpan(msgspec.Struct, frozen=True, kw_only=True):
    """A span of valid time in which a term had one text (or none recorded)."""

    start: date
    end: date | None
    status: str
    certificate_id: str | None
    operation: str | None
    assumed: bool


class TermTimeline(msgspec.Struct, frozen=True, kw_only=True):
    """Every span of one term, oldest first."""

    term: str
    spans: list[TimelineSpan]


class InstrumentAudit(msgspec.Struct, frozen=True, kw_only=True):
    """The audit of one instrument."""

    instrument: InstrumentRef
    adopted_on: date
    adoption_basis: str
    text_recorded: bool
    certificates: list[CertificateReport]
    chronology: list[ChronologyEntry]
    changes: list[TermChange]
    gaps: list[Gap]
    timelines: list[TermTimeline] = msgspec.field(default_factory=list)


class IntegrityStatus(msgspec.Struct, frozen=True, kw_only=True):
    """Whether the stored events were checked against their hash chain."""

    status: Literal["verified", "failed", "not_checked"]
    detail: str


class AuditSummary(msgspec.Struct, frozen=True, kw_only=True):
    """The counts at the top of a report."""

    instruments: int
    certificates: int
    term_changes: int
    approvals_met: int
    approvals_unmet: int
    approvals_unknown: int
    gaps: int
    assumed_dates: int
    integrity: str


class AuditReport(msgspec.Struct, frozen=True, kw_only=True):
    """What changed, when, on what authority, from which lines, and what is missing."""

    from_date: date | None
    to_date: date | None
    summary: AuditSummary
    instruments: list[InstrumentAudit]
    integrity: IntegrityStatus
    known_at: int | None = None
    """The log position the report is as of (None: everything the ledger knows now)."""
