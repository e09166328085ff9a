"""Making the next events of a stream, each stamped with the document lines it states."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ledger.events import LedgerEvent, Provenance
from ledger.statements import Span

E = TypeVar("E", bound=LedgerEvent)


@dataclass(frozen=True)
class DocumentSource:
    """The document events are read from."""

    sha256: str
    name: str

    def at(self, span: Span) -> Provenance:
        """Provenance pointing at `span` of this document."""
        return Provenance(
            document_sha256=self.sha256,
            document_name=self.name,
            first_line=span.first_line,
            last_line=span.last_line,
        )


@dataclass
class EventStream:
    """Hands out consecutive versions of one stream."""

    originator_id: uuid.UUID
    version: int
    source: DocumentSource
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

    def append(self, cls: type[E], span: Span, **fields: Any) -> E:  # noqa: ANN401
        """Make the next event and keep it."""
        event = self.make(cls, span, **fields)
        self.events.append(event)
        return event
