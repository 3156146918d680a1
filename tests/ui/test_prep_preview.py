"""The prep-sheet preview dialog, driven with qtbot on a real database."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from desktop_crm.store.models import Contact, Meeting
from desktop_crm.ui import registry
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.prep import worker
from desktop_crm.ui.prep.preview import PrepPreviewDialog


def settle(qtbot, dialog: PrepPreviewDialog) -> None:
    """Let the debounce fire and the worker's result arrive."""
    qtbot.waitUntil(lambda: not dialog._debounce.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled() or
                    dialog.stack.currentIndex() == dialog.PAGE_ERROR, timeout=15000)


def open_dialog(qtbot, db: Path, **kwargs) -> PrepPreviewDialog:
    dialog = PrepPreviewDialog(AppContext(db), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)
    return dialog


def pdf_of(dialog: PrepPreviewDialog) -> PdfReader:
    return PdfReader(io.BytesIO(dialog.pdf))


@pytest.fixture
def planned(demo_db) -> int:
    return Meeting.select().where(Meeting.status == "planned").order_by(Meeting.id).first().id


def test_registered_for_the_main_window(demo_db) -> None:
    assert registry.dialog_class("prep") is PrepPreviewDialog


@pytest.mark.skipif(not worker.can_rasterise(), reason="no PDF rasteriser on this machine")
def test_preview_shows_page_images_and_switches_paper(qtbot, demo_db, planned) -> None:
    dialog = open_dialog(qtbot, demo_db, meeting_id=planned)
    assert dialog.stack.currentIndex() == dialog.PAGE_IMAGES
    assert dialog.page_labels and not dialog.page_labels[0].pixmap().isNull()
    name = Meeting.get_by_id(planned).contact.full_name
    assert name in dialog.title.text()
    assert "page" in dialog.status.text()

    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    settle(qtbot, dialog)
    assert abs(float(pdf_of(dialog).pages[0].mediabox.height) - 792) < 1
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    settle(qtbot, dialog)
    assert abs(float(pdf_of(dialog).pages[0].mediabox.height) - 841.89) < 1
    ratio = dialog.page_images[0].height() / dialog.page_images[0].width()
    assert abs(ratio - 841.89 / 595.28) < 0.02  # the image is of the A4 page


def test_save_pdf_writes_the_sheet_and_it_reads_back(qtbot, demo_db, planned, tmp_path,
                                                   monkeypatch) -> None:
    dialog = open_dialog(qtbot, demo_db, meeting_id=planned)
    target = tmp_path / "saved"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF files (*.pdf)")))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "saved.pdf"
    assert saved.exists()
    text = " ".join(p.extract_text() for p in PdfReader(saved).pages)
    assert Meeting.get_by_id(planned).contact.full_name in text
    assert str(saved) in dialog.status.text()


def test_unticking_a_section_removes_it_from_the_pdf(qtbot, demo_db, planned) -> None:
    dialog = open_dialog(qtbot, demo_db, meeting_id=planned)
    assert "YOUR PITCH" in pdf_of(dialog).pages[0].extract_text()
    dialog.section_boxes["pitch"].setChecked(False)
    settle(qtbot, dialog)
    assert "YOUR PITCH" not in " ".join(p.extract_text() for p in pdf_of(dialog).pages)


def test_settings_are_remembered_for_the_next_preview(qtbot, demo_db, planned) -> None:
    first = open_dialog(qtbot, demo_db, meeting_id=planned)
    first.paper.setCurrentIndex(first.paper.findData("letter"))
    first.section_boxes["reminders"].setChecked(False)
    settle(qtbot, first)
    first.close()
    second = open_dialog(qtbot, demo_db, meeting_id=planned)
    assert second.paper.currentData() == "letter"
    assert not second.section_boxes["reminders"].isChecked()


def test_week_batch_puts_every_meeting_in_one_pdf(qtbot, demo_db, midweek) -> None:
    from desktop_crm.services.meetings import schedule_meeting

    person = Contact.select().order_by(Contact.id).first().id
    planned = schedule_meeting(person, {"when": midweek + dt.timedelta(hours=3), "tz": "UTC"}).id
    dialog = open_dialog(qtbot, demo_db, meeting_id=planned)
    assert dialog.week.isEnabled()
    dialog.week.setChecked(True)
    settle(qtbot, dialog)
    text = " ".join(p.extract_text() for p in pdf_of(dialog).pages)
    for meeting_id in dialog._week_ids:
        assert Meeting.get_by_id(meeting_id).contact.full_name in text
    assert "This week" in dialog.title.text()


def test_contact_without_meeting_and_outline_fallback(qtbot, demo_db, monkeypatch) -> None:
    monkeypatch.setattr(worker, "pdftoppm_path", lambda: None)
    monkeypatch.setattr(worker, "_qtpdf_available", lambda: False)
    monkeypatch.setattr(worker, "_pdfium_available", lambda: False)
    contact = Contact.select().where(~Contact.id.in_(Meeting.select(Meeting.contact))).first()
    dialog = open_dialog(qtbot, demo_db, contact_id=contact.id)
    assert dialog.stack.currentIndex() == dialog.PAGE_OUTLINE
    html = dialog.outline.toPlainText()
    assert contact.full_name in html and "Questions" in html
    assert "No meeting planned yet" in dialog.subtitle.text()
    assert dialog.pdf.startswith(b"%PDF")


def test_unknown_meeting_explains_and_disables_output(qtbot, demo_db) -> None:
    dialog = open_dialog(qtbot, demo_db, meeting_id=987654)
    assert dialog.stack.currentIndex() == dialog.PAGE_ERROR
    assert "no meeting with id 987654" in dialog.error_state.text.text()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()


@pytest.mark.skipif(not worker.can_rasterise(), reason="no PDF rasteriser on this machine")
def test_print_paints_every_page(qtbot, demo_db, planned, tmp_path) -> None:
    dialog = open_dialog(qtbot, demo_db, meeting_id=planned)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = dialog.print_to(printer)
    assert pages == len(pdf_of(dialog).pages)
    assert len(PdfReader(out).pages) == pages


def test_pages_are_rasterised_without_poppler_or_qtpdf(monkeypatch) -> None:
    """Users' machines rarely have pdftoppm: PDFium alone must give page images."""
    from desktop_crm.reports import render_prep_sheet
    from desktop_crm.reports.samples import sample_prep_data

    monkeypatch.setattr(worker, "pdftoppm_path", lambda: None)
    monkeypatch.setattr(worker, "_qtpdf_available", lambda: False)
    pages = worker.rasterise(render_prep_sheet(sample_prep_data()))
    assert pages and all(page.startswith(b"\x89PNG") for page in pages)
