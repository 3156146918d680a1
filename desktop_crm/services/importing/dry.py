"""A dry run of a big file's import that writes nothing: what each batch would write is
kept in the import's scratch tables, so counting never takes the database's write lock.

The window counts a big file (new, updated, unchanged, to review, ties) before the
user imports it. Running the import and rolling it back would give the same figures,
but would hold SQLite's write lock for the whole run (a minute for a million rows):
the command line, or another window, writing meanwhile would wait, then fail with
"database is locked". Here each batch is planned exactly as the import plans it;
instead of being written, its new people get the ids the import would give them and
the snapshot keeps them as they would be written (:meth:`.Snapshot.remember` with
``dry``), and the ties are counted rather than recorded. Everything runs in a read
transaction (:func:`...store.import_queries.reading`).
"""

from __future__ import annotations

from ...store import import_queries as q
from ..contacts.resolve import resolve_contact
from ..errors import NotFoundError
from .keys import fold
from .plan import Plan
from .snapshot import Snapshot
from .ties import TieChoice, TieResult, tied_to


class DryWriter:
    """Gives a plan's new people and organizations the ids writing it would give them."""

    def __init__(self) -> None:
        self._contact = q.next_free_id("contact")
        self._organization = q.next_free_id("organization")

    def write(self, plan: Plan) -> None:
        """What :func:`.apply.write_plan` leaves in the plan and its snapshot: the new
        people's contact ids, the new organizations (their first spelling kept)."""
        snapshot = plan.snapshot
        for item in plan.items:
            if item.action in ("new", "review"):
                self._organization_for(snapshot, item.incoming.organization)
                item.contact_id = self._contact
                self._contact += 1
            elif item.action == "update":
                for change in item.changes:
                    if change.field == "organization" and change.kind in ("fill", "replace"):
                        self._organization_for(snapshot, change.new)

    def _organization_for(self, snapshot: Snapshot, name: str) -> None:
        if name and fold(name) not in snapshot.org_by_fold:
            snapshot.org_by_fold[fold(name)] = (self._organization, name)
            self._organization += 1


def count_ties(plan: Plan, choice: TieChoice, snapshot: Snapshot, first: bool) -> TieResult:
    """The ties importing ``plan`` (one batch, its new people given ids) would record, as
    :func:`.ties.record_import_ties` records them. A later batch's people that an earlier
    batch made or met were tied by it (or were before)."""
    if choice.mode == "none":
        return TieResult()
    people = {item.contact_id for item in plan.items if item.contact_id is not None}
    known = [item.contact_id for item in plan.items if item.contact_id is not None
             and item.action in ("update", "unchanged")]
    source: int | None = None
    extra = 0
    if choice.mode == "of":
        try:
            source = resolve_contact(choice.of_name)
        except NotFoundError:  # the first batch makes them: tied to no one before
            source = -1
        # The friend's own tie ("shared their contacts"), recorded with the first batch.
        extra = int(first and (source == -1 or not tied_to(None, [source])))
    tied = tied_to(source, known) if source != -1 else set()
    tied.update(cid for cid, met in zip(known, snapshot.joined(known) or (), strict=False)
                if met)
    return TieResult(sum(1 for person in people if person not in tied and person != source)
                     + extra)
