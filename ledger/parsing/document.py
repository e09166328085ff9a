"""One document's bytes -> the certificates it states, or a ParseError naming file and line."""

from __future__ import annotations

import re

from ledger.errors import ParseError
from ledger.events import CertificateKind
from ledger.parsing.facts import FactReader, require
from ledger.parsing.model import ParsedCertificate, ParsedDocument, Span
from ledger.parsing.operations import OperationReader
from ledger.parsing.source import FoldedText, Line, Paragraph, SourceDocument, decode

_AMENDMENT_HEADING_RE = re.compile(r"CERTIFICATE\s+OF\s+AMENDMENT", re.IGNORECASE)
_DESIGNATION_HEADING_RE = re.compile(
    r"CERTIFICATE\s+OF\s+(?:THE\s+)?(?:DESIGNATIONS?|VOTING\s+POWERS)", re.IGNORECASE
)


def parse_document(data: bytes, name: str) -> ParsedDocument:
    """Parse a plain-text filing; `name` is how errors and provenance refer to it."""
    source = decode(data, name)
    certificate = parse_certificate(source)
    return ParsedDocument(
        name=name,
        sha256=source.sha256,
        byte_size=source.byte_size,
        encoding=source.encoding,
        line_count=len(source.lines),
        certificates=[certificate],
    )


def parse_certificate(source: SourceDocument) -> ParsedCertificate:
    """Read one certificate; refuses what it cannot read rather than guessing."""
    whole = FactReader(source)
    whole.check_every_date()
    kind = _kind(source)
    issuer = whole.issuer()
    require(issuer, "issuer (e.g. 'X, Inc., a Delaware corporation')", file=source.name)
    security = whole.security()
    require(
        security,
        "series of preferred stock (e.g. 'Series E ... Preferred Stock')",
        file=source.name,
    )
    assert issuer is not None  # noqa: S101 (narrowed by require)
    assert security is not None  # noqa: S101
    series, security_name = security

    paragraphs = source.paragraphs
    reader = OperationReader(is_original=kind == "original")
    reader.read(paragraphs)
    # Facts (dates, approvals, signatures) are never stated inside a definition, and a
    # definition may well say "dated as of": read them from the other paragraphs only.
    facts = FactReader(source, FoldedText.of(_outside_definitions(paragraphs, reader)))
    if reader.uninterpreted:
        lines = ", ".join(
            f"{p.first_line}-{p.last_line}" if p.last_line != p.first_line else str(p.first_line)
            for p in reader.uninterpreted
        )
        raise ParseError(
            f"amending language that cannot be interpreted at lines {lines}: "
            f"{reader.uninterpreted[0].text[:90]!r}",
            file=source.name,
            line=reader.uninterpreted[0].first_line,
        )
    if reader.orphans:
        first = reader.orphans[0]
        raise ParseError(
            f"definition {first.text[:60]!r} follows no amending instruction "
            "(expected e.g. 'Section I is amended as follows:')",
            file=source.name,
            line=first.first_line,
        )
    if not reader.operations:
        raise ParseError(
            "no definition recognised (expected paragraphs like '\"Term\" means ...' "
            "or 'by deleting the definition of \"Term\"')",
            file=source.name,
        )

    execution = facts.execution()
    board = facts.board_action()
    filing = facts.filing()
    if execution is None and board is None and filing is None:
        raise ParseError(
            "no board action, execution or filing date recognised; cannot date the certificate",
            file=source.name,
        )
    consents = facts.consents()
    return ParsedCertificate(
        kind=kind,
        issuer=issuer,
        series=series,
        security=security_name,
        title=f"Certificate of Designation of the {security_name} of {issuer}",
        instrument_dated=facts.instrument_dated(),
        amended_section=reader.amended_section,
        board=board,
        consents=consents,
        execution=execution,
        effective_time=facts.effective_time(),
        filing=filing,
        operations=reader.operations,
        span=Span(first_line=1, last_line=len(source.lines)),
    )


def _outside_definitions(paragraphs: list[Paragraph], reader: OperationReader) -> list[Line]:
    inside = {
        number
        for op in reader.operations
        if op.text is not None
        for number in range(op.span.first_line, op.span.last_line + 1)
    }
    return [line for p in paragraphs for line in p.lines if line.number not in inside]


def _kind(source: SourceDocument) -> CertificateKind:
    """An amendment says so in its heading; a designation heading alone is the original."""
    heading = " ".join(line.text for line in source.lines[:40])
    if _AMENDMENT_HEADING_RE.search(heading):
        return "amendment"
    if _DESIGNATION_HEADING_RE.search(heading):
        return "original"
    return "amendment"
