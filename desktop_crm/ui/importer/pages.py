"""The pages of the import dialog, as plain widgets the dialog drives.

Each page shows data it is given (a preview, a result) and emits what the
user changed; none of them reads the database or starts work itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import TIER_LABELS
from ...io.encodings import label as encoding_label
from ...io.parse import FIELDS
from ...services.importing import COUNT_KEYS, FORMAT_CHOICES, ImportPreview
from ..plain_text import tip
from ..widgets.theme import heading_font, set_error_style, set_muted
from .ties_box import TiesBox

FIELD_LABELS = {
    "first_name": "First name", "middle_name": "Middle name", "last_name": "Last name",
    "name": "Full name (split)", "organization": "Organization", "title": "Job title",
    "department": "Department", "industry": "Industry", "linkedin_url": "LinkedIn URL",
    "how_met": "How you met", "birthday": "Birthday", "connected_on": "Connected on",
    "location": "Location", "notes": "Notes", "email": "Email", "phone": "Phone",
    "email_label": "Email label", "phone_label": "Phone label", "tags": "Tags",
    "website": "Website", "extra": "Keep in notes", "ignore": "Ignore",
}
FORMAT_LABELS = {"auto": "Recognise automatically", "linkedin": "LinkedIn connections",
                 "google": "Google Contacts", "outlook": "Outlook", "vcard": "vCard",
                 "generic": "Spreadsheet (any columns)"}
COUNT_LABELS = {"new": "new", "updated": "updated", "unchanged": "unchanged",
                "review": "to review", "not_importable": "not importable"}
ACTION_LABELS = {"new": "New", "update": "Update", "review": "Review",
                 "not_importable": "Not imported", "warning": "Warning"}
MAX_ENTRIES = 500
MAX_REVIEWS = 500


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(heading_font(label, 1.25))
    return label


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_muted(label)
    return label


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(28)
    return table


def _item(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    item.setToolTip(tip(str(text)))
    return item


class ChoosePage(QWidget):
    """No file yet: explain what can be imported and offer to choose one."""

    choose_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(_heading("Bring your network in"), 0, Qt.AlignmentFlag.AlignHCenter)
        # Explicit line breaks: a word-wrapped label in a centred layout slot gets the
        # height of two lines and clips the rest.
        hint = _muted(
            "Export your contacts from LinkedIn (Connections.csv), Google Contacts, Outlook\n"
            "or Apple Contacts (vCard), or use any spreadsheet saved as CSV.\n"
            "People already here are updated, never duplicated,\n"
            "and you see everything before it is written.")
        hint.setWordWrap(False)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        self.button = QPushButton("Choose a file…")
        self.button.setDefault(True)
        self.button.clicked.connect(self.choose_clicked)
        layout.addSpacing(12)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_error_style(self.error)
        self.error.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addStretch(2)


class PreviewPage(QWidget):
    """Detected format, the column mapping with samples, the counts and the details."""

    mapping_changed = Signal(dict)
    format_changed = Signal(str)
    encoding_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = _heading("")
        layout.addWidget(self.title)
        row = QHBoxLayout()
        self.detected = QLabel()
        row.addWidget(self.detected, 1)
        row.addWidget(QLabel("Read as:"))
        self.format_box = QComboBox()
        for key in FORMAT_CHOICES:
            self.format_box.addItem(FORMAT_LABELS[key], key)
        self.format_box.currentIndexChanged.connect(
            lambda: self.format_changed.emit(self.format_box.currentData()))
        row.addWidget(self.format_box)
        layout.addLayout(row)
        # Shown only when the encoding was a guess: the others, each with a sample row.
        encoding_row = QHBoxLayout()
        self.encoding_label = QLabel("Text encoding (a guess; check the sample):")
        encoding_row.addWidget(self.encoding_label)
        self.encoding_box = QComboBox()
        self.encoding_box.currentIndexChanged.connect(self._emit_encoding)
        encoding_row.addWidget(self.encoding_box, 1)
        layout.addLayout(encoding_row)
        # Choices for the whole file: a tag for everyone, a tier for the new people.
        batch_row = QHBoxLayout()
        batch_row.addWidget(QLabel("Tag everyone in this file:"))
        self.tag_edit = QLineEdit()
        self.tag_edit.setPlaceholderText("e.g. linkedin-2024 (optional)")
        batch_row.addWidget(self.tag_edit, 1)
        batch_row.addWidget(QLabel("Tier of new people:"))
        self.tier_box = QComboBox()
        self.tier_box.addItem("Primary (default)", "")
        for key in ("bridge", "target"):
            self.tier_box.addItem(TIER_LABELS.get(key, key.title()), key)
        batch_row.addWidget(self.tier_box)
        layout.addLayout(batch_row)
        self.mapping_label = QLabel("Columns: check what each one holds; change any guess.")
        layout.addWidget(self.mapping_label)
        self.mapping = _table(["Column in the file", "Sample values", "Read as"])
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.mapping.setColumnWidth(0, 190)
        self.mapping.setColumnWidth(1, 330)
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(self.mapping, 3)
        self.counts = CountsBar()
        layout.addWidget(self.counts)
        # A big file: counted as it is read on, with how far the count has got.
        counting_row = QHBoxLayout()
        self.counting_label = QLabel()
        self.counting_label.setWordWrap(True)
        self.counting_label.setTextFormat(Qt.TextFormat.PlainText)  # may quote the file
        counting_row.addWidget(self.counting_label, 1)
        self.counting_bar = QProgressBar()
        self.counting_bar.setRange(0, 100)
        self.counting_bar.setMaximumWidth(260)
        counting_row.addWidget(self.counting_bar)
        layout.addLayout(counting_row)
        self.ties = TiesBox()
        layout.addWidget(self.ties)
        self.entries = _table(["Row", "What", "Name", "Field", "Details"])
        for column, width in enumerate((60, 100, 170, 110)):
            self.entries.setColumnWidth(column, width)
        layout.addWidget(self.entries, 2)
        self._combos: dict[str, QComboBox] = {}
        self.show_counting(None)

    def show_preview(self, preview: ImportPreview, chosen_format: str,
                     streamed: bool = False) -> None:
        """``preview`` in full; ``streamed``: it is a big file's, read in batches."""
        parsed = preview.parsed
        self._show_file(preview.path, parsed, chosen_format, f"{parsed.total_rows:,} rows")
        self._fill_mapping(parsed)
        self.counts.show_counts(preview.counts)
        self._fill_entries(preview)
        self.show_counting(None)
        if streamed:
            self.counting_label.setText(
                "A big file: it is imported in parts. People who may be the same as someone "
                "here are kept separate (nothing is merged) and listed in the import's report.")
            self.counting_label.show()

    def show_head(self, path: Path, parsed, rows: list[tuple[int, str, str, str]],
                  chosen_format: str) -> None:
        """A big file's start (format, encoding, columns, first rows) while it is counted."""
        self._show_file(path, parsed, chosen_format, "counting rows…")
        self._fill_mapping(parsed)
        self.counts.show_pending()
        self.entries.setRowCount(len(rows))
        for row, (number, name, organization, email) in enumerate(rows):
            for column, value in enumerate((number, "In the file", name, "",
                                            " · ".join(v for v in (organization, email) if v))):
                self.entries.setItem(row, column, _item(value))
        self.entries.setVisible(bool(rows))

    def show_counting(self, fraction: float | None, counts: dict[str, int] | None = None,
                      text: str = "") -> None:
        """How far a big file's count has got (``fraction`` of the file read; None: no
        count running), with the counts of the batches done so far."""
        running = fraction is not None
        self.counting_bar.setVisible(running)
        self.counting_label.setVisible(running or bool(text))
        if running:
            self.counting_bar.setValue(int(100 * min(1.0, fraction)))
            self.counting_label.setText(text or "Counting as the file is read "
                                        f"({100 * min(1.0, fraction):.0f}%): the numbers are "
                                        "of the rows read so far. You can import now, or "
                                        "wait for the counts.")
            if counts is not None:
                self.counts.show_counts(counts)
        elif text:
            self.counting_label.setText(text)

    def _show_file(self, path: Path, parsed, chosen_format: str, rows: str) -> None:
        self.title.setText(Path(path).name)
        delimiter = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}.get(
            parsed.delimiter, parsed.delimiter)
        self.detected.setText(
            f"{FORMAT_LABELS.get(parsed.format, parsed.format)} · {rows} · "
            f"{encoding_label(parsed.encoding)}"
            + (f" · {delimiter}-separated" if parsed.format != "vcard" else ""))
        self._fill_encodings(parsed)
        self.format_box.blockSignals(True)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(chosen_format)))
        self.format_box.blockSignals(False)

    def _fill_encodings(self, parsed) -> None:
        samples = parsed.encoding_samples
        guessed = bool(parsed.encoding_alternatives)
        self.encoding_box.blockSignals(True)
        self.encoding_box.clear()
        for encoding in [parsed.encoding, *parsed.encoding_alternatives]:
            sample = samples.get(encoding, "")
            self.encoding_box.addItem(
                f"{encoding_label(encoding)} — {sample}" if sample else encoding_label(encoding),
                encoding)
        self.encoding_box.setCurrentIndex(0)
        self.encoding_box.blockSignals(False)
        self.encoding_label.setVisible(guessed)
        self.encoding_box.setVisible(guessed)

    def _emit_encoding(self) -> None:
        encoding = self.encoding_box.currentData()
        if encoding:
            self.encoding_changed.emit(encoding)

    def batch(self) -> tuple[str, str]:
        """(tag for everyone, tier for new people) as the user chose them."""
        return self.tag_edit.text().strip(), self.tier_box.currentData() or ""

    def _fill_mapping(self, parsed) -> None:
        has_columns = bool(parsed.mapping)
        self.mapping.setVisible(has_columns)
        self.mapping_label.setText(
            "Columns: check what each one holds; change any guess." if has_columns
            else "vCard files name their fields themselves; nothing to map.")
        self.mapping.setRowCount(len(parsed.mapping))
        self._combos.clear()
        for row, column in enumerate(parsed.mapping):
            self.mapping.setItem(row, 0, _item(column))
            self.mapping.setItem(row, 1, _item("  ·  ".join(parsed.samples.get(column, [])) or "(empty)"))
            combo = QComboBox()
            for key in FIELDS:
                combo.addItem(FIELD_LABELS.get(key, key.replace("_", " ")), key)
            combo.setCurrentIndex(max(0, combo.findData(parsed.mapping[column])))
            combo.currentIndexChanged.connect(self._emit_mapping)
            self.mapping.setCellWidget(row, 2, combo)
            self._combos[column] = combo

    def _emit_mapping(self) -> None:
        self.mapping_changed.emit({col: box.currentData() for col, box in self._combos.items()})

    def combo_for(self, column: str) -> QComboBox:
        return self._combos[column]

    def _fill_entries(self, preview: ImportPreview) -> None:
        entries = [e for e in preview.entries() if e.action != "unchanged"
                   and not (e.action == "new" and not e.column)]
        shown = entries[:MAX_ENTRIES]
        self.entries.setRowCount(len(shown))
        for row, entry in enumerate(shown):
            for column, value in enumerate((entry.row, ACTION_LABELS.get(entry.action, entry.action),
                                            entry.name, entry.column, entry.reason)):
                self.entries.setItem(row, column, _item(value))
        self.entries.setVisible(bool(shown))


