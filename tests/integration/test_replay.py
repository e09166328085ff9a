"""Replay on real storage: rebuilt views are swapped in whole or not at all, checked against
the log, and a damaged view recovers by itself. Every scenario runs on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger import Ledger
from ledger import replay as replay_module
from ledger.errors import LedgerBusyError
from ledger.locks import replay_lock
from ledger.replay import StepFilter, ViewMismatchError
from tests.cli.support import assert_one_error_line, run_ledger
from tests.integration.tampering import RawStore
from tests.paths import CORPUS, HARBOR_FIRST, HARBOR_ORIGINAL, HARBOR_SECOND, SEED

EXAMPLES = [HARBOR_ORIGINAL, HARBOR_FIRST, HARBOR_SECOND, SEED]
MARROW = CORPUS / "marrow-creek" / "01-designation-1998-03-10.txt"


@pytest.fixture
def url(ledger_url):
    with Ledger.open(ledger_url) as ledger:
        ledger.ingest_files(EXAMPLES)
    return ledger_url


def log_rows(raw: RawStore) -> list[tuple[object, ...]]:
    events = raw.rows(
        "SELECT {pos}, originator_id, originator_version, topic, state FROM {events} ORDER BY 1"
    )
    links = raw.rows("SELECT * FROM {chain} ORDER BY 1")
    return [*events, *links]


def answer(ledger: Ledger) -> tuple[object, ...]:
    shown = ledger.show("Conversion Price", date(2001, 3, 1))
    return shown.status, shown.text, shown.in_force_from


def test_replay_rebuilds_the_same_view_and_writes_nothing_else(url):
    raw = RawStore(url)
    log_before = log_rows(raw)
    with Ledger.open(url) as ledger:
        view_before, before = ledger.view.dump(), answer(ledger)
        report = ledger.replay()
        assert (report.events, report.position, report.swapped) == (34, 34, True)
        assert ledger.view.dump() == view_before
        assert answer(ledger) == before
        assert ledger.verify().events == 34
    assert log_rows(raw) == log_before


def test_replay_verify_passes_on_an_untouched_view(url):
    with Ledger.open(url) as ledger:
        report = ledger.verify_view()
    assert (report.events, report.position, report.swapped) == (34, 34, False)


@pytest.mark.parametrize(
    ("tamper", "difference"),
    [
        (
            "UPDATE tl_term_versions SET term = 'Conversion Prize' WHERE term = 'Conversion Price'",
            "tl_term_versions row (harbor-lantern-networks-series-b, ",
        ),
        (
            "DELETE FROM tl_documents WHERE file_name LIKE 'kmc%'",
            "tl_documents lacks the row (d59a386aeed0",
        ),
        (
            "UPDATE tl_instruments SET title = 'Forged' WHERE instrument_id LIKE 'kmc%'",
            "tl_instruments row (kmc-telecom-holdings-series-e) was changed",
        ),
    ],
    ids=["a term renamed", "a document row deleted", "an instrument title changed"],
)
def test_replay_verify_names_a_tampered_view_row(url, tamper, difference):
    RawStore(url).execute(tamper)
    with Ledger.open(url) as ledger, pytest.raises(ViewMismatchError) as error:
        ledger.verify_view()
    message = str(error.value)
    assert message.startswith("the view differs from a replay of the log (through position 34): ")
    assert difference in message
    assert message.endswith("; run `ledger replay` to rebuild it")
    with Ledger.open(url) as ledger:
        ledger.replay()
        assert ledger.verify_view().events == 34


def test_a_failed_replay_leaves_the_old_view_in_place(url, monkeypatch):
    with Ledger.open(url) as ledger:
        before = ledger.view.dump()
        monkeypatch.setattr(replay_module, "BATCH_SIZE", 10)
        original = replay_module._swap

        def failing_swap(*_):
            raise RuntimeError("power cut")

        monkeypatch.setattr(replay_module, "_swap", failing_swap)
        with pytest.raises(RuntimeError, match="power cut"):
            ledger.replay()
        assert ledger.view.dump() == before
        assert answer(ledger)[0] == "in_force"
        monkeypatch.setattr(replay_module, "_swap", original)
        assert ledger.replay().events == 34  # the leftovers of the failed one are dropped
        assert ledger.view.dump() == before


def test_events_recorded_during_a_replay_are_in_the_swapped_view(url, monkeypatch):
    original = replay_module._fill
    rounds = []

    def fill_then_someone_ingests(ledger, *args):
        applied = original(ledger, *args)
        if not rounds:
            with Ledger.open(url) as other:
                other.ingest(MARROW)
        rounds.append(applied)
        return applied

    monkeypatch.setattr(replay_module, "_fill", fill_then_someone_ingests)
    with Ledger.open(url) as ledger:
        report = ledger.replay()
        head = ledger.app.recorder.max_notification_id()
        assert len(rounds) == 2
        assert report.position == head
        assert ledger.verify_view().position == head


def test_a_lost_tracking_row_is_rebuilt_not_a_permanent_error(url):
    raw = RawStore(url)
    tracking = "termledger_tracking" if raw.postgres else "tracking"
    raw.execute(f"DELETE FROM {tracking} WHERE application_name = 'term_versions'")  # noqa: S608
    with Ledger.open(url) as ledger:
        assert answer(ledger)[0] == "in_force"
        assert ledger.view.position() == 34
        assert ledger.verify_view().events == 34


@pytest.mark.parametrize(
    "damage",
    ["DELETE FROM tl_documents", "DELETE FROM tl_instruments", "DROP TABLE tl_instruments"],
)
def test_an_emptied_or_dropped_view_table_is_rebuilt_on_open(url, damage):
    RawStore(url).execute(damage)
    with Ledger.open(url) as ledger:
        assert answer(ledger)[0] == "in_force"
        assert ledger.verify_view().events == 34


def test_step_lists_each_event_with_the_versions_it_changed(url):
    with Ledger.open(url) as ledger:
        entries = list(ledger.replay_steps(StepFilter(until_position=8)))
        assert [e.event.position for e in entries] == list(range(1, 9))
        assert [e.event.event_type for e in entries][:3] == [
            "DocumentIngested",
            "InstrumentAdopted",
            "CertificateRecorded",
        ]
        assert [e.changed for e in entries[:6]] == [[]] * 6
        added = entries[7]
        assert added.event.event_type == "DefinitionAdded"
        assert [(r.term, r.status, r.valid_from) for r in added.changed] == [
            ("Conversion Price", "in_force", date(1999, 3, 12))
        ]
        kmc = list(ledger.replay_steps(StepFilter(instrument="kmc-telecom-holdings-series-e")))
        assert {e.instrument for e in kmc} == {"kmc-telecom-holdings-series-e"}
        assert len(kmc) == 7
        early = list(ledger.replay_steps(StepFilter(until=date(2000, 12, 31))))
        assert all(r.valid_from <= date(2000, 12, 31) for e in early for r in e.changed)
        assert "harbor-lantern-networks-series-b@2001-02-09" not in {
            e.event.summary.partition(":")[0]
            for e in early
            if e.event.event_type != "CertificateRecorded"
        }


def busy_line(ledger: Ledger, waited: str = "") -> str:
    return (
        f"Error: another `ledger replay` (or a rebuild of the view) is running on "
        f"{ledger.location.display}{waited}; nothing was written, run the command again "
        "when it has finished"
    )


def test_a_second_replay_while_one_runs_is_refused_and_breaks_nothing(url, tmp_path):
    """Two replays at once used to share the scratch tables: the second dropped the first's."""
    seen = []
    with Ledger.open(url) as ledger:
        before = ledger.view.dump()

        def progress(_done: int, _total: int) -> None:
            if seen:
                return
            # The first replay is half-way (scratch tables filled, not swapped in yet): a
            # `ledger replay` in another process, and a `replay --verify` in this one.
            done = run_ledger("replay", "--db", url, cwd=tmp_path)
            seen.append((done.returncode, done.stdout, done.stderr))
            result = CliRunner().invoke(cli, ["replay", "--verify", "--db", url])
            seen.append((result.exit_code, result.stdout, result.stderr))

        report = ledger.replay(progress)
        assert (report.events, report.swapped) == (34, True)
        assert ledger.view.dump() == before
        assert ledger.verify_view().events == 34
        for code, stdout, stderr in seen:
            assert (code, stdout) == (1, "")
            assert_one_error_line(stderr, busy_line(ledger))
    assert len(seen) == 2
    assert CliRunner().invoke(cli, ["replay", "--db", url]).exit_code == 0  # released


def test_a_damaged_view_waits_for_a_running_replay_then_is_refused(url, monkeypatch):
    monkeypatch.setattr(replay_module, "AUTOMATIC_REBUILD_WAIT", 0.3)
    RawStore(url).execute("DELETE FROM tl_documents")
    with Ledger.open(url, read_only=True) as reader, replay_lock(reader.location):
        with pytest.raises(LedgerBusyError) as refused:
            Ledger.open(url)
        assert f"Error: {refused.value}" == busy_line(reader, " (waited 0.3 s)")
    with Ledger.open(url) as ledger:  # the lock is released: the view is rebuilt
        assert answer(ledger)[0] == "in_force"
