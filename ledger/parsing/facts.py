"""Document-level facts, each read only from the paragraphs whose role states it.

Board action and consents come from the preamble, recitals and resolutions; the execution
from the testimonium and signature block; this certificate's effective time from an
effectiveness clause whose subject is this certificate; a filing date from a Secretary of
State stamp or a sentence about this certificate. A date the text states about another
document (the original certificate's filing, the instrument's "dated as of") is read as a
fact about that document. Inserted text (definitions, restated sections) states no fact.
Every pattern runs on folded text, which maps each match back to its source lines.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ledger.errors import ParseError
from ledger.events import BoardManner, Threshold
from ledger.parsing.dates import DATE_PATTERN, DATE_RE, date_from_match, normalised
from ledger.parsing.roles import FACT_ROLES, RoledParagraph, folded, lines_of
from ledger.parsing.source import FoldedText, Line, SourceDocument
from ledger.statements import (
    ParsedBoardAction,
    ParsedConsent,
    ParsedDate,
    ParsedExecution,
    Span,
)

_FLAGS = re.IGNORECASE
# A series' designator: "A", "G-1", "AA", "4", and the year-numbered "1999-A" / "2003-1"
# (whose "A" is not the Series A of another security the text names).
_SERIES_DESIGNATOR = r"\d{4}-[A-Z0-9]{1,3}|[A-Z]{1,3}(?:-\d{1,2})?|\d{1,2}"
_PLAIN_WORD = r"(?:(?!Of |Certificate |Designations? |The |And |Rights |Class )[A-Z][a-z]+ )"
_SECURITY_FORMS = (
    # "Series G-1 Voting Convertible Preferred Stock", "Class B Series 4 ... Preferred Stock"
    re.compile(
        r"(?P<security>(?:(?P<class>Class [A-Z]) )?Series "
        rf"(?P<series>{_SERIES_DESIGNATOR})(?:[ ,-]+[A-Z][A-Za-z\-]*){{0,8}}? "
        r"(?:Preferred|Preference) Stock)"
    ),
    # "Preferred Stock, $6.875 Series"
    re.compile(
        r"(?P<security>(?:Preferred|Preference) Stock, (?P<dollar>\$\d+(?:\.\d+)?) "
        r"(?:Cumulative )?Series)"
    ),
    # "Exchangeable Preferred Stock", "Class A Convertible Preferred Stock": no series at all
    re.compile(
        rf"(?P<security>(?P<plain>Class [A-Z] {_PLAIN_WORD}{{0,4}}|{_PLAIN_WORD}{{1,4}})"
        r"(?:Preferred|Preference) Stock)"
    ),
)
_DESIGNATES = re.compile(r"\bdesignated(?: as)?(?: the| its| a)?[\s\"\u201c]*$", _FLAGS)
_CERTIFICATE_NOUN = re.compile(
    r"Certificate of (?:the )?(?:Designations?|Voting Powers|Powers|Rights)|Statement of "
    r"Designations?|the Certificate\b",
    _FLAGS,
)
_OTHER_DOCUMENT = re.compile(
    r"\b(?:Agreement|Indenture|Plan|Notes?|Facility|Warrants?|Contract|Lease|Debentures?|"
    r"Certificate of Amendment|Certificate of Correction|Certificate of Incorporation|"
    r"Certificate of Merger|Charter|Articles)\b",
    _FLAGS,
)
_THIS_CERTIFICATE = re.compile(
    r"\bthis (?:Certificate|Amendment|Corrected Certificate)\b|\bherewith\b", _FLAGS
)
_DATED_AS_OF_RE = re.compile(rf"dated (?:as of |as |a )?(?P<date>{DATE_PATTERN})", _FLAGS)
_BOARD_FORMS: tuple[tuple[re.Pattern[str], BoardManner], ...] = (
    (
        re.compile(
            r"(?:by (?:the )?(?:unanimous )?written consent|in lieu of a meeting)"
            # "dated a June 28, 2006", "dated as January 25, 1999": typos of "dated as of"
            r"[^.;]{0,120}?(?:dated|on|executed on|as of|effective)(?: as of| as| a)?,? "
            rf"(?P<date>{DATE_PATTERN})",
            _FLAGS,
        ),
        "unanimous_written_consent",
    ),
    (
        re.compile(
            r"(?:at|acting at) a (?:special |regular |duly called )?meeting[^.;]{0,80}? "
            rf"(?:held|convened) (?:on|as of) (?P<date>{DATE_PATTERN})",
            _FLAGS,
        ),
        "meeting",
    ),
    *(
        (re.compile(form, _FLAGS), "unstated")
        for form in (
            (
                rf"Board of Directors[^.;]{{0,80}}?,? on (?P<date>{DATE_PATTERN}),? "
                r"(?:duly )?(?:adopted|approved|resolved)"
            ),
            (
                r"Board of Directors[^.;]{0,80}? (?:has |have )?(?:duly )?(?:adopted|approved)"
                r"(?: the following resolutions?)?,? (?:as of|on|effective) "
                rf"(?P<date>{DATE_PATTERN})"
            ),
            (
                r"resolutions? (?:were |was )?(?:duly )?(?:adopted |approved )?effective "
                rf"(?:as of )?(?P<date>{DATE_PATTERN})"
            ),
        )
    ),
)
# The class a consent names: "Series C-2 Preferred Stock", "Preferred Stock, $6.875 Series",
# "Class B Series 4 Convertible Preferred Stock", "Common Stock".
_CLASS = (
    r"(?:\d{1,2}(?:\.\d{1,3})?% )?"
    r"(?:(?-i:[A-Z$])[\w$.\-]*(?: (?-i:[A-Z0-9$])[\w$.\-]*)*? )?(?:Preferred|Common|Preference) "
    r"Stock(?:, \$\d+(?:\.\d+)? Series)?"
)
_OF_SHARES = (
    r"(?: (?:in|of the) voting power)? of (?:the |all )?(?:then )?(?:issued and )?"
    r"(?:outstanding )?(?:shares of (?:the |its |the (?:Corporation|Company)(?:'|\u2019)s )?)?"
    r"(?:outstanding )?"
)
_AMOUNT = (
    r"(?P<least>at least |not less than )?"
    r"(?P<amount>a majority|a simple majority|two-thirds|two thirds|three-fourths|"
    r"three-quarters|one-half|all|the requisite number|the requisite percentage|"
    # "sixty-six and two-thirds percent (66 2/3%)": the figures in parentheses govern
    r"[a-z]+(?:-[a-z]+)?(?: and [a-z]+-[a-z]+)? percent \((?P<figures>[^()]{1,12}%)\)|"
    r"\d+(?:\.\d+)?(?:[ -]\d+/\d+|[\u2153\u2154\u00bd\u00bc\u00be])?%|"
    r"\d+(?:[ -]\d+/\d+)? percent)(?: in interest)?"
)
HOLDERS_RE = re.compile(
    r"(?:holders|stockholders|shareholders)(?: of record)? (?:of|holding) "
    r"(?:(?:shares|stock) (?:representing|having|constituting|entitled to cast) )?"
    rf"{_AMOUNT}{_OF_SHARES}(?P<klass>{_CLASS})",
    _FLAGS,
)
# "by the written consent of a majority of the outstanding shares of Series A Preferred Stock"
# (no "holders"): a vote counted in shares of a class.
SHARES_VOTE_RE = re.compile(
    rf"(?:vote|consent|approval)s? of {_AMOUNT} of the (?:then )?(?:issued and )?outstanding "
    rf"shares of (?:the |its )?(?P<klass>{_CLASS})",
    _FLAGS,
)
# "by the requisite vote of the holders of the Series D Convertible Preferred Stock"
REQUISITE_VOTE_RE = re.compile(
    r"(?:the )?(?P<amount>requisite|required) (?:vote|consent|approval|affirmative vote) of "
    r"(?:the )?holders of (?:the )?(?:outstanding )?(?:shares of (?:the |its )?)?"
    rf"(?P<klass>{_CLASS})",
    _FLAGS,
)
# The statutory form: "at which meeting the necessary number of shares as required by statute
# were voted in favor of the amendment" (no class named: the stock entitled to vote).
NECESSARY_SHARES_RE = re.compile(
    r"the (?P<amount>necessary|requisite) number of (?:outstanding )?shares"
    rf"(?: of (?:the |its )?(?P<klass>{_CLASS}))?(?: as required by (?:statute|law))?,? "
    r"(?:were|was|have been|has been) (?:duly )?(?:voted|cast) in favou?r",
    _FLAGS,
)
# "the holders of 1,234,567 shares of the 1,500,000 outstanding shares of Series B Preferred
# Stock", "holders of record of 412,500 shares, or 82.5%, of the 500,000 shares of Series C
# Preferred Stock then outstanding": the share tally itself.
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_TALLY_RE = re.compile(
    rf"holders(?: of record)? of (?P<consenting>{_NUMBER}) shares"
    rf"(?: of (?:the )?(?P<klass>{_CLASS}))?,? (?:\([^()]{{1,40}}\),? |or [\d.]+%,? |"
    r"representing [^,;()]{1,60},? )?(?:out )?of (?:the |a total of |all )?"
    rf"(?P<outstanding>{_NUMBER}) (?:then )?(?:issued and )?(?:outstanding )?shares"
    rf"(?: of (?:the )?(?:outstanding )?(?P<klass2>{_CLASS}))?",
    _FLAGS,
)
_CAPTION_SERIES = re.compile(
    rf"\bSeries (?P<token>{_SERIES_DESIGNATOR})\b"
    r"(?=[\w ,-]{0,80}?(?:Preferred|Preference)|\s+(?:and|&)\s+Series\b)",
    _FLAGS,
)
_SERIES_TOKEN = re.compile(
    rf"\bSeries (?P<token>{_SERIES_DESIGNATOR})\b|(?P<dollar>\$\d+(?:\.\d+)?) Series"
)
_VULGAR = {"\u2153": "1/3", "\u2154": "2/3", "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4"}
_SEPARATE_CLASS_RE = re.compile(
    r"as a separate (?:class|series)|as a single class|separately as a (?:class|series)", _FLAGS
)
_EXECUTED_BY_TITLE = re.compile(
    r"(?:execut|sign)\w* (?:on its behalf )?by (?:its |the )?(?P<title>[A-Z][A-Za-z,\- ]+?),? "
    rf"(?:(?:on|this|as of) )?(?:this )?(?:the )?{DATE_PATTERN}",
    _FLAGS,
)
_SIGNED_BY_NAME = re.compile(
    r"(?:execut|sign)\w* (?:on its behalf )?by (?P<name>[A-Z][A-Za-z.'\- ]+?), (?:its|the) "
    r"(?P<title>[A-Z][A-Za-z,\- ]+?),? (?:(?:on|this|as of) )",
)
_EXECUTION_VERB = re.compile(r"\b(?:execut|sign)\w*", _FLAGS)
_EFFECTIVE_RE = re.compile(
    r"(?:shall )?(?:become|becomes|be|is) effective "
    r"(?P<time>(?:at|as of) (?:[0-9:. ]+[ap]\.?m\.?|noon|midnight|"
    r"the (?:close|opening|start|end) of business)"
    r"(?:,? (?:[A-Z][a-z]+ ){0,3}(?:standard |daylight )?time)?,? )?"
    rf"(?:on|as of) (?P<date>{DATE_PATTERN})",
    _FLAGS,
)
# "These Articles of Amendment shall be effective ...": the subject is this certificate.
_THIS_INSTRUMENT = re.compile(
    r"\b(?:this|these|the foregoing) (?:Certificate|Articles|amendments?|Statement)\b", _FLAGS
)
_FILED_RE = re.compile(
    r"(?:filed|was filed|were filed) (?:with|in the office of) the Secretary of State"
    rf"(?: of the State of [A-Z][a-z]+)?,? (?:on|as of) (?P<date>{DATE_PATTERN})",
    _FLAGS,
)
# "On May 27, 2003, the Corporation filed with the Secretary of State ... the Certificate of
# Designations ...": the date first, the document named after it.
_ON_DATE_FILED_RE = re.compile(
    rf"\bOn (?P<date>{DATE_PATTERN}),? the (?:Corporation|Company) filed (?:with|in the office of) "
    r"the Secretary of State(?: of the State of [A-Z][a-z]+)?,? (?:the|a|its) "
    r"(?P<document>Certificate of (?:Designations?|Powers)|Statement of Designations?)",
    _FLAGS,
)
# "the certificate of designation, which was filed on 05/25/2004" (no Secretary of State named)
_DESIGNATION_FILED_ON_RE = re.compile(
    r"\b(?:certificate|statement) of designations?\b[^.;]{0,80}?\b(?:was|were) filed "
    rf"(?:on|as of) (?P<date>{DATE_PATTERN})",
    _FLAGS,
)
_STAMP_RE = re.compile(
    r"\bFILED\b[^\n]{0,20}?(?:\d{1,2}:\d{2}\s*[AP]\.?M\.?\s+)?(?P<date>\d{1,2}/\d{1,2}/\d{4})"
)
# A state's filing block: Nevada's "Filed in the office of ... Filing Date and Time 03/14/2006
# 02:15 PM" (and the later "Filed On 5/19/2025 11:49:00 AM"): this certificate's own filing.
_STATE_STAMP_RE = re.compile(
    r"Filed in the office of[^.;]{0,160}?(?:Filing Date(?: and Time)?|Filed On):?\s+"
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4})",
    _FLAGS,
)
_RUN_ON_LABEL = re.compile(r"\s+(?=(?:Name|Title|Date|Dated):\s)")
_NAME_LINE_RE = re.compile(r"^\s*Name:\s*(?P<value>.+?)\s*$")
_TITLE_LINE_RE = re.compile(r"^\s*(?:Title|Its):\s*(?P<value>.+?)\s*$")
# "By: /s/ Name", "By: Name", or a bare "/s/ Name" (a signature without "By:").
_BY_LINE_RE = re.compile(r"^\s*(?:By:?\s*(?:/s/\s*)?|/s/\s*)(?P<value>[A-Z][^_]*?)\s*$")
_WORD_AMOUNTS = {
    "a majority": (Fraction(1, 2), False),
    "two-thirds": (Fraction(2, 3), True),
    "two thirds": (Fraction(2, 3), True),
    "three-fourths": (Fraction(3, 4), True),
    "three-quarters": (Fraction(3, 4), True),
    "a simple majority": (Fraction(1, 2), False),
    "one-half": (Fraction(1, 2), True),
    "all": (Fraction(1), True),
}


class FactReader:
    """Reads one certificate's facts, each from the paragraphs of its role."""

    def __init__(self, source: SourceDocument, roled: list[RoledParagraph]) -> None:
        self.source = source
        self.roled = roled
        self.acts = folded(roled, *FACT_ROLES)
        self.closing = folded(roled, "testimonium", "signature")
        self.heading = folded(roled, "caption", "preamble")

    def date_of(self, text: FoldedText, match: re.Match[str], group: str = "date") -> ParsedDate:
        """The date inside `group` of `match`, validated."""
        date_match = DATE_RE.search(match.group(group))
        assert date_match is not None  # the group is a DATE_PATTERN  # noqa: S101
        line = _span(text, match, group).first_line
        on = date_from_match(date_match, file=self.source.name, line=line)
        return ParsedDate(on=on, wording=normalised(match.group(0)), span=_span(text, match))

    def check_every_date(self) -> None:
        """Refuse the document if any date in it is impossible ("30th day of February")."""
        text = self.source.folded()
        for match in DATE_RE.finditer(text.text):
            date_from_match(match, file=self.source.name, line=text.line_at(match.start()))

    def security(self) -> tuple[str, str] | None:
        """The series and the security's full name: from the caption, else the designation.

        In the body, the security the text designates ("is hereby designated "Class B Series 4
        Convertible Preferred Stock"") outranks the first one it mentions: a recital may name
        another series first.
        """
        caption = folded(self.roled, "caption").text
        body = self.source.folded().text
        facts = folded(self.roled, *FACT_ROLES, "inserted").text
        for form in _SECURITY_FORMS:
            if (match := form.search(caption.title())) is not None:
                if _designator_cut_off(caption.title(), match):
                    return None  # refused: a designator this reader cannot spell is not dropped
                return _series(match, body)
        for text in (facts, facts.title()):
            for designated in (True, False):
                for form in _SECURITY_FORMS:
                    match = next(
                        (
                            m
                            for m in form.finditer(text)
                            if not designated
                            or _DESIGNATES.search(text[max(m.start() - 40, 0) : m.start()])
                        ),
                        None,
                    )
                    if match is not None:
                        if _designator_cut_off(text, match):
                            return None
                        return _series(match, body)
        return None

    def series_in_caption(self) -> list[tuple[str, int]]:
        """Every distinct series the heading names, with its line ("SERIES A ... AND SERIES B").

        One certificate that designates two series states two instruments; the ledger keeps
        one instrument per series, so such a certificate is refused, not read as one of them.
        """
        caption = folded(self.roled, "caption")
        found: dict[str, int] = {}
        for match in _CAPTION_SERIES.finditer(caption.text):
            token = match.group("token").upper()
            found.setdefault(token, caption.line_at(match.start()))
        return list(found.items())

    def series_in_statements(self) -> list[tuple[str, int]]:
        """Every distinct series the statements name, with its line (recitals, consents)."""
        text = folded(self.roled, *FACT_ROLES)
        found: dict[str, int] = {}
        for match in _CAPTION_SERIES.finditer(text.text):
            found.setdefault(match.group("token").upper(), text.line_at(match.start()))
        return list(found.items())

    def instrument_dated(self) -> ParsedDate | None:
        """The instrument's own date ("the Certificate of Designation ... dated as of <date>")."""
        for match in _DATED_AS_OF_RE.finditer(self.acts.text):
            if _about_instrument(self.acts.text, match.start()) and not _board_act_dated(
                self.acts.text, match.start()
            ):
                return self.date_of(self.acts, match)
        return None

    def instrument_filed(self) -> ParsedDate | None:
        """A recital of the original certificate's filing: a fact about the instrument."""
        for match in _FILED_RE.finditer(self.acts.text):
            if _about_instrument(self.acts.text, match.start()) and not _about_this(
                self.acts.text, match.start()
            ):
                return self.date_of(self.acts, match)
        for pattern in (_ON_DATE_FILED_RE, _DESIGNATION_FILED_ON_RE):
            for match in pattern.finditer(self.acts.text):
                between = match.group(0)[: match.start("date") - match.start()]
                if not _OTHER_DOCUMENT.search(between) and not _about_this(
                    self.acts.text, match.start()
                ):
                    return self.date_of(self.acts, match)
        return None

    def recited_filings(self) -> list[ParsedDate]:
        """Every filing date the text recites about another certificate (for corrections)."""
        return [
            self.date_of(self.acts, m)
            for m in _FILED_RE.finditer(self.acts.text)
            if not _about_this(self.acts.text, m.start())
        ]

    def board_action(self, issuer: str = "") -> ParsedBoardAction | None:
        """The board resolution: by written consent, at a meeting, or on a date it names.

        A board of another corporation ("which the board of directors of X approved by
        unanimous written consent dated ...") acts for that corporation, not this one.
        """
        found: list[tuple[int, ParsedBoardAction]] = []
        for pattern, manner in _BOARD_FORMS:
            match = next(
                (
                    m
                    for m in pattern.finditer(self.acts.text)
                    if not _another_board(self.acts.text, m, issuer)
                ),
                None,
            )
            if match is None:
                continue
            parsed = self.date_of(self.acts, match)
            found.append(
                (
                    match.start(),
                    ParsedBoardAction(acted_on=parsed.on, manner=manner, span=parsed.span),
                )
            )
        # A date with its manner ("at a meeting held on") outranks one without.
        stated = [pair for pair in found if pair[1].manner != "unstated"] or found
        return min(stated, key=lambda pair: pair[0])[1] if stated else None

    def consents(
        self, series: str | None = None, terms: frozenset[int] = frozenset()
    ) -> list[ParsedConsent]:
        """Every holder approval stated (DGCL §242(b)(2) class votes), with share tallies.

        "the requisite number of outstanding shares" names no fraction: the consent is
        recorded with its fraction unstated, never an invented one. A consent of another
        series than this certificate's `series` (a recital about another series' vote) is
        not this certificate's and is left out rather than guessed at. `terms` are the lines
        of the instrument's own terms (an original's voting and redemption sections: "the
        holders of a majority ... shall be entitled to"): rights of holders, not approvals.
        """
        return [c for c in self._consents(series) if c.span.first_line not in terms]

    def _consents(self, series: str | None) -> list[ParsedConsent]:
        text = self.acts.text
        found: list[tuple[int, ParsedConsent]] = []
        taken: list[range] = []
        for match in _TALLY_RE.finditer(text):
            consent = self._tally(text, match)
            taken.append(range(match.start(), match.end()))
            if consent is not None and same_series(consent.class_name, series):
                found.append((match.start(), consent))
        for pattern in (HOLDERS_RE, SHARES_VOTE_RE, REQUISITE_VOTE_RE, NECESSARY_SHARES_RE):
            for match in pattern.finditer(text):
                if any(
                    match.start() in r or r.start in range(match.start(), match.end())
                    for r in taken
                ):
                    continue
                taken.append(range(match.start(), match.end()))
                consent = consent_of(self.acts, match)
                if same_series(consent.class_name, series):
                    found.append((match.start(), consent))
        return [consent for _, consent in sorted(found, key=lambda pair: pair[0])]

    def _tally(self, text: str, match: re.Match[str]) -> ParsedConsent | None:
        """A consent by share count, or None for a tally that cannot be right.

        More shares consenting than outstanding, none outstanding, or no class named: such a
        tally is not recorded rather than recorded wrong.
        """
        klass = match.group("klass") or match.group("klass2")
        consenting = int(match.group("consenting").replace(",", ""))
        outstanding = int(match.group("outstanding").replace(",", ""))
        if klass is None or outstanding == 0 or consenting > outstanding:
            return None
        share = Fraction(consenting, outstanding)
        return ParsedConsent(
            class_name=" ".join(klass.split()),
            threshold=Threshold(
                numerator=share.numerator,
                denominator=share.denominator,
                at_least=True,
                wording=normalised(match.group(0)),
            ),
            separate_class=_separate(text, match.end()),
            span=_span(self.acts, match),
            shares_consenting=consenting,
            shares_outstanding=outstanding,
        )

    def execution(self) -> ParsedExecution | None:
        """The testimonium's date, with the signer's name and title from it or the block below."""
        text = self.closing.text
        date_match = DATE_RE.search(text)
        if date_match is None:
            return None
        line = self.closing.line_at(date_match.start())
        on = date_from_match(date_match, file=self.source.name, line=line)
        title = officer = None
        if (by_title := _EXECUTED_BY_TITLE.search(text)) is not None:
            title = " ".join(by_title.group("title").split())
        if (by_name := _SIGNED_BY_NAME.search(text)) is not None:
            officer = " ".join(by_name.group("name").split())
            title = " ".join(by_name.group("title").split())
        block = lines_of(self.roled, "testimonium", "signature")
        # The execution clause starts at its verb ("... caused this certificate to be
        # executed by"); a testimonium without one starts where its date stands.
        verb = _EXECUTION_VERB.search(text)
        first = self.closing.line_at(verb.start()) if verb is not None else line
        last = line
        block_officer, block_title, block_last = _signature_block(block)
        if officer and block_officer and block_officer.startswith(officer + " "):
            block_officer = officer  # "By /s/ A. Name Vice President": the clause named the signer
        officer = block_officer or officer
        title = block_title or title
        last = max(last, block_last or last)
        return ParsedExecution(
            executed_on=on,
            officer=officer,
            officer_title=title,
            span=Span(first_line=min(first, line), last_line=last),
        )

    def signer(self) -> tuple[str | None, str | None]:
        """The signer's name and title from the signature block, whether or not it is dated."""
        officer, title, _ = _signature_block(lines_of(self.roled, "testimonium", "signature"))
        return officer, title

    def effective_time(self) -> ParsedDate | None:
        """A later effective time this certificate names for itself (DGCL §103(d)).

        From an effectiveness clause, else from a sentence of the certificate's own acts
        whose subject is this certificate ("These Articles of Amendment shall be effective
        as of 12:01 a.m. Eastern Time on June 1, 2006"), never from one about another document.
        """
        text = folded(self.roled, "effectiveness")
        match = _EFFECTIVE_RE.search(text.text)
        if match is not None:
            return self.date_of(text, match)
        for found in _EFFECTIVE_RE.finditer(self.acts.text):
            subject = _sentence_before(self.acts.text, found.start())
            if _THIS_INSTRUMENT.search(subject) and not _OTHER_DOCUMENT.search(
                _THIS_INSTRUMENT.sub("", subject)
            ):
                return self.date_of(self.acts, found)
        return None

    def filing(self) -> ParsedDate | None:
        """This certificate's own filing: a state's stamp, or a sentence about this certificate."""
        whole = self.source.folded()
        for pattern in (_STAMP_RE, _STATE_STAMP_RE):
            if (stamp := pattern.search(whole.text)) is not None:
                return self.date_of(whole, stamp)
        for text in (folded(self.roled, "caption"), self.acts, self.closing):
            for match in _FILED_RE.finditer(text.text):
                if text is not self.acts or _about_this(text.text, match.start()):
                    return self.date_of(text, match)
        return None


