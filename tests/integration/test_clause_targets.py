"""An edit aimed at a lettered clause of the definitions ("... in clause (b)") is recorded
against a definition only when the words and the clause's place both say which one it is."""

from __future__ import annotations

from datetime import date

import pytest

from ledger import Ledger, LedgerError
from tests.paths import CORPUS

SABLEWOOD = CORPUS / "sablewood-minerals"
AMENDMENT = SABLEWOOD / "04-amendment-2006-07-05.txt"
SM = "sablewood-minerals-series-a-1"


def test_clause_b_next_to_the_definition_in_clause_c_is_the_royalty_agreement(ledger: Ledger):
    ledger.ingest_files([SABLEWOOD / "01-designation-2004-05-24.txt", AMENDMENT])
    answer = ledger.show("Royalty Agreement", as_of=date(2006, 7, 5), instrument=SM)
    assert answer.text == (
        '"Royalty Agreement" means the Net Smelter Return Royalty Agreement, dated as of April '
        "30, 2004, between the Corporation and Pinion Gulch Mining Company, a Nevada "
        "corporation, or any successor agreement."
    )
    deleted = ledger.show("Qualified Listing", as_of=date(2006, 7, 5), instrument=SM)
    assert deleted.status == "deleted"


def test_a_clause_letter_that_does_not_match_where_the_words_are_is_refused(ledger: Ledger):
    ledger.ingest_files([SABLEWOOD / "01-designation-2004-05-24.txt"])
    # The words are in "Royalty Agreement", clause (b); the text says clause (a).
    text = AMENDMENT.read_bytes().replace(b"in clause (b)", b"in clause (a)")
    with pytest.raises(LedgerError) as refused:
        ledger.ingest_bytes(text, name="04-amendment-clause-a.txt")
    assert (
        "the edit targets clause (a), which the ledger cannot tell for certain: the words are "
        "in 'Royalty Agreement', but 'Royalty Agreement' does not stand where clause (a) "
        "stands against clause (c) ('Qualified Listing')"
    ) in str(refused.value)
    assert ledger.show("Qualified Listing", as_of=date(2006, 7, 5), instrument=SM).status == (
        "in_force"
    )