class CountsBar(QFrame):
    """Five numbers in a row: new, updated, unchanged, to review, not importable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        self.values: dict[str, QLabel] = {}
        for column, key in enumerate(COUNT_KEYS):
            number = QLabel("–")
            number.setFont(heading_font(number, 1.6))
            number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            caption = QLabel(COUNT_LABELS[key])
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(number, 0, column)
            grid.addWidget(caption, 1, column)
            self.values[key] = number

    def show_counts(self, counts: dict[str, int]) -> None:
        for key, label in self.values.items():
            label.setText(f"{counts.get(key, 0):,}")

    def show_pending(self) -> None:
        """Not counted yet."""
        for label in self.values.values():
            label.setText("…")


class ReviewPage(QWidget):
    """Pairs that may be one person: the user merges or keeps them separate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("Possible duplicates"))
        layout.addWidget(_muted(
            "These people look like someone already here (or earlier in the file) but share no "
            "email, LinkedIn profile or exact name and organization. Nothing is merged unless "
            "you choose Merge."))
        self.table = _table(["Row", "In the file", "Looks like", "Why", "Decision"])
        for column, width in enumerate((60, 200, 200, 250)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table)
        self.more = _muted("")
        layout.addWidget(self.more)
        self._targets: list[tuple[int, str, QComboBox]] = []

    def show_review(self, preview: ImportPreview, streamed: bool = False) -> None:
        """The pairs to decide; ``streamed`` (a big file, imported in parts): the pairs
        are shown, kept separate, and listed in the import's report (no merge here)."""
        # A widget per pair: thousands would freeze the window while it is built, and
        # nobody decides thousands by hand. The rest stay separate, listed in the report.
        every = preview.review_items
        items = every[:MAX_REVIEWS]
        more = (f"… and {len(every) - len(items):,} more pairs, kept separate; the "
                "import's report lists them all." if len(every) > len(items) else "")
        if streamed:
            more = ("This file is big and imported in parts: these people are imported "
                    "separately, nothing is merged, and the import's report lists every pair "
                    "for you to check. " + more).strip()
        self.more.setText(more)
        self.more.setVisible(bool(more))
        self.table.setRowCount(len(items))
        self._targets.clear()
        for row, item in enumerate(items):
            cand = item.candidate
            assert cand is not None
            where = f" (id {cand.contact_id})" if cand.contact_id is not None else f" (row {cand.row})"
            org = f", {item.incoming.organization}" if item.incoming.organization else ""
            for column, value in enumerate((item.row, item.incoming.name + org, cand.name + where,
                                            f"{cand.reason} · score {cand.score}")):
                self.table.setItem(row, column, _item(value))
            box = QComboBox()
            box.addItem("Keep separate", "separate")
            if not streamed:
                box.addItem("Merge", cand.target)
            box.setEnabled(not streamed)
            self.table.setCellWidget(row, 4, box)
            self._targets.append((item.row, cand.target, box))
        self.table.setCurrentCell(-1, -1)

    def decisions(self) -> dict[int, str]:
        """Row -> merge target, for the pairs the user chose to merge."""
        return {row: target for row, target, box in self._targets if box.currentData() != "separate"}

    def set_decision(self, index: int, merge: bool) -> None:
        self._targets[index][2].setCurrentIndex(1 if merge else 0)