def _span(text: FoldedText, match: re.Match[str], group: str | int = 0) -> Span:
    return Span(
        first_line=text.line_at(match.start(group)),
        last_line=text.line_at(max(match.end(group) - 1, match.start(group))),
    )


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|No|Nos|Sec|Secs|Art|St|Mr|Ms|Mrs|Dr|Jr|Sr|N\.V|L\.P|S\.A|U\.S)"
    r"|\b[A-Z])\.$",
    re.IGNORECASE,  # "ALDERMERE CAPITAL CORP." ends no sentence either
)


def _sentence_before(text: str, at: int) -> str:
    """The text of the sentence that `at` falls in, up to `at` ("Inc." ends no sentence)."""
    end = at
    while True:
        start = max(text.rfind(". ", 0, end), text.rfind("; ", 0, end), text.rfind(": ", 0, end))
        if start < 0:
            return text[:at]
        if text[start] == "." and _ABBREVIATIONS.search(text[max(start - 6, 0) : start + 1]):
            end = start
            continue
        return text[start + 1 : at]


_BOARD_OF = re.compile(r"board of directors of (?P<whose>[^,;:()]{1,80})", _FLAGS)
_OURS = re.compile(r"^(?:the |said |such )?(?:Corporation|Company|Issuer)\b|^its\b", _FLAGS)


