"""Reading the documents a user names: regular files (or `-`, standard input), never too much.

A path can name anything: a FIFO (whose `open()` blocks until a writer comes), a device
(`/dev/zero` never ends), a socket, a directory, a file far larger than any filing. Each is
refused at once with one line, before anything is parsed or written. The type is checked
with `os.stat` before opening, and the file is opened non-blocking and checked again on its
descriptor, so a path swapped for a FIFO in between cannot hang the command either.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from ledger.display import visible
from ledger.errors import DocumentError, InputError

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""The largest document read (20 MiB): EDGAR's own limit for a whole submission is lower."""

STDIN = "-"
STDIN_NAME = "<stdin>"
"""How provenance and messages name a document read from standard input."""

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_CHUNK = 1024 * 1024


def shown_path(path: str | Path) -> str:
    """A path as messages print it: one line, control characters escaped."""
    return visible(str(path), multiline=False)


def document_name(path: str | Path) -> str:
    """The name provenance keeps for a document: its base name, or `<stdin>`."""
    return STDIN_NAME if str(path) == STDIN else Path(path).name


def read_document(path: str | Path, *, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of the document at `path` (`-`: standard input), or a one-line InputError."""
    if str(path) == STDIN:
        return _read_bounded(stdin or sys.stdin.buffer, STDIN_NAME)
    where = shown_path(path)
    try:
        _require_regular(Path(path).stat().st_mode, where)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DocumentError(f"cannot read: {error.strerror or error}", file=where) from None
    with os.fdopen(descriptor, "rb") as stream:
        _require_regular(os.fstat(descriptor).st_mode, where)
        size = os.fstat(descriptor).st_size
        if size > MAX_DOCUMENT_BYTES:
            raise _too_large(where, size)
        try:
            return _read_bounded(stream, where)
        except OSError as error:
            raise DocumentError(f"cannot read: {error.strerror or error}", file=where) from None


def read_text_file(path: str | Path) -> str:
    """A small UTF-8 text a user supplies (say, a corrected definition), read like a document."""
    data = read_document(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})",
            file=shown_path(path),
        ) from None


def _require_regular(mode: int, where: str) -> None:
    if stat.S_ISDIR(mode):  # as open() would say it
        raise DocumentError("cannot read: Is a directory", file=where)
    for test, kind in _KINDS:
        if test(mode):
            raise InputError(f"is {kind}, not a document; give the path of a file", file=where)
    if not stat.S_ISREG(mode):
        raise InputError("is not a regular file; give the path of a document", file=where)


def _read_bounded(stream: BinaryIO, where: str) -> bytes:
    """Read at most the limit (and one byte more, to know it was exceeded)."""
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_DOCUMENT_BYTES:
        chunk = stream.read(min(_CHUNK, MAX_DOCUMENT_BYTES + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise _too_large(where, None)


def _too_large(where: str, size: int | None) -> InputError:
    limit = f"{MAX_DOCUMENT_BYTES // 2**20} MiB"
    what = f"is {size / 2**20:,.1f} MiB" if size is not None else f"is larger than {limit}"
    return InputError(
        f"{what}; a document may hold at most {limit} (a certificate is rarely over 1 MiB)",
        file=where,
    )
