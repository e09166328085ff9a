"""Page furniture: what a printed filing repeats on every page and no definition contains.

`<PAGE>` markers, form feeds, page numbers ("- 2 -", "Page 2", "2") and running headers or
footers (a line repeated next to page breaks) are blanked and flagged as page breaks, so a
definition broken across pages is rejoined and never carries them.
"""

from __future__ import annotations

import re
from collections import Counter

from ledger.domain.terms import normalise_spaces
from ledger.parsing.source import Line

_PAGE_MARKER = re.compile(r"^\s*<PAGE>\s*\d*\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*\d{1,3}\s*-|\[\s*\d{1,3}\s*\]|\d{1,3}|Page\s+\d{1,3}(?:\s+of\s+\d{1,3})?)\s*$",
    re.IGNORECASE,
)
_REPEATS = 2  # a line seen this often next to page breaks is a running header or footer
_NEAR = 3  # lines on either side of a page break where headers and numbers sit


def remove_page_furniture(lines: list[Line]) -> list[Line]:
    """`lines` with page markers, page numbers and running headers blanked."""
    breaks = [
        i for i, line in enumerate(lines) if _PAGE_MARKER.match(line.text) or "\f" in line.text
    ]
    near = {j for i in breaks for j in range(i - _NEAR, i + _NEAR + 1) if 0 <= j < len(lines)}
    # A running header near one break usually also heads the first page: count everywhere.
    repeated = Counter(normalise_spaces(line.text) for line in lines if line.text.strip())
    out = []
    for i, line in enumerate(lines):
        text = normalise_spaces(line.text)
        furniture = i in breaks or (
            i in near
            and bool(text)
            and (_PAGE_NUMBER.match(text) is not None or repeated[text] >= _REPEATS)
        )
        out.append(Line(line.number, "", page_break=True) if furniture else line)
    return out