def _another_board(text: str, match: re.Match[str], issuer: str) -> bool:
    """Whether the board named in the match's sentence is another corporation's."""
    sentence = _sentence_before(text, match.start()) + match.group(0)
    boards = list(_BOARD_OF.finditer(sentence))
    if not boards:
        return False
    whose = boards[-1].group("whose").strip()
    if _OURS.match(whose):
        return False
    own = " ".join(re.findall(r"[a-z0-9]+", issuer.casefold()))
    named = " ".join(re.findall(r"[a-z0-9]+", whose.casefold()))
    return not (own and (named.startswith(own[: max(len(named), 1)]) or own.startswith(named)))


def _about_instrument(text: str, at: int) -> bool:
    """Whether the nearest document named before `at` is the certificate of designation."""
    before = _sentence_before(text, at)
    noun = [m.end() for m in _CERTIFICATE_NOUN.finditer(before)]
    other = [m.end() for m in _OTHER_DOCUMENT.finditer(before)]
    return bool(noun) and (not other or max(noun) > max(other))


_BOARD_ACT = re.compile(r"\b(?:consents?|resolutions?|meetings?)\b", _FLAGS)


def _board_act_dated(text: str, at: int) -> bool:
    """Whether a "dated" at `at` dates a consent, resolution or meeting, not the certificate.

    "approving this Amended and Restated Certificate of Designations by unanimous written
    consent dated July 30, 2007" dates the board's act; taking it as the instrument's date
    would be a confident wrong answer.
    """
    before = _sentence_before(text, at)
    nouns = [m.end() for m in _CERTIFICATE_NOUN.finditer(before)]
    return _BOARD_ACT.search(before[max(nouns, default=0) :]) is not None


