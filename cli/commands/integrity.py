"""Commands that prove the log: verify, digest."""

from __future__ import annotations

import click

from cli import render
from cli.options import common_options
from ledger import Ledger
from ledger.errors import LedgerError
from ledger.integrity import Digest, VerifyReport, parse_digest
from ledger.migration import migrate


class DigestType(click.ParamType):  # type: ignore[type-arg]  # generic only in recent click
    """`POSITION:HASH` as `ledger digest` prints it; anything else is a usage error."""

    name = "POSITION:HASH"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Digest:
        """Parse `value`, or fail naming the option."""
        if isinstance(value, Digest):
            return value
        try:
            return parse_digest(str(value))
        except LedgerError as error:
            self.fail(str(error), param, ctx)


@click.command("verify")
@click.option(
    "--digest",
    type=DigestType(),
    default=None,
    help="A digest kept from `ledger digest`: also prove the ledger still extends it.",
)
@common_options
def verify_command(digest: Digest | None, db: str | None, as_json: bool) -> None:
    """Recompute the hash chain over every stored event; exit 1 naming where it breaks.

    Every event is sealed by a SHA-256 link written in the same transaction. A changed,
    deleted, inserted or reordered row breaks the chain at its position. A digest kept
    elsewhere also catches a truncated or re-chained ledger. It only reads (a read-only
    file or database role will do); a ledger from before tamper evidence gets its chain
    from its next writing command (`ledger catch-up`).

    \b
    Example:
        ledger verify
        ledger verify --digest "$(cat kept-digest.txt)"
    """
    with Ledger.open(db, create=False, read_only=True) as ledger:
        report = ledger.verify(digest)
        note = ledger.chain_note()
    if as_json:
        render.emit_json(report)
        return
    click.echo(_summary(report))
    if note:
        click.echo(note)


@click.command("digest")
@common_options
def digest_command(db: str | None, as_json: bool) -> None:
    """Print the verified head of the hash chain as POSITION:HASH, to keep elsewhere.

    `ledger verify --digest POSITION:HASH` later proves the ledger extends it: nothing up
    to that position was changed, removed or re-chained.

    \b
    Example:
        ledger digest > kept-digest.txt
    """
    with Ledger.open(db, create=False, read_only=True) as ledger:
        report = ledger.verify()
    if as_json:
        render.emit_json(report.head)
        return
    click.echo(str(report.head))


@click.command("migrate")
@click.option("--to", "target", required=True, metavar="URL", help="An empty file or database.")
@common_options
def migrate_command(target: str, db: str | None, as_json: bool) -> None:
    """Copy the ledger's events, in order, into an empty ledger elsewhere, and verify the copy.

    The events keep their positions and the hash chain is copied link for link, then
    recomputed on the copy: a digest of this ledger verifies against the copy. Its view is
    rebuilt from the copied log. A target that already holds events is refused.

    \b
    Example:
        ledger migrate --db termledger.sqlite --to postgresql://postgres@127.0.0.1/ledger
    """
    with Ledger.open(db, create=False, read_only=True) as ledger:
        report = migrate(ledger, target)
    if as_json:
        render.emit_json(report)
        return
    click.echo(
        f"copied {report.events} events from {report.source} to {report.target} in "
        f"{report.seconds:.2f} s; the copy's chain verifies, head {report.head}"
    )


def _summary(report: VerifyReport) -> str:
    text = f"chain intact: {report.events} events, head {report.head}"
    if report.extends is not None:
        text += f"; extends digest {report.extends}"
    return text


COMMANDS = (verify_command, digest_command, migrate_command)
