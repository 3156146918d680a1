"""A big file in the import dialog: its start is shown before the file is read, the
counts fill in as a worker reads on (Cancel stops the read), and the import streams
it in batches with the choices made, making the people the command line makes.

Every file counts as big here (``STREAM_BYTES`` lowered) and batches are small; the
reader is wrapped so that the test knows how far it got, and can hold it there.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from services.importing.importing_samples import linkedin_file

from desktop_crm.io import parse
from desktop_crm.services import importing
from desktop_crm.services.contacts import count_contacts, create_contact
from desktop_crm.services.importing import service
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.importer.dialog import ImportDialog

TIMEOUT = 60_000
ROWS = 3000
BATCH = 400
HOLD_AT = 1200  # lines the reader gives before it waits for the test


def _rows() -> list[list[str]]:
    # Names far apart (a hash in each), so only the pairs below are near-duplicates.
    rows = [[f"Pat{i}", f"Lee{hashlib.md5(str(i).encode()).hexdigest()[:8]}",
             f"https://www.linkedin.com/in/pat-{i}",
             f"pat{i}@mail.example" if i % 5 == 0 else "", f"Org {i % 40}", "Engineer",
             "01 Mar 2022"] for i in range(ROWS)]
    # Dana in the first batch and again in the last: one person, updated once.
    rows[5] = ["Dana", "Fox", "", "dana@fox.io", "Fox Labs", "Engineer", "01 Mar 2022"]
    rows.append(["Dana", "Fox", "", "dana@fox.io", "Fox Labs", "Director", "01 Mar 2022"])
    # Someone who may be a person already here (near-duplicate): kept separate.
    rows.append(["Jonathan", "Smithe", "", "", "Acme", "Engineer", "01 Mar 2022"])
    return rows


class Reader:
    """The parser's line reader, counting the lines it gave and holding at ``HOLD_AT``
    until :meth:`release`."""

    def __init__(self) -> None:
        self.lines = 0
        self.total = 0
        self.gate = threading.Event()
        self._inner = parse._file_lines

    def __call__(self, handle, size, progress):
        for line in self._inner(handle, size, progress):
            self.lines += 1
            if self.lines == HOLD_AT:
                self.gate.wait(TIMEOUT / 1000)
            yield line

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def reader(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Reader:
    monkeypatch.setattr(service, "STREAM_BYTES", 1)
    monkeypatch.setattr(service, "BATCH_SIZE", BATCH)

    def whole(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was read whole")

    monkeypatch.setattr(service, "parse_file", whole)
    wrapped = Reader()
    monkeypatch.setattr(parse, "_file_lines", wrapped)
    yield wrapped
    wrapped.release()


def _file(tmp_path: Path, reader: Reader) -> Path:
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    reader.total = len(path.read_bytes().splitlines())
    return path


def _dialog(qtbot, db_path: Path, path: Path) -> ImportDialog:
    dialog = ImportDialog(AppContext(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.head_shown, timeout=TIMEOUT):
        dialog.open_file(path)
    return dialog


def _counts(dialog: ImportDialog) -> dict[str, str]:
    return {k: v.text() for k, v in dialog.preview_page.counts.values.items()}


def _counted(dialog: ImportDialog) -> int:
    return sum(int(v.replace(",", "")) for v in _counts(dialog).values() if v != "…")


PEOPLE = ("SELECT first_name, last_name, tier, organization.name FROM contact "
          "LEFT JOIN organization ON organization.id = contact.organization_id "
          "WHERE contact.deleted_at IS NULL ORDER BY first_name, last_name, contact.id")


def _people() -> list[tuple]:
    return [tuple(r) for r in importing.service.db.execute_sql(PEOPLE).fetchall()]


def test_the_start_shows_before_the_file_is_read_then_counts_arrive_and_it_imports_as_the_cli(
        qtbot, db_path: Path, tmp_path: Path, reader: Reader) -> None:
    create_contact({"first_name": "Jonathan", "last_name": "Smith", "organization": "Acme"})
    path = _file(tmp_path, reader)
    dialog = _dialog(qtbot, db_path, path)
    page = dialog.preview_page
    # The start, from the first batch, while the reader waits at HOLD_AT of the lines.
    assert dialog.stack.currentWidget() is page and dialog.busy()
    assert reader.lines <= HOLD_AT < reader.total
    assert page.detected.text().startswith("LinkedIn connections · counting rows… · UTF-8")
    assert page.combo_for("URL").currentData() == "linkedin_url"
    assert page.entries.item(0, 2).text() == f"Pat0 {_rows()[0][1]}"
    assert dialog.next_button.isEnabled()
    # The counts of the batches read so far (two; the third is held) arrive while the
    # reader waits for the rest.
    qtbot.waitUntil(lambda: _counted(dialog) == 2 * BATCH, timeout=TIMEOUT)
    assert reader.lines <= HOLD_AT
    assert page.counting_bar.isVisible() and 0 < page.counting_bar.value() < 100
    assert "Counting as the file is read" in page.counting_label.text()
    reader.release()
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        pass
    assert reader.lines == reader.total
    shown = _counts(dialog)
    # Dana's later row is the person her first row made: counted once, as new.
    assert (shown["updated"], shown["unchanged"], shown["not_importable"]) == ("0", "0", "0")
    # Everyone else is new; those who look like someone (here, or earlier in the file)
    # are to review, Jonathan Smithe among them.
    assert int(shown["new"].replace(",", "")) + int(shown["review"].replace(",", "")) == ROWS + 1
    assert count_contacts() == 1  # the count was a dry run: nothing kept
    # The pairs found are shown, kept separate: no merge offered for a file in parts.
    assert dialog.next_button.text() == "Review duplicates…"
    review = dialog.review_page
    assert review.table.rowCount() == int(shown["review"].replace(",", "")) and review.decisions() == {}
    pairs = [review.table.item(r, 1).text() for r in range(review.table.rowCount())]
    assert "Jonathan Smithe, Acme" in pairs
    assert "nothing is merged" in review.more.text()
    # The choices made here go with the streamed import.
    page.tag_edit.setText("big-file")
    page.tier_box.setCurrentIndex(page.tier_box.findData("bridge"))
    page.ties.buttons["of"].setChecked(True)
    page.ties.owner.setText("Robin Friend")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is review
    with qtbot.waitSignal(dialog.import_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    result = dialog.result
    assert result is not None
    assert {k: f"{v:,}" for k, v in result.counts.items()} == shown
    # Robin knows each of the 3,001 people; you know Robin.
    assert result.ties.made == ROWS + 2 and result.tie_choice.of_name == "Robin Friend"
    gui = _people()
    tagged = importing.service.db.execute_sql(
        "SELECT count(*) FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id "
        "WHERE tag.name = 'big-file'").fetchone()[0]
    assert tagged == ROWS + 1
    # The command line, on the same file, into a database of its own (read whole there).
    other = tmp_path / "cli.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for argv in (["contacts", "add", "--first-name", "Jonathan", "--last-name", "Smith",
                  "--organization", "Acme"],
                 ["import", str(path), "--yes", "--tag", "big-file", "--tier", "bridge",
                  "--of", "Robin Friend"]):
        done = subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(other), *argv],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
    with closing(sqlite3.connect(other)) as cli:
        assert [tuple(r) for r in cli.execute(PEOPLE).fetchall()] == gui


def test_cancel_stops_the_read_and_the_file_can_still_be_imported(
        qtbot, db_path: Path, tmp_path: Path, reader: Reader) -> None:
    path = _file(tmp_path, reader)
    dialog = _dialog(qtbot, db_path, path)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    reader.release()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Counting stopped" in dialog.preview_page.counting_label.text(),
                    timeout=TIMEOUT)
    assert reader.lines < reader.total  # the read stopped
    assert dialog.isVisible() and dialog.stack.currentWidget() is dialog.preview_page
    assert set(_counts(dialog).values()) == {"…"}
    assert count_contacts() == 0
    # Import still reads the whole file, in batches.
    reader.lines = 0
    with qtbot.waitSignal(dialog.import_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert count_contacts() == ROWS + 1  # Dana once; the near-duplicate has no one here
    assert reader.lines == reader.total


def test_import_while_counting_stops_the_count_and_imports_everyone(
        qtbot, db_path: Path, tmp_path: Path, reader: Reader) -> None:
    path = _file(tmp_path, reader)
    dialog = _dialog(qtbot, db_path, path)
    assert dialog.busy() and dialog.preview is None  # still counting, held by the reader
    reader.gate.set()  # the import's own read must not wait
    with qtbot.waitSignal(dialog.import_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.preview is None  # the count was stopped, not finished
    counts = dialog.result.counts
    assert counts["new"] + counts["review"] == ROWS + 1 and counts["updated"] == 0
    assert count_contacts() == ROWS + 1


def test_while_the_window_counts_another_connection_writes_at_once(
        qtbot, db_path: Path, tmp_path: Path, reader: Reader) -> None:
    """The count holds no write lock: the command line (here, another connection that
    would fail at once on a locked database) writes while the window counts."""
    ann = create_contact({"first_name": "Ann", "last_name": "Here"})
    path = _file(tmp_path, reader)
    dialog = _dialog(qtbot, db_path, path)
    qtbot.waitUntil(lambda: _counted(dialog) == 2 * BATCH, timeout=TIMEOUT)
    assert dialog.busy() and reader.lines <= HOLD_AT  # counting, held mid-file
    with closing(sqlite3.connect(db_path, timeout=0)) as other:
        other.execute("UPDATE contact SET notes = 'written meanwhile' WHERE id = ?", (ann.id,))
        other.commit()
    reader.release()
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        pass
    shown = _counts(dialog)
    with qtbot.waitSignal(dialog.import_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        if dialog.stack.currentWidget() is dialog.review_page:
            qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert {k: f"{v:,}" for k, v in dialog.result.counts.items()} == shown
    assert importing.service.db.execute_sql(
        "SELECT notes FROM contact WHERE id = ?", (ann.id,)).fetchone()[0] == "written meanwhile"
