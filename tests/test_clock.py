"""The one clock: fixed by tests, by DESKTOP_CRM_NOW for a process, else the wall clock."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from desktop_crm import clock


def test_frozen_fixes_every_reading_and_restores_the_one_before(now) -> None:
    leap = dt.datetime(2028, 2, 29, 23, 30)
    with clock.frozen(leap):
        assert clock.utcnow() == leap
        assert clock.now() == leap.replace(tzinfo=dt.UTC)
        assert clock.utcnow().tzinfo is None
    assert clock.utcnow() == now


def test_an_aware_time_is_taken_as_the_same_instant() -> None:
    berlin = dt.datetime(2027, 3, 28, 3, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with clock.frozen(berlin):
        assert clock.utcnow() == dt.datetime(2027, 3, 28, 1, 30)


def test_the_wall_clock_is_used_when_nothing_is_fixed(monkeypatch) -> None:
    clock.set_now(None)
    monkeypatch.delenv(clock.ENV_NOW, raising=False)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    assert before <= clock.utcnow() <= before + dt.timedelta(seconds=5)


def test_a_process_runs_on_the_day_its_environment_names() -> None:
    env = {**os.environ, clock.ENV_NOW: "2031-07-04T08:15:00+00:00"}
    out = subprocess.run(
        [sys.executable, "-c", "from desktop_crm import clock; print(clock.utcnow().isoformat())"],
        capture_output=True, text=True, env=env, timeout=60, check=True,
    )
    assert out.stdout.strip() == "2031-07-04T08:15:00"


def test_an_unreadable_environment_value_falls_back_to_the_wall_clock(monkeypatch) -> None:
    clock.set_now(None)
    monkeypatch.setenv(clock.ENV_NOW, "next tuesday")
    assert abs((clock.utcnow() - dt.datetime.now(dt.UTC).replace(tzinfo=None)).total_seconds()) < 5


def test_nothing_outside_the_clock_reads_the_wall_clock() -> None:
    """Every "what time is it" goes through desktop_crm.clock, so tests can set it."""
    from pathlib import Path

    root = Path(clock.__file__).parent
    banned = ("datetime.now(", "date.today()", "datetime.utcnow(", "QDate.currentDate(",
              "QDateTime.currentDateTime(", "time.strftime(")
    offenders = [
        f"{path.relative_to(root.parent)}: {needle}"
        for path in root.rglob("*.py") if path.name != "clock.py"
        for needle in banned if needle in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
