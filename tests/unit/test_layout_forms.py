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
from ledger.parsing import parse_document, parse_file
from ledger.parsing.html import html_lines
from ledger.parsing.layout import remove_page_furniture
from ledger.parsing.source import (
    Line,
    is_unwrapped,
    signature_columns,
    signature_lines,
    split_lines,
    split_paragraphs,
)
from ledger.statements import ParsedCertificate, SkippedPart

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


# --- signature blocks, headings and notes as typeset in real exhibits -------------------------


@pytest.mark.parametrize(
    ("form", "block"),
    [
        (
            "a conformed signature over an underscored line",
            (
                "                                   By: /s/ Imogen Tarrant-Vale\n"
                "                                       _____________________________\n"
                "                                       Name:  Imogen Tarrant-Vale\n"
                "                                       Title: Secretary\n"
            ),
        ),
        (
            "an unsigned underscored line, Name: and Title: below",
            (
                "                                   By: ______________________________\n"
                "                                       Name:  Imogen Tarrant-Vale\n"
                "                                       Title: Secretary\n"
            ),
        ),
        (
            "two columns: the attesting officer left, the signer's By: right",
            (
                "ATTEST:                            RAVENMOOR INSTRUMENTS, INC.\n\n"
                "/s/ Dorian K. Feld                 By: /s/ Imogen Tarrant-Vale\n"
                "-------------------------              -----------------------------\n"
                "Dorian K. Feld                         Imogen Tarrant-Vale\n"
                "Assistant Secretary                    Secretary\n"
            ),
        ),
        (
            "two columns: the signer left, ATTEST: right",
            (
                "RAVENMOOR INSTRUMENTS, INC.               ATTEST:\n\n"
                "By: /s/ Imogen Tarrant-Vale               /s/ Dorian K. Feld\n"
                "Name:  Imogen Tarrant-Vale                Name:  Dorian K. Feld\n"
                "Title: Secretary                          Title: Assistant Secretary\n"
            ),
        ),
    ],
)
def test_the_signer_is_read_from_the_signature_block_as_typeset(form, block):
    assert form
    assert_expected(read(hard_wrapped(block=block)))


def test_two_signatures_that_cannot_be_told_apart_are_left_as_they_are():
    lines = [
        Line(1, "By: /s/ Imogen Tarrant-Vale          By: /s/ Dorian K. Feld"),
        Line(2, "Name:  Imogen Tarrant-Vale           Name:  Dorian K. Feld"),
    ]
    assert signature_columns(lines) == lines


@pytest.mark.parametrize(
    "note",
    [
        "                         [Signature page follows]\n\n<PAGE>\n\n",
        "      [Remainder of page intentionally left blank]\n\n\f\n",
    ],
)
def test_a_note_before_the_signature_page_is_not_part_of_the_last_definition(note):
    assert_expected(read(hard_wrapped().replace(TESTIMONIUM, note + TESTIMONIUM)))


def test_a_letter_spaced_heading_still_names_the_kind_of_certificate():
    spaced = hard_wrapped().replace(
        "CERTIFICATE OF AMENDMENT\n", "C E R T I F I C A T E   O F   A M E N D M E N T\n"
    )
    assert "C E R T I F I C A T E" in spaced
    assert_expected(read(spaced))


@pytest.mark.parametrize(
    ("form", "change"),
    [
        ("tabs for indents", lambda text: text.replace("     ", "\t")),
        ("CR LF line ends", lambda text: text.replace("\n", "\r\n")),
        ("CR line ends", lambda text: text.replace("\n", "\r")),
        (
            "no blank lines at all",
            lambda text: "\n".join(x for x in text.splitlines() if x.strip()),
        ),
    ],
)
def test_white_space_conventions_change_nothing(form, change):
    changed = change(hard_wrapped())
    assert changed != hard_wrapped(), form
    assert_expected(read(changed))


# --- encodings ----------------------------------------------------------------------------------


def curly(text: str) -> str:
    """`text` with its straight double quotes made curly, pairwise."""
    out, opening = [], True
    for char in text:
        if char == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def straight(facts_found: dict[str, object]) -> dict[str, object]:
    """Facts with curly quotes made straight, to compare with EXPECTED."""
    operations = facts_found["operations"]
    assert isinstance(operations, list)
    return {
        **facts_found,
        "operations": [
            (action, term, text.replace("\u201c", '"').replace("\u201d", '"'))
            for action, term, text in operations
        ],
    }


