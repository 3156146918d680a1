"""Pages render to PNG with poppler (a real rasteriser, not just a text
extractor), and the sheet is not blank. Looking at them is a human step;
this pins down that they can be produced."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop_crm.reports import PrepOptions, write_prep_sheet
from desktop_crm.reports.samples import hostile_prep_data, sample_prep_data

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")


@pytest.mark.parametrize("make", [sample_prep_data, hostile_prep_data])
def test_pages_render_to_png(tmp_path: Path, make) -> None:
    pdf = write_prep_sheet(make(), tmp_path / "sheet.pdf",
                           PrepOptions(paper="a4", prepared_on=date(2024, 5, 13)))
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=60)
    pngs = sorted(tmp_path.glob("page*.png"))
    assert 1 <= len(pngs) <= 2
    for png in pngs:
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 5000  # drawn, not blank
