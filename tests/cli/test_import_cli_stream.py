"""``import FILE --dry-run`` of a big file: read as a stream in batches, like the import,
never whole; the figures are the import's own and nothing is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from services.importing.importing_samples import linkedin_file

from desktop_crm.__main__ import main
from desktop_crm.services.importing import service


def _rows() -> list[list[str]]:
    rows = [[f"Pat{i}", f"Lee{i}", f"https://www.linkedin.com/in/pat-{i}", "", f"Org {i % 7}",
             "Engineer", "01 Mar 2022"] for i in range(120)]
    rows[5] = ["Dana", "Fox", "", "dana@fox.io", "Fox Labs", "Engineer", "01 Mar 2022"]
    rows.append(["Dana", "Fox", "", "dana@fox.io", "Fox Labs", "Director", "01 Mar 2022"])
    return rows


@pytest.fixture
def small_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as big (read as a stream), in batches of 50; reading one whole
    fails the test."""
    monkeypatch.setattr(service, "STREAM_BYTES", 1)
    monkeypatch.setattr(service, "BATCH_SIZE", 50)

    def whole(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was read whole")

    monkeypatch.setattr(service, "parse_file", whole)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(argv)
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_a_dry_run_of_a_big_file_streams_counts_like_the_import_and_keeps_nothing(
        small_stream: None, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "crm.sqlite3"
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    code, dry = _run(["--db", str(db), "import", str(path), "--dry-run", "--json"], capsys)
    assert code == 0 and dry["dry_run"] is True and dry["batch"] is None
    # Dana's rows are in the first and the third batch: one person, counted once.
    assert dry["counts"]["new"] + dry["counts"]["review"] == 120
    assert dry["counts"]["updated"] == 0 and dry["ties"] == 120  # her later row is her
    code, listed = _run(["--db", str(db), "contacts", "list", "--json"], capsys)
    assert code == 0 and listed == []
    # The import itself (streamed the same way) does what the dry run said.
    assert main(["--db", str(db), "import", str(path), "--yes"]) == 0
    out = capsys.readouterr().out
    c = dry["counts"]
    assert (f"{c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['review']} to review, {c['not_importable']} not importable") in out
    assert "Ties: 120 people you know" in out


def test_a_dry_run_of_a_big_file_with_no_person_exits_1(
        small_stream: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "crm.sqlite3"
    path = linkedin_file(tmp_path / "Connections.csv",
                         [["", "", "", "", "", "", "01 Feb 2021"]] * 3)
    assert main(["--db", str(db), "import", str(path), "--dry-run"]) == 1
    assert "nothing was imported" in capsys.readouterr().err
