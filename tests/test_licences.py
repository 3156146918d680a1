"""The licence list a bundle carries is the one the build wrote from package metadata."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_crm import licences


def test_a_bundle_reads_the_list_its_build_wrote(tmp_path: Path, monkeypatch) -> None:
    written = licences.write_bundle_files(tmp_path, leave_out=["pillow"])
    assert {p.name for p in written} == {"licences.json", "THIRD-PARTY-NOTICES.txt"}
    notices = (tmp_path / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notices and "reportlab" in notices
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    items = {c.name: c for c in licences.components()}
    assert "pillow" not in items  # left out of the bundle, so out of the list
    assert {"Desktop CRM", "Qt", "Python", "DejaVu fonts", "reportlab", "peewee"} <= set(items)
    qt = items["Qt"]
    assert qt.licence == "LGPL-3.0-only" and [name for name, _ in qt.texts] == ["LGPL-3.0", "GPL-3.0"]
    assert "MIT License" in items["Desktop CRM"].texts[0][1]
