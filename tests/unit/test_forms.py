"""Facts the reader used to miss (issue 7, item 4): parenthetical definitions in the instrument's
own text, consents in their "requisite" forms and share tallies, and the original certificate's
own vote required to amend it.

Every fixture is written by us in the style of EDGAR certificates; each test names the exact
facts expected, and the metamorphic tests assert that a distractor (a counterparty's short name
in a recital, another series' vote clause) changes nothing.
"""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from ledger.errors import ParseError
from ledger.parsing import parse_document
from ledger.statements import ParsedCertificate, ParsedOperation

_PREAMBLE = (
    '     Wrenfield Optics, Inc., a Delaware corporation (the "Corporation"), hereby\n'
    "certifies that the following resolution was duly adopted by the Board of Directors\n"
    '(the "Board") at a meeting duly called and held on April 2, 2001:\n'
)
_RECITAL = (
    "     WHEREAS, the Corporation is party to the Loan Agreement dated as of March 1,\n"
    '2001, with Harrow Ridge Capital, Inc., a Delaware corporation (the "Lender"), and\n'
    'the Corporation\'s Certificate of Incorporation (the "Charter") authorizes preferred\n'
    "stock in series;\n"
)
_RESOLUTION = (
    "     RESOLVED, that a series of Preferred Stock is hereby created with the following\n"
    "designations, preferences and rights:\n"
)
_DESIGNATION = (
    "     Section 1. Designation and Amount. The shares of such series shall be designated\n"
    'as the "Series F Convertible Preferred Stock" (the "Series F Preferred Stock"), and\n'
    "the number of shares constituting such series shall be 80,000. Each share shall\n"
    'have a stated value of $25.00 per share (the "Stated Value").\n'
)
_CONVERSION = (
    "     Section 2. Conversion. Each share is convertible into Common Stock at $4.00 per\n"
    "share, subject to adjustment as provided in Section 5 (as so adjusted, the\n"
    '"Conversion Price"). The Corporation\'s 9% Senior Notes due 2008 (hereinafter called\n'
    'the "Senior Notes") rank senior to the Series F Preferred Stock.\n'
)
_DEFINITIONS = (
    "     Section 3. Definitions. For purposes hereof, the following terms shall have the\n"
    "meanings indicated:\n\n"
    '     "Indenture" means the Indenture dated as of June 1, 1998, between the Corporation\n'
    'and Ostrava Trust Company, as trustee (the "Trustee"), as amended from time to time.\n\n'
    '     "Trading Day" means a day on which the Nasdaq National Market is open for trading.\n'
)
_CLOSING = (
    "     IN WITNESS WHEREOF, the Corporation has caused this certificate to be signed by\n"
    "Lydia M. Ostrander, its President, this 9th day of April, 2001.\n\n"
    "                                   By: /s/ Lydia M. Ostrander\n"
    "                                   Name:  Lydia M. Ostrander\n"
    "                                   Title: President\n"
)
_HEADING = (
    "                     CERTIFICATE OF DESIGNATIONS, PREFERENCES AND RIGHTS\n"
    "                   OF SERIES F CONVERTIBLE PREFERRED STOCK\n"
    "                                      OF\n"
    "                            WRENFIELD OPTICS, INC.\n\n"
)


def _original(*sections: str, recital: str = _RECITAL) -> str:
    body = "\n".join(sections)
    return f"{_HEADING}{_PREAMBLE}\n{recital}\n{_RESOLUTION}\n{body}\n{_CLOSING}"


def _read(text: str, *, accept_partial: bool = False) -> ParsedCertificate:
    return parse_document(text.encode(), "doc.txt", accept_partial=accept_partial).certificates[0]


def _terms(parsed: ParsedCertificate) -> list[str]:
    return [op.term for op in parsed.operations]


def _op(parsed: ParsedCertificate, term: str) -> ParsedOperation:
    (op,) = [op for op in parsed.operations if op.term == term]
    return op


# --- parenthetical definitions -----------------------------------------------------------------


