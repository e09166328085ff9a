"""Every event the ledger stores: immutable facts, in the past tense.

Each event is a frozen msgspec Struct; its `TOPIC` is what the database stores, so a class
may be moved or renamed but its topic never changes. A field added later must get a default,
so that events already stored still decode. Legal dates are explicit fields; `timestamp` is
only the moment the ledger recorded the event.

Streams: every fact about an instrument goes into that instrument's stream (so one
instrument's history is one ordered sequence); each ingested document also gets a stream of
its own whose single event makes "the same bytes twice" impossible even under a race.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import ClassVar, Literal
from uuid import UUID

import msgspec

CertificateKind = Literal["original", "amendment", "restatement", "correction"]
WordEdit = Literal["substitute", "insert_after", "insert_before", "delete_words", "append"]
"""How words of a definition change; "append" adds `new_words` at the end (`old_words` is "")."""
RestatementScope = Literal["section", "certificate"]
BoardManner = Literal["meeting", "unanimous_written_consent", "unstated"]
"""How the board acted; "unstated" when the text gives the date but not the manner."""
FilingSource = Literal["document", "user"]
CorrectionSource = Literal["reader", "user"]
RequirementSource = Literal["original_certificate", "user"]
AdoptionRecital = Literal["none", "dated", "filed", "unstated", "restated"]
"""How the document that first named an instrument dated it, when it is not the original.

"dated": a 'dated as of' of the instrument; "filed": a recital of the original's filing;
"unstated": no date at all (the instrument was adopted no later than that certificate took
effect); "restated": a restatement's own date (likewise only a latest date); "none": the
original itself, a date the user gave, or an event written before the field existed.
"""


def recorded_now() -> datetime:
    """The recording time of a new event (timezone-aware, UTC)."""
    return datetime.now(UTC)


class Provenance(msgspec.Struct, frozen=True, kw_only=True):
    """Where an event's facts were read: the document's bytes and the lines that state them."""

    document_sha256: str
    document_name: str
    first_line: int
    last_line: int
    reader_version: str = ""
    """The version of the reading rules that read it ("" = read before versions were kept)."""


class Correction(msgspec.Struct, frozen=True, kw_only=True):
    """Why an event supersedes earlier ones: a re-read with a newer reader, or a user's fix.

    `supersedes` are stream versions in the event's own stream (an instrument's facts all live
    in its stream, so a version names one fact for good); nothing superseded is ever deleted:
    the fold leaves it out and the view closes the rows that rested on it.
    """

    supersedes: list[int] = msgspec.field(default_factory=list)
    reason: str
    source: CorrectionSource
    user: str = ""
    """Who made a user's correction (the login name), empty for the reader."""


class Threshold(msgspec.Struct, frozen=True, kw_only=True):
    """A holder-approval threshold as an exact fraction, with the words the document used."""

    numerator: int
    denominator: int
    at_least: bool
    wording: str
    stated: bool = True
    """False when the document names no fraction ("the holders of the requisite number of
    outstanding shares"): numerator/denominator are then 0/1 and prove nothing; every check
    treats such a consent as unknown, never as a fraction."""

    @property
    def fraction(self) -> str:
        """The fraction as `n/d`, the stable form used in answers ("requisite" if unstated)."""
        if not self.stated:
            return "requisite"
        return f"{self.numerator}/{self.denominator}"


class LedgerEvent(msgspec.Struct, frozen=True, kw_only=True):
    """Fields every event carries; `originator_*` place it in its stream."""

    TOPIC: ClassVar[str] = "termledger:LedgerEvent"

    originator_id: UUID
    originator_version: int
    timestamp: datetime = msgspec.field(default_factory=recorded_now)
    provenance: Provenance | None = None
    correction: Correction | None = None
    """Set when this event corrects, re-reads or withdraws earlier facts of its stream."""


class DocumentIngested(LedgerEvent, frozen=True, kw_only=True):
    """A document's bytes were read and its facts recorded (first and only event of its stream)."""

    TOPIC: ClassVar[str] = "termledger:DocumentIngested"

    sha256: str
    file_name: str
    byte_size: int
    encoding: str
    line_count: int
    certificate_ids: list[str]
    container: str | None = None
    """The EDGAR submission file this document was one part of, if any."""
    content_zlib: bytes | None = None
    """The file's bytes as received, zlib-compressed: the evidence a re-read or a quote reads.

    For one part of an EDGAR submission this is the whole submission (line numbers count from
    its top). None in ledgers written before the text was kept (see DocumentTextRecorded).
    """
    content_sha256: str = ""
    """SHA-256 of the uncompressed content (the container's, for a part of a submission)."""
    received_at: datetime | None = None
    """When the ledger received the bytes."""
    reader_version: str = ""
    """The reader that interpreted the document when it was ingested."""


