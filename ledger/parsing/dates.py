"""Dates as filings write them, in every form EDGAR certificates use.

"June 28, 2000", "June 30th, 2000", "June 4,2018", "Aug. 11, 1993", "this 30th day of June,
2000", "the thirtieth day of June, 2000", and numeric stamps ("05/25/2004", "FILED 03:46 PM
09/28/2018", month first as US filings write them). Every form is written with `\\s+` so it
matches across folded line breaks. A date is also checked for plausibility: a certificate of
designation exists only since the DGCL of 1899, and a date years after today is a typo.
"""

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
_MONTHS = (
    r"January|Jan\.?|February|Feb\.?|March|Mar\.?|April|Apr\.?|May|June|Jun\.?|July|Jul\.?"
    r"|August|Aug\.?|September|Sept\.?|Sep\.?|October|Oct\.?|November|Nov\.?|December|Dec\.?"
)
_UNITS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
ORDINAL_WORDS: dict[str, int] = {word: n for n, word in enumerate(_UNITS, start=1)}
ORDINAL_WORDS["twentieth"] = 20
ORDINAL_WORDS["thirtieth"] = 30
for _n, _word in enumerate(_UNITS[:9], start=1):
    ORDINAL_WORDS[f"twenty-{_word}"] = 20 + _n
    ORDINAL_WORDS[f"twenty {_word}"] = 20 + _n
ORDINAL_WORDS["thirty-first"] = 31
ORDINAL_WORDS["thirty first"] = 31
_ORDINAL = "|".join(sorted((w.replace(" ", r"\s+") for w in ORDINAL_WORDS), key=len, reverse=True))

DATE_PATTERN = (
    rf"(?:\b(?P<month>{_MONTHS})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<year>\d{{4}})\b"
    rf"|\b(?P<oday>\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL})\s+day\s+of\s+(?P<omonth>{_MONTHS}),?"
    rf"\s+(?:in\s+the\s+year\s+)?(?P<oyear>\d{{4}})\b"
    r"|\b(?P<nmonth>\d{1,2})/(?P<nday>\d{1,2})/(?P<nyear>\d{4})\b)"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
EARLIEST_YEAR = 1900
"""No certificate of designation predates the DGCL of 1899; an earlier year is a typo."""
YEARS_AHEAD = 5
"""A certificate may name a later effective time, but not one more than a few years ahead."""


def month_number(word: str) -> int:
    """1-12 for a month name or its abbreviation ("Aug.", "Sept")."""
    key = word.casefold().rstrip(".")
    return next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(key[:3]))


def _day(word: str) -> int:
    digits = re.match(r"\d+", word)
    if digits is not None:
        return int(digits.group(0))
    return ORDINAL_WORDS[" ".join(word.casefold().split())]


def date_from_match(match: re.Match[str], *, file: str, line: int) -> date:
    """The date a `DATE_PATTERN` match names; an impossible date is a ParseError at `line`."""
    groups = match.groupdict()
    try:
        if groups.get("month"):
            on = date(int(groups["year"]), month_number(groups["month"]), int(groups["day"]))
        elif groups.get("omonth"):
            on = date(int(groups["oyear"]), month_number(groups["omonth"]), _day(groups["oday"]))
        else:
            on = date(int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"]))
    except ValueError:
        raise ParseError(
            f"impossible date {normalised(match.group(0))!r}", file=file, line=line
        ) from None
    return on


def check_plausible(on: date, what: str, *, file: str, line: int, today: date) -> None:
    """Refuse a date no certificate can carry (issue 11: "executed on 1 January 0001")."""
    if on.year < EARLIEST_YEAR or on.year > today.year + YEARS_AHEAD:
        raise ParseError(
            f"implausible {what} date {on.isoformat()} (before {EARLIEST_YEAR} or more than "
            f"{YEARS_AHEAD} years after today); correct the document",
            file=file,
            line=line,
        )


def normalised(text: str) -> str:
    """Fold white space for quoting source text in messages."""
    return " ".join(text.split())
