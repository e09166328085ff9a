"""Answers do not depend on the order documents are ingested in (domain only, no I/O).

Each test plans certificates with `plan_certificate` against the state folded so far, in
one order and in another, and names the exact texts and dates the timeline gives after both.
"""

from __future__ import annotations

import itertools
from datetime import date

import msgspec
import pytest

from ledger.domain.amendment import plan_certificate
from ledger.domain.effectiveness import adoption, effective_dates
from ledger.domain.state import InstrumentState, fold
from ledger.domain.timeline import build_timeline, version_as_of
from ledger.errors import ConflictingEventError, ParseError
from ledger.events import (
    CertificateKind,
    DefinitionWordsSubstituted,
    FilingRecorded,
    LedgerEvent,
)
from ledger.statements import (
    Instruction,
    ParsedBoardAction,
    ParsedCertificate,
    ParsedDate,
    ParsedExecution,
    ParsedOperation,
    ParsedReference,
    Span,
)

LINE = Span(first_line=3, last_line=4)
CONVERSION = '"Conversion Price" means $8.00 per share of Common Stock.'
BUSINESS_DAY = '"Business Day" means any day on which banks in New York are open.'
SENIOR = '"Senior Notes" means the 9% notes due 2005 of the Corporation.'


def op(
    instruction: Instruction,
    term: str,
    text: str | None = None,
    **fields: str,
) -> ParsedOperation:
    return ParsedOperation(
        instruction=instruction,
        term=term,
        text=text,
        inline_terms=[],
        wording=f"{instruction} {term}",
        span=LINE,
        **fields,  # type: ignore[arg-type]
    )


def certificate(  # noqa: PLR0913 (the facts a test varies)
    kind: CertificateKind,
    executed_on: date,
    operations: list[ParsedOperation],
    *,
    board_on: date | None = None,
    filed_on: date | None = None,
    recites_filing: date | None = None,
    dated_as_of: date | None = None,
    corrects: date | None = None,
) -> ParsedCertificate:
    return ParsedCertificate(
        kind=kind,
        issuer="Wrenfield Optical Systems, Inc.",
        series="Series F",
        security="Series F Convertible Preferred Stock",
        title="Certificate of Designation of Series F Convertible Preferred Stock",
        instrument_dated=ParsedDate(on=dated_as_of, wording="dated as of", span=LINE)
        if dated_as_of
        else None,
        amended_section=None,
        board=ParsedBoardAction(acted_on=board_on, manner="meeting", span=LINE)
        if board_on
        else None,
        consents=[],
        execution=ParsedExecution(
            executed_on=executed_on, officer="Ines V. Marlowe", officer_title="Secretary", span=LINE
        ),
        effective_time=None,
        filing=ParsedDate(on=filed_on, wording="filed", span=LINE) if filed_on else None,
        operations=operations,
        span=Span(first_line=1, last_line=40),
        corrects=ParsedReference(on=corrects, wording=f"executed on {corrects}", span=LINE)
        if corrects
        else None,
        instrument_filed=ParsedDate(
            on=recites_filing,
            wording=f"filed with the Secretary of State on {recites_filing}",
            span=Span(first_line=7, last_line=8),
        )
        if recites_filing
        else None,
    )


ORIGINAL = certificate(
    "original",
    date(1998, 7, 15),
    [
        op("original", "Conversion Price", CONVERSION),
        op("original", "Business Day", BUSINESS_DAY),
        op("original", "Senior Notes", SENIOR),
    ],
)
EDIT = certificate(
    "amendment",
    date(1999, 3, 22),
    [
        op(
            "edit",
            "Conversion Price",
            edit="substitute",
            old_words="$8.00",
            new_words="$7.15",
        )
    ],
    recites_filing=date(1998, 7, 16),
)
RESTATE = certificate(
    "amendment",
    date(2000, 1, 10),
    [op("restate", "Business Day", '"Business Day" means any day banks in Chicago are open.')],
)


def ingest(documents: list[ParsedCertificate]) -> tuple[InstrumentState, list[LedgerEvent]]:
    """Plan each certificate against the state before it, as ingest does; the final state."""
    events: list[LedgerEvent] = []
    for number, parsed in enumerate(documents):
        _, planned = plan_certificate(
            parsed,
            fold(events),
            document_sha256=f"{number:064d}",
            document_name=f"doc-{parsed.kind}-{parsed.execution.executed_on}.txt",  # type: ignore[union-attr]
        )
        events.extend(planned)
    state = fold(events)
    assert state is not None
    return state, events


def answers(state: InstrumentState, days: list[date]) -> dict[tuple[date, str], object]:
    """Status, text and start of every term on every day (what `terms --as-of` shows)."""
    versions = build_timeline(state)
    table: dict[tuple[date, str], object] = {}
    for day in days:
        for term in sorted({v.term for v in versions}):
            found = version_as_of(versions, term, day)
            if found is not None:
                table[day, term] = (found.status, found.text, found.valid_from)
    return table


