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
_NEAR = 3  # lines on either side of a page break where headers and numbers sit
_REPEATS = 2  # a standalone line seen this often is a running header or footer


def _is_break(line: Line) -> bool:
    """A `<PAGE>` marker, or a break the splitter or the HTML reader flagged (form feed)."""
    return line.page_break or _PAGE_MARKER.match(line.text) is not None


def remove_page_furniture(lines: list[Line]) -> list[Line]:
    """`lines` with page markers, page numbers and running headers blanked.

    Linear in the number of lines: every test below is a look-up in a list or set built
    once (a 5 MB filing has thousands of page breaks and a hundred thousand lines).
    """
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
    interrupting = _interrupting(lines, sorted(breaks), empty)
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
        out.append(Line(line.number, "", page_break=True) if furniture else line)
    return out


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
        while after < count:
            if empty[after]:
                after += 1
                continue
            text = lines[after].plain
            if text[:1].islower() or len(text) > _SHORT or len(candidates) == _TOP_LINES:
                break
            candidates.append(after)
            after += 1
        if (
            candidates
            and after < count
            and empty[after - 1]  # the furniture stands apart from the text it interrupts
            and lines[after].plain[:1].islower()
        ):
            found.update(candidates)
    return found
