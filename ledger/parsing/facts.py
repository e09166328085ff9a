"""Document-level facts: who the issuer is, which series, who approved, who signed, when.

Every pattern runs on the folded text (white space collapsed, lines joined), so a phrase
wrapped across lines or justified with double spaces still matches; the folded text maps
each match back to its source lines.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ledger.errors import ParseError
from ledger.events import BoardManner, Threshold
from ledger.parsing.dates import DATE_PATTERN, DATE_RE, date_from_match, normalised
from ledger.parsing.source import FoldedText, SourceDocument
from ledger.statements import (
    ParsedBoardAction,
    ParsedConsent,
    ParsedDate,
    ParsedExecution,
    Span,
)

_FLAGS = re.IGNORECASE
_ENTITY_SUFFIX = r"(?:Inc\.|Incorporated|Corporation|Corp\.|Company|Co\.|Ltd\.|L\.P\.|LLC)"
# Found from its anchor ("a Delaware corporation") backwards: a lazy name pattern tried at
# every capital letter of the document was the parser's slowest step.
_CORPORATION_RE = re.compile(r",? an? [A-Z][a-z]+ corporation")
_ISSUER_NAME_RE = re.compile(rf"(?P<name>[A-Z][A-Za-z0-9&.'\- ]*?,? {_ENTITY_SUFFIX})$")
_ISSUER_WINDOW = 200
_CAPS_ISSUER_RE = re.compile(rf"^[A-Z0-9&.,'\- ]+,? {_ENTITY_SUFFIX.upper()}$")
_SECURITY_RE = re.compile(
    r"(?P<security>Series (?P<series>[A-Z0-9]{1,4})"
    r"(?:[ ,-]+[A-Z][A-Za-z\-]*){0,8}? Preferred Stock)"
)
_DATED_AS_OF_RE = re.compile(rf"dated as of (?P<date>{DATE_PATTERN})", _FLAGS)
_BOARD_CONSENT_RE = re.compile(
    rf"by (?:the )?unanimous written consent(?: of the Board of Directors)?,? "
    rf"(?:dated|on|executed on|as of) (?P<date>{DATE_PATTERN})",
    _FLAGS,
)
_BOARD_MEETING_RE = re.compile(
    rf"at a (?:special |regular )?meeting (?:of the Board of Directors )?"
    rf"(?:duly )?(?:called and )?(?:convened and )?held on (?P<date>{DATE_PATTERN})",
    _FLAGS,
)
_HOLDERS_RE = re.compile(
    r"holders of (?P<least>at least |not less than )?"
    r"(?P<amount>a majority|two-thirds|two thirds|three-fourths|three-quarters|"
    r"\d+(?:\.\d+)?(?:[ -]\d+/\d+)?%|\d+(?:[ -]\d+/\d+)? percent)"
    r"(?: in voting power)? of the (?:outstanding )?(?:shares of (?:the )?)?"
    r"(?P<klass>[A-Z][A-Za-z0-9 \-]*?(?:Preferred|Common) Stock)",
    _FLAGS,
)
_SEPARATE_CLASS_RE = re.compile(
    r"as a separate class|as a single class|separately as a class", _FLAGS
)
_EXECUTED_RE = re.compile(
    rf"execut\w* by (?:its |the )?(?P<title>[A-Z][A-Za-z,\- ]+?),? "
    rf"(?:(?:on|this|as of) )?(?:this )?(?P<date>{DATE_PATTERN})",
    _FLAGS,
)
_EFFECTIVE_RE = re.compile(
    r"(?:shall )?become effective "
    r"(?P<time>at [0-9:. ]+[ap]\.?m\.?(?:,? [A-Z][a-z]+ (?:standard |daylight )?time)?,? )?"
    rf"on (?P<date>{DATE_PATTERN})",
    _FLAGS,
)
_FILED_RE = re.compile(
    rf"filed (?:with|in the office of) the Secretary of State(?: of the State of Delaware)? "
    rf"on (?P<date>{DATE_PATTERN})",
    _FLAGS,
)
_NAME_LINE_RE = re.compile(r"^\s*Name:\s*(?P<value>.+?)\s*$")
_TITLE_LINE_RE = re.compile(r"^\s*Title:\s*(?P<value>.+?)\s*$")
_BLOCK_LINES = 15  # how far below the execution clause the signature block may sit
_WORD_AMOUNTS = {
    "a majority": (Fraction(1, 2), False),
    "two-thirds": (Fraction(2, 3), True),
    "two thirds": (Fraction(2, 3), True),
    "three-fourths": (Fraction(3, 4), True),
    "three-quarters": (Fraction(3, 4), True),
}


class FactReader:
    """Reads the facts of one document's folded text, reporting lines for every match."""

    def __init__(self, source: SourceDocument, folded: FoldedText | None = None) -> None:
        self.source = source
        self.folded = folded if folded is not None else source.folded()

    def span(self, match: re.Match[str], group: str | int = 0) -> Span:
        """The source lines covered by a match (or one of its groups)."""
        return Span(
            first_line=self.folded.line_at(match.start(group)),
            last_line=self.folded.line_at(max(match.end(group) - 1, match.start(group))),
        )

    def date_of(self, match: re.Match[str], group: str = "date") -> ParsedDate:
        """The date inside `group` of `match`, validated."""
        date_match = DATE_RE.search(match.group(group))
        assert date_match is not None  # the group is a DATE_PATTERN  # noqa: S101
        line = self.span(match, group).first_line
        on = date_from_match(date_match, file=self.source.name, line=line)
        return ParsedDate(on=on, wording=normalised(match.group(0)), span=self.span(match))

    def check_every_date(self) -> None:
        """Refuse the document if any date in it is impossible ("30th day of February")."""
        for match in DATE_RE.finditer(self.folded.text):
            date_from_match(match, file=self.source.name, line=self.folded.line_at(match.start()))

    def issuer(self) -> str | None:
        """The issuer as the body names it ("X, Inc., a Delaware corporation"), else the heading."""
        text = self.folded.text
        for anchor in _CORPORATION_RE.finditer(text):
            window = text[max(anchor.start() - _ISSUER_WINDOW, 0) : anchor.start()]
            match = _ISSUER_NAME_RE.search(window)
            if match is not None:
                # "adopted by the Board of Directors of KMC Telecom Holdings, Inc." -> the name.
                return re.split(r"\b(?:of|by) (?=[A-Z])", match.group("name"))[-1].strip()
        for line in self.source.lines[:40]:
            text = " ".join(line.text.split())
            if _CAPS_ISSUER_RE.match(text):
                return _mixed_case_of(text, self.folded.text)
        return None

    def security(self) -> tuple[str, str] | None:
        """The series ("Series E") and the full security name, from its first mixed-case mention."""
        for match in _SECURITY_RE.finditer(self.folded.text):
            security = match.group("security")
            if not security.isupper():
                return f"Series {match.group('series')}", security
        titled = _SECURITY_RE.search(self.folded.text.title())
        if titled is None:
            return None
        return f"Series {titled.group('series').upper()}", titled.group("security")

    def instrument_dated(self) -> ParsedDate | None:
        """The instrument's own date ("dated as of February 4, 1999")."""
        match = _DATED_AS_OF_RE.search(self.folded.text)
        return self.date_of(match) if match else None

    def board_action(self) -> ParsedBoardAction | None:
        """The board resolution: by unanimous written consent, or at a meeting."""
        found: list[tuple[re.Match[str], BoardManner]] = []
        if match := _BOARD_CONSENT_RE.search(self.folded.text):
            found.append((match, "unanimous_written_consent"))
        if match := _BOARD_MEETING_RE.search(self.folded.text):
            found.append((match, "meeting"))
        if not found:
            return None
        match, manner = min(found, key=lambda pair: pair[0].start())
        parsed = self.date_of(match)
        return ParsedBoardAction(acted_on=parsed.on, manner=manner, span=parsed.span)

    def consents(self) -> list[ParsedConsent]:
        """Every holder approval stated (DGCL §242(b)(2) class votes)."""
        consents = []
        for match in _HOLDERS_RE.finditer(self.folded.text):
            fraction, at_least = _threshold(match.group("amount"))
            if match.group("least"):
                at_least = True
            tail = self.folded.text[match.end() : match.end() + 120]
            sentence_tail = tail.split(".")[0]
            consents.append(
                ParsedConsent(
                    class_name=" ".join(match.group("klass").split()),
                    threshold=Threshold(
                        numerator=fraction.numerator,
                        denominator=fraction.denominator,
                        at_least=at_least,
                        wording=normalised((match.group("least") or "") + match.group("amount")),
                    ),
                    separate_class=bool(_SEPARATE_CLASS_RE.search(sentence_tail))
                    and "single class" not in sentence_tail.casefold(),
                    span=self.span(match),
                )
            )
        return consents

    def execution(self) -> ParsedExecution | None:
        """The execution clause, with the signer's name and title from the signature block."""
        match = _EXECUTED_RE.search(self.folded.text)
        if match is None:
            return None
        parsed = self.date_of(match)
        title = " ".join(match.group("title").split())
        officer = None
        last = parsed.span.last_line
        block = [line for line in self.source.lines if last < line.number <= last + _BLOCK_LINES]
        for line in block:
            if name := _NAME_LINE_RE.match(line.text):
                officer = _first_column(name.group("value"))
                last = line.number
            elif found_title := _TITLE_LINE_RE.match(line.text):
                title = _first_column(found_title.group("value")) or title
                last = line.number
                break
        return ParsedExecution(
            executed_on=parsed.on,
            officer=officer,
            officer_title=title,
            span=Span(first_line=parsed.span.first_line, last_line=last),
        )

    def effective_time(self) -> ParsedDate | None:
        """A later effective time the certificate names for itself (DGCL §103(d))."""
        match = _EFFECTIVE_RE.search(self.folded.text)
        return self.date_of(match) if match else None

    def filing(self) -> ParsedDate | None:
        """A filing with the Secretary of State, where the text states it."""
        match = _FILED_RE.search(self.folded.text)
        return self.date_of(match) if match else None


def _threshold(amount: str) -> tuple[Fraction, bool]:
    """An approval amount as an exact fraction; "a majority" is more than one half."""
    words = amount.casefold()
    if words in _WORD_AMOUNTS:
        return _WORD_AMOUNTS[words]
    number = words.replace("percent", "").replace("%", "").strip()
    whole, _, part = number.replace("-", " ").partition(" ")
    value = Fraction(whole) + (Fraction(part) if part else 0)
    return value / 100, True


def _first_column(value: str) -> str | None:
    """Text before a run of 2+ spaces: EDGAR puts page numbers and codes to the right."""
    head = re.split(r"\s{2,}", value.strip())[0].strip()
    return head or None


def _mixed_case_of(caps: str, text: str) -> str:
    """The body's mixed-case spelling of a name that a heading writes in capitals."""
    pattern = re.escape(caps).replace(r"\ ", r"\s+")
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if not match.group(0).isupper():
            return match.group(0)
    return caps.title()


def require(value: object, what: str, *, file: str) -> None:
    """Refuse a document in which an essential fact cannot be recognised."""
    if value is None or value == []:
        raise ParseError(f"no {what} recognised; is this a certificate of designation?", file=file)
