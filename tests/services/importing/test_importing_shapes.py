"""Real-world shapes through the importing service (fixtures in ``tests/io/shapes``)."""

from __future__ import annotations

from pathlib import Path

from desktop_crm.services import exporting, importing
from desktop_crm.services.contacts import count_contacts, list_contacts
from desktop_crm.store.models import ContactHistory

SHAPES = Path(__file__).parents[2] / "io" / "shapes"


def test_placeholder_rows_never_become_people_however_often_imported(db_path: Path) -> None:
    for _ in range(3):
        result = importing.import_file(SHAPES / "google_placeholders.csv")
        assert result.counts["not_importable"] == 2
    assert [c.full_name for c in list_contacts()] == ["Ann Lee"]


def test_repeated_org_and_title_reach_the_history(db_path: Path) -> None:
    importing.import_file(SHAPES / "names_repeated.vcf")
    (maria,) = list_contacts()
    assert (maria.full_name, maria.organization, maria.title) == ("Maria Sanchez", "Globex",
                                                                  "Chemist")
    history = {(h.field, h.new_value) for h in ContactHistory.select()}
    assert {("organization", "Initech"), ("title", "Lab lead")} <= history
    assert "Department: Research" in maria.notes


def test_our_csv_export_of_a_vcard_import_imports_back_unchanged(db_path: Path,
                                                                 tmp_path: Path) -> None:
    importing.import_file(SHAPES / "names_repeated.vcf")
    out = tmp_path / "export.csv"
    out.write_bytes(exporting.export_bytes("csv"))
    again = importing.preview_import(out)
    # Only the new source is added: no second phone, no split tags.
    assert [e.column for e in again.entries()] == ["sources"]
    importing.import_file(out)
    assert count_contacts() == 1
    (maria,) = list_contacts()
    assert [p["raw"] for p in maria.phones] == ["+1-418-656-9254;ext=102"]
    assert sorted(maria.tags) == ["Friends, family, and more", "work"]


def _phones() -> dict[str, str]:
    return {p["raw"]: p["e164"] for c in list_contacts() for p in c.phones}


def test_an_indian_mobile_is_never_given_plus_one(db_path: Path, monkeypatch) -> None:
    from desktop_crm.services import validation

    monkeypatch.setattr(validation, "_REGION", [None])
    validation.set_default_region("US")
    importing.import_file(SHAPES / "indian_mobiles.csv")
    # Not a valid US number: kept as typed, with no made-up country code.
    assert _phones() == {"98765 43210": "", "+91 91234 56789": "+919123456789"}


def test_the_region_comes_from_the_profile_phone_then_the_locale(db_path: Path,
                                                                 monkeypatch) -> None:
    from desktop_crm.services import validation
    from desktop_crm.services.contacts.profile import update_profile
    from desktop_crm.services.database.setup import configure_phone_region

    monkeypatch.setattr(validation, "_REGION", [None])
    assert configure_phone_region("en_IN.UTF-8") == "IN"
    importing.import_file(SHAPES / "indian_mobiles.csv")
    assert _phones()["98765 43210"] == "+919876543210"
    update_profile({"phone": "+44 20 7946 0958"})
    assert configure_phone_region("en_IN.UTF-8") == "GB"
