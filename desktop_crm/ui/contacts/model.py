"""The contact table model: a window of a table that may hold a million rows.

``rowCount`` is a cached ``count(*)``; ``data`` reads 200-row pages kept in a
small LRU dict, fetched on first sight by keyset from a cached neighbour page
or by OFFSET from the nearer end (see :mod:`desktop_crm.store.contact_table`).
Sorting and filtering happen in SQLite; no proxy model ever walks the rows.

On a big table the first page is read and painted before the count: a filter
combining several columns can match a few thousand of a million rows, whose
count reads every row of one filter's index (a second or more) while its
first 200 rows are found in a few ms. The count then runs in a thread and
the rows past the first page are inserted when it arrives (``counting`` is
true until then, and the status line says so).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont

from ...domain import TIER_HELP, TIER_LABELS, status_label
from ...services.contacts.table import (
    COLUMNS,
    Column,
    ContactFilter,
    TableRow,
    TableSpec,
    count_rows,
    fetch_rows,
    ids_in_ranges,
    row_of,
    table_size_estimate,
)
from ..plain_text import tip
from ..widgets.badges import TIER_ROLE
from ..widgets.theme import ERROR, muted_text, pick

PAGE = 200
COUNT_LATER_ABOVE = 50_000  # contacts; on a smaller table the count is a few ms and comes first
MAX_PAGES = 40  # 8,000 rows in memory at most
ID_ROLE = Qt.ItemDataRole.UserRole

_Index = QModelIndex | QPersistentModelIndex


def _parse(stamp: str | None) -> dt.datetime | None:
    if not stamp:
        return None
    try:
        return dt.datetime.fromisoformat(str(stamp)).replace(tzinfo=dt.UTC).astimezone()
    except ValueError:
        return None


def format_day(stamp: str | None) -> str:
    when = _parse(stamp)
    return when.strftime("%d %b %Y") if when else ""


def format_when(stamp: str | None) -> str:
    when = _parse(stamp)
    return when.strftime("%a %d %b %Y, %H:%M") if when else ""


class ContactTableModel(QAbstractTableModel):
    """Rows of :class:`TableRow`; ``ID_ROLE`` gives the contact id of any cell."""

    spec_changed = Signal()
    count_known = Signal()  # the count that ran after the first page has arrived
    _counted = Signal(int, int)  # (generation, total), from the counting thread

    def __init__(self, columns: Sequence[Column] = COLUMNS, spec: TableSpec | None = None, parent=None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._spec = spec or TableSpec()
        self._query = self._spec.query()
        self._total = 0
        self._counting = False
        self._generation = 0
        self._counted.connect(self._count_arrived, Qt.ConnectionType.QueuedConnection)
        self._pages: OrderedDict[int, list[TableRow]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._load()

    # --- what is shown -------------------------------------------------------
    @property
    def spec(self) -> TableSpec:
        return self._spec

    @property
    def total(self) -> int:
        return self._total

    def set_spec(self, spec: TableSpec) -> None:
        """Show another filter or order; the first page is read before this returns."""
        query = spec.query()
        self.beginResetModel()
        self._spec, self._query = spec, query
        self._load()
        self.endResetModel()
        self.spec_changed.emit()

    def set_filter(self, flt: ContactFilter) -> None:
        if flt != self._spec.filter:
            self.set_spec(TableSpec(flt, self._spec.sort, self._spec.descending, self._spec.trashed))

    def reload(self) -> None:
        """Read the count again and forget cached rows (after any change)."""
        self.set_spec(self._spec)

    @property
    def counting(self) -> bool:
        """True while the count runs after the first page (only the first page is shown)."""
        return self._counting

    def _load(self) -> None:
        self._pages.clear()
        self._generation += 1
        self._counting = False
        if table_size_estimate() <= COUNT_LATER_ABOVE:
            self._total = count_rows(self._query)
            if self._total:
                self._page(0)
            return
        first = fetch_rows(self._query, 0, PAGE, PAGE)
        self._pages[0] = first
        self._total = len(first)
        if len(first) == PAGE:  # more rows may follow: count them off the UI thread, once painted
            self._counting = True
            generation, query = self._generation, self._query
            QTimer.singleShot(0, lambda: self._start_count(generation, query))

    def _start_count(self, generation: int, query) -> None:
        if generation == self._generation:  # not replaced before the event loop came back
            threading.Thread(target=self._count_in_thread, args=(generation, query),
                             name="contact-count", daemon=True).start()

    def _count_in_thread(self, generation: int, query) -> None:
        from ...services.database.opening import release_thread_connection

        try:
            total = count_rows(query)
        except Exception:  # the table changed under us (closed, reopened): the next load counts again
            total = -1
        finally:
            release_thread_connection()  # this thread's connection only
        self._counted.emit(generation, total)

    def _count_arrived(self, generation: int, total: int) -> None:
        if generation != self._generation or not self._counting:
            return  # a newer filter or order replaced the one counted
        self._counting = False
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        self.count_known.emit()

    def wait_for_count(self, timeout_ms: int = 10_000) -> None:
        """Block until the count arrives (for tests and the benchmark)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QThread

        deadline = QDeadlineTimer(timeout_ms)
        while self._counting and not deadline.hasExpired():
            QCoreApplication.processEvents()
            QThread.msleep(2)

    def _page(self, number: int) -> list[TableRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        before_page = self._pages.get(number - 1)
        after_page = self._pages.get(number + 1)
        after = before_page[-1] if before_page and len(before_page) == PAGE else None
        before = after_page[0] if after is None and after_page else None
        page = fetch_rows(self._query, number * PAGE, PAGE, self._total, after=after, before=before)
        self._pages[number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_at(self, row: int) -> TableRow | None:
        if not 0 <= row < self._total:
            return None
        page = self._page(row // PAGE)
        offset = row % PAGE
        return page[offset] if offset < len(page) else None

    def cached_pages(self) -> int:
        return len(self._pages)

    # --- Qt model -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Sort by {column.label.lower()}" if column.sortable else f"{column.label} (not sortable)"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(self.columns):
            return None
        key = self.columns[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ID_ROLE:
            return row.id
        if role == TIER_ROLE and key == "tier":
            return row.tier
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "status" and row.status == "do_not_contact":
                return pick(ERROR)
            if key in ("last_contact", "email") or (key == "status" and row.status == "dormant"):
                return muted_text()
        if role == Qt.ItemDataRole.FontRole and key == "name":
            return self._bold if row.is_gatekeeper else None
        return None

    @staticmethod
    def _text(row: TableRow, key: str) -> str:
        if key == "name":
            return f"{row.name} ★" if row.is_gatekeeper else row.name
        if key == "tier":
            return TIER_LABELS.get(row.tier, row.tier)
        if key == "status":
            return status_label(row.status)
        if key == "last_contact":
            return format_day(row.last_contact_at)
        if key == "next_meeting":
            return format_when(row.next_meeting_at)
        if key == "trashed":
            return format_day(row.deleted_at)
        return str(getattr(row, key, "") or "")

    @staticmethod
    def _tooltip(row: TableRow, key: str) -> str | None:
        if key == "tier":
            return TIER_HELP.get(row.tier)
        if key == "name" and row.is_gatekeeper:
            return tip(f"{row.name} is a gatekeeper: they give many referrals")
        if key == "status" and row.status == "do_not_contact":
            return "Do not contact: this person asked not to be contacted"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = self.columns[column].key
        if (key, descending) != (self._spec.sort, self._spec.descending):
            self.set_spec(TableSpec(self._spec.filter, key, descending, self._spec.trashed))

    # --- selection helpers ----------------------------------------------------
    def ids_for_ranges(self, ranges: Iterable[tuple[int, int]]) -> list[int]:
        """Contact ids for row ranges (inclusive); read from the index, not the cache,
        so "select all" over a million rows costs one query, not a million fetches."""
        merged = sorted(set(ranges))
        small = sum(last - first + 1 for first, last in merged) <= PAGE
        if small:
            ids = [r.id for first, last in merged for i in range(first, last + 1) if (r := self.row_at(i))]
            return list(dict.fromkeys(ids))
        return list(dict.fromkeys(ids_in_ranges(self._query, merged)))

    def row_of(self, contact_id: int) -> int | None:
        return row_of(self._query, contact_id)

    def column_index(self, key: str) -> int:
        for number, column in enumerate(self.columns):
            if column.key == key:
                return number
        return -1
