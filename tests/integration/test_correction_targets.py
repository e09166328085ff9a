"""A certificate of correction finds the certificate it corrects, and its new text applies.

corvantis-net/05 names the corrected certificate only by the date it was filed, which no
certificate states about itself; larkspur-data/04 replaces a whole resolution (the one that
deleted a definition) with one that restates it. Both run on every backend.
"""

from __future__ import annotations

from datetime import date

from ledger import Ledger
from tests.paths import CORPUS

CORVANTIS = CORPUS / "corvantis-net"
LARKSPUR = CORPUS / "larkspur-data"
CN = "corvantis-net-series-a"
LD = "larkspur-data-systems-series-b"


def test_a_correction_naming_only_a_filing_date_corrects_the_one_certificate_filed_then(
    ledger: Ledger,
):
    ledger.ingest_files(sorted(CORVANTIS.glob("0[1-5]-*.txt")))
    answer = ledger.show("Exempt Person", as_of=date(2002, 10, 1), instrument=CN)
    assert answer.text is not None
    assert answer.text.startswith('"Exempt Person" has the meaning set forth in Section 1(m)')
    assert answer.in_force_from == date(2002, 10, 1)  # the corrected certificate's filing
    assert answer.authority is not None
    assert answer.authority.kind == "correction"


def test_a_correction_ingested_before_the_certificate_it_corrects_waits_for_it(ledger: Ledger):
    # Without the amendment of 2002-09-30, no recorded certificate can be the filing of
    # 2002-10-01 that touched "Exempt Person": the correction is recorded as of the date it
    # names (an assumption, said so) and finds its certificate when that is ingested; the
    # answers are then those of the date order (i7-order: any order of ingest).
    ledger.ingest_files(sorted(CORVANTIS.glob("0[1-3]-*.txt")))
    ledger.ingest_files([CORVANTIS / "05-correction-2002-10-14.txt"])
    waiting = ledger.show("Exempt Person", as_of=date(2002, 10, 1), instrument=CN)
    assert (waiting.in_force_from, waiting.assumed) == (date(2002, 10, 1), True)
    assert waiting.effective_basis == "corrected_certificate_date_assumed"
    ledger.ingest_files([CORVANTIS / "04-amendment-2002-09-30.txt"])
    answer = ledger.show("Exempt Person", as_of=date(2002, 10, 1), instrument=CN)
    assert answer.text is not None
    assert answer.text.startswith('"Exempt Person" has the meaning set forth in Section 1(m)')
    assert (answer.in_force_from, answer.assumed) == (date(2002, 10, 1), False)
    assert answer.authority is not None
    assert answer.authority.kind == "correction"


def test_a_correction_replacing_a_deleting_resolution_restores_the_restated_definition(
    ledger: Ledger,
):
    ledger.ingest_files(sorted(LARKSPUR.glob("0[1-4]-*.htm")))
    before = ledger.show("Note Purchase Agreement", as_of=date(2009, 10, 20), instrument=LD)
    after = ledger.show("Note Purchase Agreement", as_of=date(2009, 10, 21), instrument=LD)
    assert before.text is not None
    assert "dated as of February 28, 2007" in before.text
    assert after.text is not None
    assert after.text.endswith(
        "the Amended and Restated Note Purchase Agreement dated as of September 30, 2009 "
        "between the Company and Kestrel Capital Funding, Inc., a Delaware corporation, as "
        "amended from time to time."
    )
    # The recital of the corrected amendment's filing dates that amendment, not the original.
    liquidation = ledger.show("Liquidation Event", as_of=date(2009, 10, 21), instrument=LD)
    assert liquidation.text is not None
    assert liquidation.text.endswith(
        "A sale of all or substantially all of the assets of the Company shall be deemed a "
        "Liquidation Event."
    )
    original = ledger.show("Affiliate", as_of=date(2007, 3, 15), instrument=LD)
    assert original.status == "in_force"
