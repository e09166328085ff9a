"""Confident wrong answers found on filings in styles the trap corpus did not hold (i7-unseen).

Each test names the right fact for a minimal text in the style of the corpus document that
exposed the wrong one (tests/corpus/<family>/...). Fixtures are written by us.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger.errors import ParseError
from ledger.parsing import parse_document
from ledger.statements import ParsedCertificate


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
