"""A file's bytes -> the certificates it states, or a ParseError naming file and line.

A file is plain text, an HTML exhibit, or an EDGAR full submission holding several
documents; each document holds one certificate. Parts of a submission that hold none (the
report body, a press release) are skipped and reported, not refused.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

import msgspec

from ledger.errors import ParseError
from ledger.events import CertificateKind, RestatementScope
from ledger.parsing.checks import plausibility, problems
from ledger.parsing.dates import DATE_PATTERN
from ledger.parsing.edgar import (
    SubmissionPart,
    choose_certificates,
    is_submission,
    split_submission,
)
from ledger.parsing.facts import FactReader, mixed_case_of, names_a_series, require
from ledger.parsing.html import html_lines, looks_like_html
from ledger.parsing.identity import IssuerConflictError, issuer_of
from ledger.parsing.layout import remove_page_furniture
from ledger.parsing.operations import OperationReader
from ledger.parsing.parenthetical import (
    inserted_paragraphs,
    instrument_paragraphs,
    parenthetical_definitions,
)
from ledger.parsing.requirement import amendment_requirement
from ledger.parsing.roles import DEFINITION_START, RoledParagraph, assign_roles
from ledger.parsing.source import (
    FoldedText,
    Line,
    Paragraph,
    SourceDocument,
    decode_text,
    sha256_of,
    split_lines,
)
from ledger.parsing.state_forms import form_effective_time
from ledger.parsing.unsupported import refuse_unsupported
from ledger.statements import (
    Instruction,
    ParsedCertificate,
    ParsedDocument,
    ParsedExecution,
    ParsedFile,
    ParsedOperation,
    ParsedReference,
    ParsedSentence,
    Span,
    SuppliedFacts,
)
from ledger.terms import normalise_spaces

_HEADING_LINES = 40
_AMENDMENT_HEADING_RE = re.compile(
    r"CERTIFICATE\s+OF\s+AMENDMENT|\bAMENDE?MENT\s+(?:NO\.\s*\d+\s+)?(?:TO|OF)\b",
    re.IGNORECASE,
)
_RESTATED_HEADING_RE = re.compile(
    r"(?:AMENDED\s+AND\s+)?RESTATED\s+(?:CERTIFICATE|STATEMENT)\s+OF\s+(?:THE\s+)?"
    r"(?:DESIGNATIONS?|VOTING|POWERS)",
    re.IGNORECASE,
)
_CORRECTION_HEADING_RE = re.compile(
    r"CERTIFICATE\s+OF\s+CORRECTION|CORRECTED\s+CERTIFICATE", re.IGNORECASE
)
_DESIGNATION_HEADING_RE = re.compile(
    r"(?:CERTIFICATE|STATEMENT)\s+OF\s+(?:THE\s+)?(?:DESIGNATIONS?|VOTING\s+POWERS|POWERS)",
    re.IGNORECASE,
)
# A charter amendment that creates the series ("... is hereby designated "Class B Series 4
# ... Preferred Stock"") is the series' original certificate, whatever its heading.
_CREATES_SERIES_RE = re.compile(
    r"(?:series|shares)[^.]{0,120}?(?:is|are|shall be) hereby (?:created|designated)"
    r"|hereby (?:creates|designates|establishes) a (?:new )?series",
    re.IGNORECASE,
)
_CORRECTED_REFERENCE_RE = re.compile(
    r"(?:executed|filed(?: (?:with|by) the Secretary of State(?: of (?:the State of )?"
    r"[A-Z][a-z]+)?)?) "
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


def parse_file(
    data: bytes,
    name: str,
    *,
    accept_partial: bool = False,
    supplied: SuppliedFacts | None = None,
) -> ParsedFile:
    """Parse one file: plain text, HTML, or an EDGAR full submission."""
    text, encoding = decode_text(data, name)
    lines = split_lines(text)
    if not is_submission(lines):
        source = _source(name, data, encoding, lines, container=None)
        certificate = parse_certificate(source, accept_partial=accept_partial, supplied=supplied)
        return ParsedFile(name=name, parts=[_document(source, certificate)])
    read: list[tuple[SubmissionPart, ParsedDocument | ParseError]] = []
    for part in split_submission(lines):
        label = f"{name} [{part.label}]"
        body = "\n".join(line.text for line in part.lines)
        source = _source(label, body.encode(encoding), encoding, part.lines, container=name)
        try:
            certificate = parse_certificate(
                source, accept_partial=accept_partial, supplied=supplied
            )
        except ParseError as error:
            read.append((part, error))
            continue
        read.append((part, _document(source, certificate)))
    return ParsedFile(name=name, parts=choose_certificates(name, read))


def parse_document(
    data: bytes,
    name: str,
    *,
    accept_partial: bool = False,
    supplied: SuppliedFacts | None = None,
) -> ParsedDocument:
    """Parse a file that holds exactly one document."""
    parsed = parse_file(data, name, accept_partial=accept_partial, supplied=supplied)
    if len(parsed.documents) != 1:
        raise ParseError(f"expected one document, found {len(parsed.documents)}", file=name)
    return parsed.documents[0]


def _source(
    name: str, data: bytes, encoding: str, lines: list[Line], *, container: str | None
) -> SourceDocument:
    text = "\n".join(line.text for line in lines)
    html = looks_like_html(text)
    if html:
        lines = html_lines(text, first_number=lines[0].number if lines else 1)
    return SourceDocument(
        name=name,
        sha256=sha256_of(data),
        byte_size=len(data),
        encoding=encoding,
        lines=remove_page_furniture(lines),
        container=container,
        html=html,
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


def parse_certificate(
    source: SourceDocument,
    *,
    accept_partial: bool = False,
    supplied: SuppliedFacts | None = None,
) -> ParsedCertificate:
    """Read one certificate; refuses what it cannot read rather than guessing.

    `supplied` holds facts the user gave where the reader cannot decide (`ledger ingest
    --issuer`, `--executed-on`, `--adopted-on`); they win over the text and are recorded as
    the user's.
    """
    user = supplied or SuppliedFacts()
    _refuse_blank_form(source)
    roled = assign_roles(source.paragraphs)
    refuse_unsupported(roled, source.name)
    facts = FactReader(source, roled)
    facts.check_every_date()
    kind = _kind(source, roled)
    issuer = user.issuer or _issuer(roled, source)
    security = facts.security()
    require(
        security,
        "series of preferred stock (e.g. 'Series E ... Preferred Stock')",
        file=source.name,
    )
    assert security is not None  # noqa: S101 (narrowed by require)
    series, security_name = security
    _refuse_two_series(facts, source.name)
    two_recited = _two_series_recited(facts, source.name, kind=kind, user=user)

    paragraphs = source.paragraphs
    reader = OperationReader(is_original=kind == "original", baseline=kind == "restatement")
    reader.read(
        paragraphs,
        inserted=frozenset(r.paragraph.first_line for r in roled if r.role == "inserted"),
    )
    if reader.unreadable and not accept_partial:
        paragraph, reason = reader.unreadable[0]
        raise ParseError(
            f"a paragraph that looks like a definition cannot be read: {reason} (use "
            "--accept-partial to record the rest and mark it for review)",
            file=source.name,
            line=paragraph.first_line,
        )
    uninterpreted = [
        msgspec.structs.replace(
            _sentence(p),
            reason=f"amending language that cannot be interpreted: {why}",
        )
        if (why := reader.reasons.get(p.first_line))
        else _sentence(p)
        for p in reader.uninterpreted
    ] + [
        msgspec.structs.replace(_sentence(p), reason=f"definition not read: {reason}")
        for p, reason in reader.unreadable
    ]
    if uninterpreted and not accept_partial:
        lines = ", ".join(
            f"{s.span.first_line}-{s.span.last_line}"
            if s.span.last_line != s.span.first_line
            else str(s.span.first_line)
            for s in uninterpreted
        )
        plural = "s" if len(uninterpreted) > 1 or "-" in lines else ""
        why = reader.reasons.get(uninterpreted[0].span.first_line)
        raise ParseError(
            f"amending language that cannot be interpreted (line{plural} {lines}): "
            + (f"{why}: " if why else "")
            + f"{uninterpreted[0].text[:90]!r} (use --accept-partial to record the rest "
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
    if (
        not reader.operations
        and not uninterpreted
        and (kind == "original" or not reader.understood)
    ):
        raise ParseError(
            "no definition recognised (expected paragraphs like '\"Term\" means ...' "
            "or 'by deleting the definition of \"Term\"')",
            file=source.name,
        )
    execution = facts.execution()
    if user.executed_on is not None:
        officer, title = (
            (execution.officer, execution.officer_title) if execution else facts.signer()
        )
        execution = ParsedExecution(
            executed_on=user.executed_on,
            officer=officer,
            officer_title=title,
            span=execution.span if execution else Span(first_line=0, last_line=0),
            supplied=True,
        )
    board = facts.board_action(issuer)
    filing = facts.filing()
    if execution is None and board is None and filing is None:
        raise ParseError(
            "no board action, execution or filing date recognised; cannot date the "
            "certificate (give the date it was signed with --executed-on)",
            file=source.name,
        )
    restates: RestatementScope | None = None
    restated_section = reader.restated_section
    if kind == "restatement":
        # "Amended and Restated" in the heading, but the resolution may restate one section
        # (the definitions paragraph) only: what the operative text does decides the scope.
        restated_section = _restated_section(roled)
        restates = "section" if restated_section else "certificate"
    elif restated_section is not None:
        restates = "section"
    requirement, requirement_refused = (
        amendment_requirement(instrument_paragraphs(roled), series)
        if kind in {"original", "restatement"}
        else (None, None)
    )
    parsed = ParsedCertificate(
        kind=kind,
        issuer=issuer,
        series=series,
        security=security_name,
        title=f"Certificate of Designation of the {security_name} of {issuer}",
        series_from_body=series.startswith("Series ")
        and series.removeprefix("Series ").upper() not in {t for t, _ in facts.series_in_caption()},
        instrument_dated=facts.instrument_dated()
        if kind != "original" and not two_recited
        else None,
        amended_section=reader.amended_section,
        board=board,
        consents=[
            consent
            for consent in facts.consents(series, _terms_lines(roled, kind))
            if not (two_recited and names_a_series(consent.class_name))
        ],
        execution=execution,
        effective_time=facts.effective_time() or form_effective_time(facts),
        filing=filing,
        operations=_with_parentheticals(reader, roled, kind),
        span=Span(first_line=source.lines[0].number, last_line=source.lines[-1].number),
        restates=restates,
        restated_section=restated_section,
        corrects=_corrected_reference(facts, execution, source.name)
        if kind == "correction"
        else None,
        uninterpreted=uninterpreted,
        instrument_filed=facts.instrument_filed()
        if kind != "original" and not two_recited
        else None,
        supplied=[
            fact
            for fact, value in (
                ("issuer", user.issuer),
                ("executed_on", user.executed_on),
                ("adopted_on", user.adopted_on),
            )
            if value is not None
        ],
        adopted_on=user.adopted_on,
        requirement=requirement,
        requirement_refused=requirement_refused,
    )
    plausibility(parsed, source.name, datetime.now(UTC).date())
    return _checked(parsed, roled, source.name, accept_partial=accept_partial)


def _with_parentheticals(
    reader: OperationReader, roled: list[RoledParagraph], kind: CertificateKind
) -> list[ParsedOperation]:
    """The reader's operations with the parenthetical definitions, in document order.

    An original or a restatement states its terms in its whole body; an amendment only in
    the text it inserts under an instruction the reader understood.
    """
    defined = [t for op in reader.operations for t in (op.term, *op.inline_terms)]
    if kind in {"original", "restatement"}:
        instruction: Instruction = "original" if kind == "original" else "restate_all"
        paragraphs = instrument_paragraphs(roled)
    else:
        instruction = "amend_as_follows"
        refused = frozenset(
            p.first_line for p in (*reader.uninterpreted, *(p for p, _ in reader.unreadable))
        )
        paragraphs = inserted_paragraphs(roled, refused)
    merged = list(reader.operations)
    for op in parenthetical_definitions(paragraphs, instruction, defined):
        at = next(
            (i for i, o in enumerate(merged) if o.span.first_line > op.span.first_line),
            len(merged),
        )
        merged.insert(at, op)
    return merged


# A paragraph that states an act ("... and the holders of all of the outstanding shares ...
# approved it by written consent") recites an approval, whatever its place.
_STATES_AN_ACT = re.compile(
    r"\b(?:approved|consented|ratified|voted\s+in\s+favou?r)\b", re.IGNORECASE
)


def _terms_lines(roled: list[RoledParagraph], kind: CertificateKind) -> frozenset[int]:
    """The lines of an original's or restatement's own terms, which state no approval."""
    if kind not in {"original", "restatement"}:
        return frozenset()
    return frozenset(
        line.number
        for paragraph in instrument_paragraphs(roled)
        if not _STATES_AN_ACT.search(paragraph.text)
        for line in paragraph.lines
    )


def _refuse_two_series(facts: FactReader, name: str) -> None:
    """A certificate designating two series is two instruments: refused, not read as one."""
    named = facts.series_in_caption()
    if len(named) > 1:
        (first, _), (second, line) = named[0], named[1]
        raise ParseError(
            f"the heading names two series (Series {first} and Series {second}): termledger "
            "records one instrument per series and cannot tell which definitions belong to "
            f"which; ingest a certificate of Series {second} separately",
            file=name,
            line=line,
        )


def _two_series_recited(
    facts: FactReader, name: str, *, kind: CertificateKind, user: SuppliedFacts
) -> bool:
    """A heading naming no series and a text naming two: which one it acts on is not read.

    The first series recited may be another security (a rights plan's "Series A Junior
    Participating" recited before the Series B the resolution amends); guessing would record
    the amendment on the wrong instrument. Refused unless the user names the instrument
    (--instrument); then True: the recitals' filing dates and the series' consents may be the
    other series', so they are not read as this instrument's.
    """
    if kind == "original" or facts.series_in_caption():
        return False  # an original's own designation outranks recitals
    named = facts.series_in_statements()
    if len(named) > 1 and user.instrument is None:
        (first, _), (second, line) = named[0], named[1]
        raise ParseError(
            f"the heading names no series and the text names Series {first} and Series "
            f"{second}: which instrument this certificate acts on is not read; name it with "
            "--instrument (see `ledger instruments`)",
            file=name,
            line=line,
        )
    return len(named) > 1


def _checked(
    parsed: ParsedCertificate, roled: list[RoledParagraph], name: str, *, accept_partial: bool
) -> ParsedCertificate:
    """Refuse a certificate whose facts contradict each other, or mark it for review."""
    found = problems(parsed, roled)
    if not found:
        return parsed
    if not accept_partial:
        first = found[0]
        raise ParseError(
            f"{first.reason} (use --accept-partial to record it marked for review)",
            file=name,
            line=first.line,
        )
    reviews = [
        ParsedSentence(
            text=problem.reason,
            terms=list(problem.terms),
            span=Span(first_line=problem.line, last_line=problem.line),
            reason=problem.reason,
        )
        for problem in found
    ]
    return msgspec.structs.replace(parsed, uninterpreted=[*parsed.uninterpreted, *reviews])


# "this ___ day of ________, 2006", "dated ____________, 2006": a form, not an executed filing.
_BLANK_DATE = re.compile(
    r"_{2,}\s+day\s+of\s+_{2,}|(?:dated|on|as of)\s+_{3,}|\b(?:19|20)_{2}\b", re.IGNORECASE
)


def _refuse_blank_form(source: SourceDocument) -> None:
    """A form of certificate with its dates left blank was never executed or filed."""
    text = source.folded()
    if "__" not in text.text:
        return  # no blank to fill in (every form below has two underscores in a row)
    blank = _BLANK_DATE.search(text.text)
    if blank is not None:
        raise ParseError(
            f"a form of certificate, not an executed one: the date is left blank "
            f"({text.text[blank.start() : blank.end() + 12].strip()!r}); ingest the executed "
            "certificate",
            file=source.name,
            line=text.line_at(blank.start()),
        )


def _issuer(roled: list[RoledParagraph], source: SourceDocument) -> str:
    """The issuer named by the caption and preamble, which must agree."""
    try:
        found = issuer_of(roled)
    except IssuerConflictError as conflict:
        raise ParseError(
            f"two different issuers: the heading names {conflict.caption.name!r} (line "
            f"{conflict.caption.line}) but the preamble names {conflict.preamble.name!r}; "
            "give the right one with --issuer",
            file=source.name,
            line=conflict.preamble.line,
        ) from None
    if found is None:
        raise ParseError(
            "no issuer (e.g. 'X, Inc., a Delaware corporation') recognised; is this a "
            "certificate of designation? (if it is, give the issuer with --issuer)",
            file=source.name,
        )
    return mixed_case_of(found.name, source.folded().text) if found.name.isupper() else found.name


def _sentence(paragraph: Paragraph) -> ParsedSentence:
    text = paragraph.text
    return ParsedSentence(
        text=text,
        terms=list(dict.fromkeys(normalise_spaces(t) for t in _QUOTED_TERM.findall(text))),
        span=Span(first_line=paragraph.first_line, last_line=paragraph.last_line),
    )


def _corrected_reference(
    facts: FactReader, own: ParsedExecution | None, name: str
) -> ParsedReference:
    """The certificate a certificate of correction corrects, by the date it names."""
    text = facts.acts
    candidates = [
        m
        for m in _CORRECTED_REFERENCE_RE.finditer(text.text)
        if own is None or facts.date_of(text, m).on != own.executed_on
    ]
    if candidates and _CORRECTS_A_CORRECTION.search(facts.heading.text + " " + text.text):
        candidates = _dates_of_a_correction(text, candidates, name)
    match = next(iter(candidates), None)
    if match is None:
        raise ParseError(
            "a certificate of correction must name the certificate it corrects "
            "(e.g. 'the Certificate of Amendment ... executed on May 20, 1999')",
            file=name,
        )
    parsed = facts.date_of(text, match)
    return ParsedReference(on=parsed.on, wording=parsed.wording, span=parsed.span)


_CORRECTS_A_CORRECTION = re.compile(
    r"\bCorrection\s+of\s+(?:the\s+)?Certificate\s+of\s+Correction\b"
    r"|\bCertificate\s+of\s+Correction\W{0,3}\s+(?:requires|needs|is in need of)\s+correction",
    re.IGNORECASE,
)
_NAMED_DOCUMENT = re.compile(
    r"Certificate of (?:Correction|Amendment|Designations?|Incorporation|Elimination|Increase)"
    r"|Articles|Statement of Designations?|Amended and Restated",
    re.IGNORECASE,
)


def _dates_of_a_correction(
    folded_text: FoldedText, candidates: list[re.Match[str]], name: str
) -> list[re.Match[str]]:
    """The dates that belong to a certificate of correction, where a correction corrects one.

    "The Certificate of Amendment ... executed on November 20, 2000 was corrected by a
    Certificate of Correction executed on December 4, 2000 ... The First Certificate of
    Correction requires correction" corrects the correction, not the amendment named first.
    A date belongs to the document named last before it since the previous date; a date
    with no document named in between belongs to the same one ("executed on X and filed on Y").
    """
    text = folded_text.text
    kept: list[re.Match[str]] = []
    owner = ""
    start = 0
    for m in candidates:
        named = list(_NAMED_DOCUMENT.finditer(text, start, m.start()))
        if named:
            owner = named[-1].group(0).casefold()
        if owner == "certificate of correction":
            kept.append(m)
        start = m.end()
    if not kept:
        raise ParseError(
            "this certificate corrects a certificate of correction but names no date of it "
            f"(only {candidates[0].group(0)!r}); the ledger cannot tell which certificate it "
            "corrects: name the corrected certificate of correction by the date it was "
            "executed or filed",
            file=name,
            line=folded_text.line_at(candidates[0].start()),
        )
    return kept


_RESTATES_SECTION = re.compile(
    r"\b(?P<section>(?:Section|Article|paragraph) [\w.()-]+) of (?:the |this )?"
    r"(?:[^.:;]|\.(?=\d)){0,200}?"
    r"(?:is|are|shall be|be) (?:hereby )?(?:amended and restated|restated) in (?:its|their) "
    r"entirety",
    re.IGNORECASE,
)


def _restated_section(roled: list[RoledParagraph]) -> str | None:
    """The one section a restatement's resolution restates, if it restates only one.

    A section restated outside the definitions ("Section 9 (Notices) is hereby amended and
    restated") says nothing about the scope of the definitions' restatement: only a
    restated section whose new text holds definitions counts.
    """
    for n, r in enumerate(roled):
        if r.role == "operative" and (match := _RESTATES_SECTION.search(r.paragraph.text)):
            following = itertools.takewhile(lambda o: o.role != "operative", roled[n + 1 :])
            if any(DEFINITION_START.match(o.paragraph.text) for o in following):
                return normalise_spaces(match.group("section"))
    return None


def _kind(source: SourceDocument, roled: list[RoledParagraph]) -> CertificateKind:
    """What the heading calls the certificate first, checked against what its text does.

    "CERTIFICATE OF AMENDMENT OF THE AMENDED AND RESTATED CERTIFICATE ..." is an amendment;
    a designation heading alone is the original; a charter amendment that creates the series
    is the original too.
    """
    heading = " ".join(r.paragraph.text for r in roled if r.role == "caption")
    if not heading:
        heading = " ".join(line.text for line in source.lines[:_HEADING_LINES])
    found = [
        (match.start(), kind)
        for pattern, kind in _HEADINGS
        if (match := pattern.search(heading)) is not None
    ]
    kind: CertificateKind = min(found)[1] if found else "amendment"
    if kind == "amendment" and _DESIGNATION_HEADING_RE.search(heading) is None:
        body = " ".join(r.paragraph.text for r in roled if r.role != "caption")
        if _CREATES_SERIES_RE.search(body):
            return "original"
    return kind