def test_cp1252_curly_quotes_section_signs_and_dashes_are_read():
    text = curly(hard_wrapped()).replace(
        "\nsuch date.\n", "\nsuch date \u2014 see \u00a74(b) of the Credit Agreement.\n"
    )
    data = text.encode("cp1252")
    assert b"\x93Maturity Date\x94" in data
    assert b"\x97 see \xa74(b)" in data
    document = parse_document(data, "ravenmoor.txt")
    assert document.encoding == "cp1252"
    parsed = document.certificates[0]
    maturity = parsed.operations[0].text or ""
    assert maturity.startswith("\u201cMaturity Date\u201d means June 30, 2009")
    assert maturity.endswith("before such date \u2014 see \u00a74(b) of the Credit Agreement.")
    assert parsed.operations[1].term == "Lender Consent"
    found = straight(facts(parsed))
    assert {k: found[k] for k in ("issuer", "board", "execution")} == {
        k: EXPECTED[k] for k in ("issuer", "board", "execution")
    }


def test_latin_1_accents_are_read():
    text = hard_wrapped().replace(
        "the administrative agent", "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale"
    )
    document = parse_document(text.encode("latin-1"), "ravenmoor.txt")
    assert document.encoding == "cp1252"  # Latin-1 letters sit where cp1252 has them
    lender = document.certificates[0].operations[1].text or ""
    assert lender.startswith('"Lender Consent" means the written consent of Soci\u00e9t\u00e9')


def test_bytes_neither_utf8_nor_cp1252_are_refused_with_their_line():
    data = hard_wrapped().encode().replace(b'Lender Consent" means', b'Lender Consent" \x81means')
    with pytest.raises(ParseError, match=r"ravenmoor.txt:\d+: neither UTF-8 nor cp1252: byte 0x81"):
        parse_document(data, "ravenmoor.txt")


# --- HTML exhibits ------------------------------------------------------------------------------

HTML = """\
<HTML>
<HEAD><TITLE>EX-3.1</TITLE></HEAD>
<BODY BGCOLOR="#FFFFFF">
<DIV ALIGN="CENTER"><FONT FACE="Times New Roman" SIZE="2"><B>CERTIFICATE OF AMENDMENT<BR>OF<BR>
CERTIFICATE OF DESIGNATIONS<BR>OF<BR>SERIES B CONVERTIBLE PREFERRED STOCK<BR>OF<BR>
RAVENMOOR INSTRUMENTS, INC.</B></FONT></DIV>
<DIV ALIGN="CENTER"><FONT SIZE="2">Pursuant to Section 242 of the General Corporation<BR>
Law of the State of Delaware</FONT></DIV>
<DIV>
<P><FONT SIZE="2">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Ravenmoor Instruments, Inc., a Delaware
corporation (the &#147;Corporation&#148;), hereby certifies that the Board of Directors of
the Corporation, at a meeting duly called and held on May&nbsp;12, 2004, and the holders of a
majority of the outstanding shares of Series&nbsp;B Convertible Preferred Stock, voting as a
separate class, by written consent in accordance with Section&nbsp;228 of the General
Corporation Law of the State of Delaware, adopted the following resolutions:</FONT></P>
<P><FONT SIZE="2">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;RESOLVED, that Section&nbsp;1 of the Certificate
of Designations of Series&nbsp;B Convertible Preferred Stock of the Corporation (the
&#147;Certificate of Designations&#148;) is hereby amended by amending and restating the
definition of &#147;Maturity Date&#148; to read in its entirety as follows:</FONT></P>
</DIV>
<TABLE WIDTH="100%" BORDER="0" CELLSPACING="0" CELLPADDING="0">
<TR VALIGN="TOP"><TD WIDTH="6%">&nbsp;</TD><TD><FONT SIZE="2">&#147;Maturity Date&#148; means
June&nbsp;30, 2009, or, if such day is not a Business Day, the next succeeding Business Day, as
such date may be extended by the holders of a majority of the outstanding shares of
Series&nbsp;B Preferred Stock by written notice to the Corporation given not later than thirty
days before such date.</FONT></TD></TR>
</TABLE>
<P><FONT SIZE="2">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;FURTHER RESOLVED, that Section&nbsp;1 of the
Certificate of Designations is hereby amended by adding the following new definition
immediately after the definition of &#147;Junior Securities&#148;:</FONT></P>
<P STYLE="margin-left:5%"><FONT SIZE="2">&ldquo;Lender Consent&rdquo; means the written
consent of the administrative agent<BR>under the Senior Credit Facility to any redemption of
shares of Series&nbsp;B<BR>Preferred Stock, which consent shall not be required after the
repayment in<BR>full of the obligations under the Senior Credit Facility.</FONT></P>
<P ALIGN="CENTER"><FONT SIZE="2">[Signature page follows]</FONT></P>
<HR SIZE="3" NOSHADE STYLE="page-break-after:always">
<P ALIGN="CENTER"><FONT SIZE="2">2</FONT></P>
<P><FONT SIZE="2">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;IN WITNESS WHEREOF, the Corporation has caused
this Certificate of Amendment to be executed by its Secretary this 1st day of June,
2004.</FONT></P>
<TABLE WIDTH="100%" BORDER="0" CELLSPACING="0" CELLPADDING="0">
<TR><TD WIDTH="50%">&nbsp;</TD><TD COLSPAN="2"><FONT SIZE="2">RAVENMOOR INSTRUMENTS, INC.
</FONT></TD></TR>
<TR><TD>&nbsp;</TD><TD WIDTH="8%"><FONT SIZE="2">By:</FONT></TD><TD><FONT SIZE="2">/s/
Imogen Tarrant-Vale</FONT></TD></TR>
<TR><TD>&nbsp;</TD><TD><FONT SIZE="2">Name:</FONT></TD><TD><FONT SIZE="2">Imogen
Tarrant-Vale</FONT></TD></TR>
<TR><TD>&nbsp;</TD><TD><FONT SIZE="2">Title:</FONT></TD><TD><FONT SIZE="2">Secretary</FONT>
</TD></TR>
</TABLE>
</BODY>
</HTML>
"""


