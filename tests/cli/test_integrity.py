"""`ledger verify` and `ledger digest`, and damaged stored events, through the command line."""

from __future__ import annotations

import re
import time

import pytest

from tests.cli.support import HARBOR_SECOND, assert_one_error_line
from tests.integration.tampering import RawStore

FULL_EVENTS = 34


def head_of(full) -> str:
    result = full("digest")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_verify_reports_an_intact_chain_and_its_head(full):
    digest = head_of(full)
    assert digest.startswith(f"{FULL_EVENTS}:")
    result = full("verify")
    assert (result.exit_code, result.stdout) == (
        0,
        f"chain intact: {FULL_EVENTS} events, head {digest}\n",
    )
    result = full("verify", "--digest", digest)
    assert result.stdout == (
        f"chain intact: {FULL_EVENTS} events, head {digest}; extends digest {digest}\n"
    )


def test_digest_and_verify_as_json(full):
    digest = head_of(full)
    position, value = digest.split(":")
    assert full.json("digest") == {"position": int(position), "hash": value, "format": 1}
    report = full.json("verify", "--digest", digest)
    assert report["events"] == FULL_EVENTS
    assert report["head"] == report["extends"] == {"position": 34, "hash": value, "format": 1}
    assert report["backfilled_through"] == 0


def test_verify_names_the_position_of_a_changed_event(full):
    raw = RawStore(str(full.db))
    raw.set_state(5, raw.state(5).replace(b'"', b"'", 1))
    result = full("verify")
    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        "Error: chain broken at position 5: the stored event differs from the one recorded "
        "(changed, or rows reordered)",
    )


@pytest.mark.parametrize("digest", ["abc", "34", "34:" + "g" * 64, "0:" + "a" * 64])
def test_a_malformed_digest_is_a_usage_error(full, digest):
    result = full("verify", "--digest", digest)
    assert result.exit_code == 2
    assert_one_error_line(
        result.stderr,
        f"Error: Invalid value for '--digest': {digest!r} is not a digest: give POSITION:HASH "
        "as `ledger digest` prints it (a position and 64 hex digits)",
    )


def test_a_digest_past_the_head_is_refused(full):
    result = full("verify", "--digest", "99:" + "a" * 64)
    assert result.exit_code == 1
    assert_one_error_line(
        result.stderr,
        f"Error: the ledger does not extend digest 99:{'a' * 64}: it ends at position "
        f"{FULL_EVENTS}, before 99 (truncated, or the digest is from another ledger)",
    )


def test_log_notes_a_chain_computed_after_the_events(full):
    RawStore(str(full.db)).execute("DROP TABLE {chain}", "DROP TABLE {meta}")
    full("ingest", HARBOR_SECOND)  # any command that opens the ledger for writing
    result = full("log")
    assert result.exit_code == 0
    note = result.stdout.splitlines()[-1]
    assert note.startswith(
        f"Note: positions 1-{FULL_EVENTS} were recorded before this ledger had tamper "
        "evidence; their hash chain was computed on "
    )
    assert note.endswith("so it proves them unchanged since then only.")
    assert full("verify").exit_code == 0


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("state", b"{not json", "JSON is malformed"),
        ("state", None, "'NoneType' object has no attribute"),
        ("topic", "termledger:Forged", "unknown event topic 'termledger:Forged'"),
    ],
)
def test_a_corrupt_stored_event_is_one_line_naming_its_position(
    full, tmp_path, column, value, reason
):
    raw = RawStore(str(full.db))
    raw.execute((f"UPDATE {{events}} SET {column} = ? WHERE {{pos}} = ?", (value, 12)))  # noqa: S608
    resaved = tmp_path / "resaved.txt"  # the same certificate in other bytes: its stream is read
    resaved.write_bytes(HARBOR_SECOND.read_bytes() + b"\n")
    for command in (["log"], ["ingest", resaved]):
        result = full(*command)
        assert result.exit_code == 1, command
        [line] = result.stderr.splitlines()
        assert line.startswith("Error: the stored event at position 12 cannot be read (")
        assert reason in line
        assert line.endswith(
            "it was changed behind the ledger's back or written by a newer termledger: "
            "run `ledger verify`"
        )
    result = full("verify")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: chain broken at position 12: ")


def test_migrate_copies_the_ledger_and_its_chain(full, tmp_path):
    digest = head_of(full)
    target = tmp_path / "copy.sqlite"
    result = full("migrate", "--to", target)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"copied 34 events from {full.db} to {target} in \d+\.\d\d s; the copy's chain "
        rf"verifies, head {digest}\n",
        result.stdout,
    )
    again = full("migrate", "--to", target)
    assert again.exit_code == 1
    assert_one_error_line(
        again.stderr,
        f"Error: {target} already holds a ledger with 34 events; migrate copies into an empty "
        "database or file only (nothing was written)",
    )


def test_migrate_to_an_unreachable_server_fails_fast_with_one_line(full):
    before = full.db.read_bytes()
    started = time.perf_counter()
    result = full("migrate", "--to", "postgresql://postgres@127.0.0.1:1/ledger")
    assert time.perf_counter() - started < 10
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: cannot connect to postgresql://postgres@127.0.0.1:1/ledger: ")
    assert full.db.read_bytes() == before
