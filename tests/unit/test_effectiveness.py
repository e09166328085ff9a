"""DGCL §103: when a certificate takes effect, and when the ledger must say it assumed so."""

from __future__ import annotations

from datetime import date

from ledger.domain.effectiveness import effectiveness
from ledger.domain.state import fold
from ledger.events import FilingRecorded
from tests.builders import InstrumentBuilder


def certificate_of(builder: InstrumentBuilder, certificate_id: str):
    state = fold(builder.events)
    assert state is not None
    return state.certificates[certificate_id]


def test_without_a_filing_date_the_execution_date_is_assumed():
    builder = InstrumentBuilder()
    cid = builder.certificate(date(2000, 6, 30))
    eff = effectiveness(certificate_of(builder, cid))
    assert eff is not None
    assert (eff.effective_on, eff.basis, eff.assumed) == (
        date(2000, 6, 30),
        "execution_date_assumed",
        True,
    )


def test_a_stated_filing_date_governs_and_is_not_an_assumption():
    builder = InstrumentBuilder()
    cid = builder.certificate(date(2000, 6, 30), filed_on=date(2000, 7, 3))
    eff = effectiveness(certificate_of(builder, cid))
    assert eff is not None
    assert (eff.effective_on, eff.basis, eff.assumed) == (date(2000, 7, 3), "filed", False)


def test_a_later_effective_time_named_in_the_certificate_governs_over_the_filing():
    builder = InstrumentBuilder()
    cid = builder.certificate(
        date(2001, 2, 9), filed_on=date(2001, 2, 10), effective_on=date(2001, 2, 15)
    )
    eff = effectiveness(certificate_of(builder, cid))
    assert eff is not None
    assert (eff.effective_on, eff.basis) == (date(2001, 2, 15), "stated_effective_time")


def test_a_stated_time_earlier_than_the_filing_cannot_precede_the_filing():
    builder = InstrumentBuilder()
    cid = builder.certificate(
        date(2001, 2, 9), filed_on=date(2001, 3, 1), effective_on=date(2001, 2, 15)
    )
    eff = effectiveness(certificate_of(builder, cid))
    assert eff is not None
    assert (eff.effective_on, eff.basis) == (date(2001, 3, 1), "filed")


def test_the_latest_filing_event_governs_so_a_user_can_record_the_real_date_later():
    builder = InstrumentBuilder()
    cid = builder.certificate(date(2000, 6, 30))
    builder.add(FilingRecorded, certificate_id=cid, filed_on=date(2000, 7, 5), source="user")
    eff = effectiveness(certificate_of(builder, cid))
    assert eff is not None
    assert (eff.effective_on, eff.basis, eff.assumed) == (date(2000, 7, 5), "filed", False)
    assert "as recorded by a user" in eff.explanation
