"""A huge note never freezes the window: the detail panel shows its start, the rest on demand.

Before, a label laid out the whole note each time its person was selected
(about five seconds per megabyte: a 50 MB note froze the window for minutes).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.services.contacts import create_contact
from desktop_crm.ui.contacts.detail import SHOW_NOTES
from desktop_crm.ui.long_text import PART_CHARS, PREVIEW_CHARS, LongTextViewer, parts, preview
from desktop_crm.ui.main_window import MainWindow

LINE = "A long note about the meeting, with words that wrap and wrap again. " * 2 + "\n"


@pytest.mark.parametrize("shape", ["many lines", "one line"])
def test_selecting_a_person_with_a_10_mb_note_stays_quick(qtbot, db_path: Path, shape: str,
                                                           tmp_path: Path) -> None:
    size = 10_000_000
    note = (LINE * (size // len(LINE) + 1))[:size]
    if shape == "one line":
        note = note.replace("\n", " ")
    big = create_contact({"first_name": "Big", "notes": note}).id
    create_contact({"first_name": "Small", "notes": "short"})
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    started = time.perf_counter()
    window.show_contact(big)
    qtbot.wait(10)
    took = time.perf_counter() - started
    assert took < 3.0, f"selecting took {took:.1f} s"  # ~50 s before, ~0.05 s now
    label = window.contacts.detail.info_labels["notes"]
    assert len(label.text()) < PREVIEW_CHARS * 2
    assert "Show the whole note (10.0 MB)" in label.text() and SHOW_NOTES in label.text()
    window.grab().save(str(tmp_path / "big-note.png"))
    viewer = LongTextViewer("Notes", note, window)
    qtbot.addWidget(viewer)
    assert len(viewer.edit.toPlainText()) <= PART_CHARS
    assert viewer.where.text().startswith("Part 1 of ")
    viewer.next_button.click()
    start, end = viewer.spans[1]
    assert viewer.edit.toPlainText() == note[start:end]


def test_a_short_note_is_shown_whole_with_no_link(qtbot, db_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "notes": "Met at <PyCon>\nLikes tea"}).id
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show_contact(ann)
    text = window.contacts.detail.info_labels["notes"].text()
    assert "Met at &lt;PyCon&gt;<br>Likes tea" == text


@given(st.text(max_size=3000), st.integers(min_value=10, max_value=700))
def test_the_parts_of_a_text_cover_it_exactly_and_the_preview_is_its_start(
        text: str, size: int) -> None:
    spans = parts(text, size)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(b - a <= size for a, b in spans)
    head, cut = preview(text, 200, 5)
    assert text.startswith(head) and cut == (head != text)
