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
_LINE_TAGS = frozenset({"br", "td", "th"})
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title"})
_HTML_SNIFF = re.compile(r"<\s*(?:html|body|p|div|table)\b", re.IGNORECASE)


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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "hr" or (tag in _PARAGRAPH_TAGS and _is_page_break(attrs)):
            self._paragraph_break(page_break=True)
        elif tag in _PARAGRAPH_TAGS:
            self._paragraph_break()
        elif tag in _LINE_TAGS:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in _PARAGRAPH_TAGS:
            self._paragraph_break()
        elif tag in _LINE_TAGS:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self._skipping or not data.strip():
            if data and self._buffer:
                self._buffer.append(" ")
            return
        if not self._buffer:
            self._buffer_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count(
                "\n"
            )
        self._buffer.append(data.replace("\xa0", " "))

    def _end_line(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.lines.append(Line(self._buffer_line, text))
        self._buffer = []

    def _paragraph_break(self, *, page_break: bool = False) -> None:
        self._end_line()
        if self.lines and (self.lines[-1].text or page_break):
            self.lines.append(Line(self.lines[-1].number, "", page_break=page_break))

    def close(self) -> None:
        super().close()
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
