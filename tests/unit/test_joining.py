"""A new instrument that differs from a known one only by words before the issuer's name."""

from __future__ import annotations

from ledger.domain.identity import instrument_id_for
from ledger.joining import implausible_issuer, issuer_key, lookalike

KNOWN = [
    instrument_id_for("Quorra Biologics Corp.", "Class B Series 4"),
    instrument_id_for("X Networks, Inc.", "Series B"),
    instrument_id_for("Acme, Inc.", "Series A"),
]


def test_a_heading_word_before_the_issuer_makes_a_lookalike_of_the_known_instrument():
    phantom = instrument_id_for("Incorporation Of Quorra Biologics Corp.", "Class B Series 4")
    assert lookalike(phantom, KNOWN) == "quorra-biologics-class-b-series-4"
    delaware = instrument_id_for("Delaware X Networks, Inc.", "Series B")
    assert lookalike(delaware, KNOWN) == "x-networks-series-b"


def test_the_same_instrument_and_other_issuers_or_series_are_not_lookalikes():
    assert lookalike(instrument_id_for("X Networks Inc", "Series B"), KNOWN) is None
    assert lookalike(instrument_id_for("X Networks, Inc.", "Series C"), KNOWN) is None
    assert lookalike(instrument_id_for("Beta Corp.", "Series A"), KNOWN) is None


def test_an_issuer_read_with_the_headings_of_in_front_is_refused_naming_the_option():
    assert implausible_issuer("Of Ostrander Bay Therapeutics, Inc.") == (
        "the issuer reads 'Of Ostrander Bay Therapeutics, Inc.', which begins with the heading "
        "word 'Of'; give the issuer's name with --issuer, or the instrument with --instrument"
    )
    assert implausible_issuer("INCORPORATION OF THORNBURY GLEN INDUSTRIES, INC.") is not None
    assert implausible_issuer("Amt. Paid:$100.00 Harrowgate Realty Trust, Inc.") is not None
    assert implausible_issuer("Offshore Logistics, Inc.") is None
    assert implausible_issuer("Bank of Lantern Harbor Corporation") is None
    assert implausible_issuer("The Quorra Company") is None


def test_the_issuer_key_ignores_case_punctuation_and_entity_words():
    assert (
        issuer_key("QUORRA BIOLOGICS CORP.")
        == issuer_key("Quorra Biologics Corp")
        == ("quorra-biologics")
    )
