"""Smart lists: saved filters that appear in the navigation under Contacts.

A smart list stores a :class:`ContactFilter` as JSON; reading one validates it
again, so a list saved by an older version (or edited by hand) that no
longer makes sense is reported with its name instead of breaking the window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import IntegrityError, fn

from ...store.database import db
from ...store.models import SmartList
from ..errors import NotFoundError, ValidationError, ValidationErrors
from ..validation import clean_text
from .table import ContactFilter, make_filter

MAX_NAME = 80


@dataclass(frozen=True)
class SmartListView:
    id: int
    name: str
    filter: ContactFilter
    position: int = 0


def _name(name: str) -> str:
    name = clean_text(name)
    if not name:
        raise ValidationError("name", "a smart list needs a name")
    if len(name) > MAX_NAME:
        raise ValidationError("name", f"is {len(name)} characters long; keep it under {MAX_NAME}")
    return name


def _taken(name: str, except_id: int | None = None) -> bool:
    query = SmartList.select().where(fn.lower(SmartList.name) == name.lower())
    if except_id is not None:
        query = query.where(SmartList.id != except_id)
    return query.exists()


def create_smart_list(name: str, filter: ContactFilter) -> SmartListView:
    name = _name(name)
    filter = make_filter(filter)
    if filter.is_empty():
        raise ValidationError("filter", "set at least one filter or search before saving a smart list")
    if _taken(name):
        raise ValidationError("name", f"a smart list called '{name}' already exists")
    with db.atomic():
        position = (SmartList.select(fn.max(SmartList.position)).scalar() or 0) + 1
        try:
            row = SmartList.create(name=name, filters=json.dumps(filter.to_dict()), position=position)
        except IntegrityError:
            raise ValidationError("name", f"a smart list called '{name}' already exists") from None
    return _view(row)


def _view(row: SmartList) -> SmartListView:
    try:
        data = json.loads(row.filters or "{}")
    except json.JSONDecodeError as exc:
        raise ValidationError(f"smart list '{row.name}'", f"its saved filter is not valid JSON ({exc.msg})") from None
    try:
        filter = make_filter(data, where=f"smart list '{row.name}'")
    except ValidationErrors as exc:
        raise ValidationError(f"smart list '{row.name}'", str(exc)) from None
    return SmartListView(row.id, row.name, filter, row.position)


def _row(list_id: int) -> SmartList:
    row = SmartList.get_or_none(SmartList.id == list_id)
    if row is None:
        raise NotFoundError(f"no smart list with id {list_id}")
    return row


def get_smart_list(list_id: int) -> SmartListView:
    return _view(_row(list_id))


def list_smart_lists() -> list[SmartListView]:
    """Every smart list in navigation order; a damaged one is skipped, not fatal."""
    out = []
    for row in SmartList.select().order_by(SmartList.position, SmartList.id):
        try:
            out.append(_view(row))
        except ValidationError:
            continue
    return out


def rename_smart_list(list_id: int, name: str) -> SmartListView:
    row = _row(list_id)
    name = _name(name)
    if _taken(name, except_id=list_id):
        raise ValidationError("name", f"a smart list called '{name}' already exists")
    row.name = name
    row.save()
    return _view(row)


def update_smart_list_filter(list_id: int, filter: ContactFilter) -> SmartListView:
    row = _row(list_id)
    row.filters = json.dumps(make_filter(filter).to_dict())
    row.save()
    return _view(row)


def delete_smart_list(list_id: int) -> None:
    if not SmartList.delete().where(SmartList.id == list_id).execute():
        raise NotFoundError(f"no smart list with id {list_id}")
