"""The reader takes each fact from the paragraph whose role states it (issue 7, "Why").

Every fixture here is written by us in the style of EDGAR certificates; each test asserts
the right fact (issuer, dates, operations), not merely that parsing succeeds.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger.errors import ParseError
from ledger.parsing import parse_document
from ledger.statements import ParsedCertificate

_CLOSING = """
     IN WITNESS WHEREOF, the Corporation has caused this Certificate of Amendment to
be executed by its Secretary this 12th day of March, 1999.

                                   By: /s/ Ruth A. Calloway
                                   Name:  Ruth A. Calloway
                                   Title: Secretary
"""


def _read(text: str, *, accept_partial: bool = False) -> ParsedCertificate:
    document = parse_document(text.encode(), "doc.txt", accept_partial=accept_partial)
    return document.certificates[0]


def _amendment(preamble: str, body: str, closing: str = _CLOSING) -> str:
    return (
        "                 CERTIFICATE OF AMENDMENT OF THE CERTIFICATE OF\n"
        "            DESIGNATION OF SERIES D CONVERTIBLE PREFERRED STOCK\n\n"
        f"{preamble}\n\n{body}\n{closing}"
    )


_DELETE_ONE = (
    "     RESOLVED, that Section 1 of the Certificate of Designation is hereby amended by\n"
    'deleting the definition of "Senior Notes" in its entirety.\n'
)


def test_a_recited_filing_of_the_amended_certificate_is_the_instruments_not_this_ones():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors, by unanimous written consent dated\n"
        "March 1, 1999, amended the Certificate of Designations of the Series D Convertible\n"
        "Preferred Stock, filed with the Secretary of State of the State of Delaware on\n"
        'June 9, 1998 (the "Certificate of Designation"), as follows:',
        _DELETE_ONE,
    )
    parsed = _read(text)
    assert parsed.filing is None
    assert parsed.instrument_filed is not None
    assert parsed.instrument_filed.on == date(1998, 6, 9)
    assert parsed.execution is not None
    assert parsed.execution.executed_on == date(1999, 3, 12)
    assert parsed.board is not None
    assert parsed.board.acted_on == date(1999, 3, 1)


def test_a_heading_line_does_not_run_into_the_issuers_name():
    text = (
        "       CERTIFICATE OF AMENDMENT OF THE CERTIFICATE OF DESIGNATION OF\n"
        "              SERIES D CONVERTIBLE PREFERRED STOCK\n"
        "        Pursuant to Section 242 of the General Corporation\n"
        "                Law of the State of Delaware\n"
        'Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"), hereby\n'
        "certifies that the Board of Directors at a meeting duly called and held on\n"
        "March 1, 1999 adopted the following resolution:\n\n"
        f"{_DELETE_ONE}{_CLOSING}"
    )
    assert _read(text).issuer == "Tallgrass Relay Networks, Inc."


def test_an_issuer_organized_under_the_dgcl_is_not_confused_with_a_counterparty():
    text = _amendment(
        "     Tallgrass Relay Networks, Inc., a corporation organized and existing under the\n"
        'General Corporation Law of the State of Delaware (the "Corporation"), does hereby\n'
        "certify that at a meeting held on March 1, 1999 the Board of Directors resolved:",
        "     RESOLVED, that Section 1 of the Certificate of Designation is amended as\n"
        "follows:\n\n"
        '     "Credit Agreement" means the Credit Agreement dated as of May 3, 1997 between\n'
        "the Corporation and Farrow Lending Group, Inc., a Delaware corporation, as\n"
        "amended from time to time.\n",
    )
    parsed = _read(text)
    assert parsed.issuer == "Tallgrass Relay Networks, Inc."
    assert parsed.instrument_dated is None
    assert [(op.instruction, op.term) for op in parsed.operations] == [
        ("amend_as_follows", "Credit Agreement")
    ]


def test_all_capitals_names_and_names_wrapped_over_two_heading_lines():
    caps = _amendment(
        '     CDKBEACON.COM, INC., a Delaware corporation (the "Company"), hereby\n'
        "certifies that its Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 adopted the following resolution:",
        _DELETE_ONE,
    )
    assert _read(caps).issuer == "CDKBEACON.COM, INC."
    wrapped = (
        "                               HALLOWAY\n"
        "                      RIDGE HOLDING CORPORATION\n\n"
        "         CERTIFICATE OF AMENDMENT OF THE CERTIFICATE OF DESIGNATION\n"
        "             OF SERIES D CONVERTIBLE PREFERRED STOCK\n\n"
        "     The undersigned Secretary hereby certifies that the Board of Directors, by\n"
        "unanimous written consent dated March 1, 1999, adopted the following resolution:\n\n"
        f"{_DELETE_ONE}{_CLOSING}"
    )
    assert _read(wrapped).issuer == "HALLOWAY RIDGE HOLDING CORPORATION"


def test_a_dated_as_of_inside_a_definition_or_about_an_agreement_is_not_the_instruments():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that, in connection with the Rights Agreement dated as of\n"
        "April 2, 1996, the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 amended the Certificate of Designation dated as of June 9, 1998\n"
        "as follows:",
        _DELETE_ONE,
    )
    dated = _read(text).instrument_dated
    assert dated is not None
    assert dated.on == date(1998, 6, 9)


def test_restating_a_sentence_of_another_section_changes_no_definition():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 adopted the following resolutions:",
        "     RESOLVED, that the first sentence of Section 4(a) of the Certificate of\n"
        "Designation is hereby amended and restated in its entirety to read as follows:\n\n"
        '     "Dividends shall accrue at the rate of 8% per annum from the date of issue."\n\n'
        "     FURTHER RESOLVED, that Section 1 of the Certificate of Designation is amended\n"
        'by deleting the definition of "Senior Notes" in its entirety.\n',
    )
    parsed = _read(text)
    assert parsed.restates is None
    assert [(op.instruction, op.term) for op in parsed.operations] == [("delete", "Senior Notes")]


@pytest.mark.parametrize(
    ("testimonium", "executed_on", "officer", "title"),
    [
        (
            (
                "IN WITNESS WHEREOF, the Corporation has caused this certificate to be signed by\n"
                "Ruth A. Calloway, its Secretary, this 30th day of June, 2000."
            ),
            date(2000, 6, 30),
            "Ruth A. Calloway",
            "Secretary",
        ),
        (
            (
                "IN WITNESS WHEREOF, the undersigned has executed this certificate as of\n"
                "October 20, 2009."
            ),
            date(2009, 10, 20),
            None,
            None,
        ),
        ("IN WITNESS WHEREOF, executed on June 30th, 2000.", date(2000, 6, 30), None, None),
        ("IN WITNESS WHEREOF, executed on Aug. 11, 1993.", date(1993, 8, 11), None, None),
        ("IN WITNESS WHEREOF, executed on June 4,2018.", date(2018, 6, 4), None, None),
        (
            "IN WITNESS WHEREOF, executed this thirtieth day of June, 2000.",
            date(2000, 6, 30),
            None,
            None,
        ),
        (
            "IN WITNESS WHEREOF, the Corporation has signed below.\n\nDated: 05/25/2004",
            date(2004, 5, 25),
            None,
            None,
        ),
    ],
)
def test_execution_in_the_forms_filings_use(
    testimonium: str, executed_on: date, officer: str | None, title: str | None
):
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors adopted the following resolution:",
        _DELETE_ONE,
        closing=f"\n     {testimonium}\n",
    )
    execution = _read(text).execution
    assert execution is not None
    assert (execution.executed_on, execution.officer, execution.officer_title) == (
        executed_on,
        officer,
        title,
    )


@pytest.mark.parametrize(
    ("clause", "acted_on", "manner"),
    [
        ("acting at a meeting of the board held on January 5, 1999,", date(1999, 1, 5), "meeting"),
        (
            "by written consent in lieu of a meeting dated as of January 5, 1999,",
            date(1999, 1, 5),
            "unanimous_written_consent",
        ),
        ("has duly adopted as of January 5, 1999", date(1999, 1, 5), "unstated"),
    ],
)
def test_board_action_in_its_neighbouring_forms(clause: str, acted_on: date, manner: str):
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        f"hereby certifies that the Board of Directors of the Corporation, {clause} the\n"
        "following resolution:",
        _DELETE_ONE,
    )
    board = _read(text).board
    assert board is not None
    assert (board.acted_on, board.manner) == (acted_on, manner)


def test_a_majority_of_the_voting_power_is_a_consent():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999, and the holders of a majority of the voting power of the outstanding\n"
        "shares of Series D Convertible Preferred Stock, approved the following resolution:",
        _DELETE_ONE,
    )
    (consent,) = _read(text).consents
    assert consent.class_name == "Series D Convertible Preferred Stock"
    assert (consent.threshold.fraction, consent.threshold.at_least) == ("1/2", False)


def test_two_deletions_in_one_sentence_are_both_recorded():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 adopted the following resolution:",
        '     RESOLVED, that Section 1 is amended by deleting the definition of "Senior\n'
        'Notes" in its entirety and by deleting the definition of "Indenture" in its\n'
        "entirety.\n",
    )
    assert [(op.instruction, op.term) for op in _read(text).operations] == [
        ("delete", "Senior Notes"),
        ("delete", "Indenture"),
    ]


def test_edits_to_two_definitions_in_one_paragraph_each_go_to_their_own():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 adopted the following resolution:",
        '     RESOLVED, that the definition of "Conversion Price" is amended by deleting the\n'
        'words "$8.40" and substituting therefor the words "$7.90", and the definition of\n'
        '"Trading Day" is amended by deleting the words "Nasdaq National Market" and\n'
        'substituting therefor the words "New York Stock Exchange".\n',
    )
    assert [(op.term, op.old_words, op.new_words) for op in _read(text).operations] == [
        ("Conversion Price", "$8.40", "$7.90"),
        ("Trading Day", "Nasdaq National Market", "New York Stock Exchange"),
    ]


def test_definitions_without_blank_lines_between_them_stay_apart():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 adopted the following resolution:",
        "     RESOLVED, that Section 1 of the Certificate of Designation is amended as follows:\n"
        '     "Business Day" means any day on which banks in New York are open.\n'
        '     "Trading Day" shall mean a day on which the New York Stock Exchange is open.\n'
        '     The term "Stated Value" shall refer to $1,000 per share.\n',
    )
    assert [(op.term, op.text) for op in _read(text).operations] == [
        ("Business Day", '"Business Day" means any day on which banks in New York are open.'),
        (
            "Trading Day",
            '"Trading Day" shall mean a day on which the New York Stock Exchange is open.',
        ),
        ("Stated Value", 'The term "Stated Value" shall refer to $1,000 per share.'),
    ]


def test_a_document_cut_off_mid_definition_is_refused_with_its_line():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 adopted the following resolution:",
        "     RESOLVED, that Section 1 of the Certificate of Designation is amended as follows:\n"
        '     "Business Day" means any day on which banks in New York are open.\n'
        '     "Trading Day" shall mean a day on which the New York Stock\n',
        closing="",
    )
    with pytest.raises(ParseError, match=r"doc\.txt:10: the definition of 'Trading Day' ends"):
        _read(text)
    partial = _read(text, accept_partial=True)
    assert [s.terms for s in partial.uninterpreted] == [["Trading Day"], []]


def test_a_filing_before_the_board_acted_is_refused_naming_its_line():
    text = _amendment(
        "     FILED 03:46 PM 02/10/1999\n\n"
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors by unanimous written consent dated\n"
        "March 1, 1999 adopted the following resolution:",
        _DELETE_ONE,
    )
    with pytest.raises(ParseError, match=r"doc\.txt:4: filed 1999-02-10 .* before the board"):
        _read(text)


def test_an_implausible_execution_date_is_refused_with_its_line():
    text = _amendment(
        '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
        "hereby certifies that the Board of Directors adopted the following resolution:",
        _DELETE_ONE,
        closing="\n     IN WITNESS WHEREOF, executed this 1st day of January, 1001.\n",
    )
    with pytest.raises(ParseError, match=r"doc\.txt:11: implausible execution date 1001-01-01"):
        _read(text)


_PREAMBLE = (
    '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
    "hereby certifies that the Board of Directors, by unanimous written consent dated\n"
    "March 1, 1999, approved the following amendment:"
)
_CLAUSE_B = (
    "     Section 1 of the Certificate of Designation is amended by deleting the definition\n"
    'of "Qualified Listing" in its entirety and by inserting the words ", or any\n'
    'successor agreement" immediately after the words "dated as of April 30, 2004" in\n'
    "clause (b).\n"
)
_CLAUSE_B_NEXT_TO_C = (
    "     Section 1 of the Certificate of Designation is amended by deleting clause (c)\n"
    '(the definition of "Qualified Listing") in its entirety and by inserting the words\n'
    '", or any successor agreement" immediately after the words "dated as of April 30,\n'
    '2004" in clause (b).\n'
)


def test_an_insertion_in_a_clause_next_to_one_the_sentence_names_is_left_to_the_domain():
    # Clause (b) names no definition, but clause (c) of the same list is "Qualified Listing":
    # the domain finds which definition clause (b) is (ledger/domain/clause_target.py).
    parsed = _read(_amendment(_PREAMBLE, _CLAUSE_B_NEXT_TO_C))
    assert [
        (o.instruction, o.term, o.clause, o.sibling_clause, o.sibling_term)
        for o in parsed.operations
    ] == [
        ("delete", "Qualified Listing", None, None, None),
        ("edit", "", "clause (b)", "clause (c)", "Qualified Listing"),
    ]


def test_an_insertion_in_another_clause_does_not_inherit_the_definition_the_sentence_names():
    with pytest.raises(ParseError) as refused:
        _read(_amendment(_PREAMBLE, _CLAUSE_B))
    assert refused.value.line == 8
    assert (
        "amending language that cannot be interpreted (lines 8-11): the insertion targets "
        "clause (b), which names no definition: "
    ) in str(refused.value)
    partial = _read(_amendment(_PREAMBLE, _CLAUSE_B), accept_partial=True)
    # The whole sentence is marked for review, its deletion of clause (c) with it: no part of
    # it is recorded as a guess.
    assert partial.operations == []
    reason = (
        "amending language that cannot be interpreted: the insertion targets clause (b), "
        "which names no definition"
    )
    assert [(s.reason, s.terms[0]) for s in partial.uninterpreted] == [
        (reason, "Qualified Listing")
    ]


def test_an_insertion_in_the_clause_the_sentence_says_holds_a_definition_edits_it():
    body = (
        "     Section 1 of the Certificate of Designation is amended by deleting the\n"
        'definition of "Senior Notes" in its entirety and by inserting the words "x" after\n'
        'the words "y" in clause (b) (the definition of "Royalty Agreement").\n'
    )
    parsed = _read(_amendment(_PREAMBLE, body))
    assert [
        (o.instruction, o.term, o.edit, o.old_words, o.new_words) for o in parsed.operations
    ] == [
        ("delete", "Senior Notes", None, None, None),
        ("edit", "Royalty Agreement", "insert_after", "y", "x"),
    ]


def test_an_insertion_in_a_named_definition_still_edits_that_definition():
    body = (
        "     Section 1 of the Certificate of Designation is amended by deleting the\n"
        'definition of "A" in its entirety and by inserting the words "x" after the words\n'
        '"y" in the definition of "B".\n'
    )
    parsed = _read(_amendment(_PREAMBLE, body))
    assert [
        (o.instruction, o.term, o.edit, o.old_words, o.new_words) for o in parsed.operations
    ] == [
        ("delete", "A", None, None, None),
        ("edit", "B", "insert_after", "y", "x"),
    ]
    assert parsed.uninterpreted == []
