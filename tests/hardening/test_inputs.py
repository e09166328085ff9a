"""Issue 11, item 2: paths that are not documents are refused at once, with one line."""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

import pytest

from tests.hardening.support import assert_refused, fingerprint, listing, run
from tests.paths import SEED

NOT_A_DOCUMENT = "not a document; give the path of a file"
TOO_LARGE = "a document may hold at most 20 MiB (a certificate is rarely over 1 MiB)"


def _refused_quickly(seed_db: Path, *args: str | Path, stdin: bytes | None = None):
    before, files = fingerprint(seed_db), listing(seed_db.parent)
    started = time.monotonic()
    done = run("ingest", *args, "--db", seed_db, cwd=seed_db.parent, stdin=stdin, timeout=30)
    assert time.monotonic() - started < 20
    assert fingerprint(seed_db) == before
    assert listing(seed_db.parent) == files
    return done


def test_a_fifo_is_refused_before_it_is_opened_so_the_command_never_blocks(seed_db, tmp_path):
    fifo = tmp_path / "filing.txt"
    os.mkfifo(fifo)

    done = _refused_quickly(seed_db, fifo)

    assert_refused(done, 2, f"Error: {fifo}: is a FIFO (named pipe), {NOT_A_DOCUMENT}")


def test_dev_zero_is_refused_as_a_device_without_reading_it(seed_db):
    done = _refused_quickly(seed_db, "/dev/zero")

    assert_refused(done, 2, f"Error: /dev/zero: is a character device, {NOT_A_DOCUMENT}")


def test_a_socket_is_refused(seed_db, tmp_path):
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        done = _refused_quickly(seed_db, path)

    assert_refused(done, 2, f"Error: {path}: is a socket, {NOT_A_DOCUMENT}")


def test_a_50_mb_document_is_refused_by_its_size_in_one_short_line(seed_db, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as file:  # sparse: the size is all that is looked at
        file.truncate(50 * 1024 * 1024)

    done = _refused_quickly(seed_db, big)

    assert_refused(done, 2, f"Error: {big}: is 50.0 MiB; {TOO_LARGE}")


def test_standard_input_is_read_only_up_to_the_limit(seed_db):
    done = _refused_quickly(seed_db, "-", stdin=b"x" * (20 * 1024 * 1024 + 1))

    assert_refused(done, 2, f"Error: <stdin>: is larger than 20 MiB; {TOO_LARGE}")


def test_a_document_on_standard_input_is_recorded_under_the_name_stdin(tmp_path):
    done = run("ingest", "-", "--db", "new.sqlite", cwd=tmp_path, stdin=SEED.read_bytes())

    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith(
        "<stdin>: recorded 8 events (utf-8, sha256 d59a386aeed0)"
    )


@pytest.mark.parametrize(
    ("name", "shown"),
    [("filing\nsecond line.txt", "filing\\nsecond line.txt"), ("a\x1b[2Jb.txt", "a\\x1b[2Jb.txt")],
)
def test_a_file_name_holding_controls_is_printed_escaped_on_one_line(
    seed_db, tmp_path, name, shown
):
    path = tmp_path / name
    path.write_text("Nothing here is a certificate.\n", encoding="utf-8")

    done = _refused_quickly(seed_db, path)

    assert_refused(done, 2, f"Error: {tmp_path}/{shown}: " + _no_issuer())


def _no_issuer() -> str:
    return (
        "no issuer (e.g. 'X, Inc., a Delaware corporation') recognised; "
        "is this a certificate of designation? (if it is, give the issuer with --issuer)"
    )


def test_an_error_quoting_what_the_user_typed_quotes_a_short_excerpt(seed_db):
    before = fingerprint(seed_db)

    done = run("show", "Lucent " * 15_000, "--db", seed_db, cwd=seed_db.parent)

    shown = re.compile(
        r"Error: no instrument in the ledger defines '(Lucent ){50,}.*"
        r"\.\.\. \(104,\d{3} more characters\)"
    )
    assert_refused(done, 1, shown)
    assert len(done.stderr) < 500
    assert fingerprint(seed_db) == before


def test_a_text_file_given_to_correct_is_read_like_a_document(seed_db, tmp_path):
    fifo = tmp_path / "text.fifo"
    os.mkfifo(fifo)
    latin1 = tmp_path / "text.txt"
    latin1.write_bytes("Cr\xe9dit".encode("latin-1"))

    piped = _refused_quickly_with(seed_db, "correct", "3", "--reason", "r", "--text-file", fifo)
    encoded = _refused_quickly_with(seed_db, "correct", "3", "--reason", "r", "--text-file", latin1)

    assert_refused(piped, 2, f"Error: {fifo}: is a FIFO (named pipe), {NOT_A_DOCUMENT}")
    assert_refused(encoded, 2, f"Error: {latin1}: is not UTF-8 text (byte 0xe9 at offset 2)")


def _refused_quickly_with(seed_db: Path, *args: str | Path):
    before, files = fingerprint(seed_db), listing(seed_db.parent)
    done = run(*args, "--db", seed_db, cwd=seed_db.parent, timeout=30)
    assert fingerprint(seed_db) == before
    assert listing(seed_db.parent) == files
    return done
