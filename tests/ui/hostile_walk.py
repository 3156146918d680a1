"""Hostile text in every field, and a walk over what the window shows of it.

A value is "interpreted" when Qt renders it as rich text: the tags vanish
and their effect shows (a heading, a huge font, bold, an image loaded from
disk). The walk reads what each widget would put on screen (a label or a
tooltip through Qt's own rich-text guess, a text document as its plain
text, a graphics text item likewise) and counts the word HOSTILE against
the raw markup around it: any HOSTILE without its tags was interpreted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QImage, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QTextEdit,
    QWidget,
)

WORD = "HOSTILE"


def hostile_values(image: Path) -> list[str]:
    """Three kinds of markup, each around the word, and an image from the disk."""
    return [
        f"<h1>{WORD}</h1> <img src={image.as_posix()} width=300>",
        f"<font size=200>{WORD}</font>",
        f"<b>{WORD}</b> & co",
    ]


RAW = ("<h1>" + WORD, "<font size=200>" + WORD, "<b>" + WORD)


def write_image(path: Path) -> Path:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    image.save(str(path))
    return path


# (table, columns) holding text a person typed or imported; "+id" keeps unique ones unique.
HOSTILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "profile": ("name", "pitch", "target_roles", "target_industries", "target_places",
                "objectives"),
    "organization": ("name+id", "industry", "location", "website", "notes"),
    "contact": ("first_name", "last_name", "title", "industry", "location", "linkedin_url",
                "how_met", "notes", "interests"),
    "contact_email": ("label", "email"),
    "contact_phone": ("label", "raw"),
    "tag": ("name+id",),
    "relationship": ("how", "since"),
    "meeting": ("place", "objective_learn", "objective_reveal", "objective_ask", "notes"),
    "introduction": ("note",),
    "outreach_attempt": ("message",),
    "question": ("text", "conclusion"),
    "meeting_question": ("text", "answer"),
    "action": ("text",),
    "smart_list": ("name+id",),
}


def fill_hostile(values: list[str]) -> int:
    """Put hostile text in every column above, rotating the kinds; return cells changed."""
    from desktop_crm.store import db

    changed = 0
    tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    with db.atomic():
        for table, columns in HOSTILE_COLUMNS.items():
            if table not in tables:
                continue
            for column in columns:
                name, unique = column.removesuffix("+id"), column.endswith("+id")
                cases = " ".join(f"WHEN {i} THEN ?" for i in range(len(values)))
                suffix = " || ' ' || id" if unique else ""
                sql = (f'UPDATE "{table}" SET "{name}" = (CASE (id % {len(values)}) {cases} '
                       f'END){suffix}')
                changed += db.execute_sql(sql, values).rowcount
    return changed


def rendered(text: str, rich: bool) -> str:
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def auto(text: str) -> str:
    """What Qt shows for text in an auto-format place (a tooltip, a message box)."""
    return rendered(text, GuiQt.mightBeRichText(text))


def interpreted(shown: str) -> bool:
    return shown.count(WORD) > sum(shown.count(raw) for raw in RAW)


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    checked: int = 0  # pieces of hostile text looked at
    by_view: dict[str, set[str]] = field(default_factory=dict)  # view: places seen

    def look(self, where: str, shown: str) -> None:
        if WORD not in shown:
            return
        self.checked += 1
        view, _, place = where.partition(": ")
        self.by_view.setdefault(view.split(" row")[0].split(" person")[0], set()).add(place)
        if interpreted(shown) and place not in self._seen:
            self._seen.add(place)
            self.problems.append(f"{where}: {shown[:90]!r}")

    _seen: set[str] = field(default_factory=set)


def _name(widget: QWidget) -> str:
    parents = []
    w: QWidget | None = widget
    while w is not None and len(parents) < 4:
        parents.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(parents))


def _model_cells(model: QAbstractItemModel, parent: QModelIndex | None = None,
                 depth: int = 0, limit: int = 60) -> Iterator[QModelIndex]:
    parent = parent or QModelIndex()
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model keeps columnCount private: one column
        columns = 1 if not parent.isValid() else 0
    for row in range(min(model.rowCount(parent), limit) if columns else 0):
        for col in range(min(columns, 30)):
            index = model.index(row, col, parent)
            yield index
            if col == 0 and depth < 2:
                yield from _model_cells(model, index, depth + 1, limit)


def walk(root: QWidget, found: Findings, label: str) -> None:
    """Look at every widget under ``root``: its text, tooltip, items and scene."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        where = f"{label}: {_name(widget)}"
        found.look(f"{where} tooltip", auto(widget.toolTip()))
        if isinstance(widget, QLabel):
            fmt = widget.textFormat()
            rich = fmt == Qt.TextFormat.RichText or (
                fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(widget.text()))
            found.look(where, rendered(widget.text(), rich))
        elif isinstance(widget, QTextEdit):
            found.look(where, widget.toPlainText())
        elif isinstance(widget, QAbstractButton):
            found.look(where, widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for index in _model_cells(widget.model()):
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    found.look(f"{where} item tooltip", auto(tip))
                shown = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(shown, str):
                    found.look(f"{where} cell", shown)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                found.look(f"{where} scene item tooltip", auto(item.toolTip()))
                if isinstance(item, QGraphicsTextItem):
                    found.look(f"{where} scene text", item.toPlainText())
        for action in widget.actions():
            if isinstance(action, QAction):
                found.look(f"{where} action tooltip", auto(action.toolTip()))
