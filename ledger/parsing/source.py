"""Bytes of a filing -> numbered lines, paragraphs and a whitespace-folded text.

EDGAR text is hard-wrapped, justified with runs of spaces, hyphenated across lines, broken
by `<PAGE>` markers, page numbers and running headers, and sometimes encoded in cp1252.
Every fact must still point at the lines it came from, so lines keep their numbers in the
file as stored, and the folded text keeps a map from each offset back to its source line.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from ledger.errors import ParseError
from ledger.parsing.dates import DATE_PATTERN
from ledger.terms import normalise_spaces

# Bytes that never occur in text: C0 controls other than tab, newline, form feed, CR, ESC.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SENTENCE_END = (".", ";", ":")
# A word broken at a line end: "regis-" / "tration". Compounds whose first part is one of
# these prefixes keep their hyphen ("non-" / "recourse" -> "non-recourse").
_HYPHENATED_END = re.compile(r"(?<=[A-Za-z])-$")
_BROKEN_WORD = re.compile(r"([A-Za-z]+)-$")
_SOFT_HYPHEN = "\xad"  # cp1252 0xAD: where a word may break; never part of the text
_TAIL = 40  # longer than any compound prefix: enough of the text to judge a hyphen
_COMPOUND_PREFIXES = frozenset(
    {
        *("non", "self", "co", "pre", "post", "anti", "multi", "cross", "well", "long"),
        *("short", "semi", "sub", "inter", "intra", "re", "ex", "quasi", "over", "under"),
        *("one", "two", "three", "four", "five"),
    }
)


@dataclass(frozen=True)
class Line:
    """One source line, 1-based in the file as stored; `page_break` marks removed page furniture."""

    number: int
    text: str
    page_break: bool = False
    table: bool = False  # a row of a table set between EDGAR's SGML <TABLE> tags

    @cached_property
    def plain(self) -> str:
        """The text with white space folded, once: every pass of the reader needs it."""
        return normalise_spaces(self.text)


@dataclass(frozen=True)
class Paragraph:
    """Consecutive non-blank lines; a paragraph broken only by page furniture is rejoined."""

    lines: tuple[Line, ...]

    @property
    def first_line(self) -> int:
        """Number of the paragraph's first line."""
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        """Number of the paragraph's last line."""
        return self.lines[-1].number

    @cached_property
    def text(self) -> str:
        """The paragraph with hard wraps (and words hyphenated across them) joined."""
        return _join_plain([line.plain for line in self.lines])


def join_lines(texts: list[str]) -> str:
    """Join hard-wrapped lines with single spaces, rejoining words split by a hyphen.

    Linear in the text's length (a definition may be a megabyte): the hyphen rule looks only
    at the last characters joined so far, never at the whole text.
    """
    return _join_plain([normalise_spaces(text) for text in texts])


def _join_plain(texts: list[str]) -> str:
    """`join_lines` of lines whose white space is folded already."""
    pieces: list[str] = []
    tail = ""  # the last _TAIL characters joined so far
    for plain in texts:
        text = _INLINE_BREAK.sub(_rejoin, plain) if "- " in plain else plain
        if not text:
            continue
        joiner = " " if pieces else ""
        if pieces and pieces[-1].endswith(_SOFT_HYPHEN):  # "regis\xad" / "tration"
            pieces[-1] = pieces[-1][:-1]
            tail = tail[:-1]
            joiner = ""
        if _HYPHENATED_END.search(tail) and text[:1].islower():
            joiner = ""
            head = _BROKEN_WORD.search(tail)
            if head is not None and head.group(1).casefold() not in _COMPOUND_PREFIXES:
                pieces[-1] = pieces[-1][:-1]
                tail = tail[:-1]
        pieces += [joiner, text]
        tail = (tail + joiner + text)[-_TAIL:]
    joined = "".join(pieces)
    return joined.replace(_SOFT_HYPHEN, "") if _SOFT_HYPHEN in joined else joined


# A copy that joined hard-wrapped lines keeps the hyphen and a space ("the regis- tration
# rights"): rejoined as a line break would be, unless the next word shows a suspended
# hyphen ("pre- and post-closing").
_INLINE_BREAK = re.compile(r"\b([A-Za-z]+)- ([a-z]+)\b")
_SUSPENDED = frozenset({"and", "or", "nor", "to", "through", "as"})


