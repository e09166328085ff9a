"""`ledger replay`: rebuild the views from the log, check them, or step through history."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import click
import msgspec
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from cli.options import DATE, common_options
from ledger import Ledger
from ledger.display import json_text, visible
from ledger.replay import ReplayReport, StepEntry, StepFilter


@click.command("replay")
@click.option("--verify", "check", is_flag=True, help="Rebuild into scratch tables and compare.")
@click.option("--step", is_flag=True, help="Print each event with the term versions it changed.")
@click.option("--until", type=DATE, default=None, help="With --step: legal time to stop at.")
@click.option(
    "--until-position", type=click.IntRange(min=1), default=None, help="With --step: last position."
)
@click.option("--instrument", metavar="ID", default=None, help="With --step: one instrument.")
@common_options
def replay_command(  # noqa: PLR0913, PLR0917 (one parameter per option)
    check: bool,
    step: bool,
    until: date | None,
    until_position: int | None,
    instrument: str | None,
    db: str | None,
    as_json: bool,
) -> None:
    """Rebuild every view from the log and swap it in only when complete.

    A failed or interrupted replay leaves the old view in place. --verify rebuilds into
    scratch tables and exits 1 naming the first difference from the live view. --step prints
    every event in order with the term versions it changed (--json: JSON lines), optionally
    up to a legal date (--until), a position (--until-position), or for one instrument.

    \b
    Example:
        ledger replay
        ledger replay --verify
        ledger replay --step --instrument harbor --until 2001-01-01
    """
    if (until or until_position or instrument) and not step:
        raise click.UsageError("--until, --until-position and --instrument go with --step")
    if step and check:
        raise click.UsageError("--step and --verify are separate: give one of them")
    if step:  # reads the log only: a read-only file or database role will do
        with Ledger.open(db, create=False, read_only=True) as ledger:
            wanted = _step_filter(ledger, until, until_position, instrument)
            for entry in ledger.replay_steps(wanted):
                _print_step(entry, as_json=as_json)
        return
    with Ledger.open(db, create=False) as ledger, _progress() as progress:
        report = ledger.verify_view(progress) if check else ledger.replay(progress)
    if as_json:
        click.echo(msgspec.json.encode(report).decode())
        return
    click.echo(_closing_line(report))


def _step_filter(
    ledger: Ledger, until: date | None, until_position: int | None, instrument: str | None
) -> StepFilter:
    head = ledger.app.recorder.max_notification_id() or 0
    if until_position is not None and until_position > head:
        raise click.UsageError(
            f"--until-position {until_position} is past the ledger's last position ({head})"
        )
    if until is not None:
        adopted = [state.adopted_on for state in ledger.view.instrument_states()]
        if adopted and until < min(adopted):
            raise click.UsageError(
                f"--until {until} is before the first event's legal date ({min(adopted)})"
            )
    instrument_id = ledger._instrument_id(instrument) if instrument else None  # noqa: SLF001
    return StepFilter(until_position=until_position, until=until, instrument=instrument_id)


def _print_step(entry: StepEntry, *, as_json: bool) -> None:
    if as_json:  # one line per step; controls and bidi characters escaped (ledger.display)
        click.echo(json_text(entry, indent=None))
        return
    event = entry.event
    click.echo(visible(f"#{event.position} {event.event_type}: {event.summary}"))
    for record in entry.changed:
        span = f"from {record.valid_from}" + (
            f" until {record.valid_to}" if record.valid_to else ""
        )
        text = " ".join((record.text or "(text not recorded)").split())
        if record.defined_within:
            text = f"(defined within {record.defined_within!r})"
        click.echo(visible(f"    {record.term} [{record.status}, {span}] {text[:100]}"))


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; plain lines (at most one per tenth) otherwise."""
    if sys.stderr.isatty():
        bar = Progress(
            "replaying", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
        )
        task = bar.add_task("replay", total=None)
        with bar:
            yield lambda done, total: bar.update(task, completed=done, total=total)
        return
    shown = [-1]

    def line(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth != shown[0]:
            shown[0] = tenth
            click.echo(f"replayed {done}/{total} events", err=True)

    yield line


def _closing_line(report: ReplayReport) -> str:
    timing = f"{report.events} events in {report.seconds:.2f} s ({report.rate:,.0f} events/s)"
    if report.swapped:
        return f"replayed {timing}; the view is rebuilt through position {report.position}"
    return f"view verified: a replay of {timing} matches it through position {report.position}"


COMMANDS = (replay_command,)