def test_parenthetical_definitions_are_recorded_with_their_whole_sentence_and_lines():
    parsed = _read(_original(_DESIGNATION, _CONVERSION, _DEFINITIONS))
    assert _terms(parsed) == [
        "Series F Preferred Stock",
        "Stated Value",
        "Conversion Price",
        "Senior Notes",
        "Indenture",
        "Trading Day",
    ]
    stated = _op(parsed, "Stated Value")
    assert stated.instruction == "original"
    assert (
        stated.text
        == 'Each share shall have a stated value of $25.00 per share (the "Stated Value").'
    )
    assert (stated.span.first_line, stated.span.last_line) == (20, 21)
    series = _op(parsed, "Series F Preferred Stock")
    assert series.text == (
        'The shares of such series shall be designated as the "Series F Convertible Preferred '
        'Stock" (the "Series F Preferred Stock"), and the number of shares constituting such '
        "series shall be 80,000."
    )
    assert (series.span.first_line, series.span.last_line) == (18, 20)
    assert _op(parsed, "Conversion Price").text == (
        "Each share is convertible into Common Stock at $4.00 per share, subject to adjustment "
        'as provided in Section 5 (as so adjusted, the "Conversion Price").'
    )
    assert _op(parsed, "Senior Notes").text == (
        'The Corporation\'s 9% Senior Notes due 2008 (hereinafter called the "Senior Notes") '
        "rank senior to the Series F Preferred Stock."
    )


def test_short_names_of_the_issuer_its_board_and_other_documents_are_not_terms():
    parsed = _read(_original(_DESIGNATION, _DEFINITIONS))
    for name in ("Corporation", "Board", "Lender", "Charter"):
        assert name not in _terms(parsed)


def test_a_parenthetical_inside_a_quoted_definition_stays_an_inline_term():
    parsed = _read(_original(_DESIGNATION, _DEFINITIONS))
    assert "Trustee" not in _terms(parsed)
    assert _op(parsed, "Indenture").inline_terms == ["Trustee"]


def test_a_term_defined_both_ways_is_recorded_once_from_its_quoted_definition():
    also_quoted = _DEFINITIONS + '\n     "Stated Value" means $25.00 per share of Series F.\n'
    parsed = _read(_original(_DESIGNATION, also_quoted))
    assert _terms(parsed).count("Stated Value") == 1
    assert _op(parsed, "Stated Value").text == '"Stated Value" means $25.00 per share of Series F.'


def test_the_short_name_of_the_charter_in_the_body_is_not_a_term():
    section = (
        "     Section 4. Ranking. The Series F Preferred Stock ranks senior to every class of\n"
        'stock the Restated Certificate of Incorporation of the Corporation (the "Certificate\n'
        'of Incorporation") authorizes, except stock ranking on a parity with it.\n'
    )
    parsed = _read(_original(_DESIGNATION, section, _DEFINITIONS))
    assert "Certificate of Incorporation" not in _terms(parsed)


def test_a_cross_reference_in_parentheses_defines_nothing():
    section = (
        "     Section 4. Redemption. The Corporation may redeem the shares at the Stated\n"
        'Value (as defined in Section 1, the "Base Amount") plus accrued dividends (see the\n'
        'definition of "Trading Day").\n'
    )
    parsed = _read(_original(_DESIGNATION, section, _DEFINITIONS))
    assert "Base Amount" not in _terms(parsed)


def test_a_counterpartys_short_name_in_a_recital_changes_nothing():
    """Metamorphic: a recital naming another document and a counterparty adds no term."""
    plain = _read(_original(_DESIGNATION, _CONVERSION, _DEFINITIONS, recital=""))
    with_recital = _read(_original(_DESIGNATION, _CONVERSION, _DEFINITIONS))
    distractor = (
        "     WHEREAS, the Corporation has entered into the Credit Agreement dated as of\n"
        'January 4, 2001 (the "Credit Agreement") with Kessel Bank, N.A. (the "Agent"), and\n'
        'the Series F Certificate of Designations (the "Series F Certificate") is to be filed;\n'
    )
    with_more = _read(_original(_DESIGNATION, _CONVERSION, _DEFINITIONS, recital=distractor))

    def essence(parsed: ParsedCertificate) -> list[tuple[str, str, str | None]]:
        return [(op.instruction, op.term, op.text) for op in parsed.operations]

    assert essence(plain) == essence(with_recital) == essence(with_more)


