"""The contact table as the UI sees it: filters, columns, and pages of rows.

:class:`ContactFilter` is what the filter bar and smart lists hold; it is
validated here (each bad value named with its field) and turned into the
store's plain :class:`~desktop_crm.store.contact_table.TableQuery`. The
paging functions hand back :class:`TableRow` snapshots, never model objects,
so the Qt model can keep a window of them in memory cheaply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ...domain import STATUSES, TIERS, status_label
from ...store import contact_table as store
from ...store.fts import match_expression
from ...store.models import utcnow
from ..errors import ValidationError, ValidationErrors
from ..validation import clean_text


def _day_in_words(day: dt.date) -> str:
    """'1 Sep 2026': a date as a sentence reads it (never ISO in prose)."""
    return f"{day.day} {day:%b %Y}"

@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sortable: bool = True
    width: int = 120
    visible: bool = True  # shown by default


COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", width=200),
    Column("organization", "Organization", width=170),
    Column("title", "Title", width=170),
    Column("tier", "Tier", width=90),
    Column("status", "Status", width=110),
    Column("industry", "Industry", width=120, visible=False),
    Column("location", "Location", width=120, visible=False),
    Column("email", "Email", sortable=False, width=200, visible=False),
    Column("last_contact", "Last contact", width=110),
    Column("next_meeting", "Next meeting", width=110, visible=False),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


@dataclass(frozen=True)
class ContactFilter:
    """What narrows the table. Empty values mean "any"."""

    text: str = ""
    tiers: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    tag: str = ""
    organization: str = ""
    industry: str = ""
    location: str = ""
    contacted_after: dt.date | None = None
    contacted_before: dt.date | None = None
    upcoming_meeting: bool = False
    gatekeepers: bool = False

    def is_empty(self) -> bool:
        return self == ContactFilter()

    def without_text(self) -> ContactFilter:
        return replace(self, text="")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, leaving out the defaults (what a smart list stores)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in ((), "", None, False):
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    def describe(self) -> str:
        """A short human summary, for tooltips and the status bar."""
        parts = []
        if self.text:
            parts.append(f"“{self.text}”")
        if self.tiers:
            parts.append("/".join(t.title() for t in self.tiers))
        if self.statuses:
            parts.append("/".join(status_label(s) for s in self.statuses))
        for label, value in (
            ("tag", self.tag),
            ("at", self.organization),
            ("in", self.industry),
            ("near", self.location),
        ):
            if value:
                parts.append(f"{label} {value}")
        if self.contacted_after:
            parts.append(f"contacted since {_day_in_words(self.contacted_after)}")
        if self.contacted_before:
            parts.append(f"not contacted since {_day_in_words(self.contacted_before)}")
        if self.upcoming_meeting:
            parts.append("with an upcoming meeting")
        if self.gatekeepers:
            parts.append("gatekeepers")
        return ", ".join(parts) or "everyone"


def _date(value: Any, name: str, errors: list[ValidationError]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.append(ValidationError(name, f"'{value}' is not a date (expected YYYY-MM-DD)"))
        return None


def _choices(value: Any, allowed: tuple[str, ...], name: str, errors: list[ValidationError]) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    items = [value] if isinstance(value, str) else list(value)
    out = []
    for item in items:
        key = clean_text(item).lower().replace(" ", "_").replace("-", "_")
        if key not in allowed:
            errors.append(ValidationError(name, f"'{item}' is not one of: {', '.join(allowed)}"))
        elif key not in out:
            out.append(key)
    return tuple(out)


def make_filter(data: Mapping[str, Any] | ContactFilter | None = None, where: str = "filter") -> ContactFilter:
    """A validated filter from a mapping (a smart list's JSON, the CLI) or a filter.

    Raises ValidationErrors naming each bad field as ``where.field``.
    """
    if data is None:
        return ContactFilter()
    if isinstance(data, ContactFilter):
        data = {f.name: getattr(data, f.name) for f in fields(data)}
    if not isinstance(data, Mapping):
        raise ValidationErrors([ValidationError(where, "must be a mapping of filter fields")])
    known = {f.name for f in fields(ContactFilter)}
    errors: list[ValidationError] = []
    unknown = sorted(set(data) - known)
    if unknown:
        errors.append(ValidationError(where, f"unknown filter field(s): {', '.join(unknown)}"))
    after = _date(data.get("contacted_after"), f"{where}.contacted_after", errors)
    before = _date(data.get("contacted_before"), f"{where}.contacted_before", errors)
    if after and before and after >= before:
        errors.append(
            ValidationError(f"{where}.contacted_before", "must be later than 'contacted after'")
        )
    result = ContactFilter(
        text=clean_text(data.get("text")),
        tiers=_choices(data.get("tiers"), TIERS, f"{where}.tiers", errors),
        statuses=_choices(data.get("statuses"), STATUSES, f"{where}.statuses", errors),
        tag=clean_text(data.get("tag")),
        organization=clean_text(data.get("organization")),
        industry=clean_text(data.get("industry")),
        location=clean_text(data.get("location")),
        contacted_after=after,
        contacted_before=before,
        upcoming_meeting=bool(data.get("upcoming_meeting", False)),
        gatekeepers=bool(data.get("gatekeepers", False)),
    )
    if errors:
        raise ValidationErrors(errors)
    return result


@dataclass(frozen=True)
class TableSpec:
    """Everything that decides which rows the table shows and in what order."""

    filter: ContactFilter = field(default_factory=ContactFilter)
    sort: str = "name"
    descending: bool = False
    trashed: bool = False

    def query(self, now: dt.datetime | None = None) -> store.TableQuery:
        """The store's query. "Contains" filters on organization, industry and location
        are resolved here to the exact values they match (accents and case folded),
        so each reads its column's index; do it again after the data changes."""
        if self.sort not in store.SORT_COLUMNS:
            raise ValidationError("sort", f"cannot sort on '{self.sort}'")
        f = self.filter

        def midnight(day: dt.date | None) -> dt.datetime | None:
            return dt.datetime.combine(day, dt.time()) if day else None

        return store.TableQuery(
            sort=self.sort,
            descending=self.descending,
            trashed=self.trashed,
            fts=match_expression(f.text) if f.text else None,
            tiers=f.tiers,
            statuses=f.statuses,
            tag=f.tag,
            organization=f.organization,
            industry=f.industry,
            location=f.location,
            organization_ids=store.matching_organization_ids(f.organization) if f.organization else None,
            industry_values=store.matching_values("industry", f.industry) if f.industry else None,
            location_values=store.matching_values("location", f.location) if f.location else None,
            contacted_after=midnight(f.contacted_after),
            contacted_before=midnight(f.contacted_before),
            upcoming_from=(now or utcnow()) if f.upcoming_meeting else None,
            gatekeepers_only=f.gatekeepers,
        )


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row as displayed; ``key`` is its sort key, the anchor for keyset paging."""

    id: int
    key: Any
    first_name: str
    last_name: str
    organization: str
    title: str
    tier: str
    status: str
    industry: str
    location: str
    email: str
    last_contact_at: str | None
    next_meeting_at: str | None
    is_gatekeeper: bool
    deleted_at: str | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _rows(keys: Sequence[tuple[Any, int]]) -> list[TableRow]:
    by_id = store.rows_by_id([cid for _, cid in keys])
    out = []
    for key, cid in keys:
        row = by_id.get(cid)
        if row is not None:
            out.append(TableRow(row[0], key, *row[1:12], bool(row[12]), row[13]))
    return out


def count_rows(query: store.TableQuery) -> int:
    return store.count(query)


def table_size_estimate() -> int:
    """An upper bound of the rows a table can show, read in a moment (the highest
    contact id), to decide whether counting can wait for the first page."""
    return store.size_estimate()


def fetch_rows(
    query: store.TableQuery,
    start: int,
    limit: int,
    total: int,
    after: TableRow | None = None,
    before: TableRow | None = None,
) -> list[TableRow]:
    """Rows ``start .. start+limit`` of a table of ``total`` rows.

    ``after`` is the row just above ``start`` and ``before`` the row just past
    the page, when the caller has them cached: the page then continues from
    that row by keyset. Otherwise it is read by OFFSET from the nearer end.
    """
    limit = max(0, min(limit, total - start))
    if limit == 0:
        return []
    keys = None
    if after is not None:
        keys = store.page_keys_after(query, after.key, after.id, limit)
    elif before is not None:
        keys = store.page_keys_after(query, before.key, before.id, limit, backwards=True)
    if keys is None:
        from_end = start > total - (start + limit)
        if from_end:
            keys = store.page_keys(query, total - (start + limit), limit, from_end=True)
        else:
            keys = store.page_keys(query, start, limit)
    return _rows(keys)


def ids_in_ranges(query: store.TableQuery, ranges: Sequence[tuple[int, int]]) -> list[int]:
    """Contact ids of the rows in each (first, last) range, inclusive — a selection."""
    ids: list[int] = []
    for first, last in ranges:
        ids.extend(store.ids_in_range(query, first, last - first + 1))
    return ids


def row_of(query: store.TableQuery, contact_id: int) -> int | None:
    return store.position_of(query, contact_id)


def completions(kind: str) -> list[str]:
    """Values to offer while typing a filter or an editor field."""
    if kind == "organization":
        return store.organization_names()
    if kind == "tag":
        return store.tag_names()
    return store.distinct_values(kind)


def contact_counts() -> tuple[int, int]:
    """(contacts, contacts in the trash)."""
    return store.live_and_trashed_counts()