def _about_this(text: str, at: int) -> bool:
    """Whether the sentence's subject is this certificate ("This Certificate ... was filed")."""
    before = _sentence_before(text, at)
    return _THIS_CERTIFICATE.search(before) is not None


def _designator_cut_off(text: str, match: re.Match[str]) -> bool:
    """Whether a name without series follows a "Series <X>" / "Class <X>" it did not take.

    "Series 2003-AB Preferred Stock" read as "Preferred Stock"-like plain name would drop the
    designator and join every series of the issuer into one instrument.
    """
    if not match.groupdict().get("plain"):
        return False
    before = text[max(match.start() - 40, 0) : match.start()]
    return re.search(r"\b(?:Series|Class)\s+[\w.-]+\s+$", before, _FLAGS) is not None


def _series(match: re.Match[str], body: str) -> tuple[str, str]:
    """("Series E", "Series E Senior ... Preferred Stock") in the body's own spelling."""
    security = _body_spelling(match.group("security"), body)
    groups = match.groupdict()
    if groups.get("dollar"):
        return f"{groups['dollar']} Series", security
    if groups.get("plain"):
        return security, security
    series = f"Series {match.group('series').upper()}"
    if groups.get("class"):
        series = f"Class {match.group('class')[-1].upper()} {series}"
    return series, security


