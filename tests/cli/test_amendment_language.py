"""Every amendment operation and every filing format, end to end through the command line:
in process with CliRunner, and as a real process for the formats."""

from __future__ import annotations

from pathlib import Path

from tests.cli.support import InProcess, assert_one_error_line, process_json, run_ledger
from tests.paths import CORPUS

MARROW = CORPUS / "marrow-creek"
PELLUCID = CORPUS / "pellucid-harbor"
QUILL = CORPUS / "quillfeather"
MC = "marrow-creek-energy-series-c"
PH = "pellucid-harbor-systems-series-a"
QF = "quillfeather-biologics-series-d"


def ledger_with(tmp_path: Path, *documents: Path) -> InProcess:
    cli = InProcess(tmp_path / "ops.sqlite")
    for document in documents:
        result = cli("ingest", document)
        assert result.exit_code == 0, result.output
    return cli


def show(cli: InProcess, term: str, as_of: str, instrument: str) -> dict:
    return cli.json("show", term, "--as-of", as_of, "--instrument", instrument)


def test_words_substituted_inside_a_definition_change_its_text_from_the_effective_date(tmp_path):
    cli = ledger_with(tmp_path, MARROW / "01-designation-1998-03-10.txt")
    report = cli.json("ingest", MARROW / "02-amendment-1999-05-20.txt")
    edits = [e for e in report[0]["events"] if e["event_type"] == "DefinitionWordsSubstituted"]
    assert [e["first_line"] for e in edits] == [39, 43, 47]
    before = show(cli, "Conversion Price", "1999-05-19", MC)
    after = show(cli, "Conversion Price", "1999-05-20", MC)
    assert "$12.50" in before["text"]
    assert "$11.75" in after["text"]
    assert "$12.50" not in after["text"]
    assert (after["in_force_from"], after["assumed"]) == ("1999-05-20", True)
    inserted = show(cli, "Permitted Indebtedness", "1999-06-01", MC)
    assert "the Corporation or any Subsidiary" in inserted["text"]


def test_two_amendments_on_the_same_day_apply_in_recording_order(tmp_path):
    cli = ledger_with(
        tmp_path,
        *(
            MARROW / name
            for name in ("01-designation-1998-03-10.txt", "02-amendment-1999-05-20.txt")
        ),
        MARROW / "03-amendment-2000-08-01.txt",
        MARROW / "04-amendment-2000-08-01.txt",
    )
    answer = show(cli, "Liquidation Preference", "2000-08-01", MC)
    assert "$27.50" in answer["text"]
    history = cli.json("history", "Liquidation Preference", "--instrument", MC)["versions"]
    same_day = [v for v in history if v["valid_from"] == "2000-08-01"]
    assert [v["valid_to"] for v in same_day] == ["2000-08-01", None]


def test_a_later_effective_time_and_a_deletion_of_two_terms(tmp_path):
    cli = ledger_with(tmp_path, *sorted(MARROW.glob("0[1-5]-*.txt")))
    assert show(cli, "Subsidiary", "2001-02-28", MC)["status"] == "in_force"
    deleted = show(cli, "Change of Control", "2001-03-01", MC)
    assert (deleted["status"], deleted["effective_basis"]) == ("deleted", "stated_effective_time")


def test_a_certificate_of_correction_applies_as_of_the_corrected_certificate(tmp_path):
    cli = ledger_with(tmp_path, *sorted(MARROW.glob("0[1-2]-*.txt")))
    result = cli("ingest", MARROW / "06-correction-1999-06-15.txt", "--json")
    assert result.exit_code == 0, result.output
    corrected = show(cli, "Conversion Price", "1999-05-20", MC)
    assert "$11.57" in corrected["text"]
    assert corrected["authority"]["kind"] == "correction"


def test_a_rename_and_a_restatement_that_omits_a_term(tmp_path):
    cli = ledger_with(tmp_path, *sorted(PELLUCID.glob("0[1-3]-*.txt")))
    assert show(cli, "Senior Notes", "1999-04-12", PH)["status"] == "deleted"
    renamed = show(cli, "Senior Secured Notes", "1999-04-12", PH)
    assert renamed["status"] == "in_force"
    assert "Senior Secured Notes" in show(cli, "Indenture", "1999-04-12", PH)["text"]
    omitted = show(cli, "Mandatory Redemption Date", "2000-10-02", PH)
    assert omitted["status"] == "deleted"
    assert "omitted from the restatement" in omitted["note"]


