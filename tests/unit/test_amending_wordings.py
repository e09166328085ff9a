"""The wordings real amendments use (EDGAR certificates of designation and credit agreement
amendments), each read to its exact target(s) and the text that results.

Every fixture is written by us in the style of those filings. A sentence that amends a
definition in a way the grammar does not read is flagged with its line, never skipped.
"""

from __future__ import annotations

import pytest

from ledger.domain.edits import apply_edit
from ledger.errors import ParseError
from ledger.parsing import parse_document
from ledger.statements import ParsedCertificate, ParsedOperation

_HEAD = (
    "                 CERTIFICATE OF AMENDMENT OF THE CERTIFICATE OF\n"
    "            DESIGNATION OF SERIES D CONVERTIBLE PREFERRED STOCK\n\n"
    '     Tallgrass Relay Networks, Inc., a Delaware corporation (the "Corporation"),\n'
    "hereby certifies that the Board of Directors by unanimous written consent dated\n"
    "March 1, 1999 adopted the following resolution:\n\n"
)
_CLOSING = """
     IN WITNESS WHEREOF, the Corporation has caused this Certificate of Amendment to
be executed by its Secretary this 12th day of March, 1999.

                                   By: /s/ Ruth A. Calloway
                                   Name:  Ruth A. Calloway
                                   Title: Secretary
"""
_FIRST_LINE = 8  # the resolution's first line in every document below
_PRICE = '"Conversion Price" means $8.40 per share of Common Stock, as adjusted.'
_NEW_PRICE = '"Conversion Price" means $7.90 per share.'


def _read(body: str, *, accept_partial: bool = False) -> ParsedCertificate:
    text = _HEAD + body + "\n" + _CLOSING
    return parse_document(text.encode(), "doc.txt", accept_partial=accept_partial).certificates[0]


def _ops(body: str) -> list[tuple[str, str, str | None]]:
    parsed = _read(body)
    assert parsed.uninterpreted == []
    return [(op.instruction, op.term, op.text) for op in parsed.operations]


def _edited(op: ParsedOperation, text: str) -> str | None:
    assert op.edit is not None
    return apply_edit(text, op.edit, op.old_words or "", op.new_words or "")


@pytest.mark.parametrize(
    "sentence",
    [
        'by deleting the words "$8.40" and substituting therefor the words "$7.90".',
        'by deleting the words "$8.40" and inserting in lieu thereof the words "$7.90".',
        'by inserting the words "$7.90" in place of the words "$8.40".',
        'by deleting the word "$8.40" where it appears therein and substituting "$7.90" therefor.',
    ],
)
def test_word_substitutions_in_their_common_wordings(sentence: str):
    parsed = _read(
        '     RESOLVED, that the definition of "Conversion Price" in Section 1 is hereby\n'
        f"amended {sentence}\n"
    )
    [op] = parsed.operations
    assert (op.instruction, op.term, op.edit, op.old_words, op.new_words) == (
        "edit",
        "Conversion Price",
        "substitute",
        "$8.40",
        "$7.90",
    )
    assert _edited(op, _PRICE) == (
        '"Conversion Price" means $7.90 per share of Common Stock, as adjusted.'
    )


def test_shall_be_amended_by_striking_words_and_inserting_in_lieu_thereof():
    [op] = _read(
        '     RESOLVED, that the definition of "Conversion Price" shall be amended by\n'
        'striking the words "per share of Common Stock" and inserting in lieu thereof the\n'
        'words "per share of Class A Common Stock".\n'
    ).operations
    assert (op.term, op.edit, op.old_words, op.new_words) == (
        "Conversion Price",
        "substitute",
        "per share of Common Stock",
        "per share of Class A Common Stock",
    )
    assert _edited(op, _PRICE) == (
        '"Conversion Price" means $8.40 per share of Class A Common Stock, as adjusted.'
    )


def test_striking_a_definition_deletes_it():
    assert _ops(
        "     RESOLVED, that Section 1 is hereby amended by striking the definition of\n"
        '"Senior Notes" in its entirety.\n'
    ) == [("delete", "Senior Notes", None)]


def test_a_new_definition_in_the_appropriate_alphabetical_order_is_added():
    assert _ops(
        "     RESOLVED, that Section 1 of the Certificate of Designation is hereby amended by\n"
        "adding the following new definition in the appropriate alphabetical order:\n\n"
        '     "Trading Day" means a day on which the New York Stock Exchange is open.\n'
    ) == [
        (
            "add",
            "Trading Day",
            '"Trading Day" means a day on which the New York Stock Exchange is open.',
        )
    ]


