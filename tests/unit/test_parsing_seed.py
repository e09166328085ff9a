"""The parser on the seed document: every fact it states, exactly."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.parsing import ParsedCertificate, parse_document
from tests.paths import SEED

LUCENT_TEXT = (
    '"Lucent Facility" means the vendor financing facility among KMC Telecom IV, Inc. '
    '("KMC IV"), KMC Telecom Leasing IV LLC ("Leasing IV"), KMC IV Services LLC '
    '("IV Services"), the additional borrowers from time to time parties thereto (KMC IV, '
    "Leasing IV, IV Services and any additional borrowers collectively referred to as the "
    '"Borrowers"), the financial institutions signatory thereto from time to time (the '
    '"Lenders"), Lucent as agent for the Lenders and State Street Bank and Trust Company, '
    "as collateral agent for the Lenders, as amended, supplemented or otherwise modified "
    "from time to time."
)
NEWCOURT_TEXT = (
    '"Newcourt Finance" means CIT Lending Services Corporation, formerly known as Newcourt '
    "Commercial Finance Corporation, and its successors."
)


@pytest.fixture(scope="module")
def seed() -> ParsedCertificate:
    document = parse_document(SEED.read_bytes(), SEED.name)
    assert len(document.certificates) == 1
    return document.certificates[0]


def test_seed_document_identity_is_its_sha256_and_encoding():
    document = parse_document(SEED.read_bytes(), SEED.name)
    assert document.sha256 == "d59a386aeed0144dbd6c139f9560bf9cf349f4896ee8c148beaab0fe444612bb"
    assert document.encoding == "utf-8"
    assert document.line_count == 83


def test_seed_is_an_amendment_of_the_kmc_series_e_certificate(seed):
    assert seed.kind == "amendment"
    assert seed.issuer == "KMC Telecom Holdings, Inc."
    assert seed.series == "Series E"
    assert seed.security == "Series E Senior Redeemable, Exchangeable, PIK Preferred Stock"
    assert seed.amended_section == "Section I"


def test_seed_names_the_original_certificate_dated_as_of_february_4_1999(seed):
    assert seed.instrument_dated is not None
    assert seed.instrument_dated.on == date(1999, 2, 4)
    assert seed.instrument_dated.wording == "dated as of February 4, 1999"
    assert (seed.instrument_dated.span.first_line, seed.instrument_dated.span.last_line) == (42, 43)


def test_seed_board_acted_by_unanimous_written_consent_on_june_28_2000(seed):
    assert seed.board is not None
    assert seed.board.acted_on == date(2000, 6, 28)
    assert seed.board.manner == "unanimous_written_consent"
    assert (seed.board.span.first_line, seed.board.span.last_line) == (18, 19)


def test_seed_holders_of_two_thirds_of_series_e_consented_as_a_separate_class(seed):
    [consent] = seed.consents
    assert consent.class_name == "Series E Preferred Stock"
    assert (consent.threshold.numerator, consent.threshold.denominator) == (2, 3)
    assert consent.threshold.fraction == "2/3"
    assert consent.threshold.at_least is True
    assert consent.threshold.wording == "at least two-thirds"
    assert consent.separate_class is True


def test_seed_was_executed_by_the_chief_financial_officer_on_june_30_2000(seed):
    assert seed.execution is not None
    assert seed.execution.executed_on == date(2000, 6, 30)
    assert seed.execution.officer == "William H. Stewart"
    # The EDGAR line reads "Title: Chief Financial Officer  82  573 4502": codes are dropped.
    assert seed.execution.officer_title == "Chief Financial Officer"


def test_seed_states_neither_a_filing_date_nor_a_later_effective_time(seed):
    assert seed.filing is None
    assert seed.effective_time is None


def test_seed_amends_exactly_two_definitions_under_section_i_as_follows(seed):
    assert [(op.instruction, op.term) for op in seed.operations] == [
        ("amend_as_follows", "Lucent Facility"),
        ("amend_as_follows", "Newcourt Finance"),
    ]
    assert {op.wording for op in seed.operations} == {"Section I is amended as follows"}


def test_lucent_facility_text_is_joined_across_hard_wraps_and_double_spaces(seed):
    lucent = seed.operations[0]
    assert lucent.term == "Lucent Facility"  # the seed writes "Lucent  Facility"
    assert lucent.text == LUCENT_TEXT
    assert (lucent.span.first_line, lucent.span.last_line) == (55, 62)


def test_lucent_facility_records_the_terms_defined_inside_it(seed):
    assert seed.operations[0].inline_terms == [
        "KMC IV",
        "Leasing IV",
        "IV Services",
        "Borrowers",
        "Lenders",
    ]


def test_newcourt_finance_text_is_whole_and_defines_nothing_inside(seed):
    newcourt = seed.operations[1]
    assert newcourt.text == NEWCOURT_TEXT
    assert newcourt.inline_terms == []
    assert (newcourt.span.first_line, newcourt.span.last_line) == (64, 65)
