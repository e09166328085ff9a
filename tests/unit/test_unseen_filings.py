"""Confident wrong answers found on filings in styles the trap corpus did not hold (i7-unseen).

Each test names the right fact for a minimal text in the style of the corpus document that
exposed the wrong one (tests/corpus/<family>/...). Fixtures are written by us.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger.errors import ParseError
from ledger.parsing import parse_document
from ledger.statements import ParsedCertificate, SuppliedFacts


def _read(text: str, name: str = "doc.txt") -> ParsedCertificate:
    return parse_document(text.encode(), name).certificates[0]


# brannock-ferry/01: two series designated by one certificate were recorded as one instrument of
# the first series, the shared definitions given to it alone.
_TWO_SERIES = """
                          CERTIFICATE OF DESIGNATIONS
                                       OF
               SERIES A NON-CUMULATIVE PERPETUAL PREFERRED STOCK
                                      AND
                     SERIES B CONVERTIBLE PREFERRED STOCK
                                       OF
                          BRANNOCK FERRY BANCORP, INC.

     Brannock Ferry Bancorp, Inc., a Delaware corporation (the
"Corporation"), hereby certifies that the following resolutions were duly
adopted by the Board of Directors of the Corporation at a meeting duly
called and held on September 11, 2001:

     RESOLVED, that two series of preferred stock of the Corporation are
hereby created, with the following terms:

     Section 1. Designation. 50,000 shares of preferred stock are designated
Series A Non-Cumulative Perpetual Preferred Stock and 120,000 shares are
designated Series B Convertible Preferred Stock.

     Section 2. Definitions. As used herein:

     "Liquidation Amount" means $1,000 per share of Series A Preferred Stock
and $100 per share of Series B Preferred Stock.

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Designations to be signed by Everett J. Lindqvist, its President, this 17th
day of September, 2001.

                                   By: /s/ Everett J. Lindqvist
"""


def test_two_series_designated_in_one_certificate_are_refused_not_given_to_the_first():
    with pytest.raises(ParseError, match=r"(?i)series"):
        _read(_TWO_SERIES)


# kestrel-mesa/05: a Nevada state form whose signature sits in a numbered box ('6. Signature
# (required):' then '/s/ <name>') was refused as cut off; its effective date, 132 days after the
# filing stamp, beyond the 90 days the form itself allows, is checked nowhere.
_NEVADA_FORM = """
                                             Filed in the office of the
                                             Secretary of State
                                             State of Nevada
                                             Filing Date and Time
                                             09/05/2007 01:10 PM

                CERTIFICATE OF AMENDMENT TO CERTIFICATE OF DESIGNATION
                       FOR NEVADA PROFIT CORPORATIONS
            (Pursuant to NRS 78.1955 - After Issuance of Class or Series)

1. Name of corporation:

     KESTREL MESA RESOURCES, INC.

2. Stockholder approval pursuant to statute has been obtained.

3. The class or series of stock being amended:

     Series D Convertible Preferred Stock

4. By a resolution adopted by the board of directors at a meeting held on
August 20, 2007, the certificate of designation is being amended as
follows:

     Section 10 of the Certificate of Designations, Preferences and Rights
     of Series D Convertible Preferred Stock, filed on March 14, 2006, is
     hereby amended by deleting the definition of "Business Day" in its
     entirety.

5. Effective date of filing (optional): {effective}
   (must not be later than 90 days after the certificate is filed)

6. Signature (required):

     /s/ Thaddeus W. Okonkwo-Reyes
     ----------------------------------------
     Thaddeus W. Okonkwo-Reyes
     President and Chief Executive Officer           Date: September 4, 2007