@pytest.mark.parametrize(
    "instruction",
    [
        "is hereby deleted in its entirety and the following substituted therefor:",
        (
            "is hereby deleted in its entirety and, in lieu thereof, there is substituted the\n"
            "following:"
        ),
        "is amended to read in its entirety as follows:",
        "is hereby modified in its entirety to read as follows:",
        "is hereby amended and restated in its entirety to read as follows:",
    ],
)
def test_a_definition_replaced_in_its_entirety(instruction: str):
    assert _ops(
        f'     RESOLVED, that the definition of "Conversion Price" {instruction}\n\n'
        f"     {_NEW_PRICE}\n"
    ) == [("restate", "Conversion Price", _NEW_PRICE)]


def test_a_definition_replaced_by_another_term_is_refused_with_its_line():
    with pytest.raises(ParseError) as refused:
        _read(
            '     RESOLVED, that the definition of "Conversion Price" is hereby deleted in its\n'
            "entirety and the following substituted therefor:\n\n"
            '     "Exercise Price" means $7.90 per share.\n'
        )
    assert refused.value.line == 11


def test_renumbering_clauses_changes_no_definition():
    parsed = _read(
        "     RESOLVED, that clauses (d) and (e) of Section 1 are hereby renumbered as clauses\n"
        "(e) and (f), respectively.\n"
    )
    assert (parsed.operations, parsed.uninterpreted) == ([], [])


def test_renumbering_combined_with_another_action_is_flagged():
    with pytest.raises(ParseError) as refused:
        _read(
            "     RESOLVED, that Section 1 is hereby amended by renumbering clause (d) as\n"
            "clause (e) and by adding a new clause (d) reading as set forth in Annex A.\n"
        )
    assert refused.value.line == _FIRST_LINE
    assert "a renumbering combined with another action" in str(refused.value)


def test_two_actions_in_one_sentence_a_deletion_and_an_addition():
    assert _ops(
        '     RESOLVED, that Section 1 is hereby amended by deleting the definition of "Senior\n'
        'Notes" in its entirety and by adding the following new definition in the\n'
        "appropriate alphabetical order:\n\n"
        '     "Senior Debt" means all indebtedness for borrowed money.\n'
    ) == [
        ("delete", "Senior Notes", None),
        ("add", "Senior Debt", '"Senior Debt" means all indebtedness for borrowed money.'),
    ]


def test_two_actions_in_one_sentence_a_substitution_and_a_deletion():
    parsed = _read(
        '     RESOLVED, that the definition of "Conversion Price" is hereby amended by\n'
        'deleting the words "$8.40" and substituting therefor the words "$7.90", and the\n'
        'definition of "Trading Day" is hereby deleted in its entirety.\n'
    )
    assert [(op.instruction, op.term, op.old_words, op.new_words) for op in parsed.operations] == [
        ("delete", "Trading Day", None, None),
        ("edit", "Conversion Price", "$8.40", "$7.90"),
    ]


def test_definitions_deleted_and_substituted_therefor():
    assert _ops(
        '     RESOLVED, that Section 1 is hereby amended by deleting the definitions of "Senior\n'
        'Notes" and "Conversion Price" in their entirety and substituting the following\n'
        "therefor:\n\n"
        f"     {_NEW_PRICE}\n\n"
        '     "Senior Debt" means all indebtedness for borrowed money.\n'
    ) == [
        ("delete", "Senior Notes", None),
        ("restate", "Conversion Price", _NEW_PRICE),
        (
            "amend_as_follows",
            "Senior Debt",
            '"Senior Debt" means all indebtedness for borrowed money.',
        ),
    ]


def test_the_following_definitions_restated_leave_the_rest_of_the_section_alone():
    parsed = _read(
        "     RESOLVED, that the following definitions in Section 1 are hereby amended and\n"
        "restated in their entirety to read as follows:\n\n"
        f"     {_NEW_PRICE}\n"
    )
    # Each definition replaces its own: not a restatement of Section 1 (which would delete
    # every definition not listed).
    assert [(op.instruction, op.term) for op in parsed.operations] == [
        ("restate", "Conversion Price")
    ]
    assert (parsed.restates, parsed.restated_section) == (None, None)


