"""certificates, diff, audit and record-requirement through the command line, exact output."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.cli.support import (
    HARBOR,
    KMC,
    KMC_CERTIFICATE,
    SEED_SHA256,
    assert_one_error_line,
)

KMC_ORIGINAL = (
    "Certificate of Designation of the Series E Senior Redeemable, Exchangeable, PIK Preferred "
    "Stock of KMC Telecom Holdings, Inc."
)
ASSUMED = (
    "assumed: filing date not recorded, so the execution date 2000-06-30 is taken as the "
    "effective date"
)


def audit_json(ledger, *args):
    result = ledger("audit", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_audit_json_of_the_seed_shows_board_consent_execution_assumed_date_and_authority(seed):
    report = audit_json(seed)
    [kmc] = report["instruments"]
    [cert] = kmc["certificates"]

    assert report["summary"] == {
        "instruments": 1,
        "certificates": 1,
        "term_changes": 2,
        "approvals_met": 1,
        "approvals_unmet": 0,
        "approvals_unknown": 0,
        "gaps": 4,
        "assumed_dates": 1,
        "integrity": "verified",
    }
    assert report["integrity"]["detail"].startswith("chain intact: 8 events, head 8:")
    assert cert["certificate_id"] == KMC_CERTIFICATE
    assert (cert["board"]["acted_on"], cert["board"]["manner"]) == (
        "2000-06-28",
        "unanimous_written_consent",
    )
    assert (cert["board"]["source"]["first_line"], cert["board"]["source"]["last_line"]) == (18, 19)
    [consent] = cert["consents"]
    assert {k: v for k, v in consent.items() if k != "source"} == {
        "class_name": "Series E Preferred Stock",
        "threshold": "2/3",
        "at_least": True,
        "wording": "at least two-thirds",
        "separate_class": True,
        "shares_consenting": None,
        "shares_outstanding": None,
    }
    assert {k: v for k, v in cert["execution"].items() if k != "source"} == {
        "executed_on": "2000-06-30",
        "officer": "William H. Stewart",
        "officer_title": "Chief Financial Officer",
    }
    assert (cert["effective_on"], cert["effective_basis"], cert["date_basis"]) == (
        "2000-06-30",
        "execution_date_assumed",
        "assumed",
    )
    assert cert["effective_explanation"] == ASSUMED
    assert cert["authority"] == {
        "certificate_id": KMC_CERTIFICATE,
        "status": "met",
        "requirement_basis": "amendment_recital",
        "requirement": "a board resolution (DGCL §242(b)(1)); holders of at least 2/3 of the "
        "Series E Preferred Stock as a separate class",
        "board_required": True,
        "board_status": "met",
        "board_reason": "board resolution of 2000-06-28 by unanimous written consent",
        "consents": [
            {
                "class_name": "Series E Preferred Stock",
                "required_threshold": "2/3",
                "required_at_least": True,
                "separate_class": True,
                "status": "met",
                "recorded_threshold": "2/3",
                "recorded_at_least": True,
                "shares_consenting": None,
                "shares_outstanding": None,
                "reason": "holders of at least 2/3 of the Series E Preferred Stock approved; "
                "required at least 2/3",
            }
        ],
        "reasons": [],
    }
    assert cert["document"]["sha256"] == SEED_SHA256
    assert [(c["term"], c["operation"]) for c in cert["terms_changed"]] == [
        ("Lucent Facility", "replace"),
        ("Newcourt Finance", "replace"),
    ]
    assert kmc["gaps"] == [
        {
            "kind": "original_not_recorded",
            "description": f"the original {KMC_ORIGINAL} (adopted 1999-02-04) and its "
            "amendments before 2000-06-30 are not recorded: the text in force before then is "
            "unknown",
            "certificate_id": None,
            "term": None,
        },
        {
            "kind": "text_not_recorded",
            "description": "the text of 'Lucent Facility' from 1999-02-04 until 2000-06-30 is "
            "not recorded",
            "certificate_id": None,
            "term": "Lucent Facility",
        },
        {
            "kind": "text_not_recorded",
            "description": "the text of 'Newcourt Finance' from 1999-02-04 until 2000-06-30 is "
            "not recorded",
            "certificate_id": None,
            "term": "Newcourt Finance",
        },
        {
            "kind": "assumed_date",
            "description": f"{KMC_CERTIFICATE}: {ASSUMED}; record the filing date with "
            "`ledger record-filing`",
            "certificate_id": KMC_CERTIFICATE,
            "term": None,
        },
    ]


def test_audit_chronology_of_the_seed_in_order_with_provenance(seed):
    [kmc] = audit_json(seed)["instruments"]

    assert [(e["on"], e["kind"], e["date_basis"]) for e in kmc["chronology"]] == [
        ("1999-02-04", "adoption", "stated"),
        ("2000-06-28", "board_action", "stated"),
        ("2000-06-28", "consent", "assumed"),
        ("2000-06-30", "execution", "stated"),
        ("2000-06-30", "effective", "assumed"),
        ("2000-06-30", "term_change", "assumed"),
        ("2000-06-30", "term_change", "assumed"),
    ]
    execution = kmc["chronology"][3]
    assert execution["description"] == "executed by William H. Stewart, Chief Financial Officer"
    assert {k: execution["source"][k] for k in ("document_sha256", "first_line", "last_line")} == {
        "document_sha256": SEED_SHA256,
        "first_line": 72,
        "last_line": 83,
    }
    assert execution["source"]["recorded_at"].endswith("Z")
    board = kmc["chronology"][1]
    assert board["quote"] == [
        'corporation (the  "CORPORATION"),  by unanimous written consent,  dated June 28,',
        "2000:",
    ]
    assert "Chief Financial Officer this 30th day" in " ".join(execution["quote"])


def test_certificates_lists_harbor_in_effect_order_with_stated_and_assumed_dates(full):
    reports = full.json("certificates", "--instrument", "harbor")

    assert [
        (r["certificate_id"], r["kind"], r["effective_on"], r["date_basis"]) for r in reports
    ] == [
        (f"{HARBOR}@1999-03-10", "original", "1999-03-12", "stated"),
        (f"{HARBOR}@2000-09-15", "amendment", "2000-09-15", "assumed"),
        (f"{HARBOR}@2001-02-09", "amendment", "2001-02-15", "stated"),
    ]
    assert [r["authority"]["status"] for r in reports] == ["met", "met", "met"]
    assert [(c["term"], c["operation"]) for c in reports[2]["terms_changed"]] == [
        ("Subsidiary", "delete"),
        ("Conversion Price", "replace"),
    ]


def test_certificates_text_shows_the_authority_check(seed):
    result = seed("certificates")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        f"1. {KMC_CERTIFICATE} (amendment), effective 2000-06-30 (ASSUMED)",
        "     title: Certificate of Amendment effective 2000-06-30",
        "     board action: 2000-06-28 by unanimous written consent",
    ]
    assert "     authority: MET (requirement from the amendment's own recital: a board" in (
        result.stdout
    )


CONVERSION_REDLINE = """\
Conversion Price - harbor-lantern-networks-series-b: 2000-01-01 (in force) -> 2001-03-01 (in force)

  "Conversion Price" means [-$4.25-]{+$3.10+} per share of Common Stock, as such amount may be
  adjusted from time to time pursuant to Section 5 [-hereof;-]{+hereof \u2013 including any
  weighted-average adjustment required by §4(b) of the Series B Stock Purchase Agreement \u2013+}
  provided that [-any adjustment otherwise required to be made on a day that is not a Business
  Day shall be made on the next succeeding Business Day.-]{+no adjustment shall reduce the
  Conversion Price below $1.50 per share.+}

