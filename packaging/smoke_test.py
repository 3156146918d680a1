"""Smoke-test a built bundle the way a user meets it, from the outside.

    python packaging/smoke_test.py dist/desktop-crm/desktop-crm [--artifacts DIR]

Runs the bundle's own executable (never the source): ``--version``;
``--demo`` offscreen for a few seconds; ``import`` of a LinkedIn CSV given as
an argument; ``prep`` writing a PDF that pypdf reads back; a closed pipe;
then the window under Xvfb, with a screenshot saved to the artifacts folder,
and a second launch handing a CSV to that window (the double-click), which
must stay alive. Needs pypdf and PySide6 in the Python that runs it (the
project's test venv) and ``Xvfb`` on the PATH. Prints one line per check
with its time; exits 1 at the first failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_crm import appinfo  # noqa: E402

LINKEDIN = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ana,Souza,https://www.linkedin.com/in/anasouza,ana@example.com,Lumen,Engineer,01 Jan 2023\r\n"
    "Tomás,Ødegård,https://www.linkedin.com/in/tomas,,Helios Energy,Head of Data,15 Mar 2024\r\n"
)


class SmokeError(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeError(message)


class Smoke:
    def __init__(self, exe: Path, artifacts: Path, work: Path) -> None:
        self.exe = exe
        self.artifacts = artifacts
        self.work = work
        self.home = work / "home"
        self.db = work / "smoke.sqlite3"
        self.csv = work / "Connections.csv"
        self.csv.write_bytes("\ufeff".encode() + LINKEDIN.encode("utf-8"))
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        self.env["DESKTOP_CRM_HOME"] = str(self.home)

    def run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        env = {**self.env, "QT_QPA_PLATFORM": "offscreen", **kwargs.pop("env", {})}
        result = subprocess.run([str(self.exe), *args], capture_output=True, text=True,
                                env=env, timeout=120, **kwargs)
        check("Traceback" not in result.stderr, f"{args}: a traceback:\n{result.stderr}")
        return result

    # --- the checks ---------------------------------------------------------------------
    def version(self) -> str:
        result = self.run("--version")
        check(result.returncode == 0, f"--version exit {result.returncode}: {result.stderr}")
        check(result.stdout.strip() == f"desktop-crm {appinfo.VERSION}", f"--version said {result.stdout!r}")
        return result.stdout.strip()

    def demo_offscreen(self) -> str:
        process = subprocess.Popen([str(self.exe), "--demo"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True,
                                   env={**self.env, "QT_QPA_PLATFORM": "offscreen"})
        time.sleep(6)
        alive = process.poll() is None
        process.terminate()
        _, stderr = process.communicate(timeout=30)
        check(alive, f"--demo exited early ({process.returncode}):\n{stderr}")
        check((self.home / "demo.sqlite3").is_file(), "--demo built no demo.sqlite3")
        log = (self.home / "logs" / "desktop-crm.log").read_text(encoding="utf-8")
        check("opened" in log and "Uncaught" not in log and "ERROR" not in log,
              f"the log after --demo:\n{log}")
        return "ran 6 s; demo database built; log clean"

    def import_csv(self) -> str:
        result = self.run("--db", str(self.db), "import", str(self.csv), "--yes", "--json")
        check(result.returncode == 0, f"import exit {result.returncode}: {result.stderr}")
        listed = self.run("--db", str(self.db), "contacts", "list", "--json")
        check(listed.returncode == 0, f"contacts list exit {listed.returncode}: {listed.stderr}")
        names = json.dumps(json.loads(listed.stdout), ensure_ascii=False)
        check("Souza" in names and "Ødegård" in names, f"imported people missing: {names[:400]}")
        return "2 people imported from a LinkedIn export"

    def prep_pdf(self) -> str:
        from pypdf import PdfReader

        out = self.work / "prep.pdf"
        result = self.run("--db", str(self.db), "prep", "--contact", "Ana Souza", "--out", str(out))
        check(result.returncode == 0, f"prep exit {result.returncode}: {result.stderr}")
        reader = PdfReader(out)
        text = "".join(page.extract_text() or "" for page in reader.pages)
        check("Ana Souza" in text, f"the prep sheet does not name Ana Souza: {text[:300]!r}")
        shutil.copy(out, self.artifacts / "bundle-prep-sheet.pdf")
        return f"{len(reader.pages)} page(s), read back with pypdf"

    def encryption(self) -> str:
        """SQLCipher and its OpenSSL made it into the bundle: on, a wrong key, off."""
        copy = self.work / "encrypted.sqlite3"
        shutil.copy(self.db, copy)
        on = self.run("--db", str(copy), "encryption", "on", stdin=subprocess.DEVNULL,
                      env={"DESKTOP_CRM_NEW_PASSPHRASE": "smoke pass"})
        check(on.returncode == 0, f"encryption on exit {on.returncode}: {on.stderr}")
        check(not copy.read_bytes().startswith(b"SQLite format 3"), "the file is still plain")
        wrong = self.run("--db", str(copy), "contacts", "list", stdin=subprocess.DEVNULL,
                         env={"DESKTOP_CRM_PASSPHRASE": "nope"})
        check(wrong.returncode == 1 and "wrong passphrase" in wrong.stderr
              and "ERROR CORE" not in wrong.stderr, f"a wrong passphrase said {wrong.stderr!r}")
        right = self.run("--db", str(copy), "contacts", "list", stdin=subprocess.DEVNULL,
                         env={"DESKTOP_CRM_PASSPHRASE": "smoke pass"})
        check(right.returncode == 0 and "Souza" in right.stdout, f"keyed list: {right.stderr}")
        off = self.run("--db", str(copy), "encryption", "off", stdin=subprocess.DEVNULL,
                       env={"DESKTOP_CRM_PASSPHRASE": "smoke pass"})
        check(off.returncode == 0 and copy.read_bytes().startswith(b"SQLite format 3"),
              f"encryption off exit {off.returncode}: {off.stderr}")
        return "on, wrong passphrase refused in one line, listed with it, off"

    def closed_pipe(self) -> str:
        process = subprocess.Popen([str(self.exe), "--db", str(self.db), "contacts", "list"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env)
        process.stdout.close()
        _, stderr = process.communicate(timeout=60)
        check(process.returncode == 0 and b"Traceback" not in stderr,
              f"closed pipe: exit {process.returncode}\n{stderr.decode()}")
        return "exit 0, no traceback"

    def window_under_xvfb(self) -> str:
        display = f":{90 + os.getpid() % 500}"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x860x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env = {**self.env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        window = None
        try:
            time.sleep(1.5)
            check(xvfb.poll() is None, "Xvfb did not start")
            window = subprocess.Popen([str(self.exe), "--demo"], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=env)
            time.sleep(6)
            check(window.poll() is None, f"the window exited ({window.returncode})")
            shot = self.artifacts / "bundle-window.png"
            self._grab(env, shot)
            # A double-click while the window is open: the second launch hands over and ends.
            second = subprocess.run([str(self.exe), "--demo", str(self.csv)], capture_output=True,
                                    text=True, env=env, timeout=60)
            check(second.returncode == 0, f"second launch exit {second.returncode}: {second.stderr}")
            time.sleep(3)
            self._grab(env, self.artifacts / "bundle-import-dialog.png")
            check(window.poll() is None, f"the window died after the hand-over ({window.returncode})")
            return f"window shown, screenshot {shot}; a second launch handed a CSV over"
        finally:
            if window is not None and window.poll() is None:
                window.terminate()
                window.communicate(timeout=30)
            xvfb.terminate()
            xvfb.wait(timeout=30)

    def _grab(self, env: dict, path: Path) -> None:
        code = (
            "import sys\n"
            "from PySide6.QtGui import QGuiApplication\n"
            "app = QGuiApplication(sys.argv)\n"
            "image = app.primaryScreen().grabWindow(0).toImage()\n"
            "colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}\n"
            "image.save(sys.argv[1])\n"
            "print(len(colours))\n"
        )
        result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                                text=True, env=env, timeout=60)
        check(result.returncode == 0, f"screenshot failed: {result.stderr}")
        check(int(result.stdout.strip() or 0) > 20, f"the screen looks empty ({result.stdout.strip()} colours)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("exe", type=Path, help="the bundle's executable, e.g. dist/desktop-crm/desktop-crm")
    parser.add_argument("--artifacts", type=Path, default=ROOT / "dist" / "ci-artifacts")
    args = parser.parse_args(argv)
    if not args.exe.is_file():
        print(f"smoke_test: {args.exe}: no such file (build it first)", file=sys.stderr)
        return 1
    args.artifacts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desktop-crm-smoke-") as work:
        smoke = Smoke(args.exe.resolve(), args.artifacts, Path(work))
        checks: list[tuple[str, Callable[[], str]]] = [
            ("--version", smoke.version), ("--demo offscreen", smoke.demo_offscreen),
            ("import a CSV", smoke.import_csv), ("prep PDF", smoke.prep_pdf),
            ("encryption", smoke.encryption),
            ("closed pipe", smoke.closed_pipe), ("window under Xvfb", smoke.window_under_xvfb),
        ]
        for name, step in checks:
            started = time.monotonic()
            try:
                said = step()
            except (SmokeError, subprocess.TimeoutExpired, OSError) as exc:
                print(f"smoke: FAIL {name}: {exc}", file=sys.stderr)
                return 1
            print(f"smoke: ok   {name} ({time.monotonic() - started:.1f} s): {said}")
    print(f"smoke: {len(checks)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