def test_words_added_at_the_end_of_a_definition():
    [op] = _read(
        '     RESOLVED, that the definition of "Conversion Price" in Section 1 be amended by\n'
        'adding at the end thereof the following: "The Conversion Price shall never be\n'
        'less than $1.00."\n'
    ).operations
    assert (op.term, op.edit, op.old_words, op.new_words) == (
        "Conversion Price",
        "append",
        "",
        "The Conversion Price shall never be less than $1.00.",
    )
    assert _edited(op, _PRICE) == (
        '"Conversion Price" means $8.40 per share of Common Stock, as adjusted. The '
        "Conversion Price shall never be less than $1.00."
    )


def test_words_added_at_the_end_given_as_the_next_paragraph():
    [op] = _read(
        '     RESOLVED, that the definition of "Conversion Price" is hereby amended by adding\n'
        "the following sentence at the end thereof:\n\n"
        '     "The Conversion Price shall never be less than $1.00."\n'
    ).operations
    assert (op.term, op.edit, op.new_words) == (
        "Conversion Price",
        "append",
        "The Conversion Price shall never be less than $1.00.",
    )


def test_words_appended_that_do_not_start_a_sentence_are_flagged():
    with pytest.raises(ParseError) as refused:
        _read(
            '     RESOLVED, that the definition of "Conversion Price" is hereby amended by\n'
            'adding at the end thereof the words ", as amended from time to time".\n'
        )
    assert refused.value.line == _FIRST_LINE
    assert "do not start a sentence" in str(refused.value)


def test_a_lettered_clause_restated_is_the_definition_its_new_text_states():
    assert _ops(
        "     RESOLVED, that Section 1 is amended by amending and restating clause (a) to read\n"
        "in its entirety as follows:\n\n"
        f"     (a) {_NEW_PRICE}\n"
    ) == [("restate", "Conversion Price", _NEW_PRICE)]


def test_a_lettered_clause_restated_by_a_clause_of_another_letter_is_refused():
    with pytest.raises(ParseError) as refused:
        _read(
            "     RESOLVED, that Section 1 is amended by amending and restating clause (a) to\n"
            "read in its entirety as follows:\n\n"
            f"     (b) {_NEW_PRICE}\n"
        )
    assert refused.value.line == 11
    assert "the restated clause (a) is followed by a definition that is not that clause" in str(
        refused.value
    )


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (
            # a part of a definition: where the phrase goes is not exact enough to record
            (
                '     RESOLVED, that Section 1 is amended by amending the definition of "Debt"\n'
                'therein by adding at the end of clause (i) thereof the following phrase: "and\n'
                'Capital Leases".\n'
            ),
            _FIRST_LINE,
        ),
        (
            # a blackline in an annex: the words changed are not in the text at all
            (
                "     RESOLVED, that the Certificate of Designation is hereby amended to delete\n"
                "the stricken text and to add the double-underlined text as set forth in\n"
                "Annex A.\n"
            ),
            _FIRST_LINE,
        ),
    ],
)
def test_amending_sentences_the_grammar_does_not_read_are_flagged_with_their_line(
    body: str, line: int
):
    with pytest.raises(ParseError) as refused:
        _read(body)
    assert refused.value.line == line
    partial = _read(body, accept_partial=True)
    assert partial.operations == []
    assert [s.span.first_line for s in partial.uninterpreted] == [line]


def test_a_deletion_without_in_its_entirety_next_to_a_word_substitution():
    parsed = _read(
        "     RESOLVED, that paragraph 2 of the Certificate of Designation is hereby amended\n"
        '(a) by deleting the definition of "Dividend Period" and (b) by deleting the words\n'
        '"$8.40" from the definition of "Conversion Price" and substituting therefor the words\n'
        '"$7.90".\n'
    )
    assert [(op.instruction, op.term, op.old_words, op.new_words) for op in parsed.operations] == [
        ("delete", "Dividend Period", None, None),
        ("edit", "Conversion Price", "$8.40", "$7.90"),
    ]


def test_a_sentence_with_one_action_read_and_another_not_is_refused_whole():
    body = (
        '     RESOLVED, that the definition of "Conversion Price" is hereby amended by deleting\n'
        'the words "$8.40" and substituting therefor the words "$7.90" and by adding a new\n'
        "clause (iv) as set forth in Annex A.\n"
    )
    with pytest.raises(ParseError) as refused:
        _read(body)
    assert refused.value.line == _FIRST_LINE
    assert "the action 'adding' in it is not read" in str(refused.value)
    # Under --accept-partial the substitution is not recorded alone: the sentence is reviewed.
    partial = _read(body, accept_partial=True)
    assert partial.operations == []
    assert [s.span.first_line for s in partial.uninterpreted] == [_FIRST_LINE]


