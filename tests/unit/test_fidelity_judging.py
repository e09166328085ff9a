"""How tests/fidelity judges one certificate's facts (the rules of `make fidelity`)."""

from __future__ import annotations

from tests.fidelity import (
    DocumentFidelity,
    Fact,
    Recorded,
    compare,
    facts_from_expected_events,
    stale_operations,
)


def verdicts(expected, recorded):
    return [(f.fact, f.verdict) for f in compare(expected, recorded)]


def test_a_recited_filing_date_recorded_as_this_filing_is_wrong_and_the_recital_missed():
    expected = {
        "filed_on": None,
        "other_documents": [{"document": "original", "fact": "filed_on", "on": "1998-07-16"}],
    }
    assert verdicts(expected, Recorded(filed_on="1998-07-16")) == [
        ("filed_on", "wrong"),
        ("other:filed_on:1998-07-16", "missed"),
    ]
    right = Recorded(other_documents=[{"fact": "filed_on", "on": "1998-07-16"}])
    assert verdicts(expected, right) == [
        ("filed_on", "right"),
        ("other:filed_on:1998-07-16", "right"),
    ]


def test_an_issuer_is_compared_without_case_or_commas_but_a_prefix_is_wrong():
    expected = {"issuer": "CORVANTIS.NET, INC."}
    same = Recorded(instrument=("Corvantis.net Inc.", "Series A"))
    prefixed = Recorded(instrument=("Delaware Corvantis.net, Inc.", "Series A"))
    assert verdicts(expected, same) == [("issuer", "right")]
    assert verdicts(expected, prefixed) == [("issuer", "wrong")]


def test_an_invented_fraction_for_the_requisite_number_of_shares_is_wrong():
    expected = {"consents": [{"class": "Series B", "threshold": None, "separate_class": None}]}
    invented = {
        "class": "Series B Preferred Stock",
        "threshold": "1/2",
        "at_least": False,
        "separate_class": False,
        "wording": "a majority",
    }
    stated = invented | {"wording": "the requisite number"}
    assert verdicts(expected, Recorded(consents=[invented])) == [("consent:Series B", "wrong")]
    assert verdicts(expected, Recorded(consents=[stated])) == [("consent:Series B", "right")]


def test_two_definitions_merged_into_one_fail_the_text_ending():
    expected = {"operations": [{"action": "add", "term": "Lien", "text_endswith": "of any kind."}]}
    merged = {
        "action": "add",
        "term": "Lien",
        "text": '"Lien" means any lien of any kind. "Tessaly Lease" means the lease.',
    }
    assert verdicts(expected, Recorded(operations=[merged])) == [("operation:add:Lien", "wrong")]


def test_an_operation_on_the_right_term_with_the_wrong_action_is_wrong_not_missed():
    expected = {
        "operations": [
            {"action": "delete", "term": "Indenture"},
            {"action": "delete", "term": "Senior Notes"},
        ]
    }
    recorded = Recorded(operations=[{"action": "replace", "term": "Indenture", "text": "x"}])
    assert verdicts(expected, recorded) == [
        ("operation:delete:Indenture", "wrong"),
        ("operation:delete:Senior Notes", "missed"),
    ]


def test_expected_events_become_expected_facts():
    expected = {
        "outcome": "recorded",
        "documents": [
            {
                "events": [
                    {"type": "CertificateRecorded", "kind": "amendment", "sequence": 2},
                    {
                        "type": "BoardActionRecorded",
                        "acted_on": "1999-05-14",
                        "manner": "unanimous_written_consent",
                    },
                    {
                        "type": "DefinitionWordsSubstituted",
                        "term": "Conversion Price",
                        "edit": "substitute",
                        "old_words": "$12.50",
                        "new_words": "$11.75",
                    },
                ]
            }
        ],
    }
    assert facts_from_expected_events(expected) == [
        {
            "expect": "recorded",
            "consents": [],
            "filed_on": None,
            "effective_on": None,
            "operations": [
                {
                    "action": "edit",
                    "term": "Conversion Price",
                    "edit": "substitute",
                    "old_words": "$12.50",
                    "new_words": "$11.75",
                }
            ],
            "kind": "amendment",
            "board": {"acted_on": "1999-05-14", "manner": "unanimous_written_consent"},
        }
    ]


def test_with_no_series_the_security_name_may_stand_for_it_but_a_series_may_not():
    expected = {"series": None, "security": "Exchangeable Preferred Stock"}
    named = Recorded(
        instrument=("Oceanic West Capital Corporation", "Exchangeable Preferred Stock")
    )
    invented = Recorded(instrument=("Oceanic West Capital Corporation", "Series A"))
    assert verdicts(expected, named) == [("series", "right")]
    assert verdicts(expected, invented) == [("series", "wrong")]


def test_a_skipped_amending_operation_of_a_recorded_document_is_listed_as_stale():
    results = [
        DocumentFidelity(
            "f/02.txt",
            "recorded",
            facts=[
                Fact("operation:delete:A", "missed"),
                Fact("operation:add:B", "missed"),
                Fact("operation:edit|replace:C", "missed"),
                Fact("operation:replace:D", "right"),
            ],
        ),
        DocumentFidelity("f/03.txt", "refused", facts=[Fact("operation:delete:E", "refused")]),
    ]
    assert stale_operations(results) == [
        "f/02.txt :: operation:delete:A",
        "f/02.txt :: operation:edit|replace:C",
    ]


def test_a_fact_about_another_document_must_sit_on_the_certificate_the_text_names():
    filed = {"fact": "filed_on", "on": "2009-10-21"}
    wanted = {"other_documents": [filed | {"certificate": "2009-10-20"}]}
    on_original = Recorded(other_documents=[filed | {"certificate": "x-series-b@2007-03-14"}])
    on_amendment = Recorded(other_documents=[filed | {"certificate": "x-series-b@2009-10-20"}])
    assert [(f.fact, f.verdict) for f in compare(wanted, on_original)] == [
        ("other:filed_on:2009-10-21", "missed"),
        ("other(extra):filed_on", "wrong"),
    ]
    assert [(f.fact, f.verdict) for f in compare(wanted, on_amendment)] == [
        ("other:filed_on:2009-10-21", "right")
    ]
