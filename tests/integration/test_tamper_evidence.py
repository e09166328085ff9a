"""Tamper evidence on real storage: every change made behind the ledger's back is caught by
`verify` at the position where it was made, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger import Ledger
from ledger.errors import CorruptEventError, IntegrityViolationError, LedgerError
from ledger.integrity import Digest, Link, StoredRecord, canonical_id, chain_links, parse_digest
from tests.cli.support import assert_one_error_line, copy_ledger
from tests.integration.tampering import RawStore
from tests.paths import HARBOR_FIRST, HARBOR_ORIGINAL, HARBOR_SECOND, SEED
from tests.postgres_server import create_database

EXAMPLES = [HARBOR_ORIGINAL, HARBOR_FIRST, HARBOR_SECOND, SEED]
HEAD = 34
"""The four examples record 34 events."""

DIFFERS = "the stored event differs from the one recorded"
MISSING = "the event is missing (deleted), but its chain link remains"
UNLINKED = "the event has no chain link"
LINK_ALTERED = "its chain link was altered"
GONE = "neither the event nor its chain link is there"


def flip_byte(raw: RawStore) -> tuple[int, str]:
    state = bytearray(raw.state(5))
    state[len(state) // 2] ^= 0x01
    raw.set_state(5, bytes(state))
    return 5, DIFFERS


def edit_text(old: bytes, new: bytes) -> Callable[[RawStore], tuple[int, str]]:
    def tamper(raw: RawStore) -> tuple[int, str]:
        position = raw.position_of(old)
        raw.set_state(position, raw.state(position).replace(old, new, 1))
        return position, DIFFERS

    return tamper


def delete_event(position: int) -> Callable[[RawStore], tuple[int, str]]:
    def tamper(raw: RawStore) -> tuple[int, str]:
        raw.execute(("DELETE FROM {events} WHERE {pos} = ?", (position,)))
        return position, MISSING

    return tamper


def delete_event_and_link(raw: RawStore) -> tuple[int, str]:
    raw.execute(
        ("DELETE FROM {events} WHERE {pos} = ?", (10,)),
        ("DELETE FROM {chain} WHERE position = ?", (10,)),
    )
    return 10, GONE


def swap(first: int, second: int) -> Callable[[RawStore], tuple[int, str]]:
    def tamper(raw: RawStore) -> tuple[int, str]:
        raw.swap(first, second)
        return first, DIFFERS

    return tamper


def append_forged(raw: RawStore) -> tuple[int, str]:
    raw.copy_event(HEAD, HEAD + 1, 1000)
    return HEAD + 1, UNLINKED


def replace_deleted(raw: RawStore) -> tuple[int, str]:
    raw.execute(("DELETE FROM {events} WHERE {pos} = ?", (15,)))
    raw.copy_event(16, 15, 999)
    return 15, DIFFERS


def truncate_events(raw: RawStore) -> tuple[int, str]:
    raw.execute(("DELETE FROM {events} WHERE {pos} > ?", (30,)))
    return 31, MISSING


def edit_link(column: str, value: object) -> Callable[[RawStore], tuple[int, str]]:
    def tamper(raw: RawStore) -> tuple[int, str]:
        raw.execute((f"UPDATE {{chain}} SET {column} = ? WHERE position = ?", (value, 12)))  # noqa: S608
        return 12, LINK_ALTERED

    return tamper


def delete_link(raw: RawStore) -> tuple[int, str]:
    raw.execute(("DELETE FROM {chain} WHERE position = ?", (12,)))
    return 12, UNLINKED


def set_column(column: str, value: object, position: int = 9) -> Callable[..., tuple[int, str]]:
    def tamper(raw: RawStore) -> tuple[int, str]:
        raw.execute((f"UPDATE {{events}} SET {column} = ? WHERE {{pos}} = ?", (value, position)))  # noqa: S608
        return position, DIFFERS

    return tamper


def change_stream_id(raw: RawStore) -> tuple[int, str]:
    forged = uuid.uuid4()
    return set_column("originator_id", forged if raw.postgres else forged.hex)(raw)


def malformed_json(raw: RawStore) -> tuple[int, str]:
    raw.set_state(7, raw.state(7)[:-1])
    return 7, DIFFERS


def another_topic(raw: RawStore) -> tuple[int, str]:
    [(topic,)] = raw.rows("SELECT topic FROM {events} WHERE {pos} = ?", (2,))
    raw.execute(("UPDATE {events} SET topic = ? WHERE {pos} = ?", (topic, 3)))
    return 3, DIFFERS


TAMPERING = {
    "a byte flipped": flip_byte,
    "a price changed ($3.10 to $3.20)": edit_text(b"$3.10", b"$3.20"),
    "a date changed": edit_text(b'"2001-02-09"', b'"2001-03-09"'),
    "an invalid date": edit_text(b'"2001-02-09"', b'"2001-02-30"'),
    "malformed JSON": malformed_json,
    "an unknown topic": set_column("topic", "termledger:ForgedEvent"),
    "another event type's topic": another_topic,
    "a NULL state": set_column("state", None),
    "a stream version changed": set_column("originator_version", 77),
    "a stream id changed": change_stream_id,
    "a row deleted": delete_event(10),
    "the first row deleted": delete_event(1),
    "a row and its link deleted": delete_event_and_link,
    "two rows swapped": swap(7, 12),
    "two adjacent rows swapped": swap(20, 21),
    "a forged row appended": append_forged,
    "a deleted row replaced by a forged one": replace_deleted,
    "the tail truncated": truncate_events,
    "a chain link's hash edited": edit_link("hash", "0" * 64),
    "a chain link's previous position edited": edit_link("previous", 10),
    "a chain link deleted": delete_link,
}


_TEMPLATES: dict[str, str] = {}
"""A ledger of the examples per backend, built once; every test tampers with its own copy."""


@pytest.fixture(params=["sqlite", "postgres"])
def ledger_with_examples(request, tmp_path_factory, tmp_path):
    if request.param == "sqlite":
        if "sqlite" not in _TEMPLATES:
            _TEMPLATES["sqlite"] = build(str(tmp_path_factory.mktemp("template") / "t.sqlite"))
        return str(copy_ledger(Path(_TEMPLATES["sqlite"]), tmp_path / "ledger.sqlite"))
    base = request.getfixturevalue("postgres_base_url")
    if base not in _TEMPLATES:
        _TEMPLATES[base] = build(create_database(base)).rpartition("/")[2]
    return create_database(base, template=_TEMPLATES[base])


def build(url: str) -> str:
    with Ledger.open(url) as ledger:
        ledger.ingest_files(EXAMPLES)
    return url


@pytest.mark.parametrize("tamper", TAMPERING.values(), ids=TAMPERING.keys())
def test_verify_names_the_first_position_where_the_chain_breaks(ledger_with_examples, tamper):
    position, why = tamper(RawStore(ledger_with_examples))
    with Ledger.open(ledger_with_examples) as ledger, pytest.raises(IntegrityViolationError) as e:
        ledger.verify()
    assert str(e.value).startswith(f"chain broken at position {position}: {why}")


def test_an_untouched_ledger_verifies_and_its_digest_is_its_head(ledger_with_examples):
    with Ledger.open(ledger_with_examples) as ledger:
        report = ledger.verify()
        assert (report.events, report.head.position, report.backfilled_through) == (HEAD, HEAD, 0)
        assert ledger.verify(report.head).extends == report.head
        ledger.ingest(another_document())
        later = ledger.verify(report.head)
    assert later.head.position > HEAD
    assert later.extends == report.head


def another_document():
    from tests.paths import CORPUS  # noqa: PLC0415

    return CORPUS / "marrow-creek" / "01-designation-1998-03-10.txt"


def digest_of(url: str) -> Digest:
    with Ledger.open(url) as ledger:
        return ledger.verify().head


def rechain_from(raw: RawStore, position: int) -> None:
    """What an attacker with write access can do: recompute every link from `position`."""
    rows = raw.rows(
        "SELECT position, previous, hash FROM {chain} WHERE position < ? ORDER BY 1", (position,)
    )
    previous = Link(*rows[-1]) if rows else None
    records = [
        StoredRecord(int(p), canonical_id(i), int(v), str(t), bytes(s))
        for p, i, v, t, s in raw.rows(
            "SELECT {pos}, originator_id, originator_version, topic, state FROM {events} "
            "WHERE {pos} >= ? ORDER BY 1",
            (position,),
        )
    ]
    statements: list[tuple[str, tuple[object, ...]] | str] = [
        ("DELETE FROM {chain} WHERE position >= ?", (position,))
    ]
    statements += [
        ("INSERT INTO {chain} VALUES (?, ?, ?)", (li.position, li.previous, li.hash))
        for li in chain_links(previous, records)
    ]
    raw.execute(*statements)


def test_a_rewrite_that_recomputes_the_chain_is_caught_by_a_kept_digest(ledger_with_examples):
    kept = digest_of(ledger_with_examples)
    raw = RawStore(ledger_with_examples)
    edit_text(b"$3.10", b"$3.20")(raw)
    rechain_from(raw, 1)
    with Ledger.open(ledger_with_examples) as ledger:
        assert ledger.verify().events == HEAD  # self-consistent again: only the digest knows
        with pytest.raises(
            IntegrityViolationError,
            match=rf"does not extend digest {kept}: its link at position {HEAD} is ",
        ):
            ledger.verify(kept)


def test_a_truncated_tail_with_its_links_is_caught_by_a_kept_digest(ledger_with_examples):
    kept = digest_of(ledger_with_examples)
    RawStore(ledger_with_examples).execute(
        ("DELETE FROM {events} WHERE {pos} > ?", (30,)),
        ("DELETE FROM {chain} WHERE position > ?", (30,)),
    )
    with Ledger.open(ledger_with_examples) as ledger, pytest.raises(IntegrityViolationError) as e:
        ledger.verify(kept)
    assert str(e.value) == (
        f"the ledger does not extend digest {kept}: it ends at position 30, before {HEAD} "
        "(truncated, or the digest is from another ledger)"
    )


def test_truncation_followed_by_new_events_is_caught_by_a_kept_digest(ledger_with_examples):
    kept = digest_of(ledger_with_examples)
    raw = RawStore(ledger_with_examples)
    raw.execute(
        ("DELETE FROM {events} WHERE {pos} > ?", (26,)),
        ("DELETE FROM {chain} WHERE position > ?", (26,)),
    )
    with Ledger.open(ledger_with_examples) as ledger:
        ledger.rebuild_projections()
        ledger.ingest(another_document())
        assert ledger.verify().head.position > HEAD
        with pytest.raises(IntegrityViolationError, match=rf"its link at position {HEAD} is "):
            ledger.verify(kept)


def test_a_digest_from_another_ledger_is_refused(ledger_with_examples, tmp_path):
    other = tmp_path / "other.sqlite"
    with Ledger.open(str(other)) as ledger:
        ledger.ingest(SEED)
        foreign = ledger.verify().head
    with (
        Ledger.open(ledger_with_examples) as ledger,
        pytest.raises(IntegrityViolationError, match="does not extend digest"),
    ):
        ledger.verify(foreign)


@pytest.mark.parametrize("text", ["", "34", "34:xyz", "0:" + "a" * 64, "-1:" + "a" * 64, "a" * 64])
def test_a_malformed_digest_is_refused(text):
    with pytest.raises(LedgerError, match="is not a digest: give POSITION:HASH"):
        parse_digest(text)


def test_a_ledger_written_before_the_chain_gets_it_once_on_open(ledger_with_examples):
    raw = RawStore(ledger_with_examples)
    raw.execute("DROP TABLE {chain}", "DROP TABLE {meta}")
    with Ledger.open(ledger_with_examples) as ledger:
        report = ledger.verify()
        note = ledger.chain_note()
    assert (report.events, report.backfilled_through) == (HEAD, HEAD)
    assert note is not None
    assert note.startswith(
        f"Note: positions 1-{HEAD} were recorded before this ledger had tamper evidence"
    )
    with Ledger.open(ledger_with_examples) as ledger:
        assert ledger.verify().head == report.head  # computed once, not again


@pytest.mark.parametrize(
    "tamper",
    [
        edit_text(b'"2001-02-09"', b'"2001-02-30"'),
        malformed_json,
        set_column("topic", "termledger:ForgedEvent"),
        set_column("state", None),
    ],
    ids=["invalid date", "malformed JSON", "unknown topic", "NULL state"],
)
def test_a_corrupt_stored_event_is_an_error_naming_its_position(ledger_with_examples, tamper):
    position, _ = tamper(RawStore(ledger_with_examples))
    with Ledger.open(ledger_with_examples) as ledger:
        for action in (ledger.log, ledger.rebuild_projections):
            with pytest.raises(
                CorruptEventError,
                match=rf"^the stored event at position {position} cannot be read \(",
            ):
                action()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_verify_and_digest_only_read_a_ledger_from_before_the_chain(ledger_with_examples):
    """They open read-only: the chain of an old ledger comes from its next writer."""
    url = ledger_with_examples
    RawStore(url).execute("DROP TABLE {chain}", "DROP TABLE {meta}")
    for command in ("verify", "digest"):
        code, stdout, stderr = run(command, "--db", url)
        assert (code, stdout) == (1, "")
        assert_one_error_line(
            stderr,
            "Error: this ledger has no hash chain yet (its events were recorded before "
            "termledger kept one); run `ledger catch-up` once to compute it (verify and "
            "digest never write)",
        )
    with Ledger.open(url, read_only=True) as ledger:
        assert not ledger._chain.chain_exists()  # nothing was written
    assert run("catch-up", "--db", url)[0] == 0
    code, stdout, _ = run("verify", "--db", url)
    assert code == 0
    assert stdout.startswith(f"chain intact: {HEAD} events, head {HEAD}:")
    assert f"Note: positions 1-{HEAD} were recorded before this ledger had tamper" in stdout


def test_verify_digest_and_step_work_for_a_read_only_postgres_role(postgres_base_url):
    url = build(create_database(postgres_base_url))
    role = "verifier_" + url.rpartition("/")[2]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE ROLE {role} LOGIN")
        connection.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    reader = url.replace("postgres@", f"{role}@", 1)
    with Ledger.open(url) as ledger:
        head = ledger.verify().head
    assert run("digest", "--db", reader) == (0, f"{head}\n", "")
    assert run("verify", "--db", reader, "--digest", str(head)) == (
        0,
        f"chain intact: {HEAD} events, head {head}; extends digest {head}\n",
        "",
    )
    code, stdout, _ = run("replay", "--step", "--until-position", "2", "--db", reader)
    assert code == 0
    assert stdout.startswith("#1 DocumentIngested: ")
    code, _, stderr = run("ingest", str(HARBOR_SECOND), "--db", reader)  # it cannot write
    assert code == 1
    assert "permission denied" in stderr
