"""Where a rendered prep sheet goes: a saved PDF, the system viewer, or a printer.

A mixin for :class:`~desktop_crm.ui.prep.preview.PrepPreviewDialog`: it
reads the dialog's ``pdf`` bytes and paper choice and never renders; the
preview keeps the rendering, this module the ways out.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ... import clock
from ...atomic import write_atomic
from ...services.prep import sheet_file_name
from ..plain_text import as_typed
from ..widgets.settings import app_settings
from .worker import can_rasterise, rasterise

PRINT_DPI = 200
SETTINGS_GROUP = "prep"


class SheetOutputMixin:
    """Save, open and print for the prep preview."""

    # -- output ------------------------------------------------------------------------------
    def default_file_name(self) -> str:
        if self._batch_mode():
            return f"prep-week-{clock.today().isoformat()}.pdf"
        return sheet_file_name(self._single) if self._single else "prep-sheet.pdf"

    def save_pdf(self) -> None:
        start = str(Path(app_settings().value(f"{SETTINGS_GROUP}/folder", str(Path.home())))
                    / self.default_file_name())
        path, _ = QFileDialog.getSaveFileName(self, "Save prep sheet", start, "PDF files (*.pdf)")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the rendered PDF to ``path`` (adding .pdf); tell the user if it fails."""
        if not self.pdf:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_atomic(path, self.pdf)  # a viewer never opens half a PDF
        except OSError as exc:
            QMessageBox.warning(self, "Could not save the prep sheet",
                                as_typed(f"Writing {path} failed: {exc.strerror or exc}."))
            return False
        app_settings().setValue(f"{SETTINGS_GROUP}/folder", str(path.parent))
        self.status.setText(f"Saved to {path}")
        if hasattr(self.context, "status_message"):
            self.context.status_message.emit(f"Prep sheet saved to {path}")
        return True

    def temp_pdf(self) -> Path:
        """The rendered PDF in a temporary folder, for the system viewer (kept
        after the dialog closes: the viewer may open it later)."""
        folder = Path(tempfile.gettempdir()) / "desktop-crm-prep"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.default_file_name()
        path.write_bytes(self.pdf)
        return path

    def open_in_viewer(self) -> bool:
        if not self.pdf:
            return False
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.temp_pdf())))
        if not opened:
            QMessageBox.information(self, "No PDF viewer found",
                                    "No application opened the PDF. Use “Save PDF…” and open "
                                    "it from your files.")
        return bool(opened)

    def print_sheet(self) -> None:
        """Qt's print dialog with the page images; without a rasteriser, the
        system viewer (print from there)."""
        if not self.pdf:
            return
        if not can_rasterise():
            self.open_in_viewer()
            self.status.setText("Print from your PDF viewer.")
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4 if self.paper.currentData() == "a4"
                                      else QPageSize.PageSizeId.Letter))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page, at print resolution, onto ``printer``; return the page count."""
        pages = [QImage.fromData(png) for png in rasterise(self.pdf, PRINT_DPI)]
        pages = [p for p in pages if not p.isNull()]
        if not pages:
            return 0
        painter = QPainter(printer)
        try:
            for index, image in enumerate(pages):
                if index:
                    printer.newPage()
                target = printer.pageLayout().paintRectPixels(printer.resolution())
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(target.x(), target.y(), image.scaled(
                    scaled, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
        finally:
            painter.end()
        return len(pages)

