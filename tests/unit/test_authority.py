"""The authority check (DGCL §242(b)): met, unmet or unknown, with exact fractions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ledger.domain.authority import check_authority
from ledger.domain.state import (
    AmendmentRequirement,
    BoardAction,
    Certificate,
    EventRef,
    HolderConsent,
)
from ledger.events import RequiredConsent, Threshold

REF = EventRef(
    topic="termledger:Test",
    originator_version=1,
    position=1,
    recorded_at=datetime(2026, 1, 1, tzinfo=UTC),
    provenance=None,
)
TWO_THIRDS = Threshold(numerator=2, denominator=3, at_least=True, wording="at least two-thirds")
MAJORITY = Threshold(numerator=1, denominator=2, at_least=False, wording="a majority")


def certificate(
    *,
    kind: str = "amendment",
    board: bool = True,
    consents: list[HolderConsent] | None = None,
) -> Certificate:
    return Certificate(
        certificate_id="acme-series-a@2000-06-30",
        kind=kind,  # type: ignore[arg-type]
        title="Certificate of Amendment",
        sequence=1,
        amended_section=None,
        event=REF,
        board=BoardAction(acted_on=date(2000, 6, 28), manner="meeting", event=REF)
        if board
        else None,
        consents=consents or [],
    )


def consent(
    threshold: Threshold,
    *,
    class_name: str = "Series A Preferred Stock",
    shares: tuple[int, int] | None = None,
) -> HolderConsent:
    return HolderConsent(
        class_name=class_name,
        threshold=threshold,
        separate_class=True,
        event=REF,
        shares_consenting=shares[0] if shares else None,
        shares_outstanding=shares[1] if shares else None,
    )


def requirement(threshold: Threshold, source: str = "user") -> AmendmentRequirement:
    return AmendmentRequirement(
        consents=[RequiredConsent(class_name="Series A Preferred", threshold=threshold)],
        source=source,  # type: ignore[arg-type]
        board_required=True,
        certificate_id=None,
        note="",
        event=REF,
    )


def test_a_recited_two_thirds_consent_and_board_action_meet_the_recited_requirement():
    check = check_authority(certificate(consents=[consent(TWO_THIRDS)]), [])

    assert check.status == "met"
    assert check.requirement_basis == "amendment_recital"
    assert check.board_status == "met"
    assert [c.status for c in check.consents] == ["met"]
    assert check.warning is None


def test_a_majority_recited_where_two_thirds_is_required_is_unmet():
    check = check_authority(certificate(consents=[consent(MAJORITY)]), [requirement(TWO_THIRDS)])

    assert check.status == "unmet"
    assert check.requirement_basis == "user"
    assert check.consents[0].reason == (
        "the certificate recites approval by holders of more than 1/2 of the Series A "
        "Preferred Stock, below the required at least 2/3"
    )
    assert check.warning == (
        "approvals unmet for acme-series-a@2000-06-30: the certificate recites approval by "
        "holders of more than 1/2 of the Series A Preferred Stock, below the required at "
        "least 2/3"
    )


@pytest.mark.parametrize(
    ("shares", "status"),
    [((666, 1000), "unmet"), ((667, 1000), "met"), ((2, 3), "met"), ((200, 300), "met")],
)
def test_shares_consenting_are_compared_with_the_threshold_as_exact_fractions(shares, status):
    cert = certificate(consents=[consent(MAJORITY, shares=shares)])

    assert check_authority(cert, [requirement(TWO_THIRDS)]).status == status


def test_exactly_half_the_shares_is_not_more_than_half():
    cert = certificate(consents=[consent(MAJORITY, shares=(500, 1000))])

    check = check_authority(cert, [requirement(MAJORITY)])

    assert check.status == "unmet"
    assert check.consents[0].reason == (
        "500 of 1000 shares consented (1/2), below the required more than 1/2 of the "
        "Series A Preferred"
    )


def test_at_least_half_recited_does_not_show_more_than_half():
    at_least_half = Threshold(numerator=1, denominator=2, at_least=True, wording="at least half")
    check = check_authority(certificate(consents=[consent(at_least_half)]), [requirement(MAJORITY)])

    assert check.status == "unknown"


def test_a_required_class_vote_the_certificate_does_not_recite_is_unknown_not_unmet():
    check = check_authority(certificate(), [requirement(TWO_THIRDS)])

    assert check.status == "unknown"
    assert check.consents[0].reason == (
        "no consent of the Series A Preferred is recorded (required: at least 2/3)"
    )


def test_no_consent_and_no_requirement_is_unknown_and_says_how_to_record_one():
    check = check_authority(certificate(), [])

    assert check.status == "unknown"
    assert check.requirement_basis == "not_recorded"
    assert check.reasons == [
        (
            "the certificate recites no class vote and no requirement is recorded "
            "(record one with `ledger record-requirement`)"
        )
    ]


def test_a_missing_board_action_is_unknown():
    check = check_authority(certificate(board=False, consents=[consent(TWO_THIRDS)]), [])

    assert (check.status, check.board_status) == ("unknown", "unknown")


def test_the_original_certificate_outranks_a_users_statement():
    reqs = [requirement(TWO_THIRDS, "original_certificate"), requirement(MAJORITY, "user")]

    check = check_authority(certificate(consents=[consent(MAJORITY)]), reqs)

    assert (check.requirement_basis, check.status) == ("original_certificate", "unmet")


def test_an_original_needs_only_its_board_resolution_and_a_correction_no_approval():
    assert check_authority(certificate(kind="original"), []).status == "met"
    assert check_authority(certificate(kind="correction", board=False), []).status == "met"