_AMENDMENT_HEADING = (
    "                 CERTIFICATE OF AMENDMENT OF THE CERTIFICATE OF DESIGNATIONS\n"
    "                   OF SERIES F CONVERTIBLE PREFERRED STOCK\n"
    "                                      OF\n"
    "                            WRENFIELD OPTICS, INC.\n\n"
)
_AMENDMENT_PREAMBLE = (
    '     Wrenfield Optics, Inc., a Delaware corporation (the "Corporation"), hereby\n'
    "certifies that the Board of Directors, by unanimous written consent dated May 3, 2002,\n"
    "adopted the following resolution amending the Certificate of Designations of the\n"
    'Series F Convertible Preferred Stock, dated as of April 9, 2001 (the "Certificate of\n'
    'Designations"), and that the holders of a majority of the outstanding shares of\n'
    "Series F Convertible Preferred Stock, voting separately as a class, approved it by\n"
    "written consent in accordance with Section 228 of the General Corporation Law:\n"
)
_AMENDMENT_CLOSING = _CLOSING.replace("this certificate", "this Certificate of Amendment").replace(
    "9th day of April, 2001", "6th day of May, 2002"
)


def _amendment(resolution: str, preamble: str = _AMENDMENT_PREAMBLE) -> str:
    return f"{_AMENDMENT_HEADING}{preamble}\n{resolution}\n{_AMENDMENT_CLOSING}"


def test_a_restated_section_of_an_amendment_restates_its_parenthetical_definition():
    resolution = (
        "     RESOLVED, that Section 1 of the Certificate of Designations is hereby amended\n"
        "and restated in its entirety to read as follows:\n\n"
        '     "Section 1. Designation and Amount. The shares of such series shall be\n'
        'designated as the "Series F Convertible Preferred Stock" (the "Series F Preferred\n'
        'Stock"), and the number of shares constituting such series shall be 95,000. Each\n'
        'share shall have a stated value of $27.50 per share (the "Stated Value")."\n'
    )
    parsed = _read(_amendment(resolution))
    assert [(op.instruction, op.term) for op in parsed.operations] == [
        ("amend_as_follows", "Series F Preferred Stock"),
        ("amend_as_follows", "Stated Value"),
    ]
    assert _op(parsed, "Stated Value").text == (
        'Each share shall have a stated value of $27.50 per share (the "Stated Value").'
    )
    # The recital's short name of the amended certificate is not a term.
    assert "Certificate of Designations" not in _terms(parsed)


def test_text_inserted_under_an_instruction_the_reader_refused_records_no_parenthetical():
    resolution = (
        "     RESOLVED, that Section 1 of the Certificate of Designations is hereby amended\n"
        "by amending clause (b) thereof, in part, to read as follows:\n\n"
        '     "(b) Each share shall have a stated value of $27.50 per share (the "Stated\n'
        'Value")."\n'
    )
    parsed = _read(_amendment(resolution), accept_partial=True)
    assert "Stated Value" not in _terms(parsed)
    assert parsed.uninterpreted  # the instruction itself is marked for review


def test_the_parenthetical_operation_survives_encoding():
    parsed = _read(_original(_DESIGNATION, _DEFINITIONS))
    decoded = msgspec.json.decode(msgspec.json.encode(parsed), type=ParsedCertificate)
    assert decoded == parsed
    assert decoded.execution is not None
    assert decoded.execution.executed_on == date(2001, 4, 9)


@pytest.mark.parametrize(
    "lead",
    ["the ", "", "each, a ", "collectively, the ", "and referred to as the ", "hereinafter the "],
)
def test_the_leading_words_a_parenthetical_definition_takes(lead: str):
    section = (
        "     Section 4. Conversion Shares. Shares of Common Stock issued on conversion\n"
        f'({lead}"Conversion Shares") shall be duly authorized and fully paid.\n'
    )
    parsed = _read(_original(_DESIGNATION, section, _DEFINITIONS))
    assert "Conversion Shares" in _terms(parsed)