Certificates between the dates:
  2001-02-15 harbor-lantern-networks-series-b@2001-02-09 (replace; approvals met)
"""


def test_diff_of_a_term_is_a_word_redline_with_markers_when_piped(full):
    result = full("diff", "Conversion Price", "--from", "2000-01-01", "--to", "2001-03-01")

    assert result.exit_code == 0, result.output
    assert result.stdout == CONVERSION_REDLINE


def test_diff_json_is_the_list_of_equal_delete_insert_runs(full):
    line = full.json("diff", "Conversion Price", "--from", "2000-01-01", "--to", "2001-03-01")

    assert [r["op"] for r in line["runs"]] == [
        "equal", "delete", "insert", "equal", "delete", "insert", "equal", "delete", "insert",
    ]  # fmt: skip
    assert line["runs"][1:3] == [
        {"op": "delete", "text": "$4.25"},
        {"op": "insert", "text": "$3.10"},
    ]
    assert "".join(r["text"] for r in line["runs"] if r["op"] != "insert") == line["from_text"]
    assert "".join(r["text"] for r in line["runs"] if r["op"] != "delete") == line["to_text"]


def test_diff_of_the_definitions_section_lists_added_deleted_and_changed_terms(full):
    report = full.json(
        "diff", "--instrument", "harbor", "--from", "2000-01-01", "--to", "2001-03-01"
    )

    assert [t["term"] for t in report["added"]] == ["Qualified Public Offering"]
    assert [t["term"] for t in report["deleted"]] == ["Subsidiary"]
    assert [t["term"] for t in report["changed"]] == ["Conversion Price", "Senior Credit Facility"]
    assert report["unchanged"] == ["Business Day", "Liquidation Preference"]


def test_diff_against_text_not_recorded_draws_no_redline_and_says_why(seed):
    line = seed.json("diff", "Lucent Facility", "--from", "2000-01-01", "--to", "2000-07-01")

    assert line["runs"] == []
    assert line["warnings"][0] == (
        "the text of 'Lucent Facility' in force on 2000-01-01 is not recorded, so no redline "
        "can be drawn against it"
    )


def test_history_diff_redlines_each_version_against_the_one_before(full):
    result = full("history", "Conversion Price", "--diff")

    assert result.exit_code == 0, result.output
    assert "     [-$4.25-]{+$3.10+}" in result.stdout.replace("means ", "\n     ")


def test_record_requirement_makes_a_short_consent_unmet_and_answers_warn(full):
    result = full(
        "record-requirement", "harbor", "--consent", "at least 2/3 of Series B Preferred Stock",
        "--note", "Certificate of Designation section 9",
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    reports = full.json("certificates", "--instrument", "harbor")
    assert [r["authority"]["status"] for r in reports] == ["met", "unmet", "met"]
    warning = (
        f"approvals unmet for {HARBOR}@2000-09-15: the certificate recites approval by holders "
        "of more than 1/2 of the Series B Preferred Stock, below the required at least 2/3"
    )
    answer = full.json("show", "Qualified Public Offering", "--as-of", "2000-10-01")
    assert answer["authority"]["approval"] == "unmet"
    assert answer["authority"]["approval_warning"] == warning
    text = full("show", "Qualified Public Offering", "--as-of", "2000-10-01").stdout
    assert "WARNING: approvals unmet for harbor-lantern-networks-series-b@2000-09-15:" in text
    history = full.json("history", "Qualified Public Offering")
    assert history["versions"][0]["authority"]["approval_warning"] == warning


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("diff", "Lucent Facilty", "--from", "2000-01-01", "--to", "2000-07-01"),
         ("Error: no instrument in the ledger defines 'Lucent Facilty'; did you mean "
         "'Lucent Facility'?")),
        (("audit", "--instrument", "nowhere"),
         f"Error: no instrument matches 'nowhere' (known: {KMC})"),
        (("audit", "--from", "2001-01-01", "--to", "2000-01-01"),
         "Error: Invalid value for '--from': 2001-01-01 is after --to 2000-01-01; swap them"),
        (("diff", "Lucent Facility", "--from", "2001-01-01", "--to", "2000-01-01"),
         "Error: Invalid value for '--from': 2001-01-01 is after --to 2000-01-01; swap them"),
        (("audit", "--format", "pdf"),
         ("Error: Invalid value for '--format': 'pdf' is not one of 'text', 'markdown', "
         "'json', 'html'.")),
        (("audit", "--output", "missing/report.html"),
         "Error: Invalid value for '--output': folder missing does not exist"),
        (("record-requirement", "kmc", "--consent", "two thirds of Series E"),
         ("Error: Invalid value for '--consent': 'two thirds of Series E' is not like 'at least "
         "2/3 of Series E Preferred Stock'")),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_a_nonzero_exit_and_nothing_written(seed, tmp_path, args, error):
    before = sorted(p.name for p in tmp_path.rglob("*"))

    result = seed(*args)

    assert result.exit_code in {1, 2}
    assert result.stdout == ""
    assert_one_error_line(result.stderr, error)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the mode")
def test_an_unwritable_output_folder_is_refused(seed, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)

    result = seed("audit", "--output", str(folder / "r.md"))

    assert result.exit_code == 2
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs a read-only /sys")
def test_an_output_folder_nobody_can_write_is_refused_even_for_root(seed):
    result = seed("audit", "--output", "/sys/report.html")

    assert result.exit_code == 2
    assert_one_error_line(
        result.stderr,
        "Error: Invalid value for '--output': cannot write in /sys: Permission denied",
    )


def test_an_output_path_that_is_a_folder_is_refused(seed, tmp_path):
    result = seed("audit", "--output", str(tmp_path))

    assert result.exit_code == 2
    assert_one_error_line(
        result.stderr,
        f"Error: Invalid value for '--output': File '{tmp_path}' is a directory.",
    )


def test_audit_output_writes_the_whole_file_and_says_so(seed, tmp_path):
    target = tmp_path / "report.md"

    result = seed("audit", "--format", "markdown", "--output", str(target))

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    body = target.read_text(encoding="utf-8")
    assert body.startswith("# Audit report\n")
    assert f"- **Document:** kmc-series-e-amendment-2000-06-30.txt, sha256 `{SEED_SHA256}`" in body
    assert result.stderr == f"wrote {target} (markdown, {len(body.encode())} bytes)\n"


HOSTILE_LINE = '"Business Day" means any day other than a Saturday, a Sunday or a day on'
HOSTILE_TEXT = (
    '"Business Day" means any day <script>alert(1)</script> other than \x1b[31ma Saturday'
    "\x1b[0m, a \u202eSunday or a day on"
)


@pytest.fixture
def hostile(fresh, tmp_path):
    from tests.cli.support import HARBOR_ORIGINAL  # noqa: PLC0415

    text = HARBOR_ORIGINAL.read_text(encoding="utf-8").replace(HOSTILE_LINE, HOSTILE_TEXT)
    document = tmp_path / "hostile.txt"
    document.write_text(text, encoding="utf-8")
    assert fresh("ingest", str(document)).exit_code == 0
    return fresh


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_markup_and_control_characters_in_a_document_are_escaped_in_every_format(hostile, fmt):
    out = hostile("audit", "--format", fmt).stdout

    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\u202e" in out
    if fmt in {"markdown", "html"}:
        assert "<script>" not in out
        assert "&lt;script&gt;alert" in out


def test_diff_and_certificates_never_print_control_characters_raw(hostile):
    hostile("record-filing", "harbor", "2000-01-01")
    for args in (
        ("diff", "Business Day", "--from", "1999-01-01", "--to", "2000-01-01"),
        ("diff", "--instrument", "harbor", "--from", "1999-01-01", "--to", "2000-01-01"),
        ("certificates",),
    ):
        out = hostile(*args).stdout + hostile(*args, "--json").stdout
        assert "\x1b" not in out
        assert "\u202e" not in out


def test_html_report_is_self_contained_and_shows_timelines_and_redlines(full, tmp_path):
    target = tmp_path / "audit.html"

    assert full("audit", "--format", "html", "--output", str(target)).exit_code == 0

    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "http://" not in page
    assert "https://" not in page
    assert page.count('<div class="timeline" data-term=') == 8
    assert "<del>$4.25</del><ins>$3.10</ins>" in page
    assert "@media print" in page


EXPECTED = Path(__file__).parent / "expected"


def masked(report: str) -> str:
    """The report with its recording times and chain head (which vary per run) masked."""
    report = re.sub(
        r"(recorded\s+)\d{4}-\d\d-\d\d(\s+)\d\d:\d\d:\d\d",
        lambda m: f"{m[1]}YYYY-MM-DD{m[2]}HH:MM:SS",
        report,
    )
    return re.sub(r"\b(\d+):[0-9a-f]{64}\b", lambda m: f"{m[1]}:{'h' * 64}", report)


def test_the_text_audit_of_the_seed_is_exactly_as_expected(seed):
    result = seed("audit")

    assert result.exit_code == 0, result.output
    assert masked(result.stdout) == (EXPECTED / "seed-audit.txt").read_text(encoding="utf-8")


def test_diff_of_the_definitions_section_pairs_a_rename(fresh):
    from tests.paths import CORPUS  # noqa: PLC0415

    for name in ("01-designation-1997-11-03.txt", "02-amendment-1999-04-12.txt"):
        assert fresh("ingest", str(CORPUS / "pellucid-harbor" / name)).exit_code == 0

    report = fresh.json(
        "diff", "--instrument", "pellucid", "--from", "1998-01-01", "--to", "1999-05-01"
    )

    [renamed] = report["renamed"]
    assert (renamed["renamed_from"], renamed["term"]) == ("Senior Notes", "Senior Secured Notes")
    assert "Senior Secured Notes" not in [t["term"] for t in report["added"]]
    assert "Senior Notes" not in [t["term"] for t in report["deleted"]]
    assert {"op": "insert", "text": "Secured "} in renamed["runs"]


def test_known_at_reports_what_the_ledger_said_before_a_filing_was_recorded(full):
    before = full.json("log")[-1]["position"]
    filing = ("record-filing", f"{HARBOR}@2000-09-15", "--filed-on", "2000-09-20")
    assert full(*filing).exit_code == 0
    harbor_dates = ("--instrument", "harbor", "--known-at", f"@{before}")

    then = full.json("certificates", *harbor_dates)
    now = full.json("certificates", "--instrument", "harbor")

    assert [(c["effective_on"], c["date_basis"]) for c in then] == [
        ("1999-03-12", "stated"),
        ("2000-09-15", "assumed"),
        ("2001-02-15", "stated"),
    ]
    assert (now[1]["effective_on"], now[1]["date_basis"]) == ("2000-09-20", "stated")
    span = ("Senior Credit Facility", "--from", "2000-09-16", "--to", "2000-09-25")
    assert full.json("diff", *span, "--known-at", f"@{before}")["changed"] is False
    assert full.json("diff", *span)["changed"] is True
    report = audit_json(full, *harbor_dates)
    assert report["known_at"] == before
    assert report["summary"]["assumed_dates"] == 1
    assert audit_json(full, "--instrument", "harbor")["summary"]["assumed_dates"] == 0
