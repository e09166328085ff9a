"""The original's own vote to amend, read by the reader, decides the audit's authority check.

Ingested on every backend: the original states "at least two-thirds of the Series F Preferred
Stock"; each amendment recites what it obtained, and `certificates` judges it against the
original, not against the amendment's own recital.
"""

from __future__ import annotations

import pytest

from ledger.events import AmendmentRequirementStated
from ledger.projections.projection import decode
from tests.unit.test_forms import (
    _AMENDMENT_PREAMBLE,
    _DEFINITIONS,
    _DELETE,
    _DESIGNATION,
    _VOTING,
    _amendment,
    _original,
)

_TWO_THIRDS = _AMENDMENT_PREAMBLE.replace(
    "the holders of a majority of the outstanding shares of",
    "the holders of at least two-thirds of the outstanding shares of",
)
_REQUISITE = _AMENDMENT_PREAMBLE.replace(
    "the holders of a majority of the outstanding shares of",
    "the holders of the requisite number of outstanding shares of",
)
_TALLY = _AMENDMENT_PREAMBLE.replace(
    "the holders of a majority of the outstanding shares of",
    "the holders of 61,250 shares of the 80,000 outstanding shares of",
)


@pytest.mark.parametrize(
    ("preamble", "status", "reason"),
    [
        (
            _AMENDMENT_PREAMBLE,
            "unmet",
            (
                "the certificate recites approval by holders of more than 1/2 of the Series F "
                "Convertible Preferred Stock, below the required at least 2/3"
            ),
        ),
        (_TWO_THIRDS, "met", None),
        (
            _REQUISITE,
            "unknown",
            (
                "holders of the requisite number (no fraction stated) of the Series F Convertible "
                "Preferred Stock approved; required at least 2/3: no fraction to compare"
            ),
        ),
        (_TALLY, "met", None),
    ],
)
def test_an_amendment_is_judged_against_the_vote_its_original_requires(
    ledger, preamble: str, status: str, reason: str | None
):
    ledger.ingest_bytes(_original(_DESIGNATION, _VOTING, _DEFINITIONS).encode(), name="orig.txt")
    ledger.ingest_bytes(_amendment(_DELETE, preamble=preamble).encode(), name="amend.txt")

    original, amendment = ledger.certificates("wrenfield")
    assert original.authority.status == "met"  # §151(g): the board alone
    check = amendment.authority
    assert (check.status, check.requirement_basis) == (status, "original_certificate")
    assert check.requirement == (
        "a board resolution (DGCL §242(b)(1)); holders of at least 2/3 of the Series F "
        "Preferred Stock as a separate class"
    )
    assert [c.reason for c in check.consents if c.status != "met"] == ([reason] if reason else [])


def test_the_requirement_is_stored_with_its_source_lines(ledger):
    ledger.ingest_bytes(_original(_DESIGNATION, _VOTING, _DEFINITIONS).encode(), name="orig.txt")

    stored = [
        decode(ledger.app, n) for n in ledger.app.recorder.select_notifications(start=1, limit=50)
    ]
    [event] = [e for e in stored if isinstance(e, AmendmentRequirementStated)]
    assert event.source == "original_certificate"
    assert event.certificate_id == "wrenfield-optics-series-f@2001-04-09"
    [consent] = event.consents
    assert (consent.class_name, consent.threshold.fraction, consent.separate_class) == (
        "Series F Preferred Stock",
        "2/3",
        True,
    )
    assert event.provenance is not None
    assert (event.provenance.first_line, event.provenance.last_line) == (23, 27)
