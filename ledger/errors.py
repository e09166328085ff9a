"""One error hierarchy, so the CLI has one place that turns failures into exit codes.

Every message is a full sentence a user can act on: what was wrong, where, and what to do.
"""

from __future__ import annotations

from pathlib import Path


class LedgerError(Exception):
    """Anything the ledger refuses to do; the CLI prints it on one line and exits 1."""

    exit_code = 1


class DocumentError(LedgerError):
    """A refusal about one document: names the file and, where known, the line."""

    def __init__(
        self, message: str, *, file: str | Path | None = None, line: int | None = None
    ) -> None:
        self.file = str(file) if file is not None else None
        self.line = line
        self.reason = message
        where = ""
        if self.file is not None:
            where = f"{self.file}:{line}: " if line is not None else f"{self.file}: "
        super().__init__(f"{where}{message}")

    def in_file(self, file: str | Path) -> DocumentError:
        """The same error, naming the file as the user gave it (not just its base name)."""
        return type(self)(self.reason, file=file, line=self.line)


class ParseError(DocumentError):
    """A document the parser cannot turn into events."""

    exit_code = 2


class InputError(DocumentError):
    """A path that names no document: a FIFO, a device, a directory, or too many bytes."""

    exit_code = 2


class UnknownTermError(LedgerError):
    """No instrument in the ledger defines (or ever defined) the term asked for."""


class AmbiguousTermError(LedgerError):
    """Several instruments define the term; the user must pick one with --instrument."""


class UnknownInstrumentError(LedgerError):
    """No instrument matches the id or substring given with --instrument."""


class UnknownCertificateError(LedgerError):
    """No recorded certificate matches the reference given (e.g. to record-filing)."""


class ConflictingEventError(DocumentError):
    """A fact contradicts what the ledger already holds (e.g. a filing before execution)."""


class StorageError(LedgerError):
    """The database URL is unusable or the store cannot be opened."""


class BadOptionError(LedgerError):
    """An option's value cannot be used: a --known-at outside the log, a missing --reason."""

    exit_code = 2


class UnknownEventError(LedgerError):
    """A correction names an event the ledger does not hold, or one already superseded."""


class IntegrityViolationError(LedgerError):
    """The stored log is not what the ledger recorded.

    Its hash chain breaks, or a digest the user kept is not extended by it.
    """


class CorruptEventError(StorageError):
    """A stored event that cannot be read; the message names its position.

    It was changed behind the ledger's back, or written by a newer termledger.
    """


class ViewInconsistentError(StorageError):
    """The view contradicts its tracking position; `ledger replay` rebuilds it."""


class LedgerBusyError(StorageError):
    """Another process holds the ledger; nothing was written, and running again works."""


UNREADABLE = (ValueError, TypeError, AttributeError, KeyError)
"""What decoding a damaged stored row raises (the mapper's errors are ValueErrors)."""


def unreadable_event(position: int | None, error: Exception) -> CorruptEventError:
    """The one-line error for a stored event that cannot be decoded."""
    reason = " ".join(str(error).split()) or type(error).__name__
    where = f"at position {position}" if position is not None else "in the log"
    return CorruptEventError(
        f"the stored event {where} cannot be read ({reason[:200]}); it was changed behind "
        "the ledger's back or written by a newer termledger: run `ledger verify`"
    )