class ProgressPage(QWidget):
    """A heading, what is happening, and a bar (busy until numbers are known)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.heading = _heading("Importing…")
        layout.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        self.stage = QLabel("")
        self.stage.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.stage)
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(420)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def start(self, heading: str, stage: str) -> None:
        self.heading.setText(heading)
        self.stage.setText(stage)
        self.bar.setRange(0, 0)

    STAGES = {"reading": "Reading the file…",
              "matching": "Matching people with your contacts…",
              "near-duplicates": "Looking for people who may be the same…",
              "writing": "Writing contacts…", "indexing": "Updating the search index…",
              "ties": "Recording who knows whom…"}

    def advance(self, stage: str, done: int, total: int) -> None:
        """Show ``stage`` and how far it is (a moving bar when its total is unknown)."""
        self.stage.setText(self.STAGES.get(stage, stage))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)


class ResultPage(QWidget):
    """What was done, where the report is, and Undo."""

    undo_clicked = Signal()
    network_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = _heading("Import finished")
        layout.addWidget(self.heading)
        self.counts = CountsBar()
        layout.addWidget(self.counts)
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.files.setTextFormat(Qt.TextFormat.PlainText)  # names from the file, as text
        self.files.setContentsMargins(0, 8, 0, 8)
        self.files.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.files)
        row = QHBoxLayout()
        self.undo = QPushButton("Undo import")
        self.undo.clicked.connect(self.undo_clicked)
        row.addWidget(self.undo)
        self.network_button = QPushButton("Show my network")
        self.network_button.setToolTip("Close this and open the Network view: who you know, and who they know")
        self.network_button.clicked.connect(self.network_clicked)
        self.network_button.hide()
        row.addWidget(self.network_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_result(self, counts: dict[str, int], batch_id: int, report: Path,
                    not_imported: Path | None, ties: str = "") -> None:
        self.heading.setText(f"Import finished (import {batch_id})")
        self.counts.show_counts(counts)
        lines = [ties] if ties else []
        lines.append(f"Report: {report}")
        if not_imported is not None:
            lines.append(f"Rows not imported, to fix and import again: {not_imported}")
        self.files.setText("\n".join(lines))
        self.undo.setEnabled(True)

    def show_undone(self, message: str) -> None:
        self.heading.setText("Import undone")
        self.files.setText(message)
        self.undo.setEnabled(False)
