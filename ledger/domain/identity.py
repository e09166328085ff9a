"""Stable ids: of instruments (readable slugs) and of the event streams they map to."""

from __future__ import annotations

import uuid

from ledger.terms import slugify

NAMESPACE = uuid.UUID("6f1c1c8e-3a0f-4d52-9a53-2b8f0e4f7a10")
_ENTITY_WORDS = {"inc", "incorporated", "corporation", "corp", "company", "co", "ltd", "lp", "llc"}


def instrument_id_for(issuer: str, series: str) -> str:
    """A stable, readable id: the issuer's words (without "Inc." etc.) and the series."""
    words = [w for w in slugify(issuer).split("-") if w not in _ENTITY_WORDS]
    return "-".join([*words, slugify(series)])


def instrument_stream(instrument_id: str) -> uuid.UUID:
    """The stream every event of the instrument goes into."""
    return uuid.uuid5(NAMESPACE, f"instrument:{instrument_id}")


def document_stream(sha256: str) -> uuid.UUID:
    """The stream of one document's bytes; its one event makes re-ingesting them impossible."""
    return uuid.uuid5(NAMESPACE, f"document:{sha256}")
