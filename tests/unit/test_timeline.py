"""Term versions in valid time, and the as-of answer checked against a naive model."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.domain.state import fold
from ledger.domain.timeline import build_timeline, version_as_of
from ledger.events import DefinitionAdded, DefinitionReplaced
from tests.builders import InstrumentBuilder


def timeline(builder: InstrumentBuilder):
    state = fold(builder.events)
    assert state is not None
    return build_timeline(state)


def test_a_replacement_closes_the_previous_version_on_its_effective_date():
    builder = InstrumentBuilder()
    first = builder.certificate(date(1999, 3, 1))
    builder.added(first, "Term", "old")
    second = builder.certificate(date(2000, 6, 30))
    builder.replaced(second, "Term", "new")
    versions = timeline(builder)
    assert [(v.valid_from, v.valid_to, v.text) for v in versions] == [
        (date(1999, 3, 1), date(2000, 6, 30), "old"),
        (date(2000, 6, 30), None, "new"),
    ]


def test_a_replacement_of_unrecorded_text_is_shown_as_not_recorded_since_adoption():
    builder = InstrumentBuilder(adopted_on=date(1999, 2, 4), text_recorded=False)
    cid = builder.certificate(date(2000, 6, 30))
    builder.replaced(cid, "Lucent Facility", "text", prior=False)
    versions = timeline(builder)
    assert [(v.status, v.valid_from, v.valid_to, v.text) for v in versions] == [
        ("text_not_recorded", date(1999, 2, 4), date(2000, 6, 30), None),
        ("in_force", date(2000, 6, 30), None, "text"),
    ]
    assert version_as_of(versions, "lucent  FACILITY", date(1999, 6, 1)) == versions[0]
    assert version_as_of(versions, "Lucent Facility", date(1999, 2, 3)) is None


def test_two_certificates_on_the_same_day_apply_in_recording_order():
    builder = InstrumentBuilder()
    first = builder.certificate(date(2000, 1, 1))
    builder.added(first, "Term", "first")
    second = builder.certificate(date(2000, 1, 1))
    builder.replaced(second, "Term", "second")
    versions = timeline(builder)
    assert [(v.text, v.valid_from, v.valid_to) for v in versions] == [
        ("first", date(2000, 1, 1), date(2000, 1, 1)),
        ("second", date(2000, 1, 1), None),
    ]
    found = version_as_of(versions, "Term", date(2000, 1, 1))
    assert found is not None
    assert found.text == "second"


def test_a_certificate_ingested_late_but_effective_earlier_is_ordered_by_effective_date():
    builder = InstrumentBuilder()
    later = builder.certificate(date(2001, 1, 1))
    builder.replaced(later, "Term", "2001")
    earlier = builder.certificate(date(1999, 1, 1))
    builder.added(earlier, "Term", "1999")
    versions = timeline(builder)
    assert [(v.text, v.valid_from, v.valid_to) for v in versions] == [
        ("1999", date(1999, 1, 1), date(2001, 1, 1)),
        ("2001", date(2001, 1, 1), None),
    ]


def test_terms_defined_inside_a_definition_are_in_force_while_it_is():
    builder = InstrumentBuilder()
    cid = builder.certificate(date(2000, 1, 1))
    builder.add(
        DefinitionAdded,
        certificate_id=cid,
        term="Facility",
        text='"Facility" means the loan among the banks (the "Lenders").',
        inline_terms=["Lenders"],
    )
    gone = builder.certificate(date(2001, 1, 1))
    builder.deleted(gone, "Facility")
    versions = timeline(builder)
    lenders = version_as_of(versions, "Lenders", date(2000, 6, 1))
    assert lenders is not None
    assert (lenders.defined_within, lenders.status) == ("Facility", "in_force")
    ended = version_as_of(versions, "Lenders", date(2001, 6, 1))
    assert ended is not None
    assert (ended.status, ended.valid_from, ended.valid_to, ended.certificate_id) == (
        "deleted",
        date(2001, 1, 1),
        None,
        gone,
    )
    assert ended.note.startswith(
        "no longer defined: the definition of 'Facility' that defined it ended; deleted by "
    )


def test_a_term_defined_inside_a_replaced_definition_ends_until_defined_again():
    builder = InstrumentBuilder()
    cid = builder.certificate(date(2000, 1, 1))
    builder.add(
        DefinitionAdded,
        certificate_id=cid,
        term="Facility",
        text='"Facility" means the loan among the banks (the "Lenders").',
        inline_terms=["Lenders"],
    )
    for day, text, inline in (
        (date(2001, 1, 1), '"Facility" means the loan.', []),
        (date(2002, 1, 1), '"Facility" means the loan of the banks (the "Lenders").', ["Lenders"]),
    ):
        builder.add(
            DefinitionReplaced,
            certificate_id=builder.certificate(day),
            term="Facility",
            text=text,
            inline_terms=inline,
        )
    lenders = [v for v in timeline(builder) if v.term == "Lenders"]
    assert [(v.status, v.valid_from, v.valid_to) for v in lenders] == [
        ("in_force", date(2000, 1, 1), date(2001, 1, 1)),
        ("in_force", date(2002, 1, 1), None),
        ("deleted", date(2001, 1, 1), date(2002, 1, 1)),
    ]


# --- the property: as-of answers equal a naive replay ---------------------------------------

TERMS = ["Alpha", "Beta", "Gamma"]
START = date(1999, 1, 1)

operation = st.tuples(
    st.sampled_from(["add", "replace", "delete", "replace_unrecorded", "delete_unrecorded"]),
    st.sampled_from(TERMS),
    st.text(alphabet="abc", min_size=1, max_size=3),
)
certificate = st.tuples(st.integers(0, 400), st.lists(operation, min_size=1, max_size=4))


def naive_status(certificates, term: str, day: date):
    """Replay every operation effective on or before `day`, in (date, recording) order."""
    ops = [
        (START + timedelta(days=offset), seq, n, kind, text)
        for seq, (offset, operations) in enumerate(certificates)
        for n, (kind, op_term, text) in enumerate(operations)
        if op_term == term
    ]
    ops.sort(key=lambda op: (op[0], op[1], op[2]))
    applied = [op for op in ops if op[0] <= day]
    if not applied:
        first = ops[0] if ops else None
        unrecorded = first is not None and first[3].endswith("_unrecorded")
        if unrecorded and START <= day < first[0]:
            return ("text_not_recorded", None)
        return None
    kind, text = applied[-1][3], applied[-1][4]
    if kind.startswith("delete"):
        return ("deleted", None)
    return ("in_force", text)


@settings(max_examples=300, deadline=None)
@given(certificates=st.lists(certificate, min_size=1, max_size=6), probe=st.integers(-5, 420))
def test_as_of_answer_equals_a_naive_replay_of_every_operation(certificates, probe):
    builder = InstrumentBuilder(adopted_on=START, text_recorded=False)
    for offset, operations in certificates:
        cid = builder.certificate(START + timedelta(days=offset))
        for kind, term, text in operations:
            prior = not kind.endswith("_unrecorded")
            if kind == "add":
                builder.added(cid, term, text)
            elif kind.startswith("replace"):
                builder.replaced(cid, term, text, prior=prior)
            else:
                builder.deleted(cid, term, prior=prior)
    versions = timeline(builder)
    day = START + timedelta(days=probe)
    for term in TERMS:
        found = version_as_of(versions, term, day)
        actual = (found.status, found.text) if found else None
        assert actual == naive_status(certificates, term, day), (term, day)
