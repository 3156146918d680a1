"""``desktop-crm`` workflow commands end to end, as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from desktop_crm import clock


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": "Europe/Berlin"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_crm", "--db", str(db), *args],
        capture_output=True, text=True, env=env, timeout=60,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "crm.sqlite3"
    for first, last in (("Ana", "Silva"), ("Ana", "Costa"), ("Bo", "Lee")):
        assert run(path, "contacts", "add", "--first-name", first, "--last-name", last).returncode == 0
    return path


def test_meetings_add_list_show_done_in_the_given_zone(db):
    added = run(db, "meetings", "add", "--contact", "Ana Silva", "--when", "2026-03-29T01:30",
                "--tz", "Europe/Berlin", "--kind", "video", "--place", "Zoom", "--json")
    assert added.returncode == 0, added.stderr
    meeting = json.loads(added.stdout)
    assert meeting["starts_at"] == "2026-03-29T00:30:00" and meeting["minutes"] == 30
    listed = json.loads(run(db, "meetings", "list", "--all", "--json").stdout)
    assert meeting["id"] in [m["id"] for m in listed]
    done = run(db, "meetings", "done", str(meeting["id"]))
    assert done.returncode == 0 and "thank-you due by 2026-03-30 01:00 UTC" in done.stderr
    shown = run(db, "meetings", "show", str(meeting["id"]))
    assert "Sun 29 Mar 2026 01:30 CET" in shown.stdout and "Status:" in shown.stdout
    detail = json.loads(run(db, "meetings", "show", str(meeting["id"]), "--json").stdout)
    assert detail["meeting"]["status"] == "done"


def winter_morning_next_year() -> str:
    """1 December of next year, 10:00: always ahead of the clock, and in
    Berlin's winter time (UTC+1) whatever day the suite runs."""
    return f"{clock.today().year + 1}-12-01T10:00"


def test_when_defaults_to_the_system_zone(db):
    when = winter_morning_next_year()
    added = run(db, "meetings", "add", "--contact", "Bo", "--when", when, "--json")
    assert json.loads(added.stdout)["tz"] == "Europe/Berlin"
    assert json.loads(added.stdout)["starts_at"] == when.replace("T10:00", "T09:00:00")


FUTURE_YEAR = clock.today().year + 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--contact", "Ana Silva", "--when", "next tuesday"), "desktop-crm: when: 'next tuesday' is not a date and time"),
        (("--contact", "Nobody Here", "--when", "2026-12-01T10:00"), "desktop-crm: no contact matches 'Nobody Here'"),
        (("--contact", "Ana", "--when", "2026-12-01T10:00"), "desktop-crm: 'Ana' matches 2 people"),
        (("--contact", "Bo", "--when", "2026-12-01T10:00", "--tz", "Moon/Base"), "desktop-crm: tz: 'Moon/Base' is not a known time zone"),
        (("--contact", "Bo", "--when", "2026-03-29T02:30", "--tz", "Europe/Berlin"), "does not exist in Europe/Berlin"),
        (("--contact", "Bo", "--when", f"{FUTURE_YEAR}-12-01T10:00", "--tz", "UTC", "--status", "done"),
         f"desktop-crm: status: the meeting starts {FUTURE_YEAR}-12-01 10:00 UTC and has not started yet, so it cannot be done"),
    ],
)
def test_bad_meeting_input_is_one_clear_line_and_exit_1(db, args, message):
    result = run(db, "meetings", "add", *args)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_usage_errors_exit_2(db):
    assert run(db, "meetings", "add", "--contact", "Bo", "--when", "2026-12-01T10:00", "--kind", "lunch").returncode == 2
    assert run(db, "outreach", "log", "--contact", "Bo", "--channel", "fax").returncode == 2


def test_outreach_log_prints_the_three_attempt_suggestion(db):
    outputs = [
        run(db, "outreach", "log", "--contact", "Ana Costa", "--channel", "email", "--on", f"2026-10-0{day}")
        for day in (1, 2, 3)
    ]
    assert all(o.returncode == 0 for o in outputs)
    assert "time to stop asking" not in outputs[1].stdout
    assert "3 unanswered attempts to Ana Costa: time to stop asking. Consider moving them to dormant." in outputs[2].stdout
    bad = run(db, "outreach", "log", "--contact", "Ana Costa", "--channel", "email", "--on", "yesterday")
    assert bad.returncode == 1 and "--on: 'yesterday' is not a date" in bad.stderr
    today = json.loads(run(db, "today", "--json").stdout)
    assert "Ana Costa" in [s["contact_name"] for s in today["dormant"]]


def test_questions_list_and_add(db):
    listed = json.loads(run(db, "questions", "list", "--category", "referrals", "--json").stdout)
    assert listed and {q["category"] for q in listed} == {"referrals"}
    added = run(db, "questions", "add", "What would you change about your first year?", "--category",
                "advice", "--tag", "early-career", "--json")
    assert json.loads(added.stdout)["tags"] == ["early-career"]
    again = run(db, "questions", "add", "What would you change about your first year?", "--category", "advice")
    assert again.returncode == 1 and "already has this question" in again.stderr


def test_today_text_and_ics_export(db, tmp_path):
    run(db, "meetings", "add", "--contact", "Bo", "--when", winter_morning_next_year())
    text = run(db, "today")
    assert text.returncode == 0 and "This week:" in text.stdout
    out = tmp_path / "meetings.ics"
    result = run(db, "ics", "export", "--out", str(out))
    assert result.returncode == 0 and "Wrote" in result.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert {str(e["summary"]) for e in events} == {"Coffee with Bo Lee"}
    stdout = run(db, "ics", "export", "--meeting", "1")
    assert Calendar.from_ical(stdout.stdout).walk("VEVENT")[0]["uid"] == "meeting-1@desktop-crm"
    missing = run(db, "ics", "export", "--meeting", "999")
    assert missing.returncode == 1 and "no meeting with id 999" in missing.stderr


def test_profile_set_and_show(db):
    assert run(db, "profile", "set", "--name", "Sam Lee", "--pitch", "I build data platforms.").returncode == 0
    shown = json.loads(run(db, "profile", "show", "--json").stdout)
    assert (shown["name"], shown["pitch"]) == ("Sam Lee", "I build data platforms.")
    bad = run(db, "profile", "set", "--email", "not-an-email")
    assert bad.returncode == 1 and "email: 'not-an-email' is not a valid email address" in bad.stderr