"""


def test_the_signature_box_of_a_nevada_state_form_is_its_signature():
    parsed = _read(_NEVADA_FORM.format(effective="September 20, 2007"))
    assert parsed.execution is not None
    assert parsed.execution.officer == "Thaddeus W. Okonkwo-Reyes"
    assert parsed.execution.executed_on == date(2007, 9, 4)
    assert parsed.effective_time is not None
    assert parsed.effective_time.on == date(2007, 9, 20)


def test_an_effective_date_more_than_90_days_after_filing_is_refused_naming_the_limit():
    with pytest.raises(ParseError, match=r"\b90\b"):
        _read(_NEVADA_FORM.format(effective="January 15, 2008"))


# kestrel-mesa/02: 'Subsection (c) of Section 10 ... is hereby amended and restated in its
# entirety to read as follows: "(c) "Conversion Price" shall mean $1.40 ..."' was recorded as an
# amendment that changes nothing (the restated definition silently skipped), so the ledger kept
# answering the old Conversion Price as in force.
_SUBSECTION_RESTATED = """
                      CERTIFICATE OF AMENDMENT OF CERTIFICATE OF
                       DESIGNATIONS, PREFERENCES AND RIGHTS OF
                       SERIES D CONVERTIBLE PREFERRED STOCK OF
                            KESTREL MESA RESOURCES, INC.

     KESTREL MESA RESOURCES, INC., a Nevada corporation (the "Corporation"),
does hereby certify as follows:

     1. The Certificate of Designations, Preferences and Rights of Series D
