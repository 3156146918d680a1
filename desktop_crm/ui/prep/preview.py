"""The prep-sheet preview: what will print, with paper, sections and a week's batch.

Opened from "Prep sheet" on a meeting or a contact
(``context.prep_sheet_requested`` -> ``registry.DIALOGS["prep"]``). The
sheet data is read through :mod:`desktop_crm.services.prep` on the UI
thread (a few milliseconds); the PDF and its page images are made by a
:class:`RenderJob` in a thread pool, and each change of settings starts a
new job whose result replaces the last (stale results are dropped).
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QObject, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...reports import PrepOptions, PrepSheetData
from ...reports.prep_data import empty_sections
from ...services.errors import ServiceError
from ...services.prep import build_batch, prep_for_contact, prep_for_meeting, week_meeting_ids
from ..plain_text import plain_label
from ..widgets.empty_state import EmptyState
from ..widgets.theme import heading_font, set_muted
from .outline import outline_html
from .output import PRINT_DPI, SETTINGS_GROUP, SheetOutputMixin
from .settings_panel import PAPERS, SettingsPanelMixin
from .worker import RenderJob, can_rasterise

__all__ = ["PAGE_WIDTH_MAX", "PAPERS", "PRINT_DPI", "SETTINGS_GROUP", "PrepPreviewDialog"]

PAGE_WIDTH_MAX = 820


class PrepPreviewDialog(SettingsPanelMixin, SheetOutputMixin, QDialog):
    """Preview of one prep sheet (a meeting or a contact) or of this week's batch."""

    PAGE_LOADING, PAGE_IMAGES, PAGE_OUTLINE, PAGE_ERROR = range(4)

    def __init__(self, context: QObject, meeting_id: int | None = None,
                 contact_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id or None  # the signal sends 0 for "none"
        self.contact_id = contact_id or None
        self.pdf: bytes = b""
        self.page_images: list[QImage] = []
        self.page_labels: list[QLabel] = []
        self._generation = 0
        self._started = 0.0
        self._single: PrepSheetData | None = None
        self._rendering: list[PrepSheetData] = []  # the sheets the latest job renders
        self._week_ids: list[int] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.render)
        self.setWindowTitle("Prep sheet")
        self.resize(1040, 780)
        self._build_ui()
        self._restore_settings()
        self._load()

    # -- layout ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 12)
        outer.setSpacing(10)
        self.title = plain_label("Prep sheet")
        self.title.setFont(heading_font(self, 1.3))
        self.subtitle = plain_label("")
        set_muted(self.subtitle)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        body = QHBoxLayout()
        body.setSpacing(14)
        body.addWidget(self._settings_panel())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._loading_page())
        self.stack.addWidget(self._images_page())
        self.stack.addWidget(self._outline_page())
        self.error_state = EmptyState("Nothing to print", "")
        self.stack.addWidget(self.error_state)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        outer.addLayout(self._button_row())

    def _loading_page(self) -> QWidget:
        label = QLabel("Rendering the sheet…")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_muted(label)
        return label

    def _images_page(self) -> QWidget:
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.pages_host = QWidget()
        self.pages_host.setObjectName("prepPages")
        self.pages_host.setStyleSheet("#prepPages { background: #8a9099; }")
        self.pages_layout = QVBoxLayout(self.pages_host)
        self.pages_layout.setContentsMargins(20, 20, 20, 20)
        self.pages_layout.setSpacing(16)
        self.scroll.setWidget(self.pages_host)
        return self.scroll

    def _outline_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        note = QLabel("Page images need a PDF renderer this computer does not have. Below is what "
                      "the sheet holds; “Open in PDF Viewer” shows the real pages.")
        note.setWordWrap(True)
        set_muted(note)
        self.outline = QTextBrowser()
        self.outline.setOpenLinks(False)
        column.addWidget(note)
        column.addWidget(self.outline, 1)
        return page

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status = QLabel("")
        set_muted(self.status)
        row.addWidget(self.status, 1)
        self.open_button = QPushButton("Open in PDF Viewer")
        self.open_button.clicked.connect(self.open_in_viewer)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_pdf)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        for button in (self.open_button, self.print_button, self.save_button, close):
            row.addWidget(button)
        self._set_ready(False)
        return row

    # -- data ------------------------------------------------------------------------------
    def _load(self) -> None:
        """Read the sheet (and this week's meetings) now; a wrong id shows why."""
        try:
            self._week_ids = week_meeting_ids()
        except ServiceError:
            self._week_ids = []
        count = len(self._week_ids)
        self.week.setEnabled(count > 0)
        self.week_note.setText(f"{count} meeting{'s' if count != 1 else ''} to print in one PDF."
                               if count else "No planned meetings this week.")
        try:
            if self.meeting_id:
                self._single = prep_for_meeting(self.meeting_id)
            elif self.contact_id:
                self._single = prep_for_contact(self.contact_id)
        except ServiceError as exc:
            self._show_error("Cannot prepare this sheet", f"{exc}.")
            return
        self._show_empty_sections(empty_sections(self._single) if self._single is not None else {})
        if self._single is None:
            if count:
                self.week.setChecked(True)
            else:
                self._show_error("Nothing to print yet", "Choose a meeting or a contact and pick "
                                 "“Prep sheet”, or schedule a meeting this week to print a batch.")
                return
        self.render()

    def _sheets(self) -> list[PrepSheetData]:
        if self.week.isChecked() and self._week_ids:
            return build_batch(self._week_ids)
        return [self._single] if self._single is not None else []

    def options(self) -> PrepOptions:
        sections = {key for key, box in self.section_boxes.items() if box.isChecked()}
        return PrepOptions(paper=self.paper.currentData(), sections=sections,
                           room_to_write=self.room.isChecked())

    # -- rendering --------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        self._save_settings()
        self._debounce.start()

    def render(self) -> None:
        """Start a render job for the current settings; a newer one supersedes it."""
        try:
            sheets = self._sheets()
        except ServiceError as exc:
            self._show_error("Cannot prepare these sheets", f"{exc}.")
            return
        if not sheets:
            return
        self._generation += 1
        self._started = time.perf_counter()
        self._set_ready(False)
        self.status.setText("Rendering…")
        if not self.pdf:
            self.stack.setCurrentIndex(self.PAGE_LOADING)
        self._describe(sheets)
        self._rendering = sheets
        job = RenderJob(self._generation, sheets, self.options(), batch=self._batch_mode(),
                        images=can_rasterise())
        job.signals.finished.connect(self._rendered)
        job.signals.failed.connect(self._failed)
        self._pool.start(job)

    def _batch_mode(self) -> bool:
        return self.week.isChecked() and bool(self._week_ids)

    def _describe(self, sheets: list[PrepSheetData]) -> None:
        if self._batch_mode():
            self.title.setText("This week's prep sheets")
            names = ", ".join(s.person.name for s in sheets[:4])
            more = f" and {len(sheets) - 4} more" if len(sheets) > 4 else ""
            self.subtitle.setText(f"{len(sheets)} meetings: {names}{more}")
            self.setWindowTitle("Prep sheets: this week")
            return
        data = sheets[0]
        self.title.setText(f"Prep sheet: {data.person.name or 'Unnamed contact'}")
        m = data.meeting
        when = (f"{m.starts_local:%a} {m.starts_local.day} {m.starts_local:%b %Y, %H:%M} "
                f"({m.tz_name}) · {m.minutes} min {m.kind}"
                if m is not None and m.starts_local else "No meeting planned yet: "
                "a sheet to prepare the first conversation")
        self.subtitle.setText(when)
        self.setWindowTitle(f"Prep sheet: {data.person.name}")

    def _rendered(self, generation: int, pdf: bytes, pages: list[bytes]) -> None:
        if generation != self._generation:
            return  # settings changed while this job ran
        self.pdf = pdf
        self.page_images = [QImage.fromData(png) for png in pages]
        self.page_images = [image for image in self.page_images if not image.isNull()]
        elapsed = (time.perf_counter() - self._started) * 1000
        if self.page_images:
            self._show_pages()
            count = len(self.page_images)
        else:
            self.outline.setHtml("<hr>".join(outline_html(s, self.options().sections)
                                             for s in self._rendering))
            self.stack.setCurrentIndex(self.PAGE_OUTLINE)
            count = _page_count(pdf)
        paper = dict(PAPERS)[self.paper.currentData()]
        self.status.setText(f"{count} page{'s' if count != 1 else ''} · {paper} · "
                            f"rendered in {elapsed:.0f} ms")
        self._set_ready(True)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._show_error("The sheet could not be rendered", message)

    def _show_pages(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.page_labels = []
        width = min(PAGE_WIDTH_MAX, max(320, self.scroll.viewport().width() - 44))
        for number, image in enumerate(self.page_images, 1):
            label = QLabel()
            label.setObjectName(f"prepPage{number}")
            pixmap = QPixmap.fromImage(image).scaledToWidth(
                width, Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size() + QSize(2, 2))  # whole pages: the area scrolls
            label.setStyleSheet("background: white; border: 1px solid #5b626b;")
            label.setAccessibleName(f"Page {number}")
            self.page_labels.append(label)
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.addStretch(1)
        # The scroll area sizes its widget to the viewport unless told the pages' height.
        heights = [label.height() for label in self.page_labels]
        margins = self.pages_layout.contentsMargins()
        self.pages_host.setMinimumSize(
            width + 2 + margins.left() + margins.right(),
            sum(heights) + self.pages_layout.spacing() * (len(heights) - 1)
            + margins.top() + margins.bottom())
        self.stack.setCurrentIndex(self.PAGE_IMAGES)

    def _show_error(self, title: str, text: str) -> None:
        self.error_state.set_text(title, text)
        self.stack.setCurrentIndex(self.PAGE_ERROR)
        self.status.setText("")
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.open_button, self.print_button, self.save_button):
            button.setEnabled(ready)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.page_images and self.stack.currentIndex() == self.PAGE_IMAGES:
            self._show_pages()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self._debounce.stop()
        self._generation += 1  # ignore whatever is still running
        self._pool.waitForDone(10_000)
        super().done(result)


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-z])")


def _page_count(pdf: bytes) -> int:
    """Pages of a PDF we wrote (one ``/Type /Page`` object per page; the
    page tree is ``/Type /Pages``)."""
    return max(1, len(_PAGE_OBJECT.findall(pdf)))
