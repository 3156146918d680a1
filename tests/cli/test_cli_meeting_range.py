"""A meeting time the app could not show is refused before it is stored."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("when", ["9999-12-31T23:59", "0001-01-01T00:00", "3000-01-01T00:00"])
def test_an_unshowable_meeting_time_is_refused_and_nothing_breaks(cli, when: str) -> None:
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    for zone in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
        result = cli("meetings", "add", "--contact", "Ann", "--when", when, "--tz", zone)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "outside the years 1900 to 2999" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    listed = cli("meetings", "list", "--all", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    assert cli("ics", "export").returncode == 0


def test_moving_a_meeting_out_of_range_is_refused(db_path, now) -> None:
    import datetime as dt

    from desktop_crm.services.contacts import create_contact
    from desktop_crm.services.errors import ValidationError
    from desktop_crm.services.meetings import get_meeting, schedule_meeting, update_meeting

    ann = create_contact({"first_name": "Ann"})
    meeting = schedule_meeting(ann.id, {"when": now + dt.timedelta(days=1), "tz": "UTC"})
    with pytest.raises(ValidationError, match="outside the years"):
        update_meeting(meeting.id, {"when": "9999-12-31T23:59", "tz": "UTC"})
    assert get_meeting(meeting.id).starts_at == meeting.starts_at