Convertible Preferred Stock of the Corporation was filed with the Secretary
of State of the State of Nevada on March 14, 2006 (the "Certificate of
Designations").

     2. The Board of Directors of the Corporation, at a meeting duly called
and held on December 18, 2006, adopted resolutions approving the amendment
set forth below.

     3. Subsection (c) of Section 10 of the Certificate of Designations is
hereby amended and restated in its entirety to read as follows:

          "(c) "Conversion Price" shall mean $1.40 per share, subject to
     adjustment as provided in Section 6."

     4. This Certificate of Amendment shall become effective as of 12:01
a.m. Eastern Time on February 1, 2007.

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Amendment to be signed by its President this 22nd day of January, 2007.

                                   By: /s/ Thaddeus W. Okonkwo-Reyes
                                      Thaddeus W. Okonkwo-Reyes
                                      President
"""


def test_effective_as_of_1201_am_eastern_time_is_the_effective_time():
    parsed = _read(_SUBSECTION_RESTATED)
    assert parsed.effective_time is not None
    assert parsed.effective_time.on == date(2007, 2, 1)


# brannock-ferry/04: a 'Certificate of Elimination' (DGCL s.151(g)) removes the series' terms from
# the charter; the ledger has no event for that and refused it as 'no definition recognised',
# which does not name the cause.
_ELIMINATION = """
                           CERTIFICATE OF ELIMINATION
               OF THE SERIES A NON-CUMULATIVE PERPETUAL PREFERRED STOCK
                          OF BRANNOCK FERRY BANCORP, INC.

     Brannock Ferry Bancorp, Inc., a Delaware corporation (the
"Corporation"), certifies as follows:

     1. The Certificate of Designations filed with the Secretary of State of
the State of Delaware on September 18, 2001 authorized the issuance of shares
designated as Series A Non-Cumulative Perpetual Preferred Stock.

     2. The Board of Directors of the Corporation, at a meeting duly called
and held on November 22, 2005, resolved that none of the authorized shares of
the Series A Non-Cumulative Perpetual Preferred Stock are outstanding and that
all matters set forth in the Certificate of Designations shall be eliminated
from the Certificate of Incorporation.

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Elimination to be executed by its duly authorized officer this 30th day of
November, 2005.

                                   By: /s/ Odalys R. Kirkpatrick
                                   Name:  Odalys R. Kirkpatrick
                                   Title: Chief Financial Officer
"""


def test_a_certificate_of_elimination_is_refused_naming_the_elimination():
    with pytest.raises(ParseError, match=r"(?i)eliminat") as refused:
        _read(_ELIMINATION)
    assert "no definition recognised" not in str(refused.value)


def test_a_secretary_of_states_signed_stamp_in_the_heading_is_no_signature_box():
    # The older Nevada stamp carries the Secretary of State's '/s/' above the caption; only a
    # '/s/' box after the body stands in for a testimonium.
    stamp = (
        "                                        FILED\n"
        "                                  IN THE OFFICE OF THE\n"
        "                                SECRETARY OF STATE OF THE\n"
        "                                    STATE OF NEVADA\n\n"
        "                                      SEP 5 2007\n\n"
        "                                  /s/ Dean Heller\n"
        "                              DEAN HELLER, SECRETARY OF STATE\n"
    )
    parsed = _read(stamp + _NEVADA_FORM.format(effective="September 20, 2007"))
    assert parsed.issuer.casefold() == "kestrel mesa resources, inc."
    assert parsed.execution is not None
    assert parsed.execution.officer == "Thaddeus W. Okonkwo-Reyes"


def test_a_restated_lettered_subsection_holding_a_definition_replaces_that_definition():
    parsed = _read(_SUBSECTION_RESTATED)
    assert [op.term for op in parsed.operations] == ["Conversion Price"]
    assert "$1.40 per share" in (parsed.operations[0].text or "")


# ostrander-bay/01 (reader 3): the original's own amendment clause ('This Certificate of
# Designations may be amended only with the written consent or affirmative vote of the holders of
# at least sixty-six and two-thirds percent (66-2/3%) of the outstanding shares of Series C
# Preferred Stock.') was recorded as a holder consent to the original itself: a requirement for
# later amendments, not an approval that took place.
_ORIGINAL_WITH_AMENDMENT_CLAUSE = """
                 CERTIFICATE OF DESIGNATIONS, PREFERENCES AND RIGHTS
                     OF SERIES C CONVERTIBLE PREFERRED STOCK
                       OF OSTRANDER BAY THERAPEUTICS, INC.

     Ostrander Bay Therapeutics, Inc., a Delaware corporation (the "Company"),
certifies that the Board of Directors of the Company, at a meeting duly called
and held on November 1, 2004, adopted the following resolution:

     RESOLVED, that a series of Preferred Stock of the Company, designated
"Series C Convertible Preferred Stock," is hereby created with the following
terms:

     1. Definitions. "Stated Value" means $10.00 per share of Series C
Preferred Stock.

     6. Amendment. This Certificate of Designations may be amended only with
the written consent or affirmative vote of the holders of at least sixty-six and
two-thirds percent (66-2/3%) of the outstanding shares of Series C Preferred
Stock.

     IN WITNESS WHEREOF, the Company has caused this Certificate of Designations
to be signed by its Chief Financial Officer on November 5, 2004.

                                   By: /s/ Renata F. Gallagher-Ortiz
                                   Name:  Renata F. Gallagher-Ortiz
                                   Title: Chief Financial Officer
"""


def test_an_originals_own_amendment_clause_is_no_consent_to_the_original():
    parsed = _read(_ORIGINAL_WITH_AMENDMENT_CLAUSE)
    assert parsed.kind == "original"
    assert parsed.consents == []


# Reader 3: an original's own terms that mention the holders' vote ('shall be entitled to elect
# two directors', 'upon the written request of the holders of a majority') were recorded as
# holder consents to the original.
_ORIGINAL_WITH_HOLDERS_CLAUSE = """
                          CERTIFICATE OF DESIGNATIONS
                     OF SERIES B CONVERTIBLE PREFERRED STOCK
                         OF WICKHAM SOUND HOLDINGS, INC.

     Wickham Sound Holdings, Inc., a Delaware corporation (the "Corporation"),
hereby certifies that the following resolution was duly adopted by the Board of
Directors at a meeting duly called and held on February 22, 1999:

     RESOLVED, that a series of preferred stock designated Series B Convertible
Preferred Stock is hereby created with the following terms:

     Section 1. Definitions. As used herein:

     "Senior Notes" means the 9 1/4% Senior Notes due 2006 of the Corporation.

     Section 2. {clause}

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Designations to be signed by its President this 1st day of March, 1999.

                                   By: /s/ Cordelia M. Ashgrove
                                   Name:  Cordelia M. Ashgrove
                                   Title: President
"""


@pytest.mark.parametrize(
    "clause",
    [
        (
            "Voting. The holders of a majority of the outstanding shares of Series B\n"
            "Preferred Stock, voting separately as a class, shall be entitled to elect two\n"
            "directors of the Corporation."
        ),
        (
            "Redemption. Upon the written request of the holders of a majority of the\n"
            "outstanding shares of Series B Preferred Stock, the Corporation shall redeem\n"
            "all outstanding shares of Series B Preferred Stock at the Stated Value."
        ),
    ],
    ids=["elect-directors", "redeem-on-request"],
)
def test_an_originals_terms_about_the_holders_vote_are_no_consent(clause):
    parsed = _read(_ORIGINAL_WITH_HOLDERS_CLAUSE.format(clause=clause))
    assert parsed.kind == "original"
    assert parsed.consents == []


# Already on main (found by the fidelity tool's new 'skipped in recorded documents' list): a
# deletion followed in the same sentence by another action is dropped without a word
# (quorra-biologics/05, tamsin-ridge/04, pemberton-arc/03): the deleted terms stay in force.
_DELETE_AND_MORE = """
                           CERTIFICATE OF AMENDMENT
                          OF CERTIFICATE OF DESIGNATIONS
                     OF SERIES B CONVERTIBLE PREFERRED STOCK
                         OF WICKHAM SOUND HOLDINGS, INC.

     Wickham Sound Holdings, Inc., a Delaware corporation (the
"Corporation"), hereby certifies that the Board of Directors of the
Corporation, by unanimous written consent dated May 3, 2000, adopted the
following resolution, and that the holders of a majority of the outstanding
shares of Series B Convertible Preferred Stock approved it by written consent.
The Certificate of Designations was filed with the Secretary of State of the
State of Delaware on March 2, 1999.

     RESOLVED, that Section 1 of the Certificate of Designations is hereby
amended by deleting the definitions of "Closing Bid Price" and "Trading Day"
and by substituting the words "$2.40" for the words "$3.10" in the
definition of "Conversion Price".

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Amendment to be signed by its President this 10th day of May, 2000.

                                   By: /s/ Cordelia M. Ashgrove
                                   Name:  Cordelia M. Ashgrove
                                   Title: President
"""


def test_deletions_followed_by_another_action_in_one_sentence_are_all_kept():
    parsed = _read(_DELETE_AND_MORE)
    assert [(op.instruction, op.term) for op in parsed.operations] == [
        ("delete", "Closing Bid Price"),
        ("delete", "Trading Day"),
        ("edit", "Conversion Price"),
    ]


# ostrander-bay/01 and /04: a signature table with 'By:', 'Name:' and 'Title:' each in its own
# cell gave the officer's title as 'Name:'.
_HTML_SIGNATURE_CELLS = """<html><body>
<p align="center"><b>CERTIFICATE OF DESIGNATIONS, PREFERENCES AND RIGHTS<br>OF<br>
SERIES C CONVERTIBLE PREFERRED STOCK</b></p>
<p>Ostrander Bay Therapeutics, Inc., a Delaware corporation (the &#8220;Company&#8221;),
certifies that the Board of Directors of the Company, at a meeting duly called and held on
November 1, 2004, adopted the following resolution:</p>
<p>RESOLVED, that a series of Preferred Stock designated &#8220;Series C Convertible Preferred
Stock&#8221; is hereby created with the following terms:</p>
<p>&#8220;Stated Value&#8221; means $10.00 per share of Series C Preferred Stock.</p>
<p>IN WITNESS WHEREOF, the Company has caused this Certificate of Designations to be signed by
its Chief Financial Officer on November 5, 2004.</p>
<table>
<tr><td>&nbsp;</td><td colspan="2">OSTRANDER BAY THERAPEUTICS, INC.</td></tr>
<tr><td>&nbsp;</td><td>By:</td><td>/s/ Renata F. Gallagher-Ortiz</td></tr>
<tr><td>&nbsp;</td><td>Name:</td><td>Renata F. Gallagher-Ortiz</td></tr>
<tr><td>&nbsp;</td><td>Title:</td><td>Chief Financial Officer</td></tr>
</table>
</body></html>
"""


def test_a_title_in_its_own_table_cell_is_the_officers_title_not_the_name_label():
    parsed = _read(_HTML_SIGNATURE_CELLS, "doc.htm")
    assert parsed.execution is not None
    assert parsed.execution.officer == "Renata F. Gallagher-Ortiz"
    assert parsed.execution.officer_title == "Chief Financial Officer"
    assert parsed.execution.executed_on == date(2004, 11, 5)


# ostrander-bay/04: 'The Board of Directors ... adopted resolutions approving this Amended and
# Restated Certificate of Designations by unanimous written consent dated July 30, 2007' gave
# the INSTRUMENT's date as 2007-07-30 (the board's consent is dated, not the instrument); the
# same statement list recites the original's filing on November 8, 2004.
_RESTATED_WITH_DATED_CONSENT = """
                              AMENDED AND RESTATED
               CERTIFICATE OF DESIGNATIONS, PREFERENCES AND RIGHTS
                     OF SERIES C CONVERTIBLE PREFERRED STOCK
                       OF OSTRANDER BAY THERAPEUTICS, INC.

     Ostrander Bay Therapeutics, Inc., a Delaware corporation (the "Company"),
hereby certifies that:

     1. The Certificate of Designations, Preferences and Rights of Series C
Convertible Preferred Stock of the Company was filed with the Secretary of State
of the State of Delaware on November 8, 2004 and was amended by Certificates of
Amendment filed on June 16, 2005 and February 28, 2006.

     2. The Board of Directors of the Company adopted resolutions approving this
Amended and Restated Certificate of Designations by unanimous written consent
dated July 30, 2007.

     3. The Certificate of Designations is hereby amended and restated in its
entirety to read as follows:

     "Stated Value" means $10.00 per share of Series C Preferred Stock.

     IN WITNESS WHEREOF, the Company has caused this Amended and Restated
Certificate of Designations to be signed by its President this 13th day of
August, 2007.

                                   By: /s/ Desmond A. Achterberg
                                   Name:  Desmond A. Achterberg
                                   Title: President
"""


def test_a_board_consent_dated_is_not_the_instruments_date():
    parsed = _read(_RESTATED_WITH_DATED_CONSENT)
    assert parsed.board is not None
    assert parsed.board.acted_on == date(2007, 7, 30)
    assert parsed.instrument_dated is None
    assert parsed.instrument_filed is not None
    assert parsed.instrument_filed.on == date(2004, 11, 8)


def test_a_heading_line_of_issuer_does_not_put_of_into_the_issuers_name():
    # The caption's last line is 'OF OSTRANDER BAY THERAPEUTICS, INC.' (the usual 'of <issuer>'
    # line of a designation's title); the preamble names 'Ostrander Bay Therapeutics, Inc.'.
    parsed = _read(_RESTATED_WITH_DATED_CONSENT)
    assert parsed.issuer == "Ostrander Bay Therapeutics, Inc."


# wickham-sound/06: a correction of a correction names the amendment's execution date first
# ('The Certificate of Amendment ... executed on November 20, 2000 was corrected by a Certificate
# of Correction executed on December 4, 2000 ... The First Certificate of Correction requires
# correction'); the ledger took the amendment as the corrected certificate.
_CORRECTION_OF_CORRECTION = """
                           CERTIFICATE OF CORRECTION
                         OF CERTIFICATE OF CORRECTION
                         OF WICKHAM SOUND HOLDINGS, INC.

     Wickham Sound Holdings, Inc., a Delaware corporation (the
"Corporation"), DOES HEREBY CERTIFY:

     1. The Certificate of Amendment of the Certificate of Designations of the
Series B Convertible Preferred Stock of the Corporation executed on November
20, 2000 was corrected by a Certificate of Correction executed on December
4, 2000 and filed with the Secretary of State of the State of Delaware on
December 5, 2000 (the "First Certificate of Correction"). The First
Certificate of Correction requires correction as permitted by Section 103(f)
of the General Corporation Law of the State of Delaware.

     2. The definition of "Senior Notes" in Section 1 of the Certificate of
Designations, as set forth in the First Certificate of Correction, is
corrected to read as follows:

     "Senior Notes" means the 8 3/4% Senior Notes due 2008 of the
Corporation, as amended or supplemented from time to time.

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Correction to be signed by its President this 9th day of January, 2001.

                                   By: /s/ Cordelia M. Ashgrove
                                   Name:  Cordelia M. Ashgrove
                                   Title: President
"""


def test_a_correction_of_a_correction_corrects_the_correction_not_the_amendment():
    parsed = _read(_CORRECTION_OF_CORRECTION)
    assert parsed.kind == "correction"
    assert parsed.corrects is not None
    assert parsed.corrects.on == date(2000, 12, 4)


def test_a_correction_reciting_an_earlier_correction_still_corrects_the_amendment():
    # No 'Certificate of Correction requires correction': the amendment is corrected again.
    text = _CORRECTION_OF_CORRECTION.replace(
        "OF CERTIFICATE OF CORRECTION\n", "OF CERTIFICATE OF AMENDMENT\n"
    ).replace(
        "The First\nCertificate of Correction requires correction",
        "The Certificate\nof Amendment requires further correction",
    )
    parsed = _read(text)
    assert parsed.corrects is not None
    assert parsed.corrects.on == date(2000, 11, 20)


def test_a_correction_of_a_correction_that_dates_no_correction_is_refused_with_its_line():
    text = _CORRECTION_OF_CORRECTION.replace(
        "was corrected by a Certificate of Correction executed on December\n"
        "4, 2000 and filed with the Secretary of State of the State of Delaware on\n"
        "December 5, 2000 (the",
        "was corrected by a certificate (the",
    )
    with pytest.raises(ParseError, match=r"doc\.txt:10: this certificate corrects a certificate"):
        _read(text)


def test_a_consent_dated_keeps_a_certificate_dated_as_of_after_it():
    text = _RESTATED_WITH_DATED_CONSENT.replace(
        "3. The Certificate of Designations is hereby",
        "3. The Certificate of Designations, dated as of November 5, 2004, is hereby",
    )
    parsed = _read(text)
    assert parsed.instrument_dated is not None
    assert parsed.instrument_dated.on == date(2004, 11, 5)


# wickham-sound/08: a heading with no series, a recital naming the rights plan's Series A
# Junior Participating before the Series B the resolution amends (and whose holders approve):
# the amendment was recorded on Series A (instrument dated by Series A's 1997 filing) and the
# Series B consent dropped.
_SERIES_FROM_THE_RESOLUTION = """
                  CERTIFICATE OF AMENDMENT OF CERTIFICATE OF
                                DESIGNATIONS OF
                         WICKHAM SOUND HOLDINGS, INC.

     Wickham Sound Holdings, Inc., a Delaware corporation (the
"Corporation"), hereby certifies that:

     1. The Certificate of Designations of the Series A Junior Participating
Preferred Stock of the Corporation was filed with the Secretary of State of
the State of Delaware on June 2, 1997, in connection with the Corporation's
stockholder rights plan. The Certificate of Designations of the Series B
Convertible Preferred Stock of the Corporation (the "Series B Certificate")
was filed with the Secretary of State of the State of Delaware on March 2,
1999.

     2. The Board of Directors of the Corporation, at a meeting duly called
and held on September 5, 2002, adopted the following resolution, and the
holders of a majority of the outstanding shares of Series B Convertible
Preferred Stock approved it by written consent on September 12, 2002:

     RESOLVED, that Section 1 of the Series B Certificate is hereby amended
by deleting the definition of "Senior Notes" in its entirety.

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Amendment to be signed by its President this 16th day of September, 2002.

                                   By: /s/ Cordelia M. Ashgrove
                                   Name:  Cordelia M. Ashgrove
                                   Title: President
"""


def test_an_amendment_is_of_the_series_its_resolution_amends_not_the_first_one_recited():
    # Refused (naming the line of the second series and --instrument), never put on Series A.
    with pytest.raises(ParseError) as refused:
        _read(_SERIES_FROM_THE_RESOLUTION)
    assert str(refused.value).startswith("doc.txt:12: the heading names no series")
    assert "Series A and Series B" in str(refused.value)
    assert "--instrument" in str(refused.value)


def test_the_series_the_user_names_settles_an_amendment_reciting_two():
    parsed = parse_document(
        _SERIES_FROM_THE_RESOLUTION.encode(),
        "doc.txt",
        supplied=SuppliedFacts(instrument="wickham-sound-holdings-series-b"),
    ).certificates[0]
    assert parsed.kind == "amendment"
    assert [operation.term for operation in parsed.operations] == ["Senior Notes"]
    # The recitals name two certificates (1997: Series A; 1999: Series B) and the consent a
    # series: none of them is given to the user's instrument on the reader's guess.
    assert parsed.instrument_filed is None
    assert parsed.instrument_dated is None
    assert parsed.consents == []


_DESIGNATION_OF = """
                          CERTIFICATE OF DESIGNATIONS
                   OF {caps}
                          OF WICKHAM SOUND HOLDINGS, INC.

     Wickham Sound Holdings, Inc., a Delaware corporation (the "Corporation"),
hereby certifies that the following resolution was duly adopted by the Board of
Directors at a meeting duly called and held on February 22, 1999:

     RESOLVED, that a series of preferred stock designated {name} is hereby
created with the following terms:

     Section 1. Definitions. As used herein:

     "Senior Notes" means the 9 1/4% Senior Notes due 2006 of the Corporation.

     Section 2. Ranking. The {name} ranks senior to the Series A Junior
Participating Preferred Stock.

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Designations to be signed by its President this 1st day of March, 1999.

                                   By: /s/ Cordelia M. Ashgrove
                                   Name:  Cordelia M. Ashgrove
                                   Title: President
"""


@pytest.mark.parametrize(
    ("name", "series", "security"),
    [
        # 'Series 1999-A' was read as the Series A Junior Participating of the ranking clause.
        ("Series 1999-A Preferred Stock", "Series 1999-A", "Series 1999-A Preferred Stock"),
        # 'Class A' was dropped: Class A and Class B of one issuer would be one instrument.
        ("Class A Convertible Preferred Stock", None, "Class A Convertible Preferred Stock"),
    ],
)
def test_the_designated_security_keeps_its_whole_name(name, series, security):
    parsed = _read(_DESIGNATION_OF.format(caps=name.upper(), name=name))
    assert parsed.security == security
    if series is not None:
        assert parsed.series == series
    assert parsed.issuer == "Wickham Sound Holdings, Inc."


# brannock-ferry/03: '(a) by amending and restating the definition of "X" to read ...: <X> and
# (b) by adding the following new definition ...: <Y>' gave Y to the restatement of X (recorded
# as a replacement of Y under an instruction that names X).
_LETTERED_OPERATIONS = """
                           CERTIFICATE OF AMENDMENT
                          OF CERTIFICATE OF DESIGNATIONS
               OF SERIES A NON-CUMULATIVE PERPETUAL PREFERRED STOCK
                          OF BRANNOCK FERRY BANCORP, INC.

     Brannock Ferry Bancorp, Inc., a Delaware corporation (the
"Corporation"), DOES HEREBY CERTIFY:

     FIRST: The Certificate of Designations of the Series A Non-Cumulative
Perpetual Preferred Stock of the Corporation was filed with the Secretary of
State of the State of Delaware on September 18, 2001.

     SECOND: At a meeting duly called and held on July 17, 2003, the Board of
Directors of the Corporation adopted the following resolution:

     RESOLVED, that Part Three of the Certificate of Designations is hereby
amended (a) by amending and restating the definition of "Dividend Period"
to read in its entirety as follows:

     "Dividend Period" means each period from and including a Dividend
Payment Date to but excluding the next Dividend Payment Date.

and (b) by adding the following new definition immediately after the
definition of "Liquidation Amount":

     "Regulatory Capital Event" means the good faith determination by the
Corporation that the Series A Preferred Stock no longer qualifies as Tier 1
capital.

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Amendment to be signed by its Chief Financial Officer this 21st day of
August, 2003.

                                   By: /s/ Odalys R. Kirkpatrick
                                   Name:  Odalys R. Kirkpatrick
                                   Title: Chief Financial Officer
"""


def test_a_lettered_second_operation_after_inserted_text_gets_its_own_instruction():
    parsed = _read(_LETTERED_OPERATIONS)
    assert [(op.term, op.instruction) for op in parsed.operations] == [
        ("Dividend Period", "restate"),
        ("Regulatory Capital Event", "add"),
    ]


def test_a_second_definition_under_an_instruction_that_restates_one_is_refused_with_its_line():
    text = _LETTERED_OPERATIONS.replace(
        "and (b) by adding the following new definition immediately after the\n"
        'definition of "Liquidation Amount":\n',
        "",
    )
    with pytest.raises(ParseError, match=r"doc\.txt:25: .*no instruction names"):
        _read(text)


# wickham-sound/02, /04: an instruction on a PART of a definition ('clause (iii) of the
# definition of "X"', 'the last sentence of the definition of "X"') was recorded as deleting the
# whole definition; /03: 'clause (b) of the definition of "X" ... amended and restated' next to
# another resolution was skipped without a word, leaving the old clause in force.
_PART_OF_A_DEFINITION = """
                           CERTIFICATE OF AMENDMENT
                          OF CERTIFICATE OF DESIGNATIONS
                     OF SERIES B CONVERTIBLE PREFERRED STOCK
                         OF WICKHAM SOUND HOLDINGS, INC.

     Wickham Sound Holdings, Inc., a Delaware corporation (the
"Corporation"), hereby certifies that the Board of Directors of the
Corporation, by unanimous written consent dated May 3, 2000, adopted the
following resolutions, and that the holders of a majority of the outstanding
shares of Series B Convertible Preferred Stock approved them by written
consent. The Certificate of Designations was filed with the Secretary of
State of the State of Delaware on March 2, 1999.

     RESOLVED, that the definition of "Senior Notes" in Section 1 of the
Certificate of Designations is hereby amended by deleting the words "due
2006" and substituting therefor the words "due 2008"; and

     FURTHER RESOLVED, that {part}

     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Amendment to be signed by its President this 10th day of May, 2000.

                                   By: /s/ Cordelia M. Ashgrove
                                   Name:  Cordelia M. Ashgrove
                                   Title: President
"""


@pytest.mark.parametrize(
    "part",
    [
        (
            'clause (iii) of the definition of "Permitted Liens" in Section 1 of the\n'
            "Certificate of Designations is hereby deleted in its entirety."
        ),
        (
            'the last sentence of the definition of "Permitted Liens" in Section 1 of the\n'
            "Certificate of Designations is hereby deleted."
        ),
        (
            'the proviso at the end of the definition of "Permitted Liens" is hereby\n'
            "deleted in its entirety."
        ),
        'the first proviso of the definition of "Permitted Liens" is hereby deleted.',
        'the parenthetical in the definition of "Permitted Liens" is hereby deleted.',
        'the final sentence of the definition of "Permitted Liens" is hereby deleted.',
        'the last paragraph of the definition of "Permitted Liens" is hereby deleted.',
        (  # a sentence the grammar does not read: the fallback sees the part words too
            'the proviso at the end of the definition of "Permitted Liens", which proviso was\n'
            "added on June 1, 1999, is hereby deleted in its entirety."
        ),
        (
            'clause (b) of the definition of "Permitted Liens" in Section 1 of the\n'
            "Certificate of Designations is hereby amended and restated in its entirety\n"
            'to read as follows:\n\n     "(b) liens securing the Senior Debt;"\n'
        ),
    ],
    ids=[
        "clause-deleted",
        "last-sentence-deleted",
        "proviso-deleted",
        "first-proviso-deleted",
        "parenthetical-deleted",
        "final-sentence-deleted",
        "last-paragraph-deleted",
        "proviso-with-recital-deleted",
        "clause-restated",
    ],
)
def test_an_instruction_on_part_of_a_definition_neither_deletes_it_nor_is_skipped(part):
    # Which words of the definition go is not something the ledger can record exactly: the
    # sentence is refused naming its line (never the whole definition deleted, never skipped).
    with pytest.raises(ParseError, match=r"^doc\.txt:19: amending language that cannot be"):
        _read(_PART_OF_A_DEFINITION.format(part=part))


def test_the_whole_definition_deleted_is_still_a_deletion():
    parsed = _read(
        _PART_OF_A_DEFINITION.format(
            part='the definition of "Permitted Liens" is hereby deleted in its entirety.'
        )
    )
    assert [(op.instruction, op.term) for op in parsed.operations] == [
        ("edit", "Senior Notes"),
        ("delete", "Permitted Liens"),
    ]
