"""The parser on filing quirks and on inputs it must refuse."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.errors import ParseError
from ledger.parsing import parse_document
from tests.paths import HARBOR_ORIGINAL, HARBOR_SECOND, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def parse(text: str, encoding: str = "utf-8"):
    return parse_document(text.encode(encoding), "doc.txt").certificates[0]


def test_curly_quotes_around_terms_are_recognised():
    text = SEED_TEXT.replace('"Newcourt Finance"', "\u201cNewcourt Finance\u201d")
    newcourt = parse(text).operations[1]
    assert newcourt.term == "Newcourt Finance"
    assert newcourt.text.startswith("\u201cNewcourt Finance\u201d means CIT Lending")


def test_cp1252_bytes_are_decoded_and_reported_as_cp1252():
    document = parse_document(HARBOR_SECOND.read_bytes(), HARBOR_SECOND.name)
    assert document.encoding == "cp1252"
    conversion = document.certificates[0].operations[1]
    assert "\u2013 including any weighted-average adjustment required by \u00a74(b)" in (
        conversion.text or ""
    )


def test_a_page_marker_inside_a_definition_does_not_split_it():
    text = SEED_TEXT.replace(
        "the financial  institutions  signatory thereto\n",
        "the financial  institutions\n\n<PAGE>\n\nsignatory thereto\n",
    )
    assert "<PAGE>\n\nsignatory" in text
    lucent = parse(text).operations[0]
    assert "the financial institutions signatory thereto from time to time" in (lucent.text or "")
    assert lucent.text
    assert lucent.text.endswith("modified from time to time.")


def test_an_impossible_date_is_refused_with_the_line_that_states_it():
    text = SEED_TEXT.replace("June 28,", "February 30,")
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert str(caught.value) == "doc.txt:18: impossible date 'February 30, 2000'"


def test_an_impossible_ordinal_date_is_refused_too():
    text = SEED_TEXT.replace("this 30th day\nof June, 2000", "this 31st day\nof June, 2000")
    with pytest.raises(ParseError, match=r"doc.txt:72: impossible date '31st day of June, 2000'"):
        parse(text)


def test_an_empty_file_is_refused():
    with pytest.raises(ParseError, match=r"^doc.txt: the file is empty; nothing to ingest$"):
        parse_document(b"  \n\n", "doc.txt")


def test_a_binary_file_is_refused_naming_the_offending_byte():
    with pytest.raises(ParseError, match=r"^doc.txt:2: not a text filing: control byte 0x00"):
        parse_document(b"header\n\x00\x01\x02", "doc.txt")


def test_a_text_without_an_instrument_is_refused():
    with pytest.raises(ParseError, match=r"no issuer .* recognised"):
        parse("Dear shareholders,\n\nThe meeting is adjourned.\n")


def test_a_certificate_without_definitions_is_refused():
    head = SEED_TEXT.split("1.    DEFINITIONS.")[0]
    with pytest.raises(ParseError, match=r"no definition recognised"):
        parse(head)


def test_amending_language_it_cannot_interpret_is_refused_with_its_lines():
    text = SEED_TEXT.replace(
        "1.    DEFINITIONS.  Section I is amended as follows:",
        "1.    Section IV(b) is hereby amended by striking clause (iii).\n\n"
        "2.    DEFINITIONS.  Section I is amended as follows:",
    )
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.line == 53
    assert "amending language that cannot be interpreted (line 53)" in str(caught.value)


def test_an_original_certificate_adds_every_definition_and_states_its_filing():
    original = parse_document(HARBOR_ORIGINAL.read_bytes(), HARBOR_ORIGINAL.name).certificates[0]
    assert original.kind == "original"
    assert [op.term for op in original.operations] == [
        "Business Day",
        "Conversion Price",
        "Liquidation Preference",
        "Senior Credit Facility",
        "Subsidiary",
    ]
    assert {op.instruction for op in original.operations} == {"original"}
    assert original.filing is not None
    assert original.filing.on == date(1999, 3, 12)
    # "dated as of January 22, 1999" inside a definition is not the certificate's date.
    assert original.instrument_dated is None


def test_a_later_effective_time_and_a_deletion_are_read():
    second = parse_document(HARBOR_SECOND.read_bytes(), HARBOR_SECOND.name).certificates[0]
    assert second.effective_time is not None
    assert second.effective_time.on == date(2001, 2, 15)
    assert "5:00 p.m., Eastern time" in second.effective_time.wording
    assert [(op.instruction, op.term) for op in second.operations] == [
        ("delete", "Subsidiary"),
        ("amend_as_follows", "Conversion Price"),
    ]
    [consent] = second.consents
    assert (consent.threshold.fraction, consent.threshold.wording) == ("2/3", "at least 66 2/3%")


@pytest.mark.parametrize(
    ("amount", "fraction", "at_least"),
    [
        ("a majority", "1/2", False),
        ("at least two-thirds", "2/3", True),
        ("at least 66 2/3%", "2/3", True),
        ("at least 75%", "3/4", True),
        ("not less than 60%", "3/5", True),
    ],
)
def test_holder_thresholds_become_exact_fractions(amount, fraction, at_least):
    text = SEED_TEXT.replace("at least  two-thirds", amount)
    [consent] = parse(text).consents
    assert consent.threshold.fraction == fraction
    assert consent.threshold.at_least is at_least


def test_a_definition_line_that_recurs_near_a_page_break_is_not_taken_for_a_header():
    other = (
        '      "Other Finance" means Other Lending Corporation, formerly known\n'
        "as Newcourt Commercial Finance Corporation, and its successors.\n"
    )
    text = SEED_TEXT.replace(
        "as Newcourt Commercial Finance Corporation, and its successors.\n",
        "as Newcourt Commercial Finance Corporation, and its successors.\n\n" + other,
    )
    other_definition = parse(text).operations[2]
    assert other_definition.term == "Other Finance"
    assert other_definition.text == (
        '"Other Finance" means Other Lending Corporation, formerly known as Newcourt '
        "Commercial Finance Corporation, and its successors."
    )


def test_running_headers_and_page_numbers_around_a_page_break_are_dropped():
    text = SEED_TEXT.replace(
        "the financial  institutions  signatory thereto\n",
        "the financial  institutions\n\n- 2 -\n\n<PAGE>\n\nKMC Telecom Holdings - Series E\n\n"
        "signatory thereto\n",
    ).replace("NOW, THEREFORE", "KMC Telecom Holdings - Series E\n\n            NOW, THEREFORE")
    lucent = parse(text).operations[0]
    assert "institutions signatory thereto" in (lucent.text or "")
    assert "- 2 -" not in (lucent.text or "")
    assert "Series E" not in (lucent.text or "")


def test_a_word_hyphenated_across_lines_is_rejoined_but_a_compound_keeps_its_hyphen():
    text = SEED_TEXT.replace(
        "and its successors.", "and its succes-\nsors, on a non-\nrecourse basis."
    )
    newcourt = parse(text).operations[1]
    assert (newcourt.text or "").endswith("and its successors, on a non-recourse basis.")


def test_a_definition_by_reference_to_another_document_is_recognised():
    text = SEED_TEXT.replace(
        '"Newcourt Finance" means CIT Lending',
        '"Newcourt Finance" shall have the meaning set forth in the Indenture, being CIT Lending',
    )
    newcourt = parse(text).operations[1]
    assert newcourt.term == "Newcourt Finance"
    assert (newcourt.text or "").startswith(
        '"Newcourt Finance" shall have the meaning set forth in the Indenture'
    )


@pytest.mark.parametrize(
    ("instruction", "expected"),
    [
        (
            (
                "Section I is amended by inserting the following new definition in the "
                "appropriate alphabetical order:"
            ),
            "add",
        ),
        ("The following new definition is hereby added to Section I:", "add"),
        (
            (
                'Section I is amended by deleting the definition of "Newcourt Finance" in its '
                "entirety and substituting therefor the following:"
            ),
            "restate",
        ),
    ],
)
def test_more_ways_of_introducing_a_definition_are_understood(instruction, expected):
    text = SEED_TEXT.replace("Section I is amended as follows:", instruction)
    text = text.replace('      "Lucent  Facility" means', '      "Lucent  Facility" ; see\n')
    operations = [op for op in parse(text).operations if op.term == "Newcourt Finance"]
    assert [op.instruction for op in operations] == [expected]


def test_a_definition_hereby_deleted_in_the_passive_is_a_deletion():
    text = SEED_TEXT.replace(
        "1.    DEFINITIONS.  Section I is amended as follows:",
        '1.    The definitions of "Lucent Facility" and "Newcourt Finance" contained in\n'
        "Section I are hereby deleted in their entirety.\n\n"
        "2.    DEFINITIONS.  Section I is amended as follows:",
    )
    deletions = [op.term for op in parse(text).operations if op.instruction == "delete"]
    assert deletions == ["Lucent Facility", "Newcourt Finance"]