def test_an_html_exhibit_with_layout_tables_fonts_and_entities_records_the_same_facts():
    document = parse_document(HTML.encode("ascii"), "ravenmoor.htm")
    parsed = document.certificates[0]
    assert straight(facts(parsed)) == {
        **facts(read(hard_wrapped())),
        "operations": EXPECTED["operations"],
    }
    assert parsed.operations[1].text == curly(LENDER_TEXT)


def test_a_signature_table_reads_its_cells_as_one_line_per_row():
    lines = [line.text for line in html_lines(HTML) if line.text]
    assert "By:   /s/ Imogen Tarrant-Vale" in lines
    assert "Name:   Imogen Tarrant-Vale" in lines
    assert "Title:   Secretary" in lines
    assert "2" not in [line.plain for line in remove_page_furniture(html_lines(HTML))]


def test_a_signature_table_never_gives_a_label_for_the_title():
    """Cells read one per line once gave the title "Name:", a confident wrong fact."""
    parsed = read(HTML.encode(), "ravenmoor.htm")
    assert parsed.execution is not None
    assert parsed.execution.officer_title == "Secretary"


# --- full EDGAR submissions ---------------------------------------------------------------------

REPORT = """\
                       SECURITIES AND EXCHANGE COMMISSION
                             WASHINGTON, D.C. 20549

                                    FORM 8-K

                                 CURRENT REPORT

Item 5.03.  Amendments to Articles of Incorporation.

     On June 2, 2004, Ravenmoor Instruments, Inc. filed with the Secretary of
State of the State of Delaware a Certificate of Amendment of the Certificate of
Designations of its Series B Convertible Preferred Stock, which extends the
Maturity Date and adds a Lender Consent. A copy is filed as Exhibit 3.1.

                                   SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.

Dated: June 3, 2004                 By: /s/ Quentin A. Marlowe
                                        Chief Financial Officer
"""

PRESS_RELEASE = """\
FOR IMMEDIATE RELEASE

Ravenmoor Instruments Extends Maturity of Series B Preferred Stock

     CAMBRIDGE, Mass., June 3, 2004 -- Ravenmoor Instruments, Inc. today announced
that holders of its Series B Convertible Preferred Stock approved an extension.
"""

AGREEMENT = """\
                         SECURITIES PURCHASE AGREEMENT

     This Securities Purchase Agreement is made as of June 1, 2004 between
Ravenmoor Instruments, Inc., a Delaware corporation (the "Company"), and the
purchasers of its Series B Convertible Preferred Stock named herein.

     "Closing" means the closing of the purchase and sale of the Series B
Preferred Stock under this Agreement.

     "Purchaser" means each person named on the signature pages hereto.
"""


