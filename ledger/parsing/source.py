"""Bytes of a filing -> numbered lines, paragraphs and a whitespace-folded text.

EDGAR text is hard-wrapped, justified with runs of spaces, broken by `<PAGE>` markers, and
sometimes encoded in cp1252. Every fact must still point at the lines it came from, so the
folded text keeps a map from each offset back to its source line.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field

from ledger.domain.terms import normalise_spaces
from ledger.errors import ParseError

_PAGE_MARKER = re.compile(r"^\s*<PAGE>\s*\d*\s*$", re.IGNORECASE)
# Bytes that never occur in text: C0 controls other than tab, newline, form feed, CR.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SENTENCE_END = (".", ";", ":")


@dataclass(frozen=True)
class Line:
    """One source line, 1-based, as decoded."""

    number: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Consecutive non-blank lines; a paragraph broken only by a page marker is rejoined."""

    lines: tuple[Line, ...]

    @property
    def first_line(self) -> int:
        """Number of the paragraph's first line."""
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        """Number of the paragraph's last line."""
        return self.lines[-1].number

    @property
    def text(self) -> str:
        """The paragraph with hard wraps joined and white space folded."""
        return normalise_spaces(" ".join(line.text for line in self.lines))


@dataclass
class FoldedText:
    """Lines joined with white space folded, keeping the source line of every offset."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, lines: list[Line]) -> FoldedText:
        """Fold `lines` (blank ones are skipped)."""
        folded = cls()
        parts: list[str] = []
        offset = 0
        for line in lines:
            text = normalise_spaces(line.text)
            if not text:
                continue
            folded.starts.append(offset)
            folded.numbers.append(line.number)
            parts.append(text)
            offset += len(text) + 1
        folded.text = " ".join(parts)
        return folded

    def line_at(self, offset: int) -> int:
        """The source line of the character at `offset`."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[max(index, 0)] if self.numbers else 1


@dataclass(frozen=True)
class SourceDocument:
    """A decoded filing: its identity, its lines (page markers blanked) and paragraphs."""

    name: str
    sha256: str
    byte_size: int
    encoding: str
    lines: list[Line]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs in order; see `Paragraph`."""
        return split_paragraphs(self.lines)

    def folded(self) -> FoldedText:
        """The whole document as one folded text."""
        return FoldedText.of(self.lines)


def decode(data: bytes, name: str) -> SourceDocument:
    """Decode a filing's bytes (UTF-8, else cp1252), refusing what is not text."""
    if not data.strip():
        raise ParseError("the file is empty; nothing to ingest", file=name)
    binary = _BINARY_BYTES.search(data)
    if binary is not None:
        line = data.count(b"\n", 0, binary.start()) + 1
        raise ParseError(
            f"not a text filing: control byte 0x{data[binary.start()]:02x} "
            f"at offset {binary.start()}",
            file=name,
            line=line,
        )
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise ParseError(
                f"neither UTF-8 nor cp1252: byte 0x{data[error.start]:02x} at offset "
                f"{error.start} cannot be decoded",
                file=name,
                line=line,
            ) from None
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(raw_lines) > 1 and raw_lines[-1] == "":
        raw_lines.pop()  # the newline that ends the last line starts no line of its own
    lines = [
        Line(number, "" if _PAGE_MARKER.match(raw) else raw.replace("\f", " "))
        for number, raw in enumerate(raw_lines, start=1)
    ]
    return SourceDocument(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        byte_size=len(data),
        encoding=encoding,
        lines=lines,
    )


def split_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Group lines into paragraphs at blank lines.

    A paragraph that stops mid-sentence just before a page marker goes on after it: page
    breaks fall anywhere in a filing, definitions included.
    """
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    page_break_since_last = False
    for line in lines:
        if line.text.strip():
            if (
                not current
                and page_break_since_last
                and paragraphs
                and not paragraphs[-1][-1].text.rstrip().endswith(_SENTENCE_END)
                and line.text.strip()[:1].islower()
            ):
                current = paragraphs.pop()
            current.append(line)
            page_break_since_last = False
            continue
        if current:
            paragraphs.append(current)
            current = []
        if line.text == "" and _is_blanked_marker(line):
            page_break_since_last = True
    if current:
        paragraphs.append(current)
    return [Paragraph(tuple(p)) for p in paragraphs]


def _is_blanked_marker(line: Line) -> bool:
    # Page markers were blanked to "" on decode; ordinary blank lines usually keep spaces
    # or are also "". Treating any empty line as a possible page break is safe: the
    # rejoin also requires a sentence left open and a continuation in lower case.
    return line.text == ""
