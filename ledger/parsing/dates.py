"""Dates as filings write them: "June 28, 2000" and "this 30th day of June, 2000"."""

from __future__ import annotations

import re
from datetime import date

from ledger.errors import ParseError

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# Both forms are written with `\s+` so that they match across folded line breaks.
DATE_PATTERN = (
    rf"(?:(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<oday>\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+(?P<omonth>{_MONTHS}),?\s+(?P<oyear>\d{{4}}))"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def date_from_match(match: re.Match[str], *, file: str, line: int) -> date:
    """The date a `DATE_PATTERN` match names; an impossible date is a ParseError at `line`."""
    groups = match.groupdict()
    if groups.get("month"):
        month, day, year = groups["month"], groups["day"], groups["year"]
    else:
        month, day, year = groups["omonth"], groups["oday"], groups["oyear"]
    try:
        return date(int(year), MONTHS.index(month.casefold()) + 1, int(day))
    except ValueError:
        raise ParseError(
            f"impossible date {normalised(match.group(0))!r}", file=file, line=line
        ) from None


def normalised(text: str) -> str:
    """Fold white space for quoting source text in messages."""
    return " ".join(text.split())