# --- consents ------------------------------------------------------------------------------------

_DELETE = (
    "     RESOLVED, that Section 3 of the Certificate of Designations is hereby amended by\n"
    'deleting the definition of "Trading Day" in its entirety.\n'
)


def _consents_of(approval: str, extra: str = "") -> list[tuple[object, ...]]:
    preamble = (
        '     Wrenfield Optics, Inc., a Delaware corporation (the "Corporation"), hereby\n'
        "certifies that the Board of Directors, by unanimous written consent dated May 3,\n"
        f"2002, adopted the following resolution, and that {approval}:\n"
    )
    parsed = _read(_amendment(f"{extra}{_DELETE}", preamble=preamble))
    return [
        (
            c.class_name,
            c.threshold.fraction,
            c.threshold.at_least,
            c.separate_class,
            c.threshold.wording,
            c.shares_consenting,
            c.shares_outstanding,
        )
        for c in parsed.consents
    ]


_F = "Series F Convertible Preferred Stock"


@pytest.mark.parametrize(
    ("approval", "expected"),
    [
        (
            f"the holders of the requisite number of outstanding shares of {_F} have\napproved it",
            (_F, "requisite", True, False, "the requisite number", None, None),
        ),
        (
            (
                "the holders of a majority of the voting power of the outstanding shares\n"
                f"of {_F}\nhave approved it in writing"
            ),
            (_F, "1/2", False, False, "a majority", None, None),
        ),
        (
            (
                f"the holders of at least two-thirds of the outstanding shares of {_F},\n"
                "voting separately as a class, have approved it by written consent in accordance\n"
                "with Section 228 of the General Corporation Law"
            ),
            (_F, "2/3", True, True, "at least two-thirds", None, None),
        ),
        (
            (
                "the holders of at least sixty-six and two-thirds percent (66 2/3%) of the\n"
                f"outstanding shares of {_F} have approved it"
            ),
            (
                _F,
                "2/3",
                True,
                False,
                "at least sixty-six and two-thirds percent (66 2/3%)",
                None,
                None,
            ),
        ),
        (
            f"the holders of all of the outstanding shares of {_F} have consented to it",
            (_F, "1/1", True, False, "all", None, None),
        ),
        (
            (
                "the holders of shares representing a majority of the voting power of the\n"
                f"outstanding shares of {_F} have consented to it"
            ),
            (_F, "1/2", False, False, "a majority", None, None),
        ),
        (
            (
                f"it was approved by the written consent of a majority in interest of the\n"
                f"outstanding shares of {_F}"
            ),
            (_F, "1/2", False, False, "a majority", None, None),
        ),
        (
            f"it was approved by the requisite vote of the holders of the {_F}",
            (_F, "requisite", True, False, "requisite", None, None),
        ),
        (
            (
                f"the holders of 61,250 shares of the 80,000 outstanding shares of {_F}, voting\n"
                "as a separate class, have consented to it"
            ),
            (
                _F,
                "49/64",
                True,
                True,
                f"holders of 61,250 shares of the 80,000 outstanding shares of {_F}",
                61250,
                80000,
            ),
        ),
    ],
)
def test_consents_in_the_forms_filings_use(approval: str, expected: tuple[object, ...]):
    assert _consents_of(approval) == [expected]


def test_the_statutory_necessary_number_of_shares_is_a_consent_without_a_fraction():
    approval = (
        "at the annual meeting of stockholders the necessary number of shares as required by\n"
        "statute were voted in favor of the amendment"
    )
    assert _consents_of(approval) == [
        ("capital stock", "requisite", True, False, "necessary number of shares", None, None)
    ]


def test_a_class_named_with_its_dividend_rate():
    approval = (
        "the holders of at least two-thirds of the outstanding shares of 8.25% Series F\n"
        "Cumulative Preferred Stock, voting separately as a class, approved it"
    )
    assert _consents_of(approval) == [
        (
            "8.25% Series F Cumulative Preferred Stock",
            "2/3",
            True,
            True,
            "at least two-thirds",
            None,
            None,
        )
    ]