def _body_spelling(name: str, body: str) -> str:
    """The body's mixed-case spelling of a name the heading writes in capitals."""
    pattern = re.escape(name).replace(r"\ ", r"\s+")
    for match in re.finditer(pattern, body, re.IGNORECASE):
        if not match.group(0).isupper():
            return " ".join(match.group(0).split())
    return name


def mixed_case_of(caps: str, text: str) -> str:
    """The body's mixed-case spelling of an issuer the heading writes in capitals."""
    spelled = _body_spelling(caps, text)
    return spelled if not spelled.isupper() else caps


def _signature_block(lines: list[Line]) -> tuple[str | None, str | None, int | None]:
    """Name and title from `Name:` / `Title:` lines, or the lines under `By: /s/ <name>`."""
    officer = title = None
    last = None
    # A copy that runs the block onto one line ("/s/ A. Name Name: A. Name Title: President")
    # is read as the lines it was.
    texts = [(line.number, part) for line in lines for part in _RUN_ON_LABEL.split(line.text)]
    for i, (number, text) in enumerate(texts):
        if (name := _NAME_LINE_RE.match(text)) is not None:
            officer, last = _first_column(name.group("value")), number
        elif (found := _TITLE_LINE_RE.match(text)) is not None:
            title, last = _first_column(found.group("value")), number
            wrapped = texts[i + 1][1] if i + 1 < len(texts) else ""
            if title and _wraps_title(text, wrapped):
                title, last = f"{title} {wrapped.strip()}", texts[i + 1][0]
        elif (by := _BY_LINE_RE.match(text)) is not None and officer is None:
            officer, run_on_title = _by_line(by.group("value"))
            title, last = title or run_on_title, number
            following = [t for _, t in texts[i + 1 : i + 4] if t.strip() and "---" not in t]
            if following and title is None and not _NAME_LINE_RE.match(following[0]):
                first = _first_column(following[0]) or ""
                own = (officer or "").casefold()
                if first.casefold().startswith(own + ","):
                    following = [first[len(own) + 1 :].strip()]  # "Name, President"
                elif first.casefold() == own:
                    following = following[1:]
                if following and not _NAME_LINE_RE.match(following[0]):
                    title = _first_column(following[0])
    return officer, title, last


