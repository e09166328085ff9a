"""The projection that keeps the term-versions view caught up with the log.

`ProjectionRunner` needs a recorder that can subscribe, which the SQLite recorder cannot;
a pull loop works on every backend: read the notifications after the view's tracking
position, apply them in batches, each batch in one transaction with its tracking row.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatchmethod
from typing import Any, cast

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, Notification, Tracking
from eventsourcing.projection import Projection

from ledger.errors import UNREADABLE, ViewInconsistentError, unreadable_event
from ledger.events import LedgerEvent
from ledger.projections.tables import PROJECTION_NAME
from ledger.projections.view import TermVersionStore, same_run

BATCH_SIZE = 500
_MAX_RACES = 5


def decode(app: Application[Any], notification: Notification) -> LedgerEvent:
    """The typed event of a stored notification (the mapper is ours: see serialization.py).

    A row that cannot be read (edited behind the ledger's back, or written by a newer
    termledger) is a one-line error naming its position, in every command.
    """
    try:
        return cast("LedgerEvent", app.mapper.to_domain_event(notification))
    except UNREADABLE as error:
        raise unreadable_event(notification.id, error) from None


class TermVersionProjection(Projection[Any]):
    """Folds instrument events into states and stores every term's versions."""

    name = PROJECTION_NAME

    def __init__(self, view: TermVersionStore) -> None:
        super().__init__(view)
        self.store = view
        self.name = view.tracking_name

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:  # noqa: ANN401
        """Apply one event (the runner's path; `catch_up` batches instead)."""
        if isinstance(domain_event, LedgerEvent):
            self.store.apply_batch([(tracking.notification_id, domain_event)], tracking)

    def catch_up(
        self,
        app: Application[Any],
        batch_size: int = BATCH_SIZE,
        *,
        stop: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Apply every event not yet in the view (through `stop`); returns how many.

        `progress` is called with the count applied so far after every batch (replay).
        """
        applied, races = 0, 0
        while True:
            start = self.store.position()
            if stop is not None and start >= stop:
                return applied
            notifications = app.recorder.select_notifications(
                start=start, limit=batch_size, stop=stop, inclusive_of_start=False
            )
            if not notifications:
                return applied
            events = [(n.id, decode(app, n)) for n in notifications]
            if len(events) == batch_size:
                # A full batch may end inside a command's run: leave that run to the next
                # batch, so the change is known from the same position as in a rebuild.
                cut = len(events) - 1
                while cut > 0 and same_run(events[cut - 1][1], events[cut][1]):
                    cut -= 1
                events = events[:cut] or events
            try:
                self.store.apply_batch(events, Tracking(self.name, events[-1][0]), start)
            except IntegrityError:
                # Another process applied this batch first; its commit stands, ours is
                # rolled back whole. Read the new position and go on. If nobody moved the
                # position, the view contradicts its own tracking (a lost tracking row, a
                # damaged table): the ledger rebuilds it from the log.
                races += 1
                if self.store.position() == start or races > _MAX_RACES:
                    raise ViewInconsistentError(
                        "the view does not match its tracking position; rebuild it from "
                        "the log with `ledger replay`"
                    ) from None
                continue
            applied += len(events)
            if progress is not None:
                progress(applied)

    def rebuild(self, app: Application[Any]) -> int:
        """Empty the view and replay the whole log into it."""
        self.store.reset()
        return self.catch_up(app)
