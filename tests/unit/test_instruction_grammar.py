"""The grammar of operative instructions: target, action and scope of each sentence."""

from __future__ import annotations

import pytest

from ledger.parsing.instructions import Instruction, read_instruction


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            (
                "RESOLVED, that the first sentence of Section 4(a) of the Certificate of "
                "Designation is hereby amended and restated in its entirety to read as follows:"
            ),
            Instruction("part", "restate", "Section 4(a)", ()),
        ),
        (
            (
                "RESOLVED, that Section 2 of the Certificate of Designations of Series G-1 Voting "
                'Convertible Preferred Stock, as amended (the "Series G-1 Certificate"), is hereby '
                'amended by deleting the definition of "Tessaly Lease" in its entirety.'
            ),
            Instruction("section", "amend_by", "Section 2", ()),
        ),
        (
            "1. Section 1 is amended as follows:",
            Instruction("section", "amend_as_follows", "Section 1", ()),
        ),
        (
            (
                "IT IS RESOLVED, that Section 1.2 of Article 1 of the Company's Certificate of "
                "Designations is hereby amended and restated in its entirety to read as follows:"
            ),
            Instruction("section", "restate", "Section 1.2 of Article 1", ()),
        ),
        (
            (
                "RESOLVED, that paragraph 2 of the Certificate of Designation of Preferred Stock, "
                "$6.875 Series, of the Company, as heretofore amended, is hereby amended and "
                "restated in its entirety to read as follows:"
            ),
            Instruction("section", "restate", "paragraph 2", ()),
        ),
        (
            (
                'the definition of "Conversion Price" in Section 1 of the Certificate of '
                "Designation, as set forth in the Certificate of Amendment, is corrected to read "
                "as follows:"
            ),
            Instruction("definition", "correct", "Section 1", ("Conversion Price",)),
        ),
        (
            'The definitions of "Voting Trigger" and "Applicable Rate" are hereby deleted.',
            Instruction("definitions", "delete", None, ("Voting Trigger", "Applicable Rate")),
        ),
        (
            (
                'The first sentence of the definition of "Record Date" is hereby amended and '
                "restated in its entirety to read as follows:"
            ),
            Instruction("part_of_definition", "restate", None, ("Record Date",)),
        ),
        (
            (
                'IT IS RESOLVED, that the definition of "Liquidation Event" in Article 2 of the '
                "Certificate of Designations be amended by adding at the end thereof the "
                'following: "A sale of the assets shall be a Liquidation Event."'
            ),
            Instruction("definition", "append", "Article 2", ("Liquidation Event",)),
        ),
        (
            (
                "Section 2 of Exhibit A is amended by amending and restating clause (a) to read "
                "in its entirety as follows:"
            ),
            Instruction("section", "restate_clause", "Section 2 of Exhibit A", (), "a"),
        ),
        (
            (
                'RESOLVED, that the definition of "Conversion Price" is hereby deleted in its '
                "entirety and, in lieu thereof, there is substituted the following:"
            ),
            Instruction("definition", "substitute_whole", None, ("Conversion Price",)),
        ),
        (
            (
                "The following definitions in Section 1.01 are hereby amended and restated in "
                "their entirety to read as follows:"
            ),
            Instruction("following_definitions", "restate", "Section 1.01", ()),
        ),
        (
            'The definition of "Conversion Price" is amended to read in its entirety as follows:',
            Instruction("definition", "amend_as_follows", None, ("Conversion Price",)),
        ),
        (
            "Clauses (d) and (e) of Section 1 are hereby renumbered as clauses (e) and (f).",
            Instruction("section", "renumber", "Section 1", ()),
        ),
        (
            # "at the end of clause (i)" is a part of a definition: neither append nor amend_by
            (
                'The definition of "Debt" is amended by adding at the end of clause (i) thereof '
                'the following phrase: "and Capital Leases".'
            ),
            None,
        ),
    ],
)
def test_the_grammar_reads_target_action_and_scope(sentence: str, expected: Instruction | None):
    assert read_instruction(sentence) == expected


def test_a_sentence_that_states_no_instruction_is_not_read():
    assert read_instruction("Except as amended hereby, the Certificate remains in effect.") is None
