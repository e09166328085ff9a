"""Certificates the ledger cannot record as one instrument's change: refused with the real cause.

A certificate of elimination (DGCL s.151(g)) takes a series' terms out of the charter; the
ledger has no event for that, and recording it as an amendment that changes nothing would keep
answering the eliminated definitions as in force. A certificate that designates two series at
once holds two instruments; recording it as the first series alone would give that series the
definitions both share and lose the other. Both are refused, naming the heading line.
"""

from __future__ import annotations

import re

from ledger.errors import ParseError
from ledger.parsing.roles import RoledParagraph

_ELIMINATION = re.compile(r"\bCERTIFICATE\s+OF\s+ELIMINATION\b", re.IGNORECASE)
# "... OF SERIES A NON-CUMULATIVE PERPETUAL PREFERRED STOCK AND SERIES B CONVERTIBLE ..."
_SERIES = re.compile(r"\bSERIES\s+(?P<name>[A-Z0-9][A-Z0-9-]*)\b")
_AND = re.compile(r"\b(?:AND|&)\b")


def refuse_unsupported(roled: list[RoledParagraph], name: str) -> None:
    """Refuse an elimination or a two-series designation, naming the caption line."""
    caption = [r.paragraph for r in roled if r.role == "caption"]
    for paragraph in caption:
        if _ELIMINATION.search(paragraph.text):
            raise ParseError(
                "a certificate of elimination (DGCL s.151(g)) removes the series' terms from "
                "the certificate of incorporation; the ledger does not record eliminations",
                file=name,
                line=paragraph.first_line,
            )
    if not any(_AND.search(p.text) for p in caption):
        return
    named: list[str] = []
    for paragraph in caption:
        for match in _SERIES.finditer(paragraph.text):
            if match.group("name") not in named:
                named.append(match.group("name"))
            if len(named) > 1:
                raise ParseError(
                    f"the heading designates more than one series (Series {named[0]} and "
                    f"Series {named[1]}); the ledger records one series a certificate: ingest "
                    "each series' terms as its own document",
                    file=name,
                    line=paragraph.first_line + paragraph.text[: match.start()].count("\n"),
                )