def _by_line(value: str) -> tuple[str | None, str | None]:
    """The signer of a `By:` line, and the title when a copy runs the block onto that line.

    "By: /s/ Name ------ Name President" is a signature block joined into one line.
    """
    parts = re.split(r"\s*-{3,}\s*", re.sub(r"\s*<PAGE>.*$", "", value), maxsplit=1)
    officer = _first_column(parts[0])
    rest = parts[1] if len(parts) > 1 else ""
    if officer and rest.startswith(officer + " "):
        return officer, rest[len(officer) :].strip() or None
    return officer, None


def _wraps_title(line: str, following: str) -> bool:
    """A title wrapped onto the next line, indented under the title's text."""
    indent = len(following) - len(following.lstrip())
    title_indent = len(line) - len(line.lstrip())
    words = following.split()
    return (
        bool(words)
        and indent > title_indent
        and ":" not in following
        and "/s/" not in following
        and len(words) <= 4  # noqa: PLR2004 (the tail of a title, not a paragraph)
        and following.strip()[:1].isupper()
    )


def _threshold(amount: str) -> tuple[Fraction, bool]:
    """An approval amount as an exact fraction; "a majority" is more than one half."""
    words = amount.casefold()
    if words in _WORD_AMOUNTS:
        return _WORD_AMOUNTS[words]
    number = words.replace("percent", "").replace("%", "").strip()
    for vulgar, fraction in _VULGAR.items():
        number = number.replace(vulgar, f" {fraction}")
    whole, _, part = number.replace("-", " ").strip().partition(" ")
    value = Fraction(whole) + (Fraction(part.strip()) if part.strip() else 0)
    return value / 100, True