def test_a_restated_lettered_subsection_that_is_a_definition_replaces_it():
    assert _ops(
        "     RESOLVED, that Subsection (c) of Section 10 of the Certificate of Designation is\n"
        "hereby amended and restated in its entirety to read as follows:\n\n"
        f'     "(c) {_NEW_PRICE}"\n'
    ) == [("restate", "Conversion Price", _NEW_PRICE)]


def test_a_definition_inside_a_restated_sentence_of_a_section_is_refused():
    with pytest.raises(ParseError) as refused:
        _read(
            "     RESOLVED, that the first sentence of Section 4(a) of the Certificate of\n"
            "Designation is hereby amended and restated in its entirety to read as follows:\n\n"
            f"     {_NEW_PRICE}\n"
        )
    assert refused.value.line == 11
    assert "a definition inside a restated part of a section" in str(refused.value)


def test_a_definition_after_a_renumbering_follows_no_instruction():
    with pytest.raises(ParseError) as refused:
        _read(
            "     RESOLVED, that Section 1 of the Certificate of Designation is hereby amended\n"
            "as follows:\n\n"
            f"     {_NEW_PRICE}\n\n"
            "     FURTHER RESOLVED, that Section 5 is hereby renumbered as Section 6, and a new\n"
            "Section 5 is added to read as follows:\n\n"
            '     "Redemption Date" means June 30, 2003.\n'
        )
    assert refused.value.line == 16
    assert "follows no amending instruction" in str(refused.value)


def test_a_definition_deleted_where_it_stands_and_in_lieu_thereof_the_following_inserted():
    assert _ops(
        "     FIRST: The charter of the Corporation is hereby amended by deleting the definition\n"
        'of "Conversion Price" in paragraph (2) of the Articles Supplementary classifying the\n'
        "Series D Preferred Stock and inserting in lieu thereof the following:\n\n"
        f"     {_NEW_PRICE}\n"
    ) == [("restate", "Conversion Price", _NEW_PRICE)]


def test_a_paragraph_amended_to_read_in_its_entirety_restates_its_definitions():
    parsed = _read(
        "     RESOLVED, that paragraph 4 of Part B of Article FOURTH of the Certificate of\n"
        "Designation be amended to read in its entirety as follows:\n\n"
        '     "4. Definitions. As used in this Part B:\n\n'
        f'          (a) {_NEW_PRICE}"\n'
    )
    assert [(op.instruction, op.term, op.text) for op in parsed.operations] == [
        ("restate_all", "Conversion Price", _NEW_PRICE)
    ]
    assert (parsed.restates, parsed.restated_section) == (
        "section",
        "paragraph 4 of Part B of Article FOURTH",
    )


_ACTIONS_READ = [
    'by deleting the words "$8.40" and substituting therefor the words "$7.90"',
    'by striking the words "$8.40" and inserting in lieu thereof the words "$7.90"',
    'by inserting the words "$7.90" in place of the words "$8.40"',
    'by inserting the words ", as adjusted" immediately after the words "$8.40"',
    'by deleting the words "as adjusted"',
    'by deleting the definition of "Senior Notes" in its entirety',
    'by striking the definition of "Senior Notes"',
    'by renaming the defined term "Senior Notes" as "Notes"',
]
_ACTIONS_NOT_READ = [
    "and by adding a new clause (iv) as set forth in Annex A",
    "and by replacing the proviso thereof with the proviso set forth in Exhibit B",
    "and by inserting a new sentence at the end of clause (ii) thereof",
    "and by restating the last sentence of Section 4(b) as set forth in Annex A",
    "and by eliminating the proviso at the end thereof",
]


@pytest.mark.parametrize("action", _ACTIONS_READ)
@pytest.mark.parametrize("unread", _ACTIONS_NOT_READ)
def test_an_action_read_next_to_one_not_read_records_neither(action: str, unread: str):
    # A confident partial reading is the worst outcome: the sentence is refused with its line,
    # and under --accept-partial nothing of it is recorded, the whole sentence is reviewed.
    body = (
        '     RESOLVED, that the definition of "Conversion Price" in Section 1 is hereby\n'
        f"amended {action} {unread}.\n"
    )
    with pytest.raises(ParseError) as refused:
        _read(body)
    assert refused.value.line == _FIRST_LINE
    partial = _read(body, accept_partial=True)
    assert partial.operations == []
    assert [s.span.first_line for s in partial.uninterpreted] == [_FIRST_LINE]


