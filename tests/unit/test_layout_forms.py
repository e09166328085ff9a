"""The reader's layout layer on the physical forms of real EDGAR filings (issue 7).

One certificate of amendment, written by us in the style of a 1990s EDGAR exhibit, is
rendered the ways filings reach users: hard-wrapped with blank lines, one paragraph per line
(an aggregator's copy), with its signature block run onto one line, broken by `<PAGE>`
markers, page numbers and running headers, in cp1252 bytes, as an HTML exhibit and inside a
full EDGAR submission. Every rendering must record the same issuer, dates, officer and
operations, named here exactly; a rendering that cannot be read must be refused, not guessed.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger.errors import ParseError
from ledger.parsing import parse_document
from ledger.parsing.layout import remove_page_furniture
from ledger.parsing.source import (
    Line,
    is_unwrapped,
    signature_lines,
    split_lines,
    split_paragraphs,
)
from ledger.statements import ParsedCertificate

HEADING = """\
                         CERTIFICATE OF AMENDMENT
                                    OF
                        CERTIFICATE OF DESIGNATIONS
                                    OF
                   SERIES B CONVERTIBLE PREFERRED STOCK
                                    OF
                       RAVENMOOR INSTRUMENTS, INC.

              Pursuant to Section 242 of the General Corporation
                       Law of the State of Delaware
"""

PREAMBLE = """\
     Ravenmoor Instruments, Inc., a Delaware corporation (the "Corporation"),
hereby certifies that the Board of Directors of the Corporation, at a meeting
duly called and held on May 12, 2004, and the holders of a majority of the
outstanding shares of Series B Convertible Preferred Stock, voting as a
separate class, by written consent in accordance with Section 228 of the
General Corporation Law of the State of Delaware, adopted the following
resolutions:
"""

RESOLVED = """\
     RESOLVED, that Section 1 of the Certificate of Designations of Series B