DAYS = [date(1998, 7, 15), date(1998, 7, 16), date(1999, 1, 1), date(1999, 6, 1), date(2001, 1, 1)]


def test_an_edit_ingested_before_its_original_applies_to_the_original_text_once_it_arrives():
    amendment_only, events = ingest([EDIT])
    [edit] = [e for e in events if isinstance(e, DefinitionWordsSubstituted)]
    assert edit.text_after == ""  # the operation is stored, not a guess at its result
    only = answers(amendment_only, [date(1999, 1, 1), date(1999, 6, 1)])
    assert only == {
        (date(1999, 1, 1), "Conversion Price"): ("text_not_recorded", None, date(1998, 7, 16)),
        (date(1999, 6, 1), "Conversion Price"): ("text_not_recorded", None, date(1999, 3, 22)),
    }
    late, _ = ingest([EDIT, ORIGINAL])
    first, _ = ingest([ORIGINAL, EDIT])
    assert answers(late, DAYS) == answers(first, DAYS)
    assert answers(late, DAYS)[date(1999, 6, 1), "Conversion Price"] == (
        "in_force",
        '"Conversion Price" means $7.15 per share of Common Stock.',
        date(1999, 3, 22),
    )
    # The amendment's recital dates the original in both orders (filed 1998-07-16).
    assert (date(1998, 7, 15), "Conversion Price") not in answers(late, DAYS)
    assert answers(late, DAYS)[date(1998, 7, 16), "Conversion Price"] == (
        "in_force",
        CONVERSION,
        date(1998, 7, 16),
    )


def test_a_recited_filing_reaches_the_original_ingested_later_naming_the_reciting_lines():
    state, events = ingest([EDIT, ORIGINAL])
    [filing] = [e for e in events if isinstance(e, FilingRecorded)]
    original = next(c for c in state.certificates.values() if c.kind == "original")
    assert filing.certificate_id == original.certificate_id
    assert filing.filed_on == date(1998, 7, 16)
    assert filing.note == (
        "recited by doc-amendment-1999-03-22.txt (lines 7-8): "
        "'filed with the Secretary of State on 1998-07-16'"
    )
    assert adoption(state)[0] == date(1998, 7, 16)


def test_the_originals_own_filing_wins_over_a_recital_and_the_disagreement_is_flagged():
    stamped = certificate(
        "original", date(1998, 7, 15), ORIGINAL.operations, filed_on=date(1998, 7, 17)
    )
    for order in ([stamped, EDIT], [EDIT, stamped]):
        state, _ = ingest(order)
        original = next(c for c in state.certificates.values() if c.kind == "original")
        eff = effective_dates(state.certificates)[original.certificate_id]
        assert eff.effective_on == date(1998, 7, 17)
        assert "NEEDS REVIEW: another document disagrees" in eff.explanation
        assert "says 1998-07-16" in eff.explanation


def test_every_order_of_original_edit_and_restatement_of_a_term_gives_the_same_answers():
    expected = answers(ingest([ORIGINAL, EDIT, RESTATE])[0], DAYS)
    assert expected[date(2001, 1, 1), "Business Day"] == (
        "in_force",
        '"Business Day" means any day banks in Chicago are open.',
        date(2000, 1, 10),
    )
    for order in itertools.permutations([ORIGINAL, EDIT, RESTATE]):
        assert answers(ingest(list(order))[0], DAYS) == expected, order


def test_a_restatement_before_its_original_does_not_make_the_original_a_second_one():
    restated = msgspec.structs.replace(
        certificate(
            "restatement",
            date(2000, 10, 2),
            [op("restate_all", "Conversion Price", CONVERSION.replace("$8.00", "$6.00"))],
        ),
        restates="certificate",
    )
    state, _ = ingest([restated, ORIGINAL])
    assert answers(state, DAYS) == answers(ingest([ORIGINAL, restated])[0], DAYS)
    assert answers(state, [date(1999, 1, 1), date(2001, 1, 1)]) == {
        (date(1999, 1, 1), "Business Day"): ("in_force", BUSINESS_DAY, date(1998, 7, 15)),
        (date(1999, 1, 1), "Conversion Price"): ("in_force", CONVERSION, date(1998, 7, 15)),
        (date(1999, 1, 1), "Senior Notes"): ("in_force", SENIOR, date(1998, 7, 15)),
        (date(2001, 1, 1), "Business Day"): ("deleted", None, date(2000, 10, 2)),
        (date(2001, 1, 1), "Conversion Price"): (
            "in_force",
            '"Conversion Price" means $6.00 per share of Common Stock.',
            date(2000, 10, 2),
        ),
        (date(2001, 1, 1), "Senior Notes"): ("deleted", None, date(2000, 10, 2)),
    }


def test_two_different_originals_of_one_instrument_are_still_refused():
    other = certificate("original", date(1998, 8, 1), [op("original", "Lien", '"Lien" means x.')])
    with pytest.raises(ConflictingEventError, match="already has its original text"):
        ingest([EDIT, ORIGINAL, other])


