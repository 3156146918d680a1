"""``desktop-crm prep`` end to end: a real subprocess, a real database file, the PDF read back."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_crm import clock
from desktop_crm.store import close_database, open_store


def pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split()), len(reader.pages)


@pytest.fixture
def people(cli, midweek, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Two Anas (an ambiguous name), Jürgen with a meeting soon, one held meeting."""
    monkeypatch.setenv("TZ", "UTC")  # "this week" for the subprocess
    from desktop_crm.services.contacts import create_contact
    from desktop_crm.services.database.setup import ensure_defaults
    from desktop_crm.services.meetings import mark_done, schedule_meeting

    open_store(cli.db)
    try:
        ensure_defaults()
        ana = create_contact({"first_name": "Ana", "last_name": "Souza"}).id
        create_contact({"first_name": "Ana", "last_name": "Lima"})
        jurgen = create_contact({"first_name": "Jürgen", "last_name": "Schäfer",
                                 "organization": "Nordlicht", "tier": "bridge"}).id
        soon = clock.utcnow().replace(second=0)
        soon += dt.timedelta(minutes=20)
        meeting = schedule_meeting(jurgen, {"when": soon, "tz": "UTC", "place": "Café Luitpold"})
        held = schedule_meeting(ana, {"when": dt.datetime(2024, 1, 5, 9, 0), "tz": "UTC"})
        mark_done(held.id)
    finally:
        close_database()
    return {"ana": ana, "jurgen": jurgen, "meeting": meeting.id}


def test_prep_for_a_meeting_writes_the_pdf_and_prints_its_path(cli, people, tmp_path) -> None:
    out = tmp_path / "jurgen.pdf"
    result = cli("prep", "--meeting", str(people["meeting"]), "--out", str(out), "--paper", "a4")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    text, pages = pdf_text(out)
    assert "Jürgen Schäfer" in text and "Café Luitpold" in text and "(UTC)" in text
    assert pages == 1
    assert abs(PdfReader(out).pages[0].mediabox.height - 841.89) < 1  # A4


def test_prep_for_a_contact_by_unique_name_part_on_letter(cli, people, tmp_path) -> None:
    out = tmp_path / "ana"
    result = cli("prep", "--contact", "Souza", "--out", str(out), "--paper", "letter")
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written == tmp_path / "ana.pdf"  # .pdf added
    text, _ = pdf_text(written)
    assert "Ana Souza" in text and "QUESTIONS" in text  # suggested ones: no meeting planned
    assert abs(PdfReader(written).pages[0].mediabox.height - 792) < 1  # Letter


def test_default_file_name_goes_in_the_current_folder(cli, people, tmp_path) -> None:
    env = {**os.environ, "DESKTOP_CRM_HOME": str(cli.home)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_crm", "--db", str(cli.db), "prep", "--contact",
         str(people["ana"]), "--room-to-write"],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent == tmp_path
    assert written.name == f"prep-ana-souza-{clock.today().isoformat()}.pdf"
    assert written.read_bytes().startswith(b"%PDF")


def test_week_prints_this_weeks_planned_meetings_in_one_pdf(cli, people, tmp_path) -> None:
    out = tmp_path / "week.pdf"
    result = cli("prep", "--week", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text, _ = pdf_text(out)
    assert "Jürgen Schäfer" in text
    assert "Ana Souza" not in text  # her meeting is long past
    assert "1 prep sheet" in result.stderr


def test_week_with_nothing_planned_says_so(cli, tmp_path) -> None:
    result = cli("prep", "--week", "--out", str(tmp_path / "w.pdf"))
    assert result.returncode == 1
    assert "no planned meetings this week" in result.stderr
    assert not (tmp_path / "w.pdf").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--meeting", "4242"], 1, "no meeting with id 4242"),
        (["--meeting", "abc"], 2, "'abc' is not a meeting id"),
        (["--meeting", "-3"], 2, "is not a meeting id"),
        (["--contact", "Ana"], 1, "'Ana' matches 2 people"),
        (["--contact", "Nobody Here"], 1, "no contact matches 'Nobody Here'"),
        (["--contact", "Souza", "--paper", "a3"], 2, "invalid choice: 'a3'"),
        (["--contact", "Souza", "--meeting", "1"], 2, "not allowed with argument"),
        ([], 2, "one of the arguments --meeting --contact --week is required"),
    ],
)
def test_bad_input_says_what_and_where(cli, people, args, code, message) -> None:
    result = cli("prep", *args)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_ambiguous_name_lists_the_matches(cli, people) -> None:
    result = cli("prep", "--contact", "Ana")
    assert "Ana Souza (id" in result.stderr and "Ana Lima (id" in result.stderr


def test_out_into_a_missing_folder_is_refused(cli, people, tmp_path) -> None:
    result = cli("prep", "--contact", "Souza", "--out", str(tmp_path / "nope" / "x.pdf"))
    assert result.returncode == 1
    assert "--out: folder" in result.stderr and "does not exist" in result.stderr


def test_out_as_a_folder_gets_the_default_name(cli, people, tmp_path) -> None:
    result = cli("prep", "--meeting", str(people["meeting"]), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent == tmp_path and written.name.startswith("prep-jurgen-schafer-")
