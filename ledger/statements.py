"""Statements: what the parser read from a document, before the ledger decides what it means.

The parser states facts with their line spans; whether "amended as follows" replaces or
adds a definition depends on the text in force, which only the domain knows. This module is
the vocabulary both sides share: `parsing/` produces these types and `domain/` consumes them,
and neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import msgspec

from ledger.events import BoardManner, CertificateKind, RestatementScope, Threshold, WordEdit

Instruction = Literal[
    "amend_as_follows", "add", "restate", "restate_all", "delete", "original", "edit", "rename"
]


class Span(msgspec.Struct, frozen=True, kw_only=True):
    """The source lines a fact was read from (1-based, inclusive)."""

    first_line: int
    last_line: int


class ParsedBoardAction(msgspec.Struct, frozen=True, kw_only=True):
    """A board resolution, as the text states it."""

    acted_on: date
    manner: BoardManner
    span: Span


class ParsedConsent(msgspec.Struct, frozen=True, kw_only=True):
    """A holder approval, as the text states it."""

    class_name: str
    threshold: Threshold
    separate_class: bool
    span: Span
    shares_consenting: int | None = None
    """The shares that consented, where the text counts them ("holders of 1,234,567 shares")."""
    shares_outstanding: int | None = None
    """The shares of the class outstanding, where the text counts them."""


class ParsedRequirement(msgspec.Struct, frozen=True, kw_only=True):
    """The vote the instrument's own text requires to amend it (DGCL §242(b)(2))."""

    consents: list[ParsedConsent]
    wording: str
    span: Span


class ParsedExecution(msgspec.Struct, frozen=True, kw_only=True):
    """The execution clause and signature block."""

    executed_on: date
    officer: str | None
    officer_title: str | None
    span: Span
    supplied: bool = False
    """True when the user gave the date (`--executed-on`) rather than the text."""


class ParsedDate(msgspec.Struct, frozen=True, kw_only=True):
    """A dated statement (filing, effective time), with the words used."""

    on: date
    wording: str
    span: Span


class ParsedOperation(msgspec.Struct, frozen=True, kw_only=True):
    """One definition-level operation, under the instruction that introduced it."""

    instruction: Instruction
    term: str
    text: str | None
    inline_terms: list[str]
    wording: str
    span: Span
    edit: WordEdit | None = None
    old_words: str | None = None
    new_words: str | None = None
    new_term: str | None = None
    clause: str | None = None
    """An edit whose definition the text names only by its clause ("clause (b)"): `term` is ""
    and the domain finds the definition (see ledger/domain/clause_target.py)."""
    sibling_clause: str | None = None
    """Another clause of the same list the sentence names with its definition ("clause (c)")."""
    sibling_term: str | None = None
    """The definition that sibling clause holds ("Qualified Listing")."""


class ParsedSentence(msgspec.Struct, frozen=True, kw_only=True):
    """Amending language the parser could not interpret, with the terms it names."""

    text: str
    terms: list[str]
    span: Span
    reason: str | None = None
    """Why it needs review, when it is not a sentence left uninterpreted (a failed cross-check)."""


class ParsedReference(msgspec.Struct, frozen=True, kw_only=True):
    """A certificate of correction's reference to the certificate it corrects."""

    on: date
    wording: str
    span: Span


class ParsedCertificate(msgspec.Struct, frozen=True, kw_only=True):
    """One certificate acting on one instrument."""

    kind: CertificateKind
    issuer: str
    series: str
    security: str
    title: str
    instrument_dated: ParsedDate | None
    amended_section: str | None
    board: ParsedBoardAction | None
    consents: list[ParsedConsent]
    execution: ParsedExecution | None
    effective_time: ParsedDate | None
    filing: ParsedDate | None
    operations: list[ParsedOperation]
    span: Span
    restates: RestatementScope | None = None
    restated_section: str | None = None
    corrects: ParsedReference | None = None
    uninterpreted: list[ParsedSentence] = msgspec.field(default_factory=list)
    instrument_filed: ParsedDate | None = None
    """A recital of the instrument's (the original certificate's) filing: a fact about it."""
    supplied: list[str] = msgspec.field(default_factory=list)
    """Facts the user supplied for this certificate ("issuer", "executed_on", "adopted_on")."""
    adopted_on: date | None = None
    """The instrument's adoption date as the user supplied it (`--adopted-on`)."""
    requirement: ParsedRequirement | None = None
    """The vote to amend the instrument that its own text (an original, a restatement) states."""
    requirement_refused: str | None = None
    """Why a clause about the vote to amend was not read as the requirement (ambiguous)."""
    series_from_body: bool = False
    """The series ("Series A") was read from the body: the heading names none (or another).

    Weak identification: an undated amendment that would create a new instrument on it alone
    is refused (ledger/joining.py), since a recital about another series can supply it."""


class SuppliedFacts(msgspec.Struct, frozen=True, kw_only=True):
    """Facts the user gives at ingest where the reader cannot decide (recorded as the user's)."""

    issuer: str | None = None
    instrument: str | None = None
    executed_on: date | None = None
    adopted_on: date | None = None


class ParsedDocument(msgspec.Struct, frozen=True, kw_only=True):
    """A whole document: its identity and the certificates it holds."""

    name: str
    sha256: str
    byte_size: int
    encoding: str
    line_count: int
    certificates: list[ParsedCertificate]
    container: str | None = None
    """The submission file a document came from, when it is one part of an EDGAR submission."""


class SkippedPart(msgspec.Struct, frozen=True, kw_only=True):
    """A part of a submission that holds no certificate (the report body, a press release)."""

    name: str
    reason: str


@dataclass(frozen=True)
class ParsedFile:
    """Everything one file holds, in order: its documents and the parts that were skipped."""

    name: str
    parts: list[ParsedDocument | SkippedPart]

    @property
    def documents(self) -> list[ParsedDocument]:
        """The parts that hold a certificate."""
        return [p for p in self.parts if isinstance(p, ParsedDocument)]