def _separate(text: str, end: int) -> bool:
    """Whether the words after a consent say the class voted separately."""
    tail = text[end : end + 120].split(".", maxsplit=1)[0]
    return bool(_SEPARATE_CLASS_RE.search(tail)) and "single class" not in tail.casefold()


def consent_of(text: FoldedText, match: re.Match[str], offset: int = 0) -> ParsedConsent:
    """The consent a HOLDERS_RE or REQUISITE_VOTE_RE match states.

    `match` ran on `text.text[offset:]`. "At least a majority" is still more than one half.
    """
    groups = match.groupdict()
    amount = groups["amount"]
    words = amount.casefold()
    if words in {"requisite", "required", "necessary"} or "requisite" in words:
        fraction, at_least, stated = Fraction(0), True, False
    else:
        fraction, at_least = _threshold(groups.get("figures") or amount)
        stated = True
        if groups.get("least") and not words.endswith("majority"):
            at_least = True
    return ParsedConsent(
        class_name=" ".join((match.group("klass") or "capital stock").split()),
        threshold=Threshold(
            numerator=fraction.numerator,
            denominator=fraction.denominator,
            at_least=at_least,
            wording=normalised((groups.get("least") or "") + amount)
            + (" number of shares" if words == "necessary" else ""),
            stated=stated,
        ),
        separate_class=_separate(text.text, offset + match.end()),
        span=Span(
            first_line=text.line_at(offset + match.start()),
            last_line=text.line_at(offset + max(match.end() - 1, match.start())),
        ),
    )


