"""Build instrument events by hand, for domain tests that need no parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from ledger.domain.identity import instrument_stream
from ledger.events import (
    CertificateRecorded,
    DefinitionAdded,
    DefinitionDeleted,
    DefinitionReplaced,
    EffectiveTimeStated,
    ExecutionRecorded,
    FilingRecorded,
    InstrumentAdopted,
    LedgerEvent,
    Provenance,
)

PROVENANCE = Provenance(
    document_sha256="0" * 64, document_name="test.txt", first_line=1, last_line=1
)


@dataclass
class InstrumentBuilder:
    """Appends consistent events to one instrument's stream."""

    instrument_id: str = "acme-series-a"
    adopted_on: date = date(1999, 1, 1)
    text_recorded: bool = True
    events: list[LedgerEvent] = field(default_factory=list)
    certificates: int = 0

    def __post_init__(self) -> None:
        self.add(
            InstrumentAdopted,
            instrument_id=self.instrument_id,
            issuer="Acme, Inc.",
            series="Series A",
            title="Certificate of Designation of the Series A Preferred Stock of Acme, Inc.",
            adopted_on=self.adopted_on,
            adoption_basis="test",
            text_recorded=self.text_recorded,
        )

    @property
    def stream(self) -> UUID:
        return instrument_stream(self.instrument_id)

    def add(self, cls: type[LedgerEvent], **fields: Any) -> LedgerEvent:
        event = cls(
            originator_id=self.stream,
            originator_version=len(self.events) + 1,
            provenance=PROVENANCE,
            **fields,
        )
        self.events.append(event)
        return event

    def certificate(
        self,
        executed_on: date,
        *,
        effective_on: date | None = None,
        filed_on: date | None = None,
    ) -> str:
        self.certificates += 1
        certificate_id = f"{self.instrument_id}@{executed_on}.{self.certificates}"
        self.add(
            CertificateRecorded,
            certificate_id=certificate_id,
            kind="amendment",
            title="test",
            sequence=self.certificates,
        )
        self.add(
            ExecutionRecorded,
            certificate_id=certificate_id,
            officer=None,
            officer_title="President",
            executed_on=executed_on,
        )
        if effective_on is not None:
            self.add(
                EffectiveTimeStated,
                certificate_id=certificate_id,
                effective_on=effective_on,
                wording=f"shall become effective on {effective_on}",
            )
        if filed_on is not None:
            self.add(
                FilingRecorded,
                certificate_id=certificate_id,
                filed_on=filed_on,
                source="document",
            )
        return certificate_id

    def added(self, certificate_id: str, term: str, text: str) -> None:
        self.add(DefinitionAdded, certificate_id=certificate_id, term=term, text=text)

    def replaced(self, certificate_id: str, term: str, text: str, *, prior: bool = True) -> None:
        self.add(
            DefinitionReplaced,
            certificate_id=certificate_id,
            term=term,
            text=text,
            prior_text_recorded=prior,
        )

    def deleted(self, certificate_id: str, term: str, *, prior: bool = True) -> None:
        self.add(
            DefinitionDeleted, certificate_id=certificate_id, term=term, prior_text_recorded=prior
        )