def test_a_requisite_consent_states_no_fraction():
    preamble_approval = (
        f"the holders of the requisite number of outstanding shares of {_F} consented"
    )
    [(_, fraction, *_rest)] = _consents_of(preamble_approval)
    assert fraction == "requisite"


def test_an_impossible_share_tally_is_not_recorded():
    approval = (
        f"the holders of 90,000 shares of the 80,000 outstanding shares of {_F} have\n"
        "consented to it"
    )
    assert _consents_of(approval) == []


def test_another_series_vote_in_a_recital_changes_nothing():
    """Metamorphic: a recital of another series' vote adds no consent to this certificate."""
    approval = f"the holders of a majority of the outstanding shares of {_F} approved it"
    distractor = (
        "     WHEREAS, the holders of at least two-thirds of the outstanding shares of Series E\n"
        "Convertible Preferred Stock approved an amendment of the Series E certificate on\n"
        "March 2, 2002;\n\n"
    )
    assert _consents_of(approval, extra=distractor) == _consents_of(approval)


# --- the vote required to amend ------------------------------------------------------------------

_VOTING = (
    "     Section 6. Voting Rights. So long as any shares of Series F Preferred Stock are\n"
    "outstanding, the Corporation shall not, without the affirmative vote or written\n"
    "consent of the holders of at least two-thirds of the outstanding shares of Series F\n"
    "Preferred Stock, voting separately as a class, amend, alter or repeal any provision\n"
    "of this Certificate of Designations.\n"
)


def test_the_originals_vote_required_to_amend_is_stated():
    parsed = _read(_original(_DESIGNATION, _VOTING, _DEFINITIONS))
    assert parsed.requirement_refused is None
    assert parsed.requirement is not None
    [consent] = parsed.requirement.consents
    assert (
        consent.class_name,
        consent.threshold.fraction,
        consent.threshold.at_least,
        consent.separate_class,
    ) == ("Series F Preferred Stock", "2/3", True, True)
    assert (parsed.requirement.span.first_line, parsed.requirement.span.last_line) == (23, 27)
    assert parsed.requirement.wording.startswith("So long as any shares of Series F Preferred")
    assert parsed.requirement.wording.endswith("any provision of this Certificate of Designations.")


@pytest.mark.parametrize(
    ("clause", "fraction", "at_least"),
    [
        (
            (
                "This Certificate of Designations may be amended only with the written\n"
                "consent or affirmative vote of the holders of a majority of the shares of\n"
                "Series F Preferred Stock at the time outstanding."
            ),
            "1/2",
            False,
        ),
        (
            (
                "The Corporation shall not amend this Certificate of Designations without the\n"
                "approval of the holders of at least a majority of the outstanding shares of\n"
                "Series F Convertible Preferred Stock."
            ),
            "1/2",
            False,
        ),
        (
            (
                "The Corporation shall not, without the written consent of a majority of the\n"
                "outstanding shares of Series F Preferred Stock, amend or repeal any provision\n"
                "of this Certificate of Designations."
            ),
            "1/2",
            False,
        ),
        (
            (
                "Except as otherwise required by law, so long as any shares of Series F\n"
                "Preferred Stock are outstanding, and in addition to any other vote required by\n"
                "law, the Corporation shall not, without the consent of the holders of at least\n"
                "two-thirds of the outstanding shares of Series F Preferred Stock, amend this\n"
                "Certificate of Designations."
            ),
            "2/3",
            True,
        ),
        (
            (
                "Any provision of this Certificate may be amended, modified or waived with\n"
                "the consent of the holders of not less than 75% of the outstanding shares of\n"
                "Series F Preferred Stock."
            ),
            "3/4",
            True,
        ),
    ],
)
def test_the_vote_to_amend_in_its_other_forms(clause, fraction, at_least):
    section = f"     Section 6. Amendment. {clause}\n"
    parsed = _read(_original(_DESIGNATION, section, _DEFINITIONS))
    assert parsed.requirement is not None, parsed.requirement_refused
    [consent] = parsed.requirement.consents
    assert (consent.threshold.fraction, consent.threshold.at_least) == (fraction, at_least)


