"""The import dialog driven with qtbot (offscreen): file to result, mapping, review, Cancel, Undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from services.importing.importing_samples import LINKEDIN_ROWS, generic_file, linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import count_contacts, create_contact, list_contacts
from desktop_crm.services.database.backup import export_backup
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.importer.dialog import ImportDialog

TIMEOUT = 20_000


def _tables() -> dict:
    tables = export_backup()["tables"]
    return {k: v for k, v in tables.items() if k not in ("import_batch", "import_change")}


def _dialog(qtbot, db_path: Path, path: Path | None = None) -> ImportDialog:
    dialog = ImportDialog(AppContext(db_path), path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait_preview(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page
                    and not dialog.busy(), timeout=TIMEOUT)


def test_from_file_to_result_then_undo(qtbot, db_path: Path, tmp_path: Path) -> None:
    before = _tables()
    dialog = _dialog(qtbot, db_path, linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS))
    _wait_preview(qtbot, dialog)
    page = dialog.preview_page
    assert page.detected.text().startswith("LinkedIn connections · 4 rows")
    assert {k: v.text() for k, v in page.counts.values.items()} == {
        "new": "3", "updated": "0", "unchanged": "0", "review": "0", "not_importable": "1"}
    assert page.mapping.item(2, 0).text() == "URL"
    assert page.combo_for("URL").currentData() == "linkedin_url"
    assert "https://www.linkedin.com/in/annlee" in page.mapping.item(2, 1).text()
    refused = [page.entries.item(r, 4).text() for r in range(page.entries.rowCount())]
    assert any("connection date" in text for text in refused)
    assert dialog.next_button.text() == "Import"
    with qtbot.waitSignal(dialog.context.data_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.result_page
    assert count_contacts() == 3
    assert "import-1-Connections.csv.not-imported.csv" in dialog.result_page.files.text()
    qtbot.mouseClick(dialog.result_page.undo, Qt.MouseButton.LeftButton)
    assert _tables() == before
    assert dialog.result_page.heading.text() == "Import undone"
    assert not dialog.result_page.undo.isEnabled()


def test_changing_a_column_guess_updates_the_preview(qtbot, db_path: Path, tmp_path: Path) -> None:
    path = generic_file(tmp_path / "people.csv", ["Wer", "Mail", "Bude"],
                        [["Dana Fox", "dana@fox.io", "Fox Labs"], ["Eli Stone", "eli@x.org", "Acme"]])
    dialog = _dialog(qtbot, db_path, path)
    _wait_preview(qtbot, dialog)
    combo = dialog.preview_page.combo_for("Bude")
    combo.setCurrentIndex(combo.findData("organization"))
    qtbot.waitUntil(lambda: dialog.mapping.get("Bude") == "organization" and not dialog.busy()
                    and dialog.stack.currentWidget() is dialog.preview_page, timeout=TIMEOUT)
    assert dialog.preview.parsed.mapping["Bude"] == "organization"
    assert dialog.preview_page.combo_for("Bude").currentData() == "organization"
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=TIMEOUT)
    assert sorted(c.organization for c in list_contacts()) == ["Acme", "Fox Labs"]


def test_review_page_merges_only_what_the_user_chose(qtbot, db_path: Path, tmp_path: Path) -> None:
    john = create_contact({"first_name": "John", "last_name": "Smith", "organization": "Acme"})
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name", "Company", "Email"], [
        ["Jon", "Smith", "Acme", "jon@acme.com"], ["Kate", "Jones", "Initech", "k@initech.com"]])
    dialog = _dialog(qtbot, db_path, path)
    _wait_preview(qtbot, dialog)
    assert dialog.next_button.text() == "Review duplicates…"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.stack.currentWidget() is dialog.review_page
    table = dialog.review_page.table
    assert table.rowCount() == 1 and table.item(0, 2).text() == f"John Smith (id {john.id})"
    dialog.review_page.set_decision(0, merge=True)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=TIMEOUT)
    assert count_contacts() == 2
    assert dialog.result.counts["updated"] == 1


def test_cancel_while_importing_writes_nothing(qtbot, db_path: Path, tmp_path: Path) -> None:
    rows = [[f"Person{i}", f"Family{i}", f"https://www.linkedin.com/in/p{i}", "", f"Org {i % 50}",
             "Engineer", "1 Jan 2024"] for i in range(6000)]
    dialog = _dialog(qtbot, db_path, linkedin_file(tmp_path / "big.csv", rows))
    _wait_preview(qtbot, dialog)
    before = _tables()
    dialog.start_import()
    assert dialog.busy()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.stack.currentWidget()
                    is dialog.preview_page, timeout=TIMEOUT)
    assert dialog.result is None and "cancelled" in dialog.error
    assert _tables() == before and importing.list_imports() == []
    assert dialog.isVisible()  # Cancel stopped the work, not the dialog


def test_a_bad_file_is_explained_on_the_first_page(qtbot, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    dialog = _dialog(qtbot, db_path, path)
    qtbot.waitUntil(lambda: dialog.choose_page.error.text() != "", timeout=TIMEOUT)
    assert dialog.stack.currentWidget() is dialog.choose_page
    assert "contacts.csv" in dialog.choose_page.error.text()
    assert "Excel" in dialog.choose_page.error.text()
    assert importing.list_imports() == []


def test_screenshots_of_each_page(qtbot, demo_db: Path, tmp_path: Path) -> None:
    people = list_contacts(limit=3)
    rows = [[p.first_name, p.last_name, "", p.primary_email, p.organization, "Principal",
             "3 Mar 2024"] for p in people] + LINKEDIN_ROWS
    dialog = _dialog(qtbot, demo_db, linkedin_file(tmp_path / "Connections.csv", rows))
    _wait_preview(qtbot, dialog)
    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    dialog.grab().save(str(shots / "import_dialog_preview.png"))
    assert dialog.preview.counts["updated"] == 3
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=TIMEOUT)
    dialog.grab().save(str(shots / "import_dialog_result.png"))


def test_the_dialog_asks_whose_contacts_these_are(qtbot, db_path: Path, tmp_path: Path) -> None:
    from desktop_crm.services.network import compute_reach
    from desktop_crm.services.network.relationships import list_relationships

    ana = create_contact({"first_name": "Ana", "last_name": "Souza"}).id
    dialog = _dialog(qtbot, db_path, linkedin_file(tmp_path / "ana.csv", LINKEDIN_ROWS))
    _wait_preview(qtbot, dialog)
    ties = dialog.preview_page.ties
    assert ties.mode == "mine" and not ties.owner.isVisible()
    assert "first degree" in ties.hint.text()
    ties.buttons["of"].click()
    assert ties.owner.isVisible() and not dialog.next_button.isEnabled()  # whose? not said yet
    qtbot.keyClicks(ties.owner, "Ana Souza")
    assert dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.context.data_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert "recorded as known to Ana Souza" in dialog.result_page.files.text()
    rels = list_relationships()
    assert {(r.person_a_id, r.person_b) for r in rels if r.person_a_id == ana} == {
        (ana, "Ann Lee"), (ana, "Bruno Díaz"), (ana, "Chen Wei 陈")}
    assert {r.person_b_id for r in rels if r.person_a_id is None} == {ana}
    assert compute_reach().levels[1].people == 3
    assert dialog.result_page.network_button.isVisibleTo(dialog.result_page)
    with qtbot.waitSignal(dialog.context.view_requested, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(dialog.result_page.network_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["network"]


def test_no_ties_imports_people_without_ties(qtbot, db_path: Path, tmp_path: Path) -> None:
    from desktop_crm.services.network.relationships import list_relationships

    dialog = _dialog(qtbot, db_path, linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS))
    _wait_preview(qtbot, dialog)
    dialog.preview_page.ties.buttons["none"].click()
    with qtbot.waitSignal(dialog.context.data_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert count_contacts() == 3 and list_relationships() == []
    assert dialog.result_page.files.text().startswith("No ties recorded.")
    assert not dialog.result_page.network_button.isVisibleTo(dialog.result_page)


def test_the_dialog_names_the_encoding_offers_others_and_applies_a_tag_and_tier(
        qtbot, db_path: Path, tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfFirst Name,Last Name,Email\r\nAnn,Lee,ann@example.org\r\n")
    dialog = _dialog(qtbot, db_path, bom)
    _wait_preview(qtbot, dialog)
    page = dialog.preview_page
    assert "UTF-8 (with BOM)" in page.detected.text() and "utf-8-sig" not in page.detected.text()
    assert page.encoding_box.isHidden()  # the BOM said which: nothing to choose
    page.tag_edit.setText("fair-2024")
    page.tier_box.setCurrentIndex(page.tier_box.findData("bridge"))
    with qtbot.waitSignal(dialog.import_done, timeout=TIMEOUT):
        dialog.start_import()
    (ann,) = list_contacts()
    assert ann.tags == ["fair-2024"] and ann.tier == "bridge"

    jp = tmp_path / "jp.csv"
    jp.write_bytes("健,鈴木,k@example.jp\r\n".encode("shift_jis"))
    other = _dialog(qtbot, db_path, jp)
    _wait_preview(qtbot, other)
    box = other.preview_page.encoding_box
    assert not box.isHidden() and box.count() >= 2
    assert box.itemText(0).startswith("Shift_JIS") and "鈴木" in box.itemText(0)
    chosen = box.itemData(1)
    box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: other.preview is not None and not other.busy()
                    and other.preview.parsed.encoding == chosen, timeout=TIMEOUT)
