"""Page furniture: what a printed filing repeats on every page and no definition contains.

`<PAGE>` markers, form feeds, page numbers ("- 2 -", "Page 2", "2") and running headers or
footers are blanked and flagged as page breaks, so a definition broken across pages is
rejoined and never carries them. A running header is a line standing alone (blank lines on
both sides) next to a page break, whose text stands alone like that at least twice in the
document: a line inside a paragraph is never furniture, however often its words recur.
"""

from __future__ import annotations

import re
from collections import Counter

from ledger.parsing.source import Line

_PAGE_MARKER = re.compile(
    r"^\s*<PAGE>\s*(?:\d{1,3}|-\s*\d{1,3}\s*-|\[\s*\d{1,3}\s*\])?\s*$", re.IGNORECASE
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*\d{1,3}\s*-|\[\s*\d{1,3}\s*\]|\d{1,3}|Page\s+\d{1,3}(?:\s+of\s+\d{1,3})?)\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", ";", ":")
_OPEN_END = re.compile(r"[A-Za-z0-9,]$")  # a word or a comma: the sentence is not over
_NEAR = 3  # lines on either side of a page break where headers and numbers sit
_REPEATS = 2  # a standalone line seen this often is a running header or footer


def sgml_tables(lines: list[Line]) -> list[Line]:
    """`lines` with EDGAR's SGML table markup taken out and each table's rows kept together.

    Plain-text filings set a table between `<TABLE>` and `</TABLE>`, with `<CAPTION>`, `<S>`
    and `<C>` markers; the markers are not text, and blank lines inside the table do not
    end a paragraph: the rows are flagged `table` so the splitter keeps them in one block
    (a definition that ends "... set out below:" runs on through its table).
    """
    if not any("<" in line.text and _SGML_TABLE_TAG.search(line.text) for line in lines):
        return lines
    out: list[Line] = []
    inside = False
    for line in lines:
        text = line.text
        if "<" in text and _SGML_TABLE_TAG.search(text):
            opens = _TABLE_OPEN.search(text) is not None
            closes = _TABLE_CLOSE.search(text) is not None
            text = _SGML_TABLE_TAG.sub(" ", text)
            inside = (inside or opens) and not closes
            if text.strip():
                out.append(Line(line.number, text, table=True))
            continue
        if inside:
            if text.strip():
                out.append(Line(line.number, text, table=True))
            continue
        out.append(line)
    return out


def _is_break(line: Line) -> bool:
    """A `<PAGE>` marker, or a break the splitter or the HTML reader flagged (form feed)."""
    return line.page_break or ("<" in line.text and _PAGE_MARKER.match(line.text) is not None)


def remove_page_furniture(lines: list[Line]) -> list[Line]:
    """`lines` with page markers, page numbers and running headers blanked.

    Linear in the number of lines: every test below is a look-up in a list or set built
    once (a 5 MB filing has thousands of page breaks and a hundred thousand lines).
    """
    lines = sgml_tables(lines)
    count = len(lines)
    is_break = [_is_break(line) for line in lines]
    empty = [is_break[i] or not lines[i].plain for i in range(count)]
    breaks = {i for i in range(count) if is_break[i]}
    near = {j for i in breaks for j in range(i - _NEAR, i + _NEAR + 1) if 0 <= j < count}
    # A standalone line: text with no text on the lines right above and below it.
    alone = {
        i
        for i in range(count)
        if not empty[i] and (i == 0 or empty[i - 1]) and (i + 1 == count or empty[i + 1])
    }
    repeated = Counter(lines[i].plain for i in alone)
    # Copies without blank lines: a page number, or a header repeated at every break, sits
    # right after the break with text on both sides.
    after_break = {j for i in breaks for j in (i + 1, i + 2) if j < count}
    beside_breaks = Counter(lines[j].plain for j in after_break)
    interrupting = _interrupting(lines, sorted(breaks), empty) | _footers(
        lines, sorted(breaks), empty
    )
    out = []
    for i, line in enumerate(lines):
        text = line.plain
        furniture = (
            i in breaks
            or i in interrupting
            or (
                i in near
                and i in alone
                and (_PAGE_NUMBER.match(text) is not None or repeated[text] >= _REPEATS)
            )
        )
        furniture = furniture or (
            i in after_break
            and bool(text)
            and (_PAGE_NUMBER.match(text) is not None or beside_breaks[text] >= _REPEATS)
        )
        if furniture:
            out.append(Line(line.number, "", page_break=True))
        elif _LETTER_SPACED.match(line.text):
            out.append(Line(line.number, _closed_up(line.text)))
        else:
            out.append(line)
    return out