@pytest.mark.parametrize(
    ("clause", "reason"),
    [
        (  # a condition: only adverse amendments need the vote
            (
                "So long as any shares of Series F Preferred Stock are outstanding, the\n"
                "Corporation shall not, without the consent of the holders of a majority of the\n"
                "outstanding shares of Series F Preferred Stock, amend this Certificate of\n"
                "Designations so as to adversely affect the rights of the Series F Preferred Stock."
            ),
            "condition",
        ),
        (  # another series' vote
            (
                "The Corporation shall not, without the consent of the holders of a majority of\n"
                "the outstanding shares of Series E Preferred Stock, amend this Certificate of\n"
                "Designations."
            ),
            "another class",
        ),
        (  # the holders are a defined term, not a counted vote
            (
                "This Certificate of Designations may only be amended with the written consent\n"
                "of the Required Holders."
            ),
            "does not count",
        ),
        (  # a vote together with other stock
            (
                "This Certificate of Designations may be amended with the vote of the holders\n"
                "of a majority of the outstanding shares of Series F Preferred Stock and Common\n"
                "Stock,\n"
                "voting together as a single class."
            ),
            "together",
        ),
    ],
)
def test_an_ambiguous_vote_to_amend_is_refused_not_guessed(clause: str, reason: str):
    section = f"     Section 6. Amendment. {clause}\n"
    parsed = _read(_original(_DESIGNATION, section, _DEFINITIONS))
    assert parsed.requirement is None
    assert parsed.requirement_refused is not None
    assert reason in parsed.requirement_refused


def test_two_different_votes_to_amend_are_refused():
    other = (
        "     Section 7. Amendment. This Certificate of Designations may be amended with the\n"
        "consent of the holders of a majority of the outstanding shares of Series F Preferred\n"
        "Stock.\n"
    )
    parsed = _read(_original(_DESIGNATION, _VOTING, other, _DEFINITIONS))
    assert parsed.requirement is None
    assert parsed.requirement_refused == (
        "lines 23, 29: the certificate states different votes to amend it"
    )


def test_a_protective_provision_about_mergers_is_no_requirement_to_amend():
    """Metamorphic: another series' vote clause and a merger clause change nothing."""
    merger = (
        "     Section 7. Mergers. The Corporation shall not, without the consent of the holders\n"
        "of a majority of the outstanding shares of Series F Preferred Stock, merge or\n"
        "consolidate with any other corporation.\n"
    )
    other_series = (
        "     Section 8. Series E. The Certificate of Designations of the Series E Preferred\n"
        "Stock may be amended with the consent of the holders of a majority of the Series E\n"
        "Preferred Stock.\n"
    )
    plain = _read(_original(_DESIGNATION, _VOTING, _DEFINITIONS))
    with_distractors = _read(_original(_DESIGNATION, _VOTING, merger, _DEFINITIONS))
    assert with_distractors.requirement is not None
    assert plain.requirement is not None
    assert with_distractors.requirement.consents == plain.requirement.consents
    assert _read(_original(_DESIGNATION, merger, _DEFINITIONS)).requirement is None
    refused = _read(_original(_DESIGNATION, _VOTING, other_series, _DEFINITIONS))
    assert refused.requirement is None  # a second clause about another series: not a guess
    assert refused.requirement_refused is not None


def test_an_amendment_states_no_requirement_of_the_instrument():
    resolution = (
        "     RESOLVED, that Section 6 of the Certificate of Designations is hereby amended\n"
        "and restated in its entirety to read as follows:\n\n"
        '     "Section 6. Amendment. This Certificate of Designations may be amended with the\n'
        "consent of the holders of a majority of the outstanding shares of Series F\n"
        'Preferred Stock."\n'
    )
    parsed = _read(_amendment(resolution))
    assert parsed.requirement is None


