"""EDGAR HTML exhibits -> text lines, with a real HTML parser (the standard library's).

Block elements end a line and paragraphs (and page breaks) leave a blank line between
them, so the text reads like a plain-text filing; each line keeps the number of the HTML
source line its text started on. Character references (`&#147;`, `&ldquo;`) are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ledger.parsing.source import Line

_PARAGRAPH_TAGS = frozenset(
    {
        "p",
        "div",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "center",
        "blockquote",
        "pre",
    }
)
_LINE_TAGS = frozenset({"br"})
_CELL_TAGS = frozenset({"td", "th"})
_CELL = "\x00"  # where one table cell ends and the next begins, inside a line
_COLUMN_GAP = "   "  # how a cell boundary reads in the text: a run of spaces, as in EDGAR text
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title"})
# `<TABLE>` alone is no sign of HTML: EDGAR's plain-text filings set tables between SGML
# `<TABLE>` ... `</TABLE>` tags with `<CAPTION>`, `<S>` and `<C>` markers, and read as HTML
# a whole hard-wrapped filing would run into one paragraph.
_HTML_SNIFF = re.compile(r"<\s*(?:html|body|p|div|tr|td|br|font)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a document's text is HTML rather than plain text."""
    return _HTML_SNIFF.search(text[:20_000]) is not None


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._buffer: list[str] = []
        self._buffer_line = 0
        self._skipping = 0
        self._pre = 0  # inside <pre>: the text keeps its lines and their spaces
        self._raw = ""  # the <pre> line read so far
        self._raw_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "page":  # EDGAR's <PAGE> marker left in an HTML exhibit
            self._flush_raw()
            self._paragraph_break(page_break=True)
        elif tag == "pre":
            self._paragraph_break()
            self._pre += 1
        elif tag == "hr" or (tag in _PARAGRAPH_TAGS and _is_page_break(attrs)):
            self._paragraph_break(page_break=True)
        elif tag in _PARAGRAPH_TAGS:
            self._paragraph_break()
        elif tag in _LINE_TAGS:
            self._end_line()
        elif tag in _CELL_TAGS and self._buffer:
            self._buffer.append(_CELL)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(self._skipping - 1, 0)
        elif tag == "pre":
            self._flush_raw()
            self._pre = max(self._pre - 1, 0)
            self._paragraph_break()
        elif tag in _PARAGRAPH_TAGS:
            self._paragraph_break()
        elif tag in _LINE_TAGS:
            self._end_line()
        elif tag in _CELL_TAGS and self._buffer:
            self._buffer.append(_CELL)

    def handle_data(self, data: str) -> None:
        if self._pre and not self._skipping:
            self._preformatted(data)
            return
        if self._skipping or not data.strip():
            if data and self._buffer:
                self._buffer.append(" ")
            return
        if not self._buffer:
            self._buffer_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count(
                "\n"
            )
        self._buffer.append(data.replace("\xa0", " "))

    def _preformatted(self, data: str) -> None:
        """Text inside <pre> (a plain-text filing wrapped in HTML): line by line, as typed."""
        first = self.getpos()[0]
        pieces = data.replace("\xa0", " ").split("\n")
        for k, piece in enumerate(pieces):
            if k:
                self._flush_raw()
            if not self._raw:
                self._raw_line = first + k
            self._raw += piece

    def _flush_raw(self) -> None:
        if self._raw.strip():
            self.lines.append(Line(self._raw_line, self._raw.rstrip()))
        elif self.lines and self.lines[-1].text:
            self.lines.append(Line(self._raw_line, ""))  # a blank line ends a paragraph
        self._raw = ""

    def _end_line(self) -> None:
        # The cells of a table row read as one line, columns apart ("By:   /s/ A. Name"),
        # as a signature block or a numbered clause set in a layout table reads in text.
        cells = ("".join(self._buffer)).split(_CELL)
        text = _COLUMN_GAP.join(folded for cell in cells if (folded := " ".join(cell.split())))
        if text:
            self.lines.append(Line(self._buffer_line, text))
        self._buffer = []

    def _paragraph_break(self, *, page_break: bool = False) -> None:
        self._end_line()
        if self.lines and (self.lines[-1].text or page_break):
            self.lines.append(Line(self.lines[-1].number, "", page_break=page_break))

    def close(self) -> None:
        super().close()
        self._flush_raw()
        self._end_line()


def _is_page_break(attrs: list[tuple[str, str | None]]) -> bool:
    style = " ".join(value or "" for name, value in attrs if name == "style").casefold()
    return "page-break" in style


def html_lines(text: str, first_number: int = 1) -> list[Line]:
    """The text of an HTML document as lines, numbered by their HTML source lines."""
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    offset = first_number - 1
    return [Line(line.number + offset, line.text, line.page_break) for line in extractor.lines]
