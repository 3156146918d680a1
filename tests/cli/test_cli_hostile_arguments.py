"""Every command, every argument, hostile values: one line and exit 1 or 2, never a traceback.

The commands are read from the parser itself, so a new command or option is
covered without touching this file. Each run goes through ``main`` in this
process (fast enough for ~1,500 runs) on a small real database; at the end
the database still passes SQLite's integrity check.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop_crm.__main__ import main
from desktop_crm.cli.parser import build_parser

HUGE = "9" * 30


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, sub in subs[0].choices.items():
        yield from _leaves(sub, (*path, name))


COMMANDS = {" ".join(path): sub for path, sub in _leaves(build_parser())}


def _hostile(tmp: Path, db: Path) -> list[str]:
    return ["", " ", "0", "-1", HUGE, f"-{HUGE}", "1e309", "nan", "\x1b[2J\x1b]0;x\x07",
            str(tmp), "/proc/self/x.json", "/nonexistent/folder/file.csv", str(db),
            str(db) + "-wal", "x" * 1_000_000, "'\"%_*(", "--"]


def _filler(action: argparse.Action) -> list[str]:
    """A plausible value for a required argument, so the others can be tested."""
    if action.choices:
        return [str(next(iter(action.choices)))]
    if action.dest == "when":
        return [(dt.datetime.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT10:00")]
    return ["1"]


def _argv(command: str, target: argparse.Action, value: str) -> list[str]:
    parser = COMMANDS[command]
    argv = command.split()
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action is target:
            continue
        if action.required:
            argv += ([action.option_strings[0]] if action.option_strings else []) + _filler(action)
    if target.option_strings:
        argv += [f"{target.option_strings[0]}={value}"]
    else:
        argv += ["--", value] if value.startswith("-") else [value]
    return argv


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.err


@pytest.fixture
def small_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "hostile.sqlite3"
    for argv in (["contacts", "add", "--first-name", "Ann", "--last-name", "Lee"],
                 ["contacts", "add", "--first-name", "Bob", "--organization", "Acme"],
                 ["meetings", "add", "--contact", "Ann", "--when",
                  (dt.datetime.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT10:00")]):
        assert main(["--db", str(db), *argv]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_hostile_arguments_never_print_a_traceback(command: str, small_db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative paths ("0", "--", "") land in a folder of the test's own, never the checkout.
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    parser = COMMANDS[command]
    targets = [a for a in parser._actions
               if not isinstance(a, argparse._HelpAction) and a.nargs != 0]
    tried = 0
    problems: list[str] = []
    for target in targets:
        for value in _hostile(tmp_path / "folder", small_db):
            (tmp_path / "folder").mkdir(exist_ok=True)
            argv = ["--db", str(small_db), *_argv(command, target, value)]
            shown = f"{command} {target.dest}={value[:30]!r}"
            tried += 1
            try:
                code, err = _run(argv, capsys)
            except Exception as exc:  # noqa: BLE001 - the point of the test
                problems.append(f"{shown} raised {type(exc).__name__}: {str(exc)[:120]}")
                continue
            lines = err.strip().splitlines()
            if "Traceback" in err:
                problems.append(f"{shown} printed a traceback ending {lines[-1][:160]!r}")
            elif code not in (0, 1, 2):
                problems.append(f"{shown} exited {code}")
            elif "internal error" in err:
                problems.append(f"{shown} hit the last resort: {lines[-1][:160]!r}")
            elif code == 1 and not (1 <= len(lines) <= 3):
                problems.append(f"{shown} said {len(lines)} lines: {err[:160]!r}")
    assert not problems, f"{len(problems)} of {tried} runs:\n" + "\n".join(problems[:25])
    conn = sqlite3.connect(small_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    print(f"{command}: {tried} hostile runs")