def submission(*documents: tuple[str, str]) -> bytes:
    """An EDGAR full submission holding `documents` as (type, text), in order."""
    out = [
        "<SEC-DOCUMENT>0000912057-04-011223.txt : 20040603",
        "<SEC-HEADER>0000912057-04-011223.hdr.sgml : 20040603",
        "CONFORMED SUBMISSION TYPE:\t8-K",
        "FILED AS OF DATE:\t\t20040603",
        "</SEC-HEADER>",
    ]
    for number, (doc_type, text) in enumerate(documents, start=1):
        out += [
            "<DOCUMENT>",
            f"<TYPE>{doc_type}",
            f"<SEQUENCE>{number}",
            f"<FILENAME>a2139{number:03d}.txt",
            f"<DESCRIPTION>{doc_type}",
            "<TEXT>",
            text.rstrip("\n"),
            "</TEXT>",
            "</DOCUMENT>",
        ]
    return ("\n".join(out) + "\n</SEC-DOCUMENT>\n").encode()


def test_a_submission_records_the_certificate_exhibit_and_skips_the_rest():
    parsed = parse_file(
        submission(("8-K", REPORT), ("EX-3.1", hard_wrapped()), ("EX-99.1", PRESS_RELEASE)),
        "0000912057-04-011223.txt",
    )
    [document] = parsed.documents
    assert document.name == "0000912057-04-011223.txt [EX-3.1 a2139002.txt]"
    assert document.container == "0000912057-04-011223.txt"
    assert_expected(document.certificates[0])
    skipped = [p.name for p in parsed.parts if isinstance(p, SkippedPart)]
    assert skipped == [
        "0000912057-04-011223.txt [8-K a2139001.txt]",
        "0000912057-04-011223.txt [EX-99.1 a2139003.txt]",
    ]


def test_line_numbers_point_into_the_submission_file():
    data = submission(("8-K", REPORT), ("EX-3.1", hard_wrapped()))
    [document] = parse_file(data, "s.txt").documents
    lines = data.decode().splitlines()
    execution = document.certificates[0].execution
    assert execution is not None
    assert (
        "to be executed by its Secretary this 1st day of June, 2004."
        in (lines[execution.span.first_line - 1])
    )


def test_the_form_quoting_the_certificate_is_not_a_second_certificate():
    """The form's body that reads as the certificate gives way to the exhibit."""
    parsed = parse_file(submission(("8-K", hard_wrapped()), ("EX-3.1", hard_wrapped())), "s.txt")
    assert [d.name for d in parsed.documents] == ["s.txt [EX-3.1 a2139002.txt]"]
    [form] = [p for p in parsed.parts if isinstance(p, SkippedPart)]
    assert form.reason == (
        "the form's own text; the certificate is read from its exhibit EX-3.1 a2139002.txt"
    )


def test_an_agreement_that_cannot_be_read_as_a_certificate_is_skipped_with_its_reason():
    parsed = parse_file(submission(("EX-3.1", hard_wrapped()), ("EX-10.1", AGREEMENT)), "s.txt")
    assert [d.name for d in parsed.documents] == ["s.txt [EX-3.1 a2139001.txt]"]
    [agreement] = [p for p in parsed.parts if isinstance(p, SkippedPart)]
    assert agreement.name == "s.txt [EX-10.1 a2139002.txt]"
    assert agreement.reason


def test_the_same_certificate_in_two_exhibits_is_refused_as_ambiguous():
    data = submission(("EX-3.1", hard_wrapped()), ("EX-99.1", hard_wrapped()))
    with pytest.raises(ParseError) as refused:
        parse_file(data, "s.txt")
    assert str(refused.value) == (
        "s.txt: ambiguous submission: EX-3.1 a2139001.txt and EX-99.1 a2139002.txt both state "
        "the amendment of the Series B Convertible Preferred Stock of Ravenmoor Instruments, "
        "Inc.; save the exhibit that is the certificate to a file of its own and ingest it"
    )


def test_a_certificate_exhibit_that_cannot_be_read_refuses_the_submission_with_its_reason():
    cut_off = hard_wrapped(testimonium="", block="")
    with pytest.raises(
        ParseError, match=r"^s\.txt \[EX-3\.1 a2139002\.txt\]:\d+: .*no testimonium"
    ):
        parse_file(submission(("8-K", REPORT), ("EX-3.1", cut_off)), "s.txt")