@pytest.mark.parametrize("action", _ACTIONS_READ)
def test_each_action_alone_is_read(action: str):
    parsed = _read(
        '     RESOLVED, that the definition of "Conversion Price" in Section 1 is hereby\n'
        f"amended {action}.\n"
    )
    assert len(parsed.operations) == 1
    assert parsed.uninterpreted == []


@pytest.mark.parametrize(
    "sentence",
    [
        (
            "Section 1 is hereby amended by deleting the following definitions in their\n"
            'entirety: "Senior Notes", "Indenture" and "Trading Day".'
        ),
        (
            "Section 1 is hereby amended by deleting the following definitions in their\n"
            'entirety:\n\n     "Senior Notes", "Indenture" and "Trading Day".'
        ),
        (
            'The following definitions in Section 1 are hereby deleted: "Senior Notes",\n'
            '"Indenture" and "Trading Day".'
        ),
    ],
)
def test_the_following_definitions_deleted_as_a_list(sentence: str):
    assert _ops(f"     RESOLVED, that {sentence}\n") == [
        ("delete", "Senior Notes", None),
        ("delete", "Indenture", None),
        ("delete", "Trading Day", None),
    ]


def test_the_following_definitions_deleted_with_no_list_after_it_is_refused():
    with pytest.raises(ParseError) as refused:
        _read(
            "     RESOLVED, that the following definitions in Section 1 are hereby deleted:\n\n"
            '     "Senior Notes" means the 9% Senior Notes due 2008.\n'
        )
    assert refused.value.line == _FIRST_LINE
    assert "the definitions to delete are not listed after it" in str(refused.value)


def test_an_unquoted_term_in_a_lettered_list_is_a_definition():
    parsed = _read(
        "     RESOLVED, that Section 1 of the Certificate of Designation is hereby amended as\n"
        "follows:\n\n"
        "          (b) Junior Stock shall mean the Common Stock and any other class of stock\n"
        "     ranking junior to the Series D Preferred Stock.\n\n"
        "          (d) Parity Stock, as used herein, shall mean the Series C Preferred Stock.\n"
    )
    assert [(op.instruction, op.term, op.text) for op in parsed.operations] == [
        (
            "amend_as_follows",
            "Junior Stock",
            (
                "Junior Stock shall mean the Common Stock and any other class of stock ranking "
                "junior to the Series D Preferred Stock."
            ),
        ),
        (
            "amend_as_follows",
            "Parity Stock",
            "Parity Stock, as used herein, shall mean the Series C Preferred Stock.",
        ),
    ]


def test_the_division_of_corporations_form_changing_the_article_numbered():
    parsed = _read(
        "     RESOLVED, that the Certificate of Designation be amended by changing the Section\n"
        'thereof numbered "1" so that, as amended, said Section shall be and read as follows:\n\n'
        '     "1. Definitions. As used herein:\n\n'
        f'          (a) {_NEW_PRICE}"\n'
    )
    assert [(op.instruction, op.term, op.text) for op in parsed.operations] == [
        ("restate_all", "Conversion Price", _NEW_PRICE)
    ]
    assert (parsed.restates, parsed.restated_section) == ("section", "Section 1")


def test_a_restated_clause_of_a_definition_named_with_its_section_is_refused():
    # Which words of the definition the new clause replaces is not stated exactly: refused
    # with its line, never recorded as a restatement of the whole definition nor skipped.
    body = (
        '     RESOLVED, that clause (b) of the definition of "Change of Control" in Section 1 of\n'
        "the Certificate of Designations is hereby amended and restated in its entirety to read\n"
        "as follows:\n\n"
        '          "(b) a merger in which the stockholders hold less than a majority, or"\n'
    )
    with pytest.raises(ParseError) as refused:
        _read(body)
    assert refused.value.line == _FIRST_LINE
    assert _read(body, accept_partial=True).operations == []


def test_a_restated_definition_that_does_not_follow_its_instruction_is_refused():
    with pytest.raises(ParseError) as refused:
        _read(
            '     RESOLVED, that the definition of "Conversion Price" is hereby amended and\n'
            "restated in its entirety to read as follows:\n\n"
            "     The conversion price shall be $7.90 per share.\n"
        )
    assert refused.value.line == _FIRST_LINE
    assert "the restated definition of 'Conversion Price' does not follow it" in str(refused.value)
