"""Metamorphic tests of the forms the reader now reads (parenthetical definitions, consents, the
vote required to amend): over every corpus document the ledger records today, a recital giving a
counterparty and another document short names in parentheses, or reciting another series' vote,
changes nothing the ledger records (or the document is refused).

The harness (cases, context, what is compared) is tests/integration/test_metamorphic.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.integration.test_metamorphic import (
    _RESOLUTION,
    _TESTIMONIUM,
    MAX_EXAMPLES,
    Case,
    baseline,
    cases,
    corporations,
    dates,
    decoded,
    facts_after,
    fixed_draw,
    insert_paragraph,
)


def counterparty_short_names(text: str, draw: Callable[..., Any]) -> str | None:
    corporation, on = draw(corporations), draw(dates)
    paragraph = (
        f'WHEREAS, the Corporation and {corporation}, a Delaware corporation (the "Lender"), '
        f'entered into a loan agreement on {on} (the "Loan Agreement"), and the Lender\'s '
        'agent (the "Agent") holds the Corporation\'s notes (collectively, the "Notes");'
    )
    return insert_paragraph(text, paragraph, _RESOLUTION) or insert_paragraph(
        text, paragraph, _TESTIMONIUM
    )


def another_series_vote(text: str, draw: Callable[..., Any]) -> str | None:
    on = draw(dates)
    paragraph = (
        "WHEREAS, the holders of at least two-thirds of the outstanding shares of Series Z "
        "Preferred Stock, voting separately as a class, approved on "
        f"{on} an amendment of the certificate of designations of the Series Z Preferred Stock, "
        "which may be amended only with the consent of the holders of a majority of the "
        "outstanding shares of Series Z Preferred Stock;"
    )
    return insert_paragraph(text, paragraph, _RESOLUTION) or insert_paragraph(
        text, paragraph, _TESTIMONIUM
    )


FAMILIES = {
    "counterparty_short_names": counterparty_short_names,
    "another_series_vote": another_series_vote,
}


def check(family: str, case: Case, draw: Callable[..., Any]) -> None:
    text, encoding = decoded(case)
    changed = FAMILIES[family](text, draw)
    assume(changed is not None and changed != text)
    assert changed is not None
    after = facts_after(case, changed.encode(encoding))
    if after is None:
        return  # refused: allowed
    assert after == baseline(case), f"{case.name}: {family} changed what was recorded"


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_recital_of_short_names_or_another_series_vote_changes_nothing(family):
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=st.sampled_from(cases()), data=st.data())
    def distractor_changes_nothing(case: Case, data: st.DataObject) -> None:
        check(family, case, data.draw)

    distractor_changes_nothing()


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_forms_family_really_changes_some_document(family):
    altered = 0
    for case in cases():
        text, _ = decoded(case)
        changed = FAMILIES[family](text, fixed_draw)
        altered += changed is not None and changed != text
    assert altered >= 3