def test_a_rename_ingested_before_the_original_renames_its_text_once_it_arrives():
    rename = certificate(
        "amendment",
        date(1999, 4, 12),
        [op("rename", "Senior Notes", new_term="Senior Debentures")],
        dated_as_of=date(1998, 7, 15),
    )
    late, _ = ingest([rename, ORIGINAL])
    assert answers(late, DAYS) == answers(ingest([ORIGINAL, rename])[0], DAYS)
    assert answers(late, DAYS)[date(1999, 6, 1), "Senior Debentures"] == (
        "in_force",
        '"Senior Debentures" means the 9% notes due 2005 of the Corporation.',
        date(1999, 4, 12),
    )
    assert (date(1999, 6, 1), "Senior Notes") in answers(late, DAYS)  # deleted since the rename
    alone = answers(ingest([rename])[0], [date(1999, 6, 1)])
    assert alone[date(1999, 6, 1), "Senior Debentures"] == (
        "text_not_recorded",
        None,
        date(1999, 4, 12),
    )


def test_a_correction_before_the_certificate_it_corrects_applies_as_of_it_once_it_arrives():
    corrected = certificate(
        "correction",
        date(2000, 2, 14),
        [op("restate", "Business Day", '"Business Day" means any day banks in Boston are open.')],
        corrects=date(2000, 1, 10),
    )
    alone, events = ingest([ORIGINAL, corrected])
    [cert] = [c for c in alone.certificates.values() if c.kind == "correction"]
    assert (cert.corrects, cert.corrects_on) == (None, date(2000, 1, 10))
    eff = effective_dates(alone.certificates)[cert.certificate_id]
    assert (eff.effective_on, eff.assumed) == (date(2000, 1, 10), True)
    late = answers(ingest([ORIGINAL, corrected, RESTATE])[0], [date(2000, 1, 10)])
    first = answers(ingest([ORIGINAL, RESTATE, corrected])[0], [date(2000, 1, 10)])
    assert late == first
    assert late[date(2000, 1, 10), "Business Day"] == (
        "in_force",
        '"Business Day" means any day banks in Boston are open.',
        date(2000, 1, 10),
    )
    del events


def test_two_amendments_of_one_day_apply_by_their_board_action_not_by_ingest_order():
    earlier_board = certificate(
        "amendment",
        date(2000, 8, 1),
        [op("restate", "Conversion Price", '"Conversion Price" means $25.00.')],
        board_on=date(2000, 7, 24),
    )
    later_board = certificate(
        "amendment",
        date(2000, 8, 1),
        [op("restate", "Conversion Price", '"Conversion Price" means $27.50.')],
        board_on=date(2000, 7, 27),
    )
    for order in ([ORIGINAL, earlier_board, later_board], [later_board, earlier_board, ORIGINAL]):
        state, _ = ingest(order)
        found = version_as_of(build_timeline(state), "Conversion Price", date(2000, 8, 1))
        assert found is not None
        assert found.text == '"Conversion Price" means $27.50.'


def test_an_undated_amendment_is_recorded_and_a_later_recital_dates_the_instrument():
    undated = certificate("amendment", date(2001, 4, 9), [op("delete", "Senior Notes")])
    state, _ = ingest([undated])
    assert adoption(state) == (
        date(2001, 4, 9),
        (
            "not stated by any document the ledger holds: adopted no later than 2001-04-09, "
            "when its earliest recorded certificate took effect"
        ),
    )
    state, _ = ingest([undated, EDIT])
    assert adoption(state)[0] == date(1998, 7, 16)
    assert state.adoption_recital == "filed"


def test_an_edit_contradicting_the_recorded_text_of_its_legal_past_is_still_refused():
    wrong = certificate(
        "amendment",
        date(1999, 3, 22),
        [op("edit", "Conversion Price", edit="substitute", old_words="$9.99", new_words="$1")],
    )
    with pytest.raises(ParseError, match=r"'\$9\.99' occur 0 times"):
        ingest([ORIGINAL, wrong])


def test_a_correction_first_gives_its_target_the_filing_it_recites_once_the_target_arrives():
    correction = msgspec.structs.replace(
        certificate(
            "correction",
            date(2000, 2, 14),
            [op("restate", "Business Day", '"Business Day" means any day banks in Boston open.')],
            corrects=date(2000, 1, 10),
        ),
        instrument_filed=ParsedDate(
            on=date(2000, 1, 12), wording="filed with the Secretary of State on", span=LINE
        ),
    )
    for order in ([ORIGINAL, RESTATE, correction], [correction, RESTATE, ORIGINAL]):
        state, _ = ingest(order)
        dates = effective_dates(state.certificates)
        amendment = next(c for c in state.certificates.values() if c.kind == "amendment")
        assert dates[amendment.certificate_id].effective_on == date(2000, 1, 12)
        assert adoption(state)[0] == date(1998, 7, 15)  # never the corrected one's filing
        found = version_as_of(build_timeline(state), "Business Day", date(2000, 1, 12))
        assert found is not None
        assert found.text == '"Business Day" means any day banks in Boston open.'
