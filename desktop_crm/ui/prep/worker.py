"""Rendering prep sheets off the UI thread, and turning PDF pages into images.

reportlab needs tens of milliseconds per sheet and a week's batch can take
a second or two, so the PDF (and its page images) are made in a
``QThreadPool`` worker that reports by signals; the dialog only listens.
The sheet data is read from the database on the UI thread before the job
starts (it is quick), so the worker never touches SQLite.

Page images: pages are rasterised with pypdfium2 (a dependency, PDFium's
renderer, on every platform); should that fail, with QtPdf when it is
installed (PySide6-Essentials has none), else with poppler's ``pdftoppm``
when it is on the PATH, else not at all: the dialog then shows an outline
of the sheet and offers the system PDF viewer.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from ...reports import PrepOptions, PrepSheetData, render_batch, render_prep_sheet

PREVIEW_DPI = 96
RASTER_TIMEOUT_S = 30


def pdftoppm_path() -> str | None:
    """The poppler rasteriser, if installed."""
    return shutil.which("pdftoppm")


def can_rasterise() -> bool:
    """Whether this machine can show PDF pages as images."""
    return _pdfium_available() or _qtpdf_available() or pdftoppm_path() is not None


def _pdfium_available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def _rasterise_pdfium(pdf: bytes, dpi: int) -> list[bytes]:
    """Pages via PDFium; PNG encoding through Pillow (a reportlab dependency)."""
    try:
        import io

        import pypdfium2

        document = pypdfium2.PdfDocument(pdf)
        pages = []
        try:
            for index in range(len(document)):
                bitmap = document[index].render(scale=dpi / 72)
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, "PNG")
                pages.append(buffer.getvalue())
        finally:
            document.close()
        return pages
    except Exception:  # noqa: BLE001 - any failure falls back to the next rasteriser
        return []


def _qtpdf_available() -> bool:
    try:
        import PySide6.QtPdf  # noqa: F401
    except ImportError:
        return False
    return True


def rasterise(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[bytes]:
    """PNG bytes per page, or ``[]`` when nothing here can rasterise a PDF
    (or it failed: the preview then falls back to the outline)."""
    if _pdfium_available():
        pages = _rasterise_pdfium(pdf, dpi)
        if pages:
            return pages
    if _qtpdf_available():
        pages = _rasterise_qtpdf(pdf, dpi)
        if pages:
            return pages
    tool = pdftoppm_path()
    if tool is None:
        return []
    with tempfile.TemporaryDirectory(prefix="crm-prep-") as folder:
        source = Path(folder) / "sheet.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run([tool, "-png", "-r", str(dpi), str(source), str(Path(folder) / "page")],
                           check=True, capture_output=True, timeout=RASTER_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError):
            return []
        files = sorted(Path(folder).glob("page*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        return [f.read_bytes() for f in files]


def _rasterise_qtpdf(pdf: bytes, dpi: int) -> list[bytes]:
    """Pages via QtPdf (present in the full PySide6, not in -Essentials)."""
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
        from PySide6.QtPdf import QPdfDocument

        buffer = QBuffer()
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        out = []
        for index in range(document.pageCount()):
            points = document.pagePointSize(index)
            size = QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72))
            image = document.render(index, size)
            data = QByteArray()
            sink = QBuffer(data)
            sink.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(sink, "PNG")
            out.append(bytes(data))
        return out
    except Exception:  # noqa: BLE001 - any failure falls back to pdftoppm or the outline
        return []


class RenderSignals(QObject):
    """``finished(generation, pdf bytes, [png bytes per page])``, ``failed(generation, message)``."""

    finished = Signal(int, object, object)
    failed = Signal(int, str)


class RenderJob(QRunnable):
    """Render one sheet (or a batch) to PDF, then its page images.

    ``generation`` lets the dialog ignore a job that settings have made
    stale before it finished."""

    def __init__(self, generation: int, sheets: Sequence[PrepSheetData], options: PrepOptions,
                 batch: bool, images: bool = True) -> None:
        super().__init__()
        self.generation = generation
        self.sheets = list(sheets)
        self.options = options
        self.batch = batch
        self.images = images
        self.signals = RenderSignals()

    def run(self) -> None:
        try:
            if self.batch:
                pdf = render_batch(self.sheets, self.options)
            else:
                pdf = render_prep_sheet(self.sheets[0], self.options)
            pages = rasterise(pdf) if self.images else []
        except Exception as exc:  # noqa: BLE001 - reported to the dialog, never lost in a thread
            self.signals.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(self.generation, pdf, pages)
