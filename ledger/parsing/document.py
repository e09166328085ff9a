"""A file's bytes -> the certificates it states, or a ParseError naming file and line.

A file is plain text, an HTML exhibit, or an EDGAR full submission holding several
documents; each document holds one certificate. Parts of a submission that hold none (the
report body, a press release) are skipped and reported, not refused.
"""

from __future__ import annotations

import re

from ledger.errors import ParseError
from ledger.events import CertificateKind, RestatementScope
from ledger.parsing.dates import DATE_PATTERN, DATE_RE, date_from_match
from ledger.parsing.edgar import is_submission, split_submission
from ledger.parsing.facts import FactReader, require
from ledger.parsing.html import html_lines, looks_like_html
from ledger.parsing.layout import remove_page_furniture
from ledger.parsing.operations import OperationReader
from ledger.parsing.source import (
    FoldedText,
    Line,
    Paragraph,
    SourceDocument,
    decode_text,
    sha256_of,
    split_lines,
)
from ledger.statements import (
    ParsedCertificate,
    ParsedDocument,
    ParsedFile,
    ParsedReference,
    ParsedSentence,
    SkippedPart,
    Span,
)
from ledger.terms import normalise_spaces

_HEADING_LINES = 40
_AMENDMENT_HEADING_RE = re.compile(r"CERTIFICATE\s+OF\s+AMENDMENT", re.IGNORECASE)
_RESTATED_HEADING_RE = re.compile(
    r"AMENDED\s+AND\s+RESTATED\s+CERTIFICATE\s+OF\s+(?:THE\s+)?(?:DESIGNATIONS?|VOTING)",
    re.IGNORECASE,
)
_CORRECTION_HEADING_RE = re.compile(r"CERTIFICATE\s+OF\s+CORRECTION", re.IGNORECASE)
_DESIGNATION_HEADING_RE = re.compile(
    r"CERTIFICATE\s+OF\s+(?:THE\s+)?(?:DESIGNATIONS?|VOTING\s+POWERS)", re.IGNORECASE
)
_CORRECTED_REFERENCE_RE = re.compile(
    r"(?:executed|filed(?: with the Secretary of State(?: of the State of Delaware)?)?) "
    rf"(?:on|as of) (?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)
_QUOTED_TERM = re.compile('["\u201c]([^"\u201c\u201d]{1,120})["\u201d]')
_HEADINGS: tuple[tuple[re.Pattern[str], CertificateKind], ...] = (
    (_CORRECTION_HEADING_RE, "correction"),
    (_RESTATED_HEADING_RE, "restatement"),
    (_AMENDMENT_HEADING_RE, "amendment"),
    (_DESIGNATION_HEADING_RE, "original"),
)
# Parse errors that mean "this part holds no certificate", which a submission may contain.
_NOT_A_CERTIFICATE = ("no issuer", "no series", "no definition recognised")


def parse_file(data: bytes, name: str, *, accept_partial: bool = False) -> ParsedFile:
    """Parse one file: plain text, HTML, or an EDGAR full submission."""
    text, encoding = decode_text(data, name)
    lines = split_lines(text)
    if not is_submission(lines):
        source = _source(name, data, encoding, lines, container=None)
        certificate = parse_certificate(source, accept_partial=accept_partial)
        return ParsedFile(name=name, parts=[_document(source, certificate)])
    parts: list[ParsedDocument | SkippedPart] = []
    for part in split_submission(lines):
        label = f"{name} [{part.label}]"
        body = "\n".join(line.text for line in part.lines)
        source = _source(label, body.encode(encoding), encoding, part.lines, container=name)
        try:
            certificate = parse_certificate(source, accept_partial=accept_partial)
        except ParseError as error:
            if not error.reason.startswith(_NOT_A_CERTIFICATE):
                raise
            parts.append(SkippedPart(name=label, reason=error.reason))
            continue
        parts.append(_document(source, certificate))
    parsed = ParsedFile(name=name, parts=parts)
    if not parsed.documents:
        raise ParseError(
            f"the submission holds no certificate ({len(parts)} documents, none with definitions)",
            file=name,
        )
    return parsed


def parse_document(data: bytes, name: str, *, accept_partial: bool = False) -> ParsedDocument:
    """Parse a file that holds exactly one document."""
    parsed = parse_file(data, name, accept_partial=accept_partial)
    if len(parsed.documents) != 1:
        raise ParseError(f"expected one document, found {len(parsed.documents)}", file=name)
    return parsed.documents[0]


def _source(
    name: str, data: bytes, encoding: str, lines: list[Line], *, container: str | None
) -> SourceDocument:
    text = "\n".join(line.text for line in lines)
    if looks_like_html(text):
        lines = html_lines(text, first_number=lines[0].number if lines else 1)
    return SourceDocument(
        name=name,
        sha256=sha256_of(data),
        byte_size=len(data),
        encoding=encoding,
        lines=remove_page_furniture(lines),
        container=container,
    )


def _document(source: SourceDocument, certificate: ParsedCertificate) -> ParsedDocument:
    return ParsedDocument(
        name=source.name,
        sha256=source.sha256,
        byte_size=source.byte_size,
        encoding=source.encoding,
        line_count=source.lines[-1].number if source.lines else 0,
        certificates=[certificate],
        container=source.container,
    )


def parse_certificate(source: SourceDocument, *, accept_partial: bool = False) -> ParsedCertificate:
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
    reader = OperationReader(is_original=kind == "original", baseline=kind == "restatement")
    reader.read(paragraphs)
    uninterpreted = [_sentence(p) for p in reader.uninterpreted]
    if uninterpreted and not accept_partial:
        lines = ", ".join(
            f"{s.span.first_line}-{s.span.last_line}"
            if s.span.last_line != s.span.first_line
            else str(s.span.first_line)
            for s in uninterpreted
        )
        plural = "s" if len(uninterpreted) > 1 or "-" in lines else ""
        raise ParseError(
            f"amending language that cannot be interpreted (line{plural} {lines}): "
            f"{uninterpreted[0].text[:90]!r} (use --accept-partial to record the rest "
            "and mark it for review)",
            file=source.name,
            line=uninterpreted[0].span.first_line,
        )
    if reader.orphans:
        first = reader.orphans[0]
        raise ParseError(
            f"definition {first.text[:60]!r} follows no amending instruction "
            "(expected e.g. 'Section I is amended as follows:')",
            file=source.name,
            line=first.first_line,
        )
    if not reader.operations and not uninterpreted:
        raise ParseError(
            "no definition recognised (expected paragraphs like '\"Term\" means ...' "
            "or 'by deleting the definition of \"Term\"')",
            file=source.name,
        )
    # Facts (dates, approvals, signatures) are never stated inside a definition, and a
    # definition may well say "dated as of": read them from the other paragraphs only.
    facts = FactReader(source, FoldedText.of(_outside_definitions(paragraphs, reader)))
    execution = facts.execution()
    board = facts.board_action()
    filing = facts.filing()
    if execution is None and board is None and filing is None:
        raise ParseError(
            "no board action, execution or filing date recognised; cannot date the certificate",
            file=source.name,
        )
    restates: RestatementScope | None = None
    if kind == "restatement":
        restates = "certificate"
    elif reader.restated_section is not None:
        restates = "section"
    return ParsedCertificate(
        kind=kind,
        issuer=issuer,
        series=series,
        security=security_name,
        title=f"Certificate of Designation of the {security_name} of {issuer}",
        instrument_dated=facts.instrument_dated() if kind != "original" else None,
        amended_section=reader.amended_section,
        board=board,
        consents=facts.consents(),
        execution=execution,
        effective_time=facts.effective_time(),
        filing=filing,
        operations=reader.operations,
        span=Span(first_line=source.lines[0].number, last_line=source.lines[-1].number),
        restates=restates,
        restated_section=reader.restated_section,
        corrects=_corrected_reference(facts, source.name) if kind == "correction" else None,
        uninterpreted=uninterpreted,
    )


def _sentence(paragraph: Paragraph) -> ParsedSentence:
    text = paragraph.text
    return ParsedSentence(
        text=text,
        terms=list(dict.fromkeys(normalise_spaces(t) for t in _QUOTED_TERM.findall(text))),
        span=Span(first_line=paragraph.first_line, last_line=paragraph.last_line),
    )


def _corrected_reference(facts: FactReader, name: str) -> ParsedReference:
    """The certificate a certificate of correction corrects, by the date it names."""
    own = facts.execution()
    match = next(
        (
            m
            for m in _CORRECTED_REFERENCE_RE.finditer(facts.folded.text)
            if own is None or facts.date_of(m).on != own.executed_on
        ),
        None,
    )
    if match is None:
        raise ParseError(
            "a certificate of correction must name the certificate it corrects "
            "(e.g. 'the Certificate of Amendment ... executed on May 20, 1999')",
            file=name,
        )
    date_match = DATE_RE.search(match.group("date"))
    assert date_match is not None  # noqa: S101 (the group is a DATE_PATTERN)
    span = facts.span(match)
    return ParsedReference(
        on=date_from_match(date_match, file=name, line=span.first_line),
        wording=normalise_spaces(match.group(0)),
        span=span,
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
    """What the heading calls the certificate first.

    "CERTIFICATE OF AMENDMENT OF THE AMENDED AND RESTATED CERTIFICATE ..." is an amendment;
    a designation heading alone is the original.
    """
    heading = " ".join(line.text for line in source.lines[:_HEADING_LINES])
    found = [
        (match.start(), kind)
        for pattern, kind in _HEADINGS
        if (match := pattern.search(heading)) is not None
    ]
    return min(found)[1] if found else "amendment"
