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
from ledger.terms import normalise_spaces

_PAGE_MARKER = re.compile(
    r"^\s*<PAGE>\s*(?:\d{1,3}|-\s*\d{1,3}\s*-|\[\s*\d{1,3}\s*\])?\s*$", re.IGNORECASE
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*\d{1,3}\s*-|\[\s*\d{1,3}\s*\]|\d{1,3}|Page\s+\d{1,3}(?:\s+of\s+\d{1,3})?)\s*$",
    re.IGNORECASE,
)
_NEAR = 3  # lines on either side of a page break where headers and numbers sit
_REPEATS = 2  # a standalone line seen this often is a running header or footer


def _is_break(line: Line) -> bool:
    return _PAGE_MARKER.match(line.text) is not None or "\f" in line.text


def remove_page_furniture(lines: list[Line]) -> list[Line]:
    """`lines` with page markers, page numbers and running headers blanked."""
    breaks = [i for i, line in enumerate(lines) if _is_break(line)]
    near = {j for i in breaks for j in range(i - _NEAR, i + _NEAR + 1) if 0 <= j < len(lines)}
    alone = {i for i in range(len(lines)) if _standalone(lines, i)}
    repeated = Counter(normalise_spaces(lines[i].text) for i in alone)
    # Copies without blank lines: a page number, or a header repeated at every break, sits
    # right after the break with text on both sides.
    after_break = {j for i in breaks for j in (i + 1, i + 2) if j < len(lines)}
    beside_breaks = Counter(normalise_spaces(lines[j].text) for j in after_break)
    out = []
    for i, line in enumerate(lines):
        text = normalise_spaces(line.text)
        furniture = i in breaks or (
            i in near
            and i in alone
            and (_PAGE_NUMBER.match(text) is not None or repeated[text] >= _REPEATS)
        )
        furniture = furniture or (
            i in after_break
            and bool(text)
            and (_PAGE_NUMBER.match(text) is not None or beside_breaks[text] >= _REPEATS)
        )
        out.append(Line(line.number, "", page_break=True) if furniture else line)
    return out


def _standalone(lines: list[Line], i: int) -> bool:
    """A non-blank line with no text on the lines right above and below it."""
    if not lines[i].text.strip() or _is_break(lines[i]):
        return False
    above = lines[i - 1] if i > 0 else None
    below = lines[i + 1] if i + 1 < len(lines) else None
    return all(n is None or not n.text.strip() or _is_break(n) for n in (above, below))
