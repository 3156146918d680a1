"""``desktop-crm import`` and ``export --format csv|vcard`` end to end, as subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from services.importing.importing_samples import LINKEDIN_ROWS, generic_file, linkedin_file


def run(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(db), *args],
                          capture_output=True, text=True, input=stdin, env=env, timeout=60,
                          encoding="utf-8")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite3"


def test_import_prints_counts_imports_and_writes_the_refused_rows(db: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    done = run(db, "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["format"] == "linkedin" and result["batch"] == 1
    assert result["counts"] == {"new": 3, "updated": 0, "unchanged": 0, "review": 0,
                                "not_importable": 1}
    refused = next(e for e in result["entries"] if e["action"] == "not_importable")
    assert refused["row"] == 8 and "connection date" in refused["reason"]
    not_imported = Path(result["files"]["not_imported"])
    # In the app's data folder, one pair per import: never beside the source file.
    assert not_imported.name == "import-1-Connections.csv.not-imported.csv"
    # (a folder per database: import numbers count per database)
    assert not_imported.parent.parent.name == "import-reports"
    assert not_imported.parent.name.startswith("cli-") and tmp_path not in not_imported.parents
    assert "01 Feb 2021" in not_imported.read_text("utf-8-sig")
    assert Path(result["files"]["report"]).exists()
    listed = json.loads(run(db, "contacts", "list", "--json").stdout)
    assert sorted(c["full_name"] for c in listed) == ["Ann Lee", "Bruno Díaz", "Chen Wei 陈"]
    again = json.loads(run(db, "import", str(path), "--json").stdout)
    assert again["counts"]["unchanged"] == 3 and again["counts"]["new"] == 0


def test_dry_run_writes_nothing_and_text_output_explains(db: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    done = run(db, "import", str(path), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "3 new, 0 updated, 0 unchanged, 0 to review, 1 not importable" in done.stdout
    assert "Dry run" in done.stdout and "not-imported.csv" in done.stderr
    assert json.loads(run(db, "contacts", "list", "--json").stdout) == []
    assert json.loads(run(db, "import", "--list", "--json").stdout) == []


def test_undo_and_list(db: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    assert run(db, "import", str(path)).returncode == 0
    undone = run(db, "import", "--undo", "1")
    assert undone.returncode == 0 and "removed 3 new contact(s)" in undone.stderr
    assert json.loads(run(db, "contacts", "list", "--json").stdout) == []
    listed = json.loads(run(db, "import", "--list", "--json").stdout)
    assert listed[0]["id"] == 1 and listed[0]["undone_at"] and listed[0]["counts"]["new"] == 3
    again = run(db, "import", "--undo", "1")
    assert again.returncode == 1 and "already undone" in again.stderr


def test_map_overrides_a_guess(db: Path, tmp_path: Path) -> None:
    path = generic_file(tmp_path / "people.csv", ["Wer", "Mail", "Bude"],
                        [["Dana Fox", "dana@fox.io", "Fox Labs"]])
    done = run(db, "import", str(path), "--map", "Wer=name", "--map", "Bude=organization", "--json")
    assert done.returncode == 0, done.stderr
    (dana,) = json.loads(run(db, "contacts", "list", "--json").stdout)
    assert (dana["first_name"], dana["last_name"], dana["organization"]) == ("Dana", "Fox", "Fox Labs")


@pytest.mark.parametrize(("args", "code", "message"), [
    (["import"], 2, "give exactly one of FILE, --undo BATCH or --list"),
    (["import", "{tmp}/nope.csv"], 1, "nope.csv: no such file"),
    (["import", "{tmp}/empty.csv"], 1, "empty.csv: the file is empty; nothing was imported"),
    (["import", "{tmp}/people.csv", "--map", "Nope=name"], 1, "no column named 'Nope'"),
    (["import", "{tmp}/people.csv", "--map", "Wer"], 1, "COLUMN=FIELD"),
    (["import", "{tmp}/people.csv", "--format", "xlsx"], 2, "invalid choice: 'xlsx'"),
    (["import", "--undo", "7"], 1, "no import with id 7"),
])
def test_bad_input_is_named_and_nothing_is_written(db: Path, tmp_path: Path, args: list[str],
                                                   code: int, message: str) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    generic_file(tmp_path / "people.csv", ["Wer", "Mail"], [["Dana Fox", "dana@fox.io"]])
    done = run(db, *[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == code and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    if code == 1:
        assert json.loads(run(db, "contacts", "list", "--json").stdout) == []


def test_export_csv_is_excel_safe_and_vcard_reads_back(db: Path, tmp_path: Path) -> None:
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name", "Email", "Company"], [
        ["=HYPERLINK(\"x\")", "Evil", "evil@x.io", "Acme"], ["Zoë", "陈", "zoe@y.org", "-Minus"]])
    assert run(db, "import", str(path)).returncode == 0
    csv_out = tmp_path / "out.csv"
    assert run(db, "export", "--format", "csv", "--out", str(csv_out)).returncode == 0
    data = csv_out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "'=HYPERLINK" in data.decode("utf-8-sig")
    assert "'-Minus" in data.decode("utf-8-sig") and "Zoë" in data.decode("utf-8-sig")
    vcf = run(db, "export", "--format", "vcard")
    assert vcf.returncode == 0 and vcf.stdout.count("BEGIN:VCARD") == 2
    (tmp_path / "out.vcf").write_text(vcf.stdout, encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    back = json.loads(run(other, "import", str(tmp_path / "out.vcf"), "--json").stdout)
    assert back["format"] == "vcard" and back["counts"]["new"] == 2
    first = {c["full_name"]: (c["organization"], c["emails"]) for c in
             json.loads(run(db, "contacts", "list", "--json").stdout)}
    second = {c["full_name"]: (c["organization"], c["emails"]) for c in
              json.loads(run(other, "contacts", "list", "--json").stdout)}
    assert first == second


SHAPES = Path(__file__).parents[1] / "io" / "shapes"


def test_a_dry_run_never_overwrites_an_imports_report_and_list_shows_it(db: Path,
                                                                         tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    real = json.loads(run(db, "import", str(path), "--json").stdout)
    report = Path(real["files"]["report"])
    text = report.read_text("utf-8")
    # The database is named: the line, copied, undoes this import, not the default
    # database's import 1.
    assert f"undo with: desktop-crm --db {db} import --undo 1" in text
    dry = json.loads(run(db, "import", str(path), "--dry-run", "--json").stdout)
    assert Path(dry["files"]["report"]) != report
    assert report.read_text("utf-8") == text
    assert not (tmp_path / "Connections.csv.import-report.txt").exists()
    assert report.stat().st_mode & 0o077 == 0  # the owner's only
    (listed,) = json.loads(run(db, "import", "--list", "--json").stdout)
    assert listed["report"] == str(report)
    listing = run(db, "import", "--list")
    assert report.name in listing.stdout and str(report.parent) in listing.stderr


def test_a_file_with_nothing_importable_exits_1_and_says_why(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "placeholders.csv"
    path.write_bytes(b"Name,Given Name,Family Name\r\n-,-,-\r\n.,.,.\r\n")
    done = run(db, "import", str(path), "--yes")
    assert done.returncode == 1
    assert "nothing was imported" in done.stderr and "row 2: no name" in done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(run(db, "contacts", "list", "--json").stdout) == []
    assert json.loads(run(db, "import", "--list", "--json").stdout) == []


def test_a_headerless_linkedin_export_imports_everyone(db: Path) -> None:
    done = run(db, "import", str(SHAPES / "linkedin_no_header.csv"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["format"] == "linkedin"
    assert result["counts"] == {"new": 4, "updated": 0, "unchanged": 0, "review": 0,
                                "not_importable": 0}


def test_phones_are_read_in_the_locales_region(db: Path) -> None:
    env_run = subprocess.run(
        [sys.executable, "-m", "desktop_crm", "--db", str(db), "import",
         str(SHAPES / "indian_mobiles.csv"), "--yes"],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
        env={**os.environ, "LANG": "en_IN.UTF-8", "LC_ALL": "", "LC_CTYPE": ""})
    assert env_run.returncode == 0, env_run.stderr
    people = json.loads(run(db, "contacts", "list", "--json").stdout)
    phones = {p["raw"]: p["e164"] for c in people for p in c["phones"]}
    assert phones["98765 43210"] == "+919876543210"


def test_a_guessed_encoding_names_the_others_and_encoding_chooses(db: Path,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "jp.csv"
    path.write_bytes("健,鈴木,k@example.jp\r\n".encode("shift_jis"))
    shown = run(db, "import", str(path), "--dry-run")
    assert "Shift_JIS" in shown.stdout and "--encoding" in shown.stdout
    forced = json.loads(run(db, "import", str(path), "--dry-run", "--json",
                            "--encoding", "cp932").stdout)
    assert forced["encoding"] == "cp932" and forced["encoding_alternatives"] == []
    bad = run(db, "import", str(path), "--encoding", "klingon")
    assert bad.returncode == 1 and "klingon" in bad.stderr and "Traceback" not in bad.stderr


def test_a_linkedin_data_export_zip_imports_as_downloaded(db: Path, tmp_path: Path) -> None:
    import zipfile

    connections = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    archive = tmp_path / "Basic_LinkedInDataExport_12-05-2026.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(connections, "Connections.csv")
        out.writestr("Profile.csv", "First Name,Last Name\r\nMe,Myself\r\n")
    done = run(db, "import", str(archive), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["new"] == 3
    again = json.loads(run(db, "import", str(archive), "--json").stdout)
    assert again["counts"]["unchanged"] == 3 and again["counts"]["new"] == 0

    several = tmp_path / "teams.zip"
    with zipfile.ZipFile(several, "w") as out:
        out.writestr("team-a.csv", "Name\r\nA\r\n")
        out.writestr("team-b.csv", "Name\r\nB\r\n")
    refused = run(db, "import", str(several), "--yes")
    assert refused.returncode == 1
    assert "team-a.csv" in refused.stderr and "team-b.csv" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_each_database_lists_its_own_reports(tmp_path: Path) -> None:
    """Import 1 of one database and import 1 of another each keep their report; an
    older report, written before reports had a folder per database, is listed only
    for the import of the file it names."""
    first, second = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    people = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    others = generic_file(tmp_path / "others.csv", ["Name", "Email"], [["Zoë Berg", "zoe@example.org"]])
    assert run(first, "import", str(people), "--yes").returncode == 0
    assert run(second, "import", str(others), "--yes").returncode == 0
    listed = {db.name: json.loads(run(db, "import", "--list", "--json").stdout)
              for db in (first, second)}
    one, two = listed["one.sqlite3"][0], listed["two.sqlite3"][0]
    assert one["id"] == two["id"] == 1
    assert Path(one["report"]).name == "import-1-Connections.csv.report.txt"
    assert Path(two["report"]).name == "import-1-others.csv.report.txt"
    assert Path(one["report"]).parent != Path(two["report"]).parent
    assert Path(two["report"]).read_text("utf-8").startswith(f"Import of {others}")

    # Reports from before: in import-reports itself, one per import number of any database.
    Path(two["report"]).unlink()
    flat = Path(one["report"]).parent.parent
    (flat / "import-1-Connections.csv.report.txt").write_text(f"Import of {people}\n", "utf-8")
    assert json.loads(run(second, "import", "--list", "--json").stdout)[0]["report"] is None
    (flat / "import-1-others.csv.report.txt").write_text(f"Import of {others}\n", "utf-8")
    again = json.loads(run(second, "import", "--list", "--json").stdout)[0]
    assert again["report"] == str(flat / "import-1-others.csv.report.txt")


def test_the_undo_line_printed_undoes_that_import_when_run(db: Path, tmp_path: Path) -> None:
    import shlex

    folder = tmp_path / "my files"
    folder.mkdir()
    other = folder / "other crm.sqlite3"
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    assert run(db, "import", str(path), "--yes").returncode == 0  # import 1 elsewhere
    done = run(other, "import", str(path), "--yes")
    line = next(ln for ln in done.stdout.splitlines() if "undo with:" in ln)
    command = shlex.split(line.split("undo with: ", 1)[1])
    assert command[:3] == ["desktop-crm", "--db", str(other)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    undone = subprocess.run([sys.executable, "-m", "desktop_crm", *command[1:]],
                            capture_output=True, text=True, env=env, timeout=60)
    assert undone.returncode == 0, undone.stderr
    assert json.loads(run(other, "contacts", "list", "--json").stdout) == []
    assert len(json.loads(run(db, "contacts", "list", "--json").stdout)) == 3  # untouched
