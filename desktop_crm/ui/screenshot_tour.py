"""Grab a PNG of every main view, the contact editor and the detail panel.

Used by ``python -m desktop_crm.tools.screenshots OUTDIR``; views are loaded
through :mod:`desktop_crm.ui.registry`, so views built by other features
appear as soon as they exist.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from . import registry
from .app import make_application


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, path: Path, app: QApplication) -> Path:
    _settle(app)
    widget.grab().save(str(path))
    return path


def _meeting_shots(window: QWidget, outdir: Path, app: QApplication) -> list[Path]:
    """The next meeting's dialog (each page) and its prep sheet preview."""
    from ..services.meetings import upcoming_meetings
    from .meetings.dialogs import MeetingDialog
    from .prep.preview import PrepPreviewDialog

    upcoming = upcoming_meetings(days=None)
    if not upcoming:
        return []
    meeting_id = upcoming[0].id
    written = []
    dialog = MeetingDialog(window.context, meeting_id=meeting_id, parent=window)
    dialog.show()
    for page in ("meeting", "questions", "outcome"):
        dialog.show_page(page)
        written.append(_save(dialog, outdir / f"meeting-dialog-{page}.png", app))
    dialog.mark_clean()
    dialog.done(0)
    preview = PrepPreviewDialog(window.context, meeting_id=meeting_id, parent=window)
    preview.resize(1240, 780)
    preview.show()
    deadline = time.monotonic() + 15
    while preview.stack.currentIndex() == preview.PAGE_LOADING and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    written.append(_save(preview, outdir / "prep-preview.png", app))
    if preview.pdf:
        pdf = outdir / "prep-sheet.pdf"
        pdf.write_bytes(preview.pdf)
        written.append(pdf)
    preview.done(0)
    return written


def take_screenshots(db_path: Path, outdir: Path, size: tuple[int, int] = (1400, 860)) -> list[Path]:
    """Open the window on an open database and save one PNG per view; return the files."""
    app = make_application()
    from .contacts.editor import ContactEditor
    from .main_window import MainWindow

    outdir.mkdir(parents=True, exist_ok=True)
    window = MainWindow(db_path)
    window.resize(*size)
    window.show()
    _settle(app)
    written: list[Path] = []
    # A few people in the trash so the Trash view has something to show (undone below).
    window.show_view("contacts")
    window.contacts.table.selectionModel().clearSelection()
    for row in (5, 9, 14):
        window.contacts.table.selectionModel().select(
            window.contacts.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    window.contacts.trash_selection()
    for key, _label, _module, _name in registry.VIEWS:
        window.show_view(key)
        if key == "contacts":
            window.contacts.table.select_row(3)
        written.append(_save(window, outdir / f"view-{key}.png", app))
    window.undo()
    window.show_view("contacts")
    # Someone you were in touch with recently has a full timeline.
    model = window.contacts.model
    model.sort(model.column_index("last_contact"), Qt.SortOrder.DescendingOrder)
    window.contacts.table.select_row(0)
    written.append(_save(window.contacts.detail, outdir / "contact-detail.png", app))
    written.append(_save(window, outdir / "contacts-with-detail.png", app))
    model.sort(model.column_index("name"), Qt.SortOrder.AscendingOrder)
    window.search.setText("ber")
    written.append(_save(window, outdir / "contacts-search.png", app))
    window.search.setText("")
    contact_id = window.contacts.table.current_contact_id()
    editor = ContactEditor(contact_id, window)
    editor.show()
    written.append(_save(editor, outdir / "contact-editor.png", app))
    editor.fields["first_name"].setText("")
    editor.fields["last_name"].setText("")
    editor.emails.add_row("work", "not-an-email")
    editor.save()
    written.append(_save(editor, outdir / "contact-editor-errors.png", app))
    editor.done(0)
    window.contacts.table.selectAll()
    written.append(_save(window, outdir / "contacts-bulk.png", app))
    written.extend(_meeting_shots(window, outdir, app))
    QTimer.singleShot(0, window.close)
    _settle(app)
    return written
