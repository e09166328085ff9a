"""EDGAR full submissions: one file holding several documents (`<DOCUMENT>` ... `</DOCUMENT>`).

Each document's `<TEXT>` becomes a document of its own, keeping the line numbers of the
submission file so that provenance points into the file the user has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ledger.parsing.source import Line

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
