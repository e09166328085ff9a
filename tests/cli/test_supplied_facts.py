"""Issue 7 item 6: where the reader cannot decide, the error names the option that settles it,
and a fact so supplied is recorded as the user's."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.support import SEED

# An amendment of an instrument the ledger has never seen, stating neither the instrument's
# date nor the original's filing: the reader cannot say when the instrument was adopted.
UNDATED_AMENDMENT = """\
             CERTIFICATE OF AMENDMENT OF THE CERTIFICATE OF DESIGNATION
                OF SERIES F CONVERTIBLE PREFERRED STOCK

     Wrenfield Optical Systems, Inc., a Delaware corporation (the "Corporation"),
hereby certifies that its Board of Directors, by unanimous written consent dated
April 3, 2001, adopted the following resolution:

     RESOLVED, that Section 1 of the Certificate of Designation is hereby amended by
deleting the definition of "Bridge Notes" in its entirety.

     IN WITNESS WHEREOF, the Corporation has caused this certificate to be executed by
its Secretary this 9th day of April, 2001.

                                   By: /s/ Ines V. Marlowe
                                   Name:  Ines V. Marlowe
                                   Title: Secretary
"""


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _events(result_stdout: str) -> list[dict[str, object]]:
    (report,) = json.loads(result_stdout)
    return report["events"]


def test_an_undated_instrument_is_recorded_as_undated_and_a_date_given_is_the_users(
    fresh, tmp_path
):
    # Ingested before its original, in any order: the amendment is recorded; the instrument's
    # adoption is "not stated" (no later than the amendment) until a document or the user says.
    path = _write(tmp_path, "wrenfield.txt", UNDATED_AMENDMENT)
    undated = fresh("ingest", path, "--dry-run", "--json")
    assert undated.exit_code == 0, undated.stderr
    adopted = _events(undated.stdout)[1]
    assert adopted["event_type"] == "InstrumentAdopted"
    assert (
        adopted["summary"]
        == "wrenfield-optical-systems-series-f adopted 2001-04-09 (text not recorded)"
    )
    recorded = fresh("ingest", path, "--adopted-on", "1999-11-02", "--dry-run", "--json")
    assert recorded.exit_code == 0, recorded.stderr
    adopted = _events(recorded.stdout)[1]
    assert adopted["event_type"] == "InstrumentAdopted"
    assert (
        adopted["summary"]
        == "wrenfield-optical-systems-series-f adopted 1999-11-02 (text not recorded)"
    )
    assert fresh("ingest", path).exit_code == 0
    (instrument,) = fresh.json("instruments")
    assert instrument["adoption_basis"] == (
        "not stated by any document the ledger holds: adopted no later than 2001-04-09, "
        "when its earliest recorded certificate took effect"
    )


def test_an_execution_date_given_by_the_user_is_recorded_as_the_users(fresh, tmp_path):
    undated = UNDATED_AMENDMENT.replace(
        "by unanimous written consent dated\nApril 3, 2001,", ""
    ).replace(" this 9th day of April, 2001", "")
    path = _write(tmp_path, "wrenfield-undated.txt", undated)
    refused = fresh("ingest", path, "--adopted-on", "1999-11-02")
    assert refused.exit_code == 2
    assert refused.stderr.rstrip().endswith(
        "cannot date the certificate (give the date it was signed with --executed-on)"
    )
    recorded = fresh(
        "ingest",
        path,
        "--adopted-on",
        "1999-11-02",
        "--executed-on",
        "2001-04-09",
        "--dry-run",
        "--json",
    )
    assert recorded.exit_code == 0, recorded.stderr
    summaries = [e["summary"] for e in _events(recorded.stdout)]
    assert (
        "wrenfield-optical-systems-series-f@2001-04-09: executed 2001-04-09 by Ines V. Marlowe, "
        "Secretary (date given by the user)"
    ) in summaries


def test_an_issuer_given_by_the_user_settles_two_issuers(fresh, tmp_path):
    twin = SEED.read_text(encoding="utf-8").replace(
        "KMC Telecom  Holdings,  Inc.,  a Delaware", "Quay Signal Networks, Inc., a Delaware", 1
    )
    path = _write(tmp_path, "kmc-two-issuers.txt", twin)
    refused = fresh("ingest", path)
    assert refused.exit_code == 2
    assert "two different issuers" in refused.stderr
    assert refused.stderr.rstrip().endswith("give the right one with --issuer")
    recorded = fresh("ingest", path, "--issuer", "KMC Telecom Holdings, Inc.", "--json")
    assert recorded.exit_code == 0, recorded.stderr
    assert json.loads(recorded.stdout)[0]["certificates"] == [
        "kmc-telecom-holdings-series-e@2000-06-30"
    ]


def test_an_amendment_joins_the_instrument_the_user_names(seed, tmp_path):
    path = _write(
        tmp_path,
        "kmc-renamed.txt",
        UNDATED_AMENDMENT.replace("Bridge Notes", "Newcourt Finance"),
    )
    recorded = seed("ingest", path, "--instrument", "kmc-telecom-holdings-series-e", "--json")
    assert recorded.exit_code == 0, recorded.stderr
    assert json.loads(recorded.stdout)[0]["certificates"] == [
        "kmc-telecom-holdings-series-e@2001-04-09"
    ]
    other = _write(tmp_path, "kmc-other.txt", UNDATED_AMENDMENT.replace("9th", "10th"))
    unknown = seed("ingest", other, "--instrument", "no-such-instrument")
    assert unknown.exit_code == 1
    assert "--instrument 'no-such-instrument' names no instrument in the ledger" in unknown.stderr