def _rejoin(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    if tail in _SUSPENDED:
        return match.group(0)
    return f"{head}-{tail}" if head.casefold() in _COMPOUND_PREFIXES else head + tail


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
            text = line.plain
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
    """One document to parse: its identity, its lines (furniture blanked) and paragraphs."""

    name: str
    sha256: str
    byte_size: int
    encoding: str
    lines: list[Line]
    container: str | None = None
    html: bool = False  # lines come from HTML blocks, whose markup already marks paragraphs

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs in order; see `Paragraph`."""
        return split_paragraphs(self.lines, unwrapped=not self.html and is_unwrapped(self.lines))

    def folded(self) -> FoldedText:
        """The whole document as one folded text (folded once, then kept)."""
        return self._folded

    @cached_property
    def _folded(self) -> FoldedText:
        return FoldedText.of(self.lines)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of a filing's bytes and its encoding (UTF-8, else cp1252); refuses non-text."""
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
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ParseError(
            f"neither UTF-8 nor cp1252: byte 0x{data[error.start]:02x} at offset "
            f"{error.start} cannot be decoded",
            file=name,
            line=line,
        ) from None


def split_lines(text: str, first_number: int = 1) -> list[Line]:
    """Number the lines of `text` (any newline convention)."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(raw_lines) > 1 and raw_lines[-1] == "":
        raw_lines.pop()  # the newline that ends the last line starts no line of its own
    lines: list[Line] = []
    for n, raw in enumerate(raw_lines, start=first_number):
        if "\f" in raw:
            # A form feed ends a printed page: a page break, as `<PAGE>` is; the text
            # after it (if any) starts the next page, on the same line.
            lines.append(Line(n, "", page_break=True))
            raw = raw.replace("\f", " ")  # noqa: PLW2901 (the line's text without it)
            if not raw.strip():
                continue
        lines.append(Line(n, raw))
    return lines


def sha256_of(data: bytes) -> str:
    """A document's identity."""
    return hashlib.sha256(data).hexdigest()


_CLAUSE_END = (".", ":", ";", '."', ".\u201d", ".)", ":\u201d", ';"')
_LONG_SHARE = 4  # unwrapped: at least one in this many lines of some length runs past a wrap
_SOME_LENGTH = 40  # a line this long is a paragraph's (a heading or a signature line is shorter)


def is_unwrapped(lines: list[Line]) -> bool:
    """Whether the text has no hard wraps: an aggregator's copy with one paragraph per line.

    A hard-wrapped filing has no line much past 80 columns (a table row may run wider, once
    or twice); a copy without wraps sets every paragraph of some length on one long line.
    """
    some = [line.plain for line in lines if len(line.text) > _SOME_LENGTH and not line.table]
    # A paragraph on one line ends a sentence or a clause; a wide table row ends in a figure.
    long_lines = sum(len(text) > _WRAP_WIDTH and text.endswith(_CLAUSE_END) for text in some)
    return long_lines >= 2 and long_lines * _LONG_SHARE >= len(some)  # noqa: PLR2004


def split_paragraphs(lines: list[Line], *, unwrapped: bool = False) -> list[Paragraph]:
    """Group lines into paragraphs at blank lines.

    A paragraph that stops mid-sentence just before page furniture goes on after it when
    the next text starts in lower case, or goes on on the body's margin (`_goes_on`): page
    breaks fall anywhere, definitions included.
    In an `unwrapped` copy (see `is_unwrapped`) every line is a paragraph of its own, save a
    line in lower case that goes on with a sentence the line before left open.
    """
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    page_break_since_last = False
    for i, line in enumerate(lines):
        if line.text.strip():
            if (
                not current
                and page_break_since_last
                and paragraphs
                and not paragraphs[-1][-1].text.rstrip().endswith(_SENTENCE_END)
                and (
                    line.text.strip()[:1].islower()
                    # A capital goes on a sentence only from a block of lines: a line standing
                    # alone there may be a running header seen once.
                    or (
                        i + 1 < len(lines) and lines[i + 1].plain and _goes_on(paragraphs[-1], line)
                    )
                )
            ):
                current = paragraphs.pop()
            current.append(line)
            page_break_since_last = False
            continue
        if current:
            paragraphs.append(current)
            current = []
        page_break_since_last = page_break_since_last or line.page_break
    if current:
        paragraphs.append(current)
    parts = [
        part
        for p in paragraphs
        for part in split_at_openings(signature_lines(signature_columns(p)), unwrapped=unwrapped)
    ]
    return [Paragraph(tuple(part)) for part in _with_their_lists(parts)]


_OPEN_END = re.compile(r"[A-Za-z0-9,]$")  # a word or a comma: the sentence is not over
_FULL_LINE = 50  # a wrapped line of body text runs most of the width; a header is short


def _goes_on(before: list[Line], line: Line) -> bool:
    """Whether `line` goes on, with a capital, a sentence a page break cut.

    "... shares of" / `<PAGE>` / "Series B Preferred Stock ...": the text before stops on a
    word or a comma, and the line after is a full line on the body's margin, as a wrapped
    line is, and opens nothing.
    """
    last = before[-1]
    if len(before) < 2 or not _OPEN_END.search(last.text.rstrip()):  # noqa: PLR2004
        return False
    text = line.text
    return (
        len(line.plain) >= _FULL_LINE
        and len(last.plain) >= _FULL_LINE
        and _indent_of(text) <= _indent_of(last.text)
        and text.lstrip()[:1].isupper()
        and not _is_heading_line(last)
        and not _is_capitals(last.text)
        and not _is_heading_line(line)
        and not _is_capitals(text)
        and not _STRONG_OPENING.match(text)
        and not _DEFINITION_OPENING.match(text)
        and not _CLAUSE_OPENING.match(text)
    )


def _indent_of(text: str) -> int:
    return len(text) - len(text.lstrip())


_LIST_ITEM = re.compile(r"^\s*\((?P<marker>[a-z]{1,2}|[ivx]{1,5}|[A-Z]|\d{1,2})\)\s")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _with_their_lists(parts: list[list[Line]]) -> list[list[Line]]:
    """A definition that ends with a colon runs on through the items it introduces.

    '"Change of Control" means any of the following:' / "(a) ..." / "(b) ...": set as
    paragraphs of their own, the items are still the definition's text, and without them
    the definition would be recorded cut short. The items must run in order from the first
    ((a), (b), ... or (i), (ii), ... or (1), (2), ...); an item out of order, or one that is
    itself a definition ('(c) "Junior Stock" means'), ends the list.
    """
    out: list[list[Line]] = []
    expected: set[str] = set()  # the markers the next item of an open list may have
    for part in parts:
        first = part[0].text
        if out and _is_proviso(part) and _opens_definition(out[-1][0].text):
            out[-1] = out[-1] + part  # the definition's proviso: see `_is_proviso`
            expected = set()
            continue
        item = _LIST_ITEM.match(first)
        if item and item.group("marker") in expected and not _DEFINITION_OPENING.match(first):
            out[-1] = out[-1] + part
            expected = _next_markers(item.group("marker"))
            continue
        if expected and part[0].table:  # "... the price set out below:" and its table
            out[-1] = out[-1] + part
            expected = set()
            continue
        out.append(part)
        expected = set()
        if _DEFINITION_OPENING.match(first) and part[-1].text.rstrip().endswith(":"):
            expected = {"a", "i", "1", "A"}
    return out


# "provided, however, that ...", "and provided further, that ...", "PROVIDED THAT ...".
_PROVISO_OPENING = re.compile(
    r"^\s*(?:and\s+)?provided(?:\s*,|\s*:|\s+(?:however|further|that|always)\b)", re.IGNORECASE
)
# A proviso never is a resolution or an amending instruction of its own.
_NOT_A_PROVISO = re.compile(
    r"\bRESOLVED\b|\b(?:is|are)\s+(?:hereby\s+)?(?:further\s+)?(?:amended|restated|deleted)\b"
)


def _is_proviso(part: list[Line]) -> bool:
    """A paragraph that qualifies the one before it: "provided, however, that ...".

    Typists often set a definition's proviso flush left as a paragraph of its own, after
    the definition's ';' (or even its '.'). Read apart, the definition would be recorded
    whole without the proviso that limits it: a confident wrong answer. A numbered
    paragraph or a resolution opens something new, and never starts this way.
    """
    first = part[0].text
    if _PROVISO_OPENING.match(first) is None:
        return False
    head = " ".join(line.plain for line in part[:4])  # enough of it to see an instruction
    return _NOT_A_PROVISO.search(head) is None


def _opens_definition(text: str) -> bool:
    """`text` opens a definition, also inside the quote of restated text ('"(c) "X" means')."""
    if _DEFINITION_OPENING.match(text):
        return True
    body = text.lstrip()
    return body[:1] in _QUOTE_OPENERS and _DEFINITION_OPENING.match(body[1:]) is not None


def _next_markers(marker: str) -> set[str]:
    """The markers that may follow `marker` in a list ("i" may be a letter or a numeral)."""
    following: set[str] = set()
    if marker.isdigit():
        following.add(str(int(marker) + 1))
    if len(marker) == 1 and marker.isalpha():
        following.add(chr(ord(marker) + 1))
    if marker in _ROMAN[:-1]:
        following.add(_ROMAN[_ROMAN.index(marker) + 1])
    return following


# Lines that open a paragraph even with no blank line above them: aggregator copies of
# filings drop blank lines, and a definitions section may be set one definition per line.
_STRONG_OPENING = re.compile(
    r"^\s*(?:WHEREAS\b|(?:FURTHER\s+)?RESOLVED\b|NOW,?\s+THEREFORE\b|IN\s+WITNESS\s+WHEREOF\b"
    r"|(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\s*:"
    r"|(?:By|Name|Title|Its|Attest|Dated)\s*:"
    rf"|Dated\s+as\s+of\s+{DATE_PATTERN}\s*$)"
)
# Openings that may also start a wrapped line inside a sentence ("... clause" / "(a) above"),
# so they open a paragraph only where the line before ends a sentence.
_DEFINITION_OPENING = re.compile(
    r"^\s*(?:\(?[A-Za-z0-9]{1,4}[.)]\s+)?(?:(?:As\s+used\s+herein,\s+)?[Tt]he\s+term\s+)?[\"\u201c][^\"\u201c\u201d]{1,200}[\"\u201d],?\s+"
    r"(?:shall\s+|will\s+)?(?:means?\b|ha(?:s|ve)\s+the\s+meaning|refers?\b|includes?\b)"
)
_CLAUSE_OPENING = re.compile(
    r"^\s*(?:Section\s+)?\d{1,2}(?:\.\d{1,2})*\.\s+[A-Z]"
    r"|^\s*\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+[A-Z\"\u201c]"
)


_HEADING_INDENT = 8  # a centred heading line sits well right of the body's margin
_HEADING_WIDTH = 72  # the whole line, margin included: a body line runs wider
_FUNCTION_WORDS = frozenset({"of", "the", "and", "or", "to", "in", "a", "an", "by", "for", "with"})
_WRAP_WIDTH = 100  # hard-wrapped filings stay within 80 columns or so; a longer line is unwrapped
_INDENT_STEP = 4  # a first line indented this much deeper than the line above opens a paragraph


def _is_heading_line(line: Line) -> bool:
    """A centred heading line ("Law of the State of Delaware"), which no sentence continues."""
    text = line.text.rstrip()
    indent = len(text) - len(text.lstrip())
    body = text.strip()
    return (
        indent >= _HEADING_INDENT
        and len(text) <= _HEADING_WIDTH
        and not body.endswith((",", ";", ":", "."))
        and body.rsplit(" ", 1)[-1] not in _FUNCTION_WORDS
        and body[:1].isupper()
        and not _STRONG_OPENING.match(text)
    )


_CAPITAL_LETTERS = 12  # a heading in capitals, not an acronym standing alone


def _is_capitals(text: str) -> bool:
    """A heading set in capitals ("SECOND CERTIFICATE OF AMENDMENT ...")."""
    return text.isupper() and sum(map(str.isalpha, text)) >= _CAPITAL_LETTERS


def split_at_openings(lines: list[Line], *, unwrapped: bool = False) -> list[list[Line]]:
    """Split a blank-line paragraph where a line opens a new one (see the patterns above).

    One pass, each line's shape computed once and the quotes of the paragraph so far kept
    as running counts: linear however long a paragraph without blank lines runs.
    """
    parts: list[list[Line]] = [[]]
    quotes = [0, 0, 0]  # straight, opening and closing double quotes of the current part
    before: _Shape | None = None
    for line in lines:
        shape = _Shape.of(line)
        current = parts[-1]
        if (
            before is not None
            and not (line.table and before.line.table)
            and (
                _opens_paragraph(current, before, shape, quotes)
                or (unwrapped and _opens_unwrapped(before, shape))
            )
        ):
            parts.append([line])
            quotes = [0, 0, 0]
        else:
            current.append(line)
        text = line.text
        if '"' in text or "\u201c" in text or "\u201d" in text:
            quotes[0] += text.count('"')
            quotes[1] += text.count("\u201c")
            quotes[2] += text.count("\u201d")
        before = shape
    return parts


_QUOTE_OPENERS = ('"', "\u201c")
_SENTENCE_CLOSERS = (".", '."', ".\u201d", ".'")


@dataclass(frozen=True)
class _Shape:
    """What the opening rules need to know of one line, computed once."""

    line: Line
    stripped: str  # the text without white space on the right
    body: str  # the text without white space on the left
    indent: int
    heading: bool
    capitals: bool

    @classmethod
    def of(cls, line: Line) -> _Shape:
        stripped = line.text.rstrip()
        body = stripped.lstrip()
        return cls(
            line=line,
            stripped=stripped,
            body=body,
            indent=len(stripped) - len(body),
            heading=_is_heading_line(line),
            capitals=_is_capitals(line.text),
        )


def _opens_paragraph(current: list[Line], before: _Shape, shape: _Shape, quotes: list[int]) -> bool:
    previous = before.stripped
    text = shape.body
    line = shape.line.text
    return bool(
        _STRONG_OPENING.match(line)
        or (before.heading and not shape.heading)
        or (before.capitals and not shape.capitals)
        or (previous.endswith((*_SENTENCE_CLOSERS, ":", ";")) and _DEFINITION_OPENING.match(line))
        or (previous.endswith((*_SENTENCE_CLOSERS, ":")) and _CLAUSE_OPENING.match(line))
        # Restated text in quotes after "to read as follows:", and what follows its closing quote.
        or (text.startswith(_QUOTE_OPENERS) and previous.endswith(":"))
        # "... on March 1, 2001." / "            Except as expressly amended ...": a first line.
        or (
            shape.indent >= before.indent + _INDENT_STEP
            and previous.endswith((*_SENTENCE_CLOSERS, ":"))
        )
        # One paragraph per line: a line longer than any hard wrap that ends a sentence.
        or (
            previous.endswith(_SENTENCE_CLOSERS)
            and not text[:1].islower()
            and _unwrapped(before.line)
        )
        or (
            current[0].text.lstrip()[:1] in _QUOTE_OPENERS
            and previous.endswith(('."', ".\u201d"))
            and text[:1].isupper()
            and quotes[0] % 2 == 0
            and quotes[1] == quotes[2]
        )
    )


def _opens_unwrapped(before: _Shape, shape: _Shape) -> bool:
    """In a copy without hard wraps a line is a paragraph, unless it ends an open sentence."""
    return not (shape.body[:1].islower() and not before.stripped.endswith(_SENTENCE_END))


def _unwrapped(line: Line) -> bool:
    """A whole paragraph on one line (an aggregator's copy): wider than any hard wrap."""
    return len(line.text) > _WRAP_WIDTH and len(line.plain) > _WRAP_WIDTH


# A signature block set on one line, or two columns of one: "Dated as of May 4, 1998
# By: /s/ A. Name", "By: /s/ A. Name  Name: A. Name  Title: Secretary", "By: /s/ A. Name
# ------ A. Name, President" (a rule drawn between signature and typed name).
_SIGNATURE_START = re.compile(
    r"^\s*(?:(?:By|Name|Title|Its|Attest|Dated)\s*:|By\s+/s/|/s/|ATTEST\b|"
    rf"Dated\s+as\s+of\s+{DATE_PATTERN})"
)
_FIELD_BREAK = re.compile(
    r"\s*[-_=]{3,}\s*"  # a drawn signature rule
    r"|(?<=\S)\s+(?=(?:By|Name|Title|Its)\s*:)"  # the next field of the block
    r"|(?<=\S)\s{3,}(?=/s/)"  # a second column
)
_SIGNED = re.compile(r"^(?P<label>\s*(?:By\s*:?\s*)?/s/\s*)(?P<value>.+)$")


def signature_lines(lines: list[Line]) -> list[Line]:
    """`lines` with each signature line run onto one line split into the lines it was.

    The parts keep their line's number (provenance points at the line the user has); only
    lines that start like a signature block are touched, so no sentence is ever split.
    """
    out: list[Line] = []
    for line in lines:
        if _SIGNATURE_START.match(line.text) is None:
            out.append(line)
            continue
        parts = [p for p in _FIELD_BREAK.split(line.text) if p.strip()]
        out += [Line(line.number, text) for text in _typed_names(parts)]
    return out


_NAME_WORDS = 8  # a signer's name is a few words: never look further (a line may be huge)


def _typed_names(parts: list[str]) -> list[str]:
    """Split "/s/ A. Name A. Name President" into the signature, the typed name, the title.

    A typed name that runs on into its title after the rule ("A. Name President") is split
    the same way: the signature names the signer, so the words after the name are the title.
    """
    out: list[str] = []
    signer = ""
    for part in parts:
        signed = _SIGNED.match(part)
        if signed is not None:
            words = signed.group("value").split()
            signer = " ".join(words)
            for size in range(1, min(len(words) // 2, _NAME_WORDS) + 1):
                if words[:size] == words[size : 2 * size] and words[0][:1].isupper():
                    signer = " ".join(words[:size])
                    rest = " ".join(words[2 * size :])
                    out += [signed.group("label") + signer, signer, *([rest] if rest else [])]
                    break
            else:
                out.append(part)
            continue
        text = part.strip()
        if signer and text.startswith(signer + " ") and not text.startswith(signer + ","):
            out += [signer, text[len(signer) :].strip()]
        else:
            out.append(part)
    return out


# Two signatures side by side: "ATTEST:" and the secretary's signature on the left, the
# corporation's "By:" on the right (or the other way round).
_COLUMN_GAP = re.compile(r"(?<=\S)\s{4,}(?=\S)")
_SIGNS = re.compile(r"/s/|^\s*By\s*:", re.IGNORECASE)
_ATTEST = re.compile(r"^\s*ATTEST", re.IGNORECASE)
_BY = re.compile(r"^\s*By\b")


def signature_columns(lines: list[Line]) -> list[Line]:
    """The signer's column of a block set in two columns of signatures; else `lines` as is.

    The officer who executes the certificate signs "By:" under the corporation's name; the
    officer who attests signs beside, without "By:" or under "ATTEST:". Read line by line,
    the two would run together and the attesting officer would pass for the signer. Where
    the columns cannot be told apart (both or neither sign "By:"), the block is left as it
    is, and the facts reader sees both names.
    """
    signs = any("/s/" in line.text or "By" in line.text for line in lines)  # without a regex
    gaps = [m.end() for line in lines if signs and (m := _COLUMN_GAP.search(line.text))]
    if len(gaps) < 2:  # noqa: PLR2004 (one line of two columns is a "Dated ... By:" line)
        return lines
    edge = min(gaps)
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        text = line.text.rstrip()
        if len(text) > edge and text[edge - 1] != " ":
            return lines  # text runs across the edge: not two columns
        if head := text[:edge].strip():
            left.append(Line(line.number, head))
        if tail := text[edge:].strip():
            right.append(Line(line.number, tail))
    signed = [any(_SIGNS.search(line.text) for line in column) for column in (left, right)]
    if not all(signed):
        return lines
    by = [any(_BY.match(line.text) for line in column) for column in (left, right)]
    attest = [bool(c) and _ATTEST.match(c[0].text) is not None for c in (left, right)]
    if (by[1] and not by[0]) or (attest[0] and not attest[1]):
        return right
    if (by[0] and not by[1]) or (attest[1] and not attest[0]):
        return left
    return lines
