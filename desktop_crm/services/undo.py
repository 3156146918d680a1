"""Undo the last change: a log of before-images recorded around each user action.

Any service can make its action undoable by wrapping the writes::

    with recording("Set tier to Target for 40 contacts") as rec:
        rec.before_update("contact", ids, ("tier", "updated_at"))
        ...the writes...

``before_update`` keeps the named columns of existing rows, ``before_delete``
keeps whole rows about to be deleted, and ``track_inserts`` notes which rows
the action creates. The step and the action commit in one transaction, so a
failed action leaves no step behind; :func:`undo_last` restores the newest
step and can be called again for the one before it.

What it does not do: redo, or protect a later change made outside a
recorded action to the same rows (undo writes the old values back over it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from ..store import undo_log
from ..store.database import db
from .database.backups import before
from .errors import ServiceError


class NothingToUndoError(ServiceError):
    def __init__(self) -> None:
        super().__init__("nothing to undo: no change has been recorded since the last undo")


@dataclass(frozen=True)
class UndoStep:
    id: int
    label: str
    created_at: dt.datetime | str | None = None


class UndoRecorder:
    """Collects the before-images of one step; handed out by :func:`recording`."""

    def __init__(self, step_id: int) -> None:
        self.step_id = step_id
        self._watermarks: dict[str, int] = {}

    def before_update(self, table: str, ids: Iterable[int], columns: Sequence[str]) -> None:
        """Call before changing ``columns`` of rows ``ids``."""
        undo_log.snapshot_columns(self.step_id, table, ids, columns)

    def before_delete(self, table: str, column: str, values: Iterable[int]) -> None:
        """Call before deleting the rows of ``table`` whose ``column`` is in ``values``."""
        undo_log.snapshot_rows_where(self.step_id, table, column, values)

    def track_inserts(self, *tables: str) -> None:
        """Call before creating rows in ``tables``; undo deletes what was created."""
        for table in tables:
            self._watermarks.setdefault(table, undo_log.max_id(table))

    def _finish(self) -> None:
        for table, above in self._watermarks.items():
            undo_log.record_inserts(self.step_id, table, above)


@contextmanager
def recording(label: str) -> Iterator[UndoRecorder]:
    """Run the body as one undoable step called ``label`` (shown as "Undo <label>")."""
    with db.atomic():
        recorder = UndoRecorder(undo_log.begin_step(label))
        yield recorder
        recorder._finish()
        if undo_log.step_size(recorder.step_id) == 0:
            undo_log.discard_step(recorder.step_id)  # nothing changed: nothing to undo
        else:
            undo_log.prune()


def last_step() -> UndoStep | None:
    """The change Ctrl+Z would undo now, or None."""
    found = undo_log.latest_step()
    return UndoStep(*found) if found else None


@before("undo")  # an automatic backup first
def undo_last() -> UndoStep:
    """Undo the newest step not undone yet; return it (its label says what came back)."""
    with db.atomic():
        step = last_step()
        if step is None:
            raise NothingToUndoError()
        undo_log.undo_step(step.id)
    return step