class DocumentTextRecorded(LedgerEvent, frozen=True, kw_only=True):
    """The text of a document ingested before the log kept texts, supplied again later.

    Second event of the document's stream: re-ingesting the same bytes into an older ledger
    records their evidence (nothing else), so that the document can be re-read and quoted.
    """

    TOPIC: ClassVar[str] = "termledger:DocumentTextRecorded"

    sha256: str
    file_name: str
    encoding: str
    content_zlib: bytes
    content_sha256: str
    received_at: datetime


class InstrumentAdopted(LedgerEvent, frozen=True, kw_only=True):
    """The instrument exists from `adopted_on`; `text_recorded` says whether its original text is.

    An amendment that refers to "the Certificate of Designation dated as of February 4, 1999"
    proves the instrument was adopted without giving its text: `text_recorded` is then false
    and every answer about its earlier terms says the text is not recorded.
    """

    TOPIC: ClassVar[str] = "termledger:InstrumentAdopted"

    instrument_id: str
    issuer: str
    series: str
    title: str
    adopted_on: date
    adoption_basis: str
    text_recorded: bool
    supplied: list[str] = msgspec.field(default_factory=list)
    """Facts the user gave at ingest (`--issuer`, `--adopted-on`): "issuer", "adopted_on"."""
    recital: AdoptionRecital = "none"
    """What `adopted_on` rests on when an amendment, not the original, states it.

    A recited filing is a fact about the original certificate: when the original is ingested
    later, the ledger records it against that certificate (source: the reciting document).
    A later InstrumentAdopted without a correction states the date better (a recital where
    there was none, an earlier certificate where the date was unstated)."""


class CertificateRecorded(LedgerEvent, frozen=True, kw_only=True):
    """A certificate (the original or an amendment) acting on the instrument was recorded.

    `sequence` is the order in which the ledger recorded certificates of this instrument; it
    breaks ties between certificates effective on the same day.
    """

    TOPIC: ClassVar[str] = "termledger:CertificateRecorded"

    certificate_id: str
    kind: CertificateKind
    title: str
    sequence: int
    amended_section: str | None = None
    corrects: str | None = None
    """For a certificate of correction (DGCL §103(f)): the certificate it corrects."""
    fingerprint: str = ""
    """A hash of what the certificate says, so the same certificate in other bytes is refused."""
    corrects_on: date | None = None
    """For a correction: the date by which it names the certificate it corrects.

    Set when that certificate was not in the ledger yet (`corrects` is then None): the
    ledger finds it by this date once it is ingested, whatever the order of ingest."""
    corrects_wording: str = ""
    """The words that name the corrected certificate (for answers and refusals)."""
    corrected_filed_on: date | None = None
    """The corrected certificate's filing as the correction recites it, while that certificate
    is not in the ledger: recorded as its filing when it is ingested."""
    corrected_filed_wording: str = ""


class BoardActionRecorded(LedgerEvent, frozen=True, kw_only=True):
    """The board adopted the resolution (DGCL §141, §242(b)(1)) on `acted_on`."""

    TOPIC: ClassVar[str] = "termledger:BoardActionRecorded"

    certificate_id: str
    acted_on: date
    manner: BoardManner


class HolderConsentRecorded(LedgerEvent, frozen=True, kw_only=True):
    """Holders of `threshold` of `class_name` approved, as a separate class or not."""

    TOPIC: ClassVar[str] = "termledger:HolderConsentRecorded"

    certificate_id: str
    class_name: str
    threshold: Threshold
    separate_class: bool
    shares_consenting: int | None = None
    """The number of shares that consented, where the document gives it."""
    shares_outstanding: int | None = None
    """The number of shares of the class outstanding, where the document gives it."""


class ExecutionRecorded(LedgerEvent, frozen=True, kw_only=True):
    """An officer signed the certificate on `executed_on`."""

    TOPIC: ClassVar[str] = "termledger:ExecutionRecorded"

    certificate_id: str
    officer: str | None
    officer_title: str | None
    executed_on: date
    source: FilingSource = "document"
    """"user" when the date was given with `ledger ingest --executed-on`, not read."""


class EffectiveTimeStated(LedgerEvent, frozen=True, kw_only=True):
    """The certificate names its own (later) effective time, which governs under DGCL §103(d)."""

    TOPIC: ClassVar[str] = "termledger:EffectiveTimeStated"

    certificate_id: str
    effective_on: date
    wording: str


class FilingRecorded(LedgerEvent, frozen=True, kw_only=True):
    """The certificate was filed with the Secretary of State on `filed_on` (DGCL §103(c)).

    `source` is "document" when the text states the filing and "user" when someone recorded
    the real date later with `ledger record-filing`; the latest filing event governs.
    """

    TOPIC: ClassVar[str] = "termledger:FilingRecorded"

    certificate_id: str
    filed_on: date
    source: FilingSource
    note: str = ""


class DefinitionAdded(LedgerEvent, frozen=True, kw_only=True):
    """A definition was inserted; `inline_terms` are the terms it defines within its text."""

    TOPIC: ClassVar[str] = "termledger:DefinitionAdded"

    certificate_id: str
    term: str
    text: str
    inline_terms: list[str] = msgspec.field(default_factory=list)


