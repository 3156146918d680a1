"""``contacts edit --if-version N``: a contact changed since version N is not overwritten."""

from __future__ import annotations

import json


def test_edit_if_version_refuses_a_moved_contact_and_says_what_changed(cli) -> None:
    added = json.loads(cli("contacts", "add", "--first-name", "Ada", "--last-name", "Byron", "--json").stdout)
    assert added["version"] == 1
    assert "Version:" in cli("contacts", "show", str(added["id"])).stdout
    moved = cli("contacts", "edit", str(added["id"]), "--title", "Engineer", "--if-version", "1", "--json")
    assert moved.returncode == 0 and json.loads(moved.stdout)["version"] == 2

    stale = cli("contacts", "edit", str(added["id"]), "--title", "Analyst", "--if-version", "1")
    assert stale.returncode == 1
    assert "Traceback" not in stale.stderr
    line = stale.stderr.strip()
    assert "changed on another machine" in line and "version 1" in line and "version 2" in line
    assert "'Analyst'" in line and "'Engineer'" in line
    shown = json.loads(cli("contacts", "show", str(added["id"]), "--json").stdout)
    assert shown["title"] == "Engineer" and shown["version"] == 2

    bad = cli("contacts", "edit", str(added["id"]), "--title", "X", "--if-version", "zero")
    assert bad.returncode != 0 and "--if-version" in bad.stderr and "Traceback" not in bad.stderr


def test_profile_set_if_version(cli) -> None:
    assert cli("profile", "set", "--pitch", "Data person", "--if-version", "1").returncode == 0
    stale = cli("profile", "set", "--pitch", "Analyst", "--if-version", "1")
    assert stale.returncode == 1 and "changed on another machine" in stale.stderr
    assert "Traceback" not in stale.stderr
    assert json.loads(cli("profile", "show", "--json").stdout)["pitch"] == "Data person"