Convertible Preferred Stock of the Corporation (the "Certificate of
Designations") is hereby amended by amending and restating the definition of
"Maturity Date" to read in its entirety as follows:
"""

MATURITY = """\
     "Maturity Date" means June 30, 2009, or, if such day is not a Business
Day, the next succeeding Business Day, as such date may be extended by the
holders of a majority of the outstanding shares of Series B Preferred Stock
by written notice to the Corporation given not later than thirty days before
such date.
"""

FURTHER = """\
     FURTHER RESOLVED, that Section 1 of the Certificate of Designations is
hereby amended by adding the following new definition immediately after the
definition of "Junior Securities":
"""

LENDER = """\
     "Lender Consent" means the written consent of the administrative agent
under the Senior Credit Facility to any redemption of shares of Series B
Preferred Stock, which consent shall not be required after the repayment in
full of the obligations under the Senior Credit Facility.
"""

TESTIMONIUM = """\
     IN WITNESS WHEREOF, the Corporation has caused this Certificate of
Amendment to be executed by its Secretary this 1st day of June, 2004.
"""

BLOCK = """\
                                   RAVENMOOR INSTRUMENTS, INC.

                                   By: /s/ Imogen Tarrant-Vale
                                       ------------------------------
                                       Imogen Tarrant-Vale
                                       Secretary
"""

MATURITY_TEXT = (
    '"Maturity Date" means June 30, 2009, or, if such day is not a Business Day, the next '
    "succeeding Business Day, as such date may be extended by the holders of a majority of "
    "the outstanding shares of Series B Preferred Stock by written notice to the Corporation "
    "given not later than thirty days before such date."
)
LENDER_TEXT = (
    '"Lender Consent" means the written consent of the administrative agent under the Senior '
    "Credit Facility to any redemption of shares of Series B Preferred Stock, which consent "
    "shall not be required after the repayment in full of the obligations under the Senior "
    "Credit Facility."
)


def hard_wrapped(*, testimonium: str = TESTIMONIUM, block: str = BLOCK) -> str:
    """The certificate as a 1990s exhibit: hard wraps, blank lines between paragraphs."""
    parts = [HEADING, PREAMBLE, RESOLVED, MATURITY, FURTHER, LENDER, testimonium, block]
    return "\n".join(parts)


def one_paragraph_per_line(text: str) -> str:
    """An aggregator's copy: every paragraph on one line, no blank lines."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return "\n".join(" ".join(b) for b in blocks if b) + "\n"


def read(data: bytes | str, name: str = "ravenmoor.txt") -> ParsedCertificate:
    raw = data.encode() if isinstance(data, str) else data
    return parse_document(raw, name).certificates[0]


def facts(parsed: ParsedCertificate) -> dict[str, object]:
    """What the ledger would record, minus line numbers (which differ between renderings)."""
    execution = parsed.execution
    return {
        "issuer": parsed.issuer,
        "series": parsed.series,
        "kind": parsed.kind,
        "board": (parsed.board.acted_on, parsed.board.manner) if parsed.board else None,
        "consents": [(c.threshold.fraction, c.separate_class) for c in parsed.consents],
        "execution": (execution.executed_on, execution.officer, execution.officer_title)
        if execution
        else None,
        "filing": parsed.filing.on if parsed.filing else None,
        "operations": [(op.instruction, op.term, op.text) for op in parsed.operations],
    }


EXPECTED = {
    "issuer": "Ravenmoor Instruments, Inc.",
    "series": "Series B",
    "kind": "amendment",
    "board": (date(2004, 5, 12), "meeting"),
    "execution": (date(2004, 6, 1), "Imogen Tarrant-Vale", "Secretary"),
    "filing": None,
    "operations": [
        ("restate", "Maturity Date", MATURITY_TEXT),
        ("add", "Lender Consent", LENDER_TEXT),
    ],
}


def assert_expected(parsed: ParsedCertificate) -> None:
    found = facts(parsed)
    assert {k: found[k] for k in EXPECTED} == EXPECTED
    assert found["consents"] == [("1/2", True)]


def test_the_hard_wrapped_certificate_records_its_facts():
    assert_expected(read(hard_wrapped()))


# --- one paragraph per line, and signature blocks run onto one line -------------------------


def test_one_paragraph_per_line_records_the_same_facts():
    copy = one_paragraph_per_line(hard_wrapped())
    assert "\n\n" not in copy
    assert "By: /s/ Imogen Tarrant-Vale ------------------------------ Imogen" in copy
    assert facts(read(copy)) == facts(read(hard_wrapped()))


def test_a_signature_block_on_one_line_gives_the_officer_and_title():
    block = (
        "                                   RAVENMOOR INSTRUMENTS, INC.\n\n"
        "By: /s/ Imogen Tarrant-Vale  Name: Imogen Tarrant-Vale  Title: Secretary\n"
    )
    assert_expected(read(hard_wrapped(block=block)))


def test_a_signature_with_the_typed_name_run_on_gives_name_and_title():
    block = "By: /s/ Imogen Tarrant-Vale Imogen Tarrant-Vale Secretary\n"
    assert_expected(read(hard_wrapped(block=block)))


def test_dated_as_of_beside_the_signature_without_a_testimonium_is_the_execution():
    block = (
        "                                   RAVENMOOR INSTRUMENTS, INC.\n\n"
        "Dated as of June 1, 2004            By: /s/ Imogen Tarrant-Vale\n"
        "                                        Imogen Tarrant-Vale\n"
        "                                        Secretary\n"
    )
    parsed = read(hard_wrapped(testimonium="", block=block))
    assert_expected(parsed)
    assert parsed.instrument_dated is None  # the signature's date, not the instrument's


def test_dated_as_of_run_onto_one_line_with_the_whole_block():
    block = (
        "Dated as of June 1, 2004 By: /s/ Imogen Tarrant-Vale Name: Imogen Tarrant-Vale "
        "Title: Secretary\n"
    )
    assert_expected(read(one_paragraph_per_line(hard_wrapped(testimonium="")) + block))


def test_a_document_with_no_closing_at_all_is_still_refused():
    with pytest.raises(ParseError, match="no testimonium or signature"):
        read(hard_wrapped(testimonium="", block=""))


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        (
            "By: /s/ Jane Roe  Name: Jane Roe  Title: Secretary",
            ["By: /s/ Jane Roe", "Name: Jane Roe", "Title: Secretary"],
        ),
        (
            "Dated as of June 1, 2004   By: /s/ Jane Roe",
            ["Dated as of June 1, 2004", "By: /s/ Jane Roe"],
        ),
        (
            "By: /s/ Jane Roe ------------ Jane Roe, President",
            ["By: /s/ Jane Roe", "Jane Roe, President"],
        ),
        (
            "By: /s/ Jane Roe _____________ Jane Roe President",
            ["By: /s/ Jane Roe", "Jane Roe", "President"],
        ),
        (
            "By: /s/ Jane Roe Jane Roe Vice President",
            ["By: /s/ Jane Roe", "Jane Roe", "Vice President"],
        ),
        ("By: ______________________", ["By:"]),
        # Not a signature line: a sentence that starts with "By" is never split.
        (
            "By resolution of the Board  Name: the Series",
            ["By resolution of the Board  Name: the Series"],
        ),
    ],
)
def test_signature_lines_are_split_into_the_lines_they_were(line, parts):
    split = signature_lines([Line(7, line)])
    assert [p.text.strip() for p in split] == parts
    assert {p.number for p in split} == {7}  # provenance stays on the line the user has