class DefinitionReplaced(LedgerEvent, frozen=True, kw_only=True):
    """A definition's whole text was replaced.

    `prior_text_recorded` is false when the ledger holds no earlier text of the term (the
    original is not recorded): the term is then known to have been defined, text unknown.
    """

    TOPIC: ClassVar[str] = "termledger:DefinitionReplaced"

    certificate_id: str
    term: str
    text: str
    inline_terms: list[str] = msgspec.field(default_factory=list)
    prior_text_recorded: bool = True


class DefinitionDeleted(LedgerEvent, frozen=True, kw_only=True):
    """A definition was repealed in its entirety."""

    TOPIC: ClassVar[str] = "termledger:DefinitionDeleted"

    certificate_id: str
    term: str
    prior_text_recorded: bool = True


class DefinitionWordsSubstituted(LedgerEvent, frozen=True, kw_only=True):
    """Words inside a definition were substituted, inserted or deleted.

    `old_words` are the words deleted or replaced, or, for an insertion, the words the new
    ones go after or before; they must occur exactly once in the text in force on the
    effective date. `text_after` is the text the ledger computed when it recorded the event,
    or "" when the text it edits was not recorded then (an amendment ingested before the
    certificate that states the text): the view applies the edit to whatever text is recorded
    in legal order, never to a guess.
    """

    TOPIC: ClassVar[str] = "termledger:DefinitionWordsSubstituted"

    certificate_id: str
    term: str
    edit: WordEdit
    old_words: str
    new_words: str
    text_after: str


class DefinitionRenamed(LedgerEvent, frozen=True, kw_only=True):
    """Each reference to `term` was replaced by a reference to `new_term`, everywhere."""

    TOPIC: ClassVar[str] = "termledger:DefinitionRenamed"

    certificate_id: str
    term: str
    new_term: str


class DefinitionsRestated(LedgerEvent, frozen=True, kw_only=True):
    """The definitions were restated in their entirety: a new baseline.

    Terms in force before the restatement that the restating certificate does not define
    again are no longer in force from its effective date.
    """

    TOPIC: ClassVar[str] = "termledger:DefinitionsRestated"

    certificate_id: str
    scope: RestatementScope
    section: str | None = None


class ReviewRequired(LedgerEvent, frozen=True, kw_only=True):
    """Ingest recorded what it understood and could not interpret the rest (--accept-partial).

    Every answer about `terms` (or, when empty, about any term of the instrument) from the
    certificate's effective date on shows this.
    """

    TOPIC: ClassVar[str] = "termledger:ReviewRequired"

    certificate_id: str
    reason: str
    terms: list[str] = msgspec.field(default_factory=list)
    sentences: list[str] = msgspec.field(default_factory=list)


class FactsWithdrawn(LedgerEvent, frozen=True, kw_only=True):
    """Facts of the stream no longer stand, replaced by nothing (`correction` names them and why).

    A user's retraction of a document ingested by mistake, or a re-read that no longer finds
    a fact the earlier reader recorded.
    """

    TOPIC: ClassVar[str] = "termledger:FactsWithdrawn"

    certificate_id: str
    document_sha256: str = ""


class RequiredConsent(msgspec.Struct, frozen=True, kw_only=True):
    """A class or series vote an amendment needs: holders of `threshold` of `class_name`."""

    class_name: str
    threshold: Threshold
    separate_class: bool = True


class AmendmentRequirementStated(LedgerEvent, frozen=True, kw_only=True):
    """What amending the instrument requires (DGCL §242(b)), as a document or a user states it.

    `source` is "original_certificate" when the instrument's own text states the vote its
    amendment needs (`certificate_id` names that certificate) and "user" when someone recorded
    it with `ledger record-requirement`. The board resolution of §242(b)(1) is always required
    for an amendment; `board_required` exists so a statement can say so explicitly.
    """

    TOPIC: ClassVar[str] = "termledger:AmendmentRequirementStated"

    instrument_id: str
    consents: list[RequiredConsent]
    source: RequirementSource
    board_required: bool = True
    certificate_id: str | None = None
    note: str = ""


INSTRUMENT_EVENTS: tuple[type[LedgerEvent], ...] = (
    InstrumentAdopted,
    CertificateRecorded,
    BoardActionRecorded,
    HolderConsentRecorded,
    ExecutionRecorded,
    EffectiveTimeStated,
    FilingRecorded,
    DefinitionAdded,
    DefinitionReplaced,
    DefinitionDeleted,
    DefinitionWordsSubstituted,
    DefinitionRenamed,
    DefinitionsRestated,
    ReviewRequired,
    FactsWithdrawn,
    AmendmentRequirementStated,
)
DOCUMENT_EVENTS: tuple[type[LedgerEvent], ...] = (DocumentIngested, DocumentTextRecorded)
ALL_EVENTS: tuple[type[LedgerEvent], ...] = (*DOCUMENT_EVENTS, *INSTRUMENT_EVENTS)
EVENT_BY_TOPIC: dict[str, type[LedgerEvent]] = {cls.TOPIC: cls for cls in ALL_EVENTS}