def test_a_submission_without_a_certificate_is_refused():
    with pytest.raises(ParseError, match=r"^s\.txt: the submission holds no certificate"):
        parse_file(submission(("8-K", REPORT), ("EX-99.1", PRESS_RELEASE)), "s.txt")


def test_an_html_exhibit_inside_a_submission_is_read_as_html():
    parsed = parse_file(submission(("8-K", REPORT), ("EX-3.1", HTML)), "s.txt")
    [document] = parsed.documents
    assert straight(facts(document.certificates[0]))["operations"] == EXPECTED["operations"]


def test_a_certificate_filed_as_the_form_itself_is_recorded_when_no_exhibit_holds_one():
    parsed = parse_file(submission(("8-K", hard_wrapped()), ("EX-99.1", PRESS_RELEASE)), "s.txt")
    [document] = parsed.documents
    assert document.name == "s.txt [8-K a2139001.txt]"
    assert_expected(document.certificates[0])


# --- lists and tables a definition introduces ---------------------------------------------------

CHANGE_OF_CONTROL = """\
     "Change of Control" means the occurrence of any of the following:

          (a) the acquisition by any person of more than fifty percent of the
     voting power of the Corporation; or

          (b) the sale of all or substantially all of the assets of the
     Corporation.

"""


def test_a_definition_ending_with_a_colon_runs_on_through_its_lettered_items():
    parsed = read(hard_wrapped().replace(LENDER, LENDER + "\n" + CHANGE_OF_CONTROL))
    change = parsed.operations[2]
    assert change.term == "Change of Control"
    assert change.text == (
        '"Change of Control" means the occurrence of any of the following: (a) the acquisition '
        "by any person of more than fifty percent of the voting power of the Corporation; or "
        "(b) the sale of all or substantially all of the assets of the Corporation."
    )


def test_items_out_of_order_or_defining_a_term_end_the_list():
    text = CHANGE_OF_CONTROL + (
        '          (c) "Junior Stock" means the Common Stock.\n\n'
        "          (e) Redemption. The Corporation may redeem the shares.\n"
    )
    paragraphs = [p.text for p in split_paragraphs(split_lines(text))]
    assert paragraphs[0].endswith(
        "(b) the sale of all or substantially all of the assets of the Corporation."
    )
    assert paragraphs[1] == '(c) "Junior Stock" means the Common Stock.'
    assert paragraphs[2] == "(e) Redemption. The Corporation may redeem the shares."


SGML_TABLE = """\
     "Redemption Price" means the price set out below for the period in
which the redemption date falls:

<TABLE>
<CAPTION>
               Period                                   Price
               ------                                   -----
<S>                                                     <C>
June 1, 2004 to May 31, 2005 ..........................  $102.00

June 1, 2005 and thereafter ...........................  $100.00
</TABLE>

"""


def test_an_sgml_table_in_a_text_filing_is_not_taken_for_html():
    text = hard_wrapped().replace(LENDER, LENDER + "\n" + SGML_TABLE.replace("falls:", "falls."))
    parsed = read(text)
    assert [op.term for op in parsed.operations] == [
        "Maturity Date",
        "Lender Consent",
        "Redemption Price",
    ]
    assert parsed.operations[1].text == LENDER_TEXT  # once, the whole filing ran together


def test_a_table_a_definition_introduces_stays_with_it_and_its_markup_goes():
    lines = remove_page_furniture(split_lines(SGML_TABLE))
    [paragraph] = split_paragraphs(lines)
    assert paragraph.text == (
        '"Redemption Price" means the price set out below for the period in which the '
        "redemption date falls: Period Price ------ ----- June 1, 2004 to May 31, 2005 "
        ".......................... $102.00 June 1, 2005 and thereafter "
        "........................... $100.00"
    )


def test_a_definition_ending_in_a_table_is_refused_rather_than_recorded_cut_short():
    with pytest.raises(ParseError, match="the definition of 'Redemption Price' ends mid-sentence"):
        read(hard_wrapped().replace(LENDER, LENDER + "\n" + SGML_TABLE))


