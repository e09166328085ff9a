"""A definition's proviso set as a paragraph of its own stays with the definition.

Typists often set "provided, however, that ..." flush left after a blank line, below a
definition that ends with ';' (or even '.'). Read apart, the definition would be recorded
whole without the proviso that limits it: a confident wrong answer (wickham-sound/09).
Every fixture here is written by us in the style of EDGAR certificates.
"""

from __future__ import annotations

import pytest

from ledger.parsing import parse_document
from ledger.statements import ParsedCertificate

_CLOSING = """
     IN WITNESS WHEREOF, the Corporation has caused this Certificate to be signed
by its President this 7th day of April, 2003.

                                   By: /s/ Cordelia M. Ashgrove
                                   Name:  Cordelia M. Ashgrove
                                   Title: President
"""

_AMENDMENT = """
                           CERTIFICATE OF AMENDMENT
                          OF CERTIFICATE OF DESIGNATIONS
                     OF SERIES B CONVERTIBLE PREFERRED STOCK
                         OF MERRIVALE TIDE HOLDINGS, INC.

     Merrivale Tide Holdings, Inc., a Delaware corporation (the
"Corporation"), hereby certifies that the Board of Directors of the
Corporation, at a meeting duly called and held on March 27, 2003, adopted the
following resolution:

     RESOLVED, that the definition of "Conversion Price" in Section 1 of the
Certificate of Designations is hereby amended and restated in its entirety to
read as follows:

{definitions}
{after}{closing}"""

_ORIGINAL = """
                          CERTIFICATE OF DESIGNATIONS
                                      OF
                     SERIES B CONVERTIBLE PREFERRED STOCK
                                      OF
                        MERRIVALE TIDE HOLDINGS, INC.

              Pursuant to Section 151 of the General Corporation
                         Law of the State of Delaware

     Merrivale Tide Holdings, Inc., a Delaware corporation (the "Corporation"),
DOES HEREBY CERTIFY that the following resolution was duly adopted by the Board
of Directors of the Corporation at a meeting duly held on March 1, 1999:

     RESOLVED, that the Board of Directors hereby creates a series of the
Corporation's preferred stock designated as Series B Convertible Preferred
Stock, and hereby fixes the terms thereof as follows:

Section 1.  Definitions.

{definitions}
     "Stated Value" means $100.00 per share of Series B Preferred Stock.

{after}{closing}"""

_CONVERSION_PRICE = """\
     "Conversion Price" means $5.00 per share of Common Stock, as adjusted
from time to time as provided in Section 6{end}

{proviso}
"""
_HEAD = (
    '"Conversion Price" means $5.00 per share of Common Stock, as adjusted from time to '
    "time as provided in Section 6"
)
_PRICE = '"Conversion Price" means $5.00 per share of Common Stock.'
_STATED = '"Stated Value" means $100.00 per share of Series B Preferred Stock.'
_FLOOR = "the Conversion Price shall in no event be less than $4.00 per share of Common Stock."


def _read(text: str) -> ParsedCertificate:
    return parse_document(text.encode(), "doc.txt").certificates[0]


def _no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def _one_paragraph_per_line(text: str) -> str:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return "\n".join(" ".join(b) for b in blocks if b) + "\n"


_FORMS = [lambda text: text, _no_blank_lines, _one_paragraph_per_line]
_FORM_IDS = ["hard-wrapped", "no-blank-lines", "one-paragraph-per-line"]


def _texts(parsed: ParsedCertificate) -> dict[str, tuple[str, str | None]]:
    return {op.term: (op.instruction, op.text) for op in parsed.operations}


@pytest.mark.parametrize("form", _FORMS, ids=_FORM_IDS)
@pytest.mark.parametrize(
    ("opening", "end"),
    [
        ("provided, however, that", ";"),
        ("Provided, however, that", ";"),
        ("PROVIDED, HOWEVER, THAT", ";"),
        ("provided that", ";"),
        ("provided further, that", ";"),
        ("and provided further, that", ";"),
        ("provided, however, that", "."),
    ],
)
def test_an_amendments_restated_definition_keeps_its_proviso_paragraph(opening, end, form):
    definitions = _CONVERSION_PRICE.format(end=end, proviso=f"{opening} {_FLOOR}")
    text = _AMENDMENT.format(definitions=definitions, after="", closing=_CLOSING)
    parsed = _read(form(text))
    assert _texts(parsed) == {"Conversion Price": ("restate", f"{_HEAD}{end} {opening} {_FLOOR}")}


@pytest.mark.parametrize("form", _FORMS, ids=_FORM_IDS)
def test_an_originals_definition_keeps_its_proviso_paragraphs(form):
    proviso = (
        f"provided, however, that {_FLOOR}\n\n"
        "and provided further, that no adjustment shall be made for a dividend paid\n"
        "in shares of Series B Preferred Stock."
    )
    definitions = _CONVERSION_PRICE.format(end=";", proviso=proviso)
    text = _ORIGINAL.format(definitions=definitions, after="", closing=_CLOSING)
    parsed = _read(form(text))
    assert parsed.kind == "original"
    assert _texts(parsed) == {
        "Conversion Price": (
            "original",
            (
                f"{_HEAD}; provided, however, that {_FLOOR} and provided further, that no "
                "adjustment shall be made for a dividend paid in shares of Series B "
                "Preferred Stock."
            ),
        ),
        "Stated Value": (
            "original",
            '"Stated Value" means $100.00 per share of Series B Preferred Stock.',
        ),
    }


@pytest.mark.parametrize("form", _FORMS, ids=_FORM_IDS)
@pytest.mark.parametrize(
    "after",
    [
        (
            "Section 2.  Provided that the Corporation has funds legally available therefor,\n"
            "dividends shall be paid quarterly on each share of Series B Preferred Stock.\n"
        ),
        (
            "     2. Provided, however, that no share of Series B Preferred Stock shall be\n"
            "issued after June 30, 1999.\n"
        ),
        (
            "     RESOLVED, that the officers of the Corporation are hereby authorized to file\n"
            "this Certificate with the Secretary of State of the State of Delaware.\n"
        ),
    ],
    ids=["section-opening-provided", "numbered-provided", "resolved"],
)
def test_a_new_section_or_resolution_after_a_definition_is_not_its_proviso(after, form):
    definitions = '     "Conversion Price" means $5.00 per share of Common Stock.\n'
    text = _ORIGINAL.format(definitions=definitions, after=after, closing=_CLOSING)
    parsed = _read(form(text))
    assert _texts(parsed) == {
        "Conversion Price": (
            "original",
            '"Conversion Price" means $5.00 per share of Common Stock.',
        ),
        "Stated Value": (
            "original",
            '"Stated Value" means $100.00 per share of Series B Preferred Stock.',
        ),
    }


@pytest.mark.parametrize("form", _FORMS, ids=_FORM_IDS)
def test_a_resolution_after_a_restated_definition_is_not_joined(form):
    after = (
        "     FURTHER RESOLVED, provided that the holders of Series B Preferred Stock\n"
        "consent, that the officers of the Corporation are authorized to file this\n"
        "Certificate.\n"
    )
    definitions = '     "Conversion Price" means $5.00 per share of Common Stock.\n'
    text = _AMENDMENT.format(definitions=definitions, after=after, closing=_CLOSING)
    parsed = _read(form(text))
    assert _texts(parsed) == {"Conversion Price": ("restate", _PRICE)}
