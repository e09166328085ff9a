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


def test_a_correction_appears_in_the_chronology_with_its_reason(ledger):
    from ledger.domain.identity import instrument_stream  # noqa: PLC0415
    from ledger.events import Correction, ExecutionRecorded  # noqa: PLC0415

    ledger.ingest(SEED)
    stream = instrument_stream("kmc-telecom-holdings-series-e")
    [execution] = [e for e in ledger._stream(stream) if isinstance(e, ExecutionRecorded)]
    version = len(ledger._stream(stream)) + 1
    fixed = ExecutionRecorded(
        originator_id=stream,
        originator_version=version,
        certificate_id=execution.certificate_id,
        officer="William H. Stewart",
        officer_title="Chief Financial Officer",
        executed_on=date(2000, 7, 1),
        correction=Correction(
            supersedes=[execution.originator_version],
            reason="the conformed copy is dated 1 July",
            source="user",
            user="auditor",
        ),
    )
    [entry] = ledger._save([fixed], conflict="test")

    [kmc] = ledger.audit("kmc").instruments
    first = next(e.position for e in ledger.log() if e.event_type == "ExecutionRecorded")

    [correction] = [e for e in kmc.chronology if e.kind == "correction"]
    assert correction.description == (
        f"ExecutionRecorded #{first} superseded by ExecutionRecorded "
        f"#{entry.position}, corrected by a user (auditor): the conformed copy is dated 1 July"
    )
    assert kmc.certificates[0].execution is not None
    assert kmc.certificates[0].execution.executed_on == date(2000, 7, 1)
