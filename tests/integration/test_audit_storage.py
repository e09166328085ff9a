"""A stated requirement is stored, folded and checked the same way on every backend."""

from __future__ import annotations

from datetime import date

from ledger.events import RequiredConsent, Threshold
from tests.paths import SEED

THREE_QUARTERS = Threshold(numerator=3, denominator=4, at_least=True, wording="at least 3/4")


def test_a_users_requirement_is_recorded_and_makes_the_seed_unmet(ledger):
    ledger.ingest(SEED)

    entry = ledger.record_requirement(
        "kmc",
        [RequiredConsent(class_name="Series E Preferred Stock", threshold=THREE_QUARTERS)],
        note="stated in section 9 of the 1999 original",
    )

    assert entry.event_type == "AmendmentRequirementStated"
    assert entry.summary == (
        "kmc-telecom-holdings-series-e: amending it requires the board and holders of at least "
        "3/4 of the Series E Preferred Stock (stated by a user)"
    )
    [cert] = ledger.certificates("kmc")
    assert (cert.authority.status, cert.authority.requirement_basis) == ("unmet", "user")
    answer = ledger.show("Newcourt Finance", date(2000, 7, 1))
    assert answer.authority is not None
    assert answer.authority.approval == "unmet"
    report = ledger.audit("kmc")
    assert report.summary.approvals_unmet == 1
    assert [g.kind for g in report.instruments[0].gaps][-1] == "authority"


def test_a_rebuilt_view_gives_the_same_audit(ledger):
    ledger.ingest(SEED)
    before = ledger.audit()

    ledger.rebuild_projections()

    assert ledger.audit() == before


def test_an_audit_of_a_tampered_ledger_says_where_the_chain_breaks(ledger, ledger_url):
    from tests.integration.tampering import RawStore  # noqa: PLC0415

    ledger.ingest(SEED)
    assert ledger.audit().integrity.status == "verified"
    raw = RawStore(ledger_url)
    position = raw.position_of(b"William H. Stewart")
    raw.set_state(position, raw.state(position).replace(b"Stewart", b"Stuart", 1))

    integrity = ledger.audit().integrity

    assert integrity.status == "failed"
    assert integrity.detail == (
        f"chain broken at position {position}: the stored event differs from the one recorded "
        "(changed, or rows reordered)"
    )