# --- effective time, its 90-day limit, two series in one certificate ------------------------------


@pytest.mark.parametrize(
    ("clause", "effective_on"),
    [
        (
            (
                "     FOURTH: This Certificate of Amendment shall become effective as of\n"
                "12:01 a.m. Eastern Time on June 1, 2002.\n"
            ),
            date(2002, 6, 1),
        ),
        (
            (
                "     FOURTH: This Certificate of Amendment shall become effective at 5:00 p.m.,\n"
                "New York City time, on June 1, 2002.\n"
            ),
            date(2002, 6, 1),
        ),
        (
            (
                "     FURTHER RESOLVED, that this amendment shall be effective as of the close of\n"
                "business on June 1, 2002.\n"
            ),
            date(2002, 6, 1),
        ),
        (
            (
                "     FOURTH: These Articles of Amendment shall be effective as of 12:01 a.m.\n"
                "Eastern Time on June 1, 2002.\n"
            ),
            date(2002, 6, 1),
        ),
    ],
)
def test_a_later_effective_time_in_its_forms(clause: str, effective_on: date):
    parsed = _read(_amendment(f"{_DELETE}\n{clause}"))
    assert parsed.effective_time is not None
    assert parsed.effective_time.on == effective_on


def test_the_effective_time_of_another_document_is_not_this_ones():
    clause = (
        "     WHEREAS, the Merger Agreement provides that the merger shall become effective on\n"
        "June 1, 2002;\n\n"
    )
    assert _read(_amendment(f"{clause}{_DELETE}")).effective_time is None


_STAMPED = "                                              FILED 09:15 AM 05/07/2002\n"


def test_an_effective_time_more_than_90_days_after_filing_is_refused_with_its_line():
    clause = (
        "     FOURTH: This Certificate of Amendment shall become effective at 12:01 a.m.\n"
        "Eastern Time on September 1, 2002.\n"
    )
    text = _STAMPED + _amendment(f"{_DELETE}\n{clause}")
    with pytest.raises(ParseError) as refused:
        _read(text)
    assert refused.value.line == 18
    assert "117 days after it was filed on 2002-05-07: DGCL §103(d) allows at most 90" in str(
        refused.value
    )
    recorded = _read(text, accept_partial=True)
    assert [s.reason for s in recorded.uninterpreted][-1].startswith(
        "takes effect 2002-09-01 ('shall become effective at 12:01 a.m. Eastern Time on "
        "September 1, 2002'), 117 days after it was filed"
    )


def test_an_effective_time_within_90_days_of_filing_is_recorded():
    clause = (
        "     FOURTH: This Certificate of Amendment shall become effective at 12:01 a.m.\n"
        "Eastern Time on June 1, 2002.\n"
    )
    parsed = _read(_STAMPED + _amendment(f"{_DELETE}\n{clause}"))
    assert parsed.filing is not None
    assert (parsed.filing.on, parsed.effective_time and parsed.effective_time.on) == (
        date(2002, 5, 7),
        date(2002, 6, 1),
    )


def test_a_certificate_designating_two_series_is_refused_naming_the_second():
    heading = (
        "              CERTIFICATE OF DESIGNATIONS OF SERIES F CONVERTIBLE PREFERRED\n"
        "             STOCK AND SERIES G CONVERTIBLE PREFERRED STOCK OF\n"
        "                            WRENFIELD OPTICS, INC.\n\n"
    )
    text = _original(_DESIGNATION, _DEFINITIONS).replace(_HEADING, heading)
    with pytest.raises(ParseError) as refused:
        _read(text)
    assert refused.value.line == 2
    assert "the heading names two series (Series F and Series G)" in str(refused.value)


def test_a_parenthetical_in_a_sentence_that_runs_off_is_not_recorded():
    section = (
        "     Section 4. Conversion Shares. Shares of Common Stock issued on conversion\n"
        '("Conversion Shares") shall be duly authorized and fully paid and\n'
    )
    parsed = _read(_original(_DESIGNATION, section, _DEFINITIONS))
    assert "Conversion Shares" not in _terms(parsed)