def names_a_series(class_name: str) -> bool:
    """Whether a class names a series ("Series B Convertible Preferred Stock")."""
    return _series_token(class_name) is not None


def _series_token(name: str) -> str | None:
    found = _SERIES_TOKEN.search(name)
    if found is None:
        return None
    return found.group("token") or found.group("dollar")


def same_series(class_name: str, series: str | None, *, strict: bool = False) -> bool:
    """Whether a consent's class is the certificate's own series.

    A class naming another series token ("Series E" in a Series F certificate, or any series
    in a certificate of a security with none) is another series. Lenient (consents): a class
    naming no series (Common Stock, Preferred Stock) may vote on this certificate too.
    Strict (the vote to amend): the class must name this series.
    """
    named, own = _series_token(class_name), _series_token(series or "")
    if named is not None and own is not None:
        return named.casefold() == own.casefold()
    if named is not None and series:
        return False  # "Series Z ..." is another security than one with no series at all
    if not strict:
        return True
    if named is None and own is None and series:
        key = " ".join(series.casefold().split())
        return key in " ".join(class_name.casefold().split())
    return False


def _first_column(value: str) -> str | None:
    """Text before a run of 2+ spaces: EDGAR puts page numbers and codes to the right."""
    head = re.split(r"\s{2,}", value.strip())[0].strip()
    return head or None


def require(value: object, what: str, *, file: str) -> None:
    """Refuse a document in which an essential fact cannot be recognised."""
    if value is None or value == []:
        raise ParseError(f"no {what} recognised; is this a certificate of designation?", file=file)
