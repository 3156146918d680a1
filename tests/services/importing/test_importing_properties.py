"""Properties of merging: idempotent, and it never loses an email."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_crm.io.records import ContactRecord, ParseResult
from desktop_crm.services import importing
from desktop_crm.services.database.backup import export_backup
from desktop_crm.store.database import db
from desktop_crm.store.dump import replace_all
from desktop_crm.store.models import ContactEmail

_names = st.sampled_from(["Ann", "ann", "Anne", "Bob", "Zoë", "Zoe", "陈", "O'Brien", ""])
_orgs = st.sampled_from(["", "Acme", "ACME", "Acme Inc.", "Globex", "Société X"])
_emails = st.lists(st.sampled_from(["a@x.io", "A@X.IO", "b@y.org", "c@acme.com", "d@gmail.com"]),
                   max_size=2)
_titles = st.sampled_from(["", "Engineer", "CTO", "engineer"])


@st.composite
def _records(draw: st.DrawFn) -> list[ContactRecord]:
    out = []
    for row, _ in enumerate(draw(st.lists(st.none(), min_size=1, max_size=8)), start=2):
        first, last, emails = draw(_names), draw(_names), draw(_emails)
        if not (first or last or emails):
            first = "Nobody"
        out.append(ContactRecord(
            first_name=first, last_name=last, organization=draw(_orgs), title=draw(_titles),
            emails=[("", e) for e in emails],
            tags=draw(st.lists(st.sampled_from(["Friends", "friends", "Alumni"]), max_size=2)),
            source=draw(st.sampled_from(["linkedin", "google"])), row=row))
    return out


def _parsed(records: list[ContactRecord]) -> ParseResult:
    return ParseResult(format="generic", encoding="utf-8", delimiter=",", header=["x"],
                       records=records, total_rows=len(records))


def _without_import_tables() -> dict:
    tables = export_backup()["tables"]
    return {k: v for k, v in tables.items() if k not in ("import_batch", "import_change")}


_EMPTY: dict = {}


def _reset() -> None:
    """Each example starts from the fixture's fresh database."""
    if not _EMPTY:
        _EMPTY.update(export_backup()["tables"])
    with db.atomic():
        replace_all(_EMPTY)


@settings(max_examples=int(__import__("os").environ.get("MERGE_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_records(), second=_records())
def test_merging_is_idempotent_and_keeps_every_email(db_path: Path, first, second) -> None:
    _reset()
    for records in (first, second):
        importing.import_parsed(_parsed(records), "file.csv")
        state = _without_import_tables()
        again = importing.import_parsed(_parsed(records), "file.csv")
        changed = [e for e in again.preview.entries() if e.action != "unchanged"]
        assert changed == [], (records, changed)
        assert _without_import_tables() == state
        stored = {e.email.lower() for e in ContactEmail.select()}
        assert {e.lower() for r in records for _, e in r.emails} <= stored


def test_a_name_an_import_filled_in_still_matches_the_file_it_came_from(db_path: Path) -> None:
    """first.csv twice, then second.csv twice: the second run of second.csv once made a
    third "Ann", because the first run had filled in Ann's last name and her old name
    ("Ann" alone) no longer matched anyone."""

    def record(first: str, last: str, row: int, *emails: str) -> ContactRecord:
        return ContactRecord(first_name=first, last_name=last, emails=[("", e) for e in emails],
                             source="linkedin", row=row)

    first = [record("Ann", "", 2, "a@x.io"), record("Ann", "Ann", 3)]
    second = [record("Ann", "Ann", 2), record("Ann", "", 3), record("Ann", "Ann", 4, "a@x.io")]
    for records in (first, first, second):
        importing.import_parsed(_parsed(list(records)), "file.csv")
    state = _without_import_tables()
    again = importing.import_parsed(_parsed(list(second)), "file.csv")
    assert again.counts["new"] == 0 and again.counts["updated"] == 0
    assert _without_import_tables() == state
