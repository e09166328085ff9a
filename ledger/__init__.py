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
    DefinitionAnswer,
    FilingReport,
    IngestReport,
    InstrumentRef,
    InstrumentSummary,
    LogEntry,
    ReviewNote,
    SourceRef,
    TermHistory,
    TermReferences,
    VersionRecord,
)
from ledger.application import Ledger
from ledger.errors import (
    AmbiguousTermError,
    ConflictingEventError,
    LedgerError,
    ParseError,
    StorageError,
    UnknownCertificateError,
    UnknownInstrumentError,
    UnknownTermError,
)

__all__ = [
    "AmbiguousTermError",
    "AuthorityFacts",
    "CheckFinding",
    "CheckReport",
    "ConflictingEventError",
    "DefinitionAnswer",
    "FilingReport",
    "IngestReport",
    "InstrumentRef",
    "InstrumentSummary",
    "Ledger",
    "LedgerError",
    "LogEntry",
    "ParseError",
    "ReviewNote",
    "SourceRef",
    "StorageError",
    "TermHistory",
    "TermReferences",
    "UnknownCertificateError",
    "UnknownInstrumentError",
    "UnknownTermError",
    "VersionRecord",
]