def test_an_unwrapped_copy_makes_every_line_a_paragraph_but_a_hard_wrapped_one_does_not():
    wrapped = split_lines(hard_wrapped())
    unwrapped = split_lines(one_paragraph_per_line(hard_wrapped()))
    assert not is_unwrapped(wrapped)
    assert is_unwrapped(unwrapped)
    texts = [p.text for p in split_paragraphs(unwrapped, unwrapped=True)]
    assert (
        "Pursuant to Section 242 of the General Corporation Law of the State of Delaware" in texts
    )
    assert MATURITY_TEXT in texts


def test_a_word_hyphenated_in_a_joined_copy_is_rejoined_but_a_suspended_hyphen_is_kept():
    copy = (
        one_paragraph_per_line(hard_wrapped())
        .replace("repayment in full", "repay- ment in full")
        .replace("the administrative agent", "the pre- and post-closing administrative agent")
    )
    lender = read(copy).operations[1]
    assert lender.text == LENDER_TEXT.replace(
        "the administrative agent", "the pre- and post-closing administrative agent"
    )


# --- page furniture in the middle of a definition -----------------------------------------------

_CUT = "outstanding shares of Series B Preferred Stock\n"


@pytest.mark.parametrize(
    ("form", "furniture"),
    [
        (
            "<PAGE> and a centred page number",
            "\n<PAGE>\n\n                                    -2-\n\n",
        ),
        ("a page number, then <PAGE>", "\n                                    2\n\n<PAGE>\n\n"),
        ("a footer right above <PAGE>", "\n                                 - 2 -\n<PAGE>\n"),
        ("<PAGE> with no blank lines", "<PAGE>\n"),
        (
            "a running header seen once, at the top of the page",
            "\n<PAGE>\n\nRavenmoor Instruments, Inc. - Certificate of Amendment\n\n",
        ),
        (
            "a header and 'Page 2 of 5' on two lines",
            "\n<PAGE>\n\nRavenmoor Instruments, Inc.\n                       Page 2 of 5\n\n",
        ),
        ("a form feed alone on its line", "\n\f\n"),
        ("a form feed between blank lines", "\n\n\f\n\n"),
        ("a form feed starting the next page's first line", "\n\f"),
        ("a page number, then a form feed", "\n\n                                    2\n\f\n"),
        ("'Page 2 of 5', then a form feed", "\n                               Page 2 of 5\n\f\n"),
    ],
)
def test_page_furniture_inside_a_definition_neither_splits_nor_pollutes_it(form, furniture):
    text = hard_wrapped().replace(
        _CUT, f"outstanding shares\n{furniture}of Series B Preferred Stock\n"
    )
    assert text != hard_wrapped(), form
    assert_expected(read(text))


def test_a_heading_at_the_top_of_a_page_is_kept_where_no_sentence_is_cut():
    """A short line at the top of a page is furniture only where it cuts a sentence."""
    text = hard_wrapped().replace(FURTHER, f"<PAGE>\n\n     Section 2.  Amendments.\n\n{FURTHER}")
    kept = [line.plain for line in remove_page_furniture(split_lines(text))]
    assert "Section 2. Amendments." in kept
    assert "<PAGE>" not in kept
    assert_expected(read(text))