# The SGML markers of a table in an EDGAR text filing: markup, never text of the filing.
_SGML_TABLE_TAG = re.compile(r"</?(?:TABLE|CAPTION|S|C|FN)>", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"<TABLE>", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</TABLE>", re.IGNORECASE)
# "C E R T I F I C A T E   O F   A M E N D M E N T": a heading set with a space between
# letters and wider gaps between words, which no pattern would recognise as written.
_LETTER_SPACED = re.compile(r"^\s*(?:[A-Z&,.'-] +){5,}[A-Z&,.'-]\s*$")
_WORD_GAP = re.compile(r" {2,}")


def _closed_up(text: str) -> str:
    """A letter-spaced heading with its letters closed up, keeping its indent."""
    indent = text[: len(text) - len(text.lstrip())]
    words = _WORD_GAP.split(text.strip())
    return indent + " ".join(word.replace(" ", "") for word in words)


_SHORT = 80  # a running header or footer is one short line
_TOP_LINES = 3  # at most this many lines of header stand at the top of a page


def _interrupting(lines: list[Line], breaks: list[int], empty: list[bool]) -> set[int]:
    """Headers at the top of a page that cut a sentence in two, though seen only once.

    "... the holders of the outstanding shares" / `<PAGE>` / "Ravenmoor Instruments, Inc." /
    "Page 2 of 5" / "of Series B Preferred Stock ...": the text before the break stops
    mid-sentence and the text after it goes on in lower case, so the short standalone lines
    between the two are the page's furniture, not a paragraph of the certificate.
    """
    found: set[int] = set()
    count = len(lines)
    for b in breaks:
        before = b - 1
        while before >= 0 and empty[before]:
            before -= 1
        if before < 0 or lines[before].plain.endswith(_SENTENCE_END):
            continue
        candidates: list[int] = []
        after = b + 1
        goes_on = False
        while after < count:
            if empty[after]:
                after += 1
                continue
            text = lines[after].plain
            goes_on = text[:1].islower() or _wrapped_on(lines, before, after, empty)
            if goes_on or len(text) > _SHORT or len(candidates) == _TOP_LINES:
                break
            candidates.append(after)
            after += 1
        if (
            candidates
            and goes_on
            and empty[after - 1]  # the furniture stands apart from the text it interrupts
        ):
            found.update(candidates)
    return found


_BOTTOM_LINES = 2  # at most this many lines of footer stand at the foot of a page


def _footers(lines: list[Line], breaks: list[int], empty: list[bool]) -> set[int]:
    """Footers at the foot of a page that cut a sentence in two, though seen only once.

    "... the outstanding shares of" / "Ravenmoor - Certificate of Amendment" / `<PAGE>` /
    "Series B Preferred Stock ...": the body's last line stops mid-sentence inside a block of
    lines, the footer stands alone below it, and after the break the sentence goes on.
    """
    found: set[int] = set()
    count = len(lines)
    for b in breaks:
        candidates: list[int] = []
        at = b - 1
        while at >= 0:
            if empty[at]:
                at -= 1
                continue
            standalone = at > 0 and empty[at - 1] and (at + 1 == count or empty[at + 1])
            if not standalone or len(lines[at].plain) > _SHORT or len(candidates) == _BOTTOM_LINES:
                break
            candidates.append(at)
            at -= 1
        body = at
        if (
            not candidates
            or body < 1
            or empty[body - 1]  # the body's last line closes a block of lines
            or _OPEN_END.search(lines[body].plain) is None
        ):
            continue
        after = b + 1
        while after < count and (empty[after] or _PAGE_NUMBER.match(lines[after].plain)):
            after += 1
        if after < count and (
            lines[after].plain[:1].islower() or _wrapped_on(lines, body, after, empty)
        ):
            found.update(candidates)
    return found


_FULL = 50  # a wrapped line of body text runs most of the width; a header is short


def _wrapped_on(lines: list[Line], before: int, after: int, empty: list[bool]) -> bool:
    """Whether line `after` goes on with the sentence line `before` left open, with a capital.

    Both are full lines of body text on the same margin and the line after has more text
    under it, as a hard-wrapped paragraph has; a header or page number has none of that.
    """
    last, line = lines[before], lines[after]
    return (
        line.plain[:1].isupper()
        and _OPEN_END.search(last.plain) is not None
        and len(line.plain) >= _FULL
        and len(last.plain) >= _FULL
        and _indent(line.text) <= _indent(last.text)
        and after + 1 < len(lines)
        and not empty[after + 1]
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())
