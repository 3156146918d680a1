"""``ics export`` says how many meetings it wrote, however their text is made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar


def test_an_injected_event_in_a_place_does_not_change_the_count(cli, tmp_path: Path,
                                                                  now: dt.datetime) -> None:
    assert cli("contacts", "add", "--first-name", "Ann", "--last-name", "Lee").returncode == 0
    when = (now + dt.timedelta(days=3)).replace(hour=10, minute=0).strftime("%Y-%m-%dT%H:%M")
    hostile = "Café\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:fake\nBEGIN:VEVENT"
    for place in ("Office", hostile):
        added = cli("meetings", "add", "--contact", "Ann", "--when", when, "--tz", "UTC",
                    "--place", place)
        assert added.returncode == 0, added.stderr
    out = tmp_path / "m.ics"
    result = cli("ics", "export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) == 2 and out.read_bytes().count(b"BEGIN:VEVENT") > 2
    assert "Wrote 2 meeting(s)" in result.stderr
    assert "Office" in {str(e["LOCATION"]) for e in events}