def test_deleting_a_term_the_ledger_never_saw_is_refused_naming_the_line(tmp_path):
    cli = ledger_with(tmp_path, *sorted(PELLUCID.glob("0[1-3]-*.txt")))
    before = cli.event_count()
    result = cli("ingest", PELLUCID / "04-amendment-2001-06-18.txt")
    assert result.exit_code == 2
    assert (
        "04-amendment-2001-06-18.txt:32: deletes the definition of 'Lock-Up Period'"
        in result.stderr
    )
    assert cli.event_count() == before


def test_uninterpretable_language_is_refused_unless_accepted_and_then_marked_for_review(tmp_path):
    cli = ledger_with(tmp_path, *sorted(PELLUCID.glob("0[1-3]-*.txt")))
    document = PELLUCID / "05-amendment-2001-07-09.txt"
    refused = cli("ingest", document)
    assert refused.exit_code == 2
    assert_one_error_line(
        refused.stderr,
        f"Error: {document}:38: amending language that cannot be interpreted (line 38): "
        "'2. Section 6(c) is hereby amended by striking clause (iii) thereof.' "
        "(use --accept-partial to record the rest and mark it for review)",
    )
    accepted = cli.json("ingest", document, "--accept-partial")
    assert accepted[0]["events"][-1]["event_type"] == "ReviewRequired"
    answer = show(cli, "Business Day", "2001-08-01", PH)
    assert [r["sentences"] for r in answer["needs_review"]] == [
        ["2. Section 6(c) is hereby amended by striking clause (iii) thereof."]
    ]
    assert show(cli, "Business Day", "2001-07-08", PH)["needs_review"] == []


def test_explain_prints_each_event_beside_its_source_lines(tmp_path):
    cli = ledger_with(tmp_path, MARROW / "01-designation-1998-03-10.txt")
    result = cli("ingest", "--explain", MARROW / "02-amendment-1999-05-20.txt")
    assert result.exit_code == 0, result.output
    assert "DefinitionWordsSubstituted: marrow-creek-energy-series-c@1999-05-20: in the" in (
        result.stdout
    )
    assert '   40  Certificate of Designation is hereby amended by deleting the words "$12.50"' in (
        result.stdout
    )


def test_a_cp1252_original_with_page_furniture_as_a_real_process(tmp_path):
    done = run_ledger(
        "ingest", PELLUCID / "01-designation-1997-11-03.txt", "--db", "p.sqlite", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "(cp1252, sha256" in done.stdout
    answer = process_json(
        "show", "Redemption Price", "--as-of", "1998-01-01", "--db", "p.sqlite", cwd=tmp_path
    )
    assert answer["text"].startswith("\u201cRedemption Price\u201d means")
    assert "- 2 -" not in answer["text"]


def test_an_edgar_submission_records_its_certificate_and_skips_the_rest_as_a_real_process(tmp_path):
    reports = process_json(
        "ingest",
        QUILL / "01-submission-2000-03-15.txt",
        cwd=tmp_path,
        ledger_db=tmp_path / "q.sqlite",
    )
    assert [r["outcome"] for r in reports] == ["skipped", "recorded", "skipped"]
    assert reports[1]["file"] == "01-submission-2000-03-15.txt [EX-3.1 0002.txt]"
    unknown = process_json(
        "show",
        "Conversion Price",
        "--as-of",
        "1999-12-01",
        cwd=tmp_path,
        ledger_db=tmp_path / "q.sqlite",
    )
    assert (unknown["status"], unknown["text"]) == ("text_not_recorded", None)


def test_html_exhibits_restate_a_definition_and_a_whole_section(tmp_path):
    cli = ledger_with(tmp_path, QUILL / "01-submission-2000-03-15.txt")
    for exhibit in ("02-amendment-2000-09-29.htm", "03-amendment-2001-01-22.htm"):
        result = cli("ingest", QUILL / exhibit)
        assert result.exit_code == 0, result.output
    investor = show(cli, "Strategic Investor", "2000-10-01", QF)
    assert investor["status"] == "in_force"
    assert investor["text"].startswith('"Strategic Investor" means any pharmaceutical')
    restated = show(cli, "Trading Day", "2001-01-24", QF)
    assert (restated["status"], restated["in_force_from"], restated["assumed"]) == (
        "in_force",
        "2001-01-24",
        False,
    )


def test_refs_and_check_on_the_corpus(tmp_path):
    cli = ledger_with(tmp_path, *sorted(MARROW.glob("0[1-4]-*.txt")))
    refs = cli.json("refs", "Business Day", "--as-of", "2000-09-01", "--instrument", MC)
    assert "Dividend Payment Date" in refs["used_by"]
    check = cli.json("check", "--as-of", "2000-09-01", "--instrument", MC)
    assert {f["kind"] for f in check["findings"]} <= {"undefined", "defined_twice", "unused"}