def test_a_state_filing_block_dates_this_certificates_filing():
    block = (
        "                                             Filed in the office of the\n"
        "                                             Secretary of State\n"
        "                                             Document Number 20020187765-01\n"
        "                                             Filing Date and Time\n"
        "                                             05/07/2002 10:14 AM\n\n"
    )
    parsed = _read(block + _amendment(_DELETE))
    assert parsed.filing is not None
    assert (parsed.filing.on, parsed.filing.span.first_line) == (date(2002, 5, 7), 1)


def test_the_series_designated_outranks_another_series_a_recital_names_first():
    heading = (
        "                          CERTIFICATE OF DESIGNATIONS\n"
        "                                      OF\n"
        "                            WRENFIELD OPTICS, INC.\n\n"
    )
    recital = (
        "     WHEREAS, the Corporation has 20,000 shares of its Series E Convertible Preferred\n"
        "Stock outstanding;\n"
    )
    parsed = _read(
        _original(_DESIGNATION, _DEFINITIONS, recital=recital).replace(_HEADING, heading)
    )
    assert (parsed.series, parsed.security) == ("Series F", "Series F Convertible Preferred Stock")


def test_an_originals_own_voting_and_redemption_terms_are_not_consents():
    sections = (
        "     Section 5. Voting. The holders of a majority of the outstanding shares of Series F\n"
        "Preferred Stock, voting separately as a class, shall be entitled to elect one\n"
        "director.\n\n"
        "     Section 6. Redemption. Upon the written request of the holders of at least\n"
        "two-thirds of the outstanding shares of Series F Preferred Stock, the Corporation\n"
        "shall redeem the shares at the Stated Value.\n"
    )
    parsed = _read(_original(_DESIGNATION, sections, _VOTING, _DEFINITIONS))
    assert parsed.consents == []
    assert parsed.requirement is not None  # the vote to amend is still read, as a requirement


@pytest.mark.parametrize(
    ("recital", "filed_on"),
    [
        (
            (
                "     1. On May 27, 2001, the Corporation filed with the Secretary of State of\n"
                "the State of Delaware the Certificate of Designations of the Series F\n"
                'Convertible Preferred Stock (the "Certificate of Designations").\n\n'
            ),
            date(2001, 5, 27),
        ),
        (
            (
                "     1. The certificate of designation of the Series F Convertible Preferred\n"
                "Stock, which was filed on 05/27/2001, designates 80,000 shares.\n\n"
            ),
            date(2001, 5, 27),
        ),
        (  # another document's filing, in the same words: not the instrument's
            (
                "     1. On May 27, 2001, the Corporation filed with the Secretary of State of\n"
                "the State of Delaware a Certificate of Amendment of its Certificate of\n"
                "Incorporation.\n\n"
            ),
            None,
        ),
    ],
)
def test_a_recited_filing_of_the_original_in_its_other_forms(recital, filed_on):
    parsed = _read(_amendment(f"{recital}{_DELETE}"))
    assert (parsed.instrument_filed and parsed.instrument_filed.on) == filed_on
    assert parsed.filing is None  # never this certificate's own filing


def test_a_board_consent_dated_with_a_typo():
    preamble = _AMENDMENT_PREAMBLE.replace(
        "by unanimous written consent dated May 3, 2002",
        "by unanimous written consent dated a May 3, 2002",
    )
    board = _read(_amendment(_DELETE, preamble=preamble)).board
    assert board is not None
    assert (board.acted_on, board.manner) == (date(2002, 5, 3), "unanimous_written_consent")


def test_an_approval_recited_among_the_terms_is_still_a_consent():
    statement = (
        "     Section 9. Approval. The holders of all of the outstanding shares of Series F\n"
        "Convertible Preferred Stock approved this Certificate of Designations by written\n"
        "consent dated April 5, 2001.\n"
    )
    parsed = _read(_original(_DESIGNATION, statement, _DEFINITIONS))
    assert [(c.class_name, c.threshold.fraction) for c in parsed.consents] == [
        ("Series F Convertible Preferred Stock", "1/1")
    ]
