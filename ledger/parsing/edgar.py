"""EDGAR full submissions: one file holding several documents (`<DOCUMENT>` ... `</DOCUMENT>`).

Each document's `<TEXT>` becomes a document of its own, keeping the line numbers of the
submission file so that provenance points into the file the user has. A submission holds
the form itself (8-K, 10-Q), exhibits and graphics; the certificate is an exhibit, and the
form's body or a press release that describes it must never be recorded as a second
certificate (see `choose_certificates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.errors import ParseError
from ledger.parsing.source import Line
from ledger.statements import ParsedDocument, SkippedPart

_DOCUMENT_START = re.compile(r"^\s*<DOCUMENT>\s*$", re.IGNORECASE)
_DOCUMENT_END = re.compile(r"^\s*</DOCUMENT>\s*$", re.IGNORECASE)
_TEXT_START = re.compile(r"^\s*<TEXT>\s*$", re.IGNORECASE)
_TEXT_END = re.compile(r"^\s*</TEXT>\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^\s*<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>\s*(.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SubmissionPart:
    """One `<DOCUMENT>` of a submission: its header fields and its text lines."""

    doc_type: str
    sequence: str
    filename: str
    description: str
    lines: list[Line]

    @property
    def label(self) -> str:
        """How provenance names the part: its type and file name."""
        return f"{self.doc_type} {self.filename}".strip()


def is_submission(lines: list[Line]) -> bool:
    """Whether the file is a full submission (it has `<DOCUMENT>` blocks)."""
    return any(_DOCUMENT_START.match(line.text) for line in lines[:2000])


def split_submission(lines: list[Line]) -> list[SubmissionPart]:
    """The submission's documents, in order."""
    parts: list[SubmissionPart] = []
    fields: dict[str, str] = {}
    body: list[Line] | None = None
    inside = False
    for line in lines:
        if _DOCUMENT_START.match(line.text):
            inside, fields, body = True, {}, None
        elif not inside:
            continue
        elif _DOCUMENT_END.match(line.text):
            parts.append(
                SubmissionPart(
                    doc_type=fields.get("TYPE", "").upper(),
                    sequence=fields.get("SEQUENCE", ""),
                    filename=fields.get("FILENAME", ""),
                    description=fields.get("DESCRIPTION", ""),
                    lines=body or [],
                )
            )
            inside = False
        elif body is None and _TEXT_START.match(line.text):
            body = []
        elif body is not None and _TEXT_END.match(line.text):
            continue
        elif body is not None:
            body.append(line)
        elif field := _FIELD.match(line.text):
            fields[field.group(1).upper()] = field.group(2)
    return parts


# Parse errors that mean "this part holds no certificate", which a submission may contain.
_NOT_A_CERTIFICATE = ("no issuer", "no series", "no definition recognised")
# Where Regulation S-K (Item 601(b)(3) and (4)) files charters and instruments defining the
# rights of holders: a certificate of designation is an exhibit of these types.
_CERTIFICATE_EXHIBIT = re.compile(r"^EX-[34](?:\b|\.)", re.IGNORECASE)
_REASONS_SHOWN = 3


def choose_certificates(
    name: str, read: list[tuple[SubmissionPart, ParsedDocument | ParseError]]
) -> list[ParsedDocument | SkippedPart]:
    """The parts of a submission to record, and the parts skipped with the reason why.

    - A part that states no certificate is skipped, and so is a part that is not a
      certificate exhibit (the form, an agreement, a press release) that cannot be read as
      one, with its reason. A certificate exhibit (EX-3, EX-4) that cannot be read refuses
      the whole submission with its real reason: it is the certificate.
    - The form's own text (its type is not an exhibit's) is recorded only when no exhibit
      holds a certificate: an 8-K that quotes the amendment it reports is not a second one.
    - Two exhibits stating the same certificate (same kind, issuer, security and date of
      execution) are ambiguous: refused, naming both, rather than recorded twice or guessed.
    """
    exhibits = [
        part for part, result in read if isinstance(result, ParsedDocument) and _is_exhibit(part)
    ]
    chosen: list[ParsedDocument | SkippedPart] = []
    seen: dict[tuple[str, ...], str] = {}
    for part, result in read:
        label = f"{name} [{part.label}]"
        if isinstance(result, ParseError):
            if not result.reason.startswith(_NOT_A_CERTIFICATE) and _is_certificate_exhibit(part):
                raise result
            chosen.append(SkippedPart(name=label, reason=result.reason))
        elif exhibits and not _is_exhibit(part):
            chosen.append(
                SkippedPart(
                    name=label,
                    reason=f"the form's own text; the certificate is read from its exhibit "
                    f"{exhibits[0].label}",
                )
            )
        else:
            key = _identity(result)
            if key in seen:
                certificate = result.certificates[0]
                raise ParseError(
                    f"ambiguous submission: {seen[key]} and {part.label} both state the "
                    f"{certificate.kind} of the {certificate.security} of {certificate.issuer}; "
                    "save the exhibit that is the certificate to a file of its own and ingest it",
                    file=name,
                )
            seen[key] = part.label
            chosen.append(result)
    if not any(isinstance(p, ParsedDocument) for p in chosen):
        reasons = "; ".join(
            f"{part.label or 'a document'}: {result.reason}"
            for part, result in read
            if isinstance(result, ParseError) and not result.reason.startswith(_NOT_A_CERTIFICATE)
        )
        raise ParseError(
            f"the submission holds no certificate ({len(read)} documents, none with definitions"
            + (f"; {_first(reasons)}" if reasons else "")
            + ")",
            file=name,
        )
    return chosen


def _is_exhibit(part: SubmissionPart) -> bool:
    return part.doc_type.upper().startswith("EX-")


def _is_certificate_exhibit(part: SubmissionPart) -> bool:
    return _CERTIFICATE_EXHIBIT.match(part.doc_type) is not None


def _identity(document: ParsedDocument) -> tuple[str, ...]:
    certificate = document.certificates[0]
    executed = certificate.execution.executed_on.isoformat() if certificate.execution else ""
    return (
        certificate.kind,
        certificate.issuer.casefold(),
        certificate.security.casefold(),
        executed,
    )


def _first(reasons: str) -> str:
    """At most the first few reasons, so the refusal stays one readable line."""
    parts = reasons.split("; ")
    more = len(parts) - _REASONS_SHOWN
    return "; ".join(parts[:_REASONS_SHOWN]) + (f"; and {more} more" if more > 0 else "")
