"""Certificates the ledger cannot record as one instrument's change: refused with the real cause.

A certificate of elimination (DGCL s.151(g)) takes a series' terms out of the charter; the
ledger has no event for that, and recording it as an amendment that changes nothing would keep
answering the eliminated definitions as in force. It is refused, naming the heading line. (A
certificate that designates two series is refused by document._refuse_two_series.)
"""

from __future__ import annotations

import re

from ledger.errors import ParseError
from ledger.parsing.roles import RoledParagraph

_ELIMINATION = re.compile(r"\bCERTIFICATE\s+OF\s+ELIMINATION\b", re.IGNORECASE)


def refuse_unsupported(roled: list[RoledParagraph], name: str) -> None:
    """Refuse a certificate of elimination, naming the caption line."""
    caption = [r.paragraph for r in roled if r.role == "caption"]
    for paragraph in caption:
        if _ELIMINATION.search(paragraph.text):
            raise ParseError(
                "a certificate of elimination (DGCL s.151(g)) removes the series' terms from "
                "the certificate of incorporation; the ledger does not record eliminations",
                file=name,
                line=paragraph.first_line,
            )