def test_wide_table_rows_do_not_make_a_hard_wrapped_filing_look_unwrapped():
    """Rows past 100 columns end in figures; a paragraph set on one line ends a sentence."""
    rows = "\n".join(
        f"  Period {i:2d}:  June 1, {1990 + i} to May 31, {1991 + i}  ......................"
        f"  ${100 + i}.00 per share of Series B Preferred Stock  ....  {i}%"
        for i in range(30)
    )
    text = hard_wrapped().replace(LENDER, f"{LENDER}\n{rows}\n\n")
    assert min(len(row) for row in rows.splitlines()) > 110
    assert not is_unwrapped(split_lines(text))
    assert_expected(read(text))


_OPEN = (
    "holders of a majority of the outstanding shares of Series B Preferred Stock\n"
    "by written notice to the Corporation given not later than thirty days before\n"
)
_GOES_ON = (
    "Series B Preferred Stock by written notice to the Corporation given not later\n"
    "than thirty days before\n"
)


@pytest.mark.parametrize(
    "furniture",
    [
        "\n<PAGE>\n\n                                    -2-\n\n",
        "\n\f\n",
        "\n<PAGE>\n\nRavenmoor Instruments, Inc.\n\n",
        "\n<PAGE>\n\nRavenmoor Instruments, Inc.\n                 Page 2 of 5\n\n",
    ],
)
def test_a_sentence_cut_by_a_page_break_goes_on_with_a_capital(furniture):
    text = hard_wrapped().replace(
        _OPEN, f"holders of a majority of the outstanding shares of\n{furniture}{_GOES_ON}"
    )
    assert text != hard_wrapped()
    assert_expected(read(text))


def test_a_short_capitalised_line_after_a_header_is_not_taken_for_the_sentence_going_on():
    """Header, page number, then a short line: the reader cannot tell; it refuses."""
    text = hard_wrapped().replace(
        _OPEN,
        "holders of a majority of the outstanding shares of\n\n<PAGE>\n\n"
        "Ravenmoor Instruments, Inc.\n                 Page 2 of 5\n\nSeries B Preferred Stock\n"
        "by written notice to the Corporation given not later than thirty days before\n",
    )
    with pytest.raises(ParseError, match="'Maturity Date' ends mid-sentence"):
        read(text)


def _in_pre(text: str) -> str:
    """A plain-text filing wrapped in HTML, as EDGAR converted many: <PRE> keeps its lines."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return f"<HTML>\n<BODY>\n<PRE>\n{escaped}</PRE>\n</BODY>\n</HTML>\n"


def test_a_text_filing_inside_pre_reads_as_the_text_it_is():
    document = parse_document(_in_pre(hard_wrapped()).encode(), "ravenmoor.htm")
    assert_expected(document.certificates[0])
    lines = html_lines(_in_pre(hard_wrapped()))
    assert lines[0] == Line(4, "                         CERTIFICATE OF AMENDMENT")


def test_a_page_marker_tag_inside_pre_is_a_page_break():
    text = hard_wrapped().replace(
        _CUT, "outstanding shares\n\n                    -2-\n\x00of Series B Preferred Stock\n"
    )
    html = _in_pre(text).replace("\x00", "<PAGE>\n")
    assert "<PAGE>" in html
    assert_expected(read(html.encode(), "ravenmoor.htm"))


def test_soft_hyphens_in_cp1252_text_leave_no_trace_in_a_definition():
    text = hard_wrapped().replace("administrative agent\n", "adminis\xad\ntrative agent\n")
    text = text.replace("Senior Credit Facility to", "Senior Cre\xaddit Facility to")
    data = text.encode("cp1252")
    assert b"adminis\xad\ntrative" in data
    assert_expected(read(data))


@pytest.mark.parametrize(
    ("furniture", "goes_on"),
    [
        ("\n\nRavenmoor Instruments - Certificate of Amendment\n\n<PAGE>\n\n", _GOES_ON),
        ("\n\nRavenmoor Instruments - Certificate of Amendment\n\f\n", _GOES_ON),
        (
            "\n\nCertificate of Amendment\n\n                 Page 1 of 2\n<PAGE>\n\n",
            "by written notice to the Corporation given not later than thirty days before\n",
        ),
    ],
)
def test_a_footer_seen_once_above_the_page_break_does_not_pollute_the_definition(
    furniture, goes_on
):
    before = "holders of a majority of the outstanding shares of Series B Preferred Stock"
    if goes_on == _GOES_ON:
        before = "holders of a majority of the outstanding shares of"
    text = hard_wrapped().replace(_OPEN, f"{before}{furniture}{goes_on}")
    assert text != hard_wrapped()
    assert_expected(read(text))
