"""termledger: an event-sourced ledger of the defined terms in corporate instruments.

from ledger import Ledger
with Ledger.open("termledger.sqlite") as ledger:
    ledger.ingest("certificate-of-amendment.txt")
    answer = ledger.show("Lucent Facility", as_of=date(2000, 7, 1))
"""

from ledger.answers import (
    AuthorityFacts,
    CheckFinding,
    CheckReport,
    CorrectionNote,
    CorrectionReport,
    DefinitionAnswer,
    DocumentQuote,
    FilingReport,
    IngestReport,
    InstrumentRef,
    InstrumentSummary,
    KnownVersion,
    LogEntry,
    RecordTime,
    RereadChange,
    RereadDocument,
    RereadReport,
    ReviewNote,
    SourceRef,
    TermHistory,
    TermReferences,
    VersionRecord,
)
from ledger.application import Ledger
from ledger.errors import (
    AmbiguousTermError,
    BadOptionError,
    ConflictingEventError,
    LedgerError,
    ParseError,
    StorageError,
    UnknownCertificateError,
    UnknownEventError,
    UnknownInstrumentError,
    UnknownTermError,
)

__all__ = [
    "AmbiguousTermError",
    "AuthorityFacts",
    "BadOptionError",
    "CheckFinding",
    "CheckReport",
    "ConflictingEventError",
    "CorrectionNote",
    "CorrectionReport",
    "DefinitionAnswer",
    "DocumentQuote",
    "FilingReport",
    "IngestReport",
    "InstrumentRef",
    "InstrumentSummary",
    "KnownVersion",
    "Ledger",
    "LedgerError",
    "LogEntry",
    "ParseError",
    "RecordTime",
    "RereadChange",
    "RereadDocument",
    "RereadReport",
    "ReviewNote",
    "SourceRef",
    "StorageError",
    "TermHistory",
    "TermReferences",
    "UnknownCertificateError",
    "UnknownEventError",
    "UnknownInstrumentError",
    "UnknownTermError",
    "VersionRecord",
]
