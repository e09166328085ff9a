"""Fixture documents made from a template in the style of the corpus, for load and crash tests.

Each one is the original certificate of designation of a different fictional issuer, so any
number of them can be ingested by any number of processes without touching each other's
instruments. Written by us; no third-party text.
"""

from __future__ import annotations

from pathlib import Path

_FIRST = [
    "Ashgrove",
    "Amberly",
    "Brackenridge",
    "Cinderfield",
    "Dunmore",
    "Elmstead",
    "Fallowmere",
    "Glenrock",
    "Hollins",
    "Ironvale",
    "Juniper",
    "Kestrel",
    "Larchmont",
    "Millbrook",
    "Northgate",
    "Oakhurst",
    "Pinecrest",
    "Quarrystone",
    "Redfern",
    "Silverlake",
]
_SECOND = [
    "Analytics",
    "Biologics",
    "Cables",
    "Dynamics",
    "Energy",
    "Foods",
    "Genomics",
    "Holdings",
    "Imaging",
    "Junctions",
    "Kinetics",
    "Logistics",
    "Materials",
    "Networks",
    "Optics",
    "Pharmaceuticals",
    "Quantum",
    "Robotics",
    "Systems",
    "Telecom",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
]

_TEMPLATE = """FICTIONAL DOCUMENT - GENERATED FOR THE TERMLEDGER TESTS; NOT A REAL FILING.

                        {upper}, INC.

                          CERTIFICATE OF DESIGNATION
                                    OF THE
                     SERIES A CONVERTIBLE PREFERRED STOCK
                                      OF
                        {upper}, INC.

PURSUANT TO SECTION 151 OF THE GENERAL CORPORATION LAW OF THE STATE OF DELAWARE

      The undersigned, being the duly elected President of {name}, Inc.,
hereby certifies that the following resolution was adopted by the Board of
Directors of {name}, Inc., a Delaware corporation (the "Corporation"), at a
meeting duly held on {month} 3, {year}, at which a quorum was present and acting
throughout:

      RESOLVED, that pursuant to the authority vested in the Board of
Directors, a series of Preferred Stock consisting of {shares} shares is hereby
created and designated as the Series A Convertible Preferred Stock (the
"Series A Preferred Stock"), having the powers, preferences and rights set
forth below.

Section 1.  Definitions.

      For purposes hereof, the following terms shall have the following
meanings:

      "Business Day" means any day other than a Saturday, a Sunday or a day on
which commercial banks in New York, New York are authorized or required by
law to remain closed.

      "Conversion Price" means ${price} per share of Common Stock, as such amount
may be adjusted from time to time pursuant to Section 5 hereof.

      "Liquidation Preference" means, with respect to each share of Series A
Preferred Stock, an amount equal to ${preference}, plus all accrued but unpaid
dividends thereon to the date of final distribution.

Section 2.  Dividends.

      The holders of shares of Series A Preferred Stock shall be entitled to
receive cumulative cash dividends at the annual rate of six percent of the
Liquidation Preference, payable quarterly in arrears.

      This Certificate of Designation was filed with the Secretary of State of
the State of Delaware on {month} 12, {year}.

      IN WITNESS WHEREOF, {name}, Inc. has caused this Certificate of
Designation to be executed by its President this 10th day of {month}, {year}.

                                        {upper}, INC.


                                        By: /s/ Eleanor M. Whitcombe
                                            ------------------------------
                                        Name:  Eleanor M. Whitcombe
                                        Title: President
"""


def issuer_name(number: int) -> str:
    """A distinct fictional issuer for every number below 400."""
    return f"{_FIRST[number % 20]} {_SECOND[(number // 20) % 20]}"


def document_text(number: int) -> str:
    """The original certificate of the issuer `number`."""
    name = issuer_name(number)
    return _TEMPLATE.format(
        name=name,
        upper=name.upper(),
        month=_MONTHS[number % len(_MONTHS)],
        year=1995 + number % 10,
        shares=f"{100_000 + number * 1_000:,}",
        price=f"{1 + number % 9}.{number % 100:02d}",
        preference=f"{10 + number % 50}.00",
    )


def write_documents(folder: Path, numbers: range) -> list[Path]:
    """Write the documents `numbers` into `folder`; returns their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in numbers:
        path = folder / f"{issuer_name(number).lower().replace(' ', '-')}-designation.txt"
        path.write_text(document_text(number), encoding="utf-8")
        paths.append(path)
    return paths
