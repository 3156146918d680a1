"""``python -m desktop_crm.tools.screenshots OUTDIR``: PNGs of every view on the demo network.

Builds the demo database in a temporary folder (your own data is never
opened), then saves one image per navigation view, the contact editor, the
editor showing validation errors, the detail panel and a bulk selection.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop_crm.tools.screenshots", description=__doc__)
    parser.add_argument("outdir", type=Path, help="folder for the PNG files (created if missing)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args(argv)
    if args.outdir.exists() and not args.outdir.is_dir():
        parser.error(f"{args.outdir} exists and is not a folder")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="desktop-crm-shots-") as home:
        os.environ["DESKTOP_CRM_HOME"] = home  # settings and backups stay in the temp folder
        from ..services.database.demo import build_demo
        from ..services.database.opening import close_database, open_database
        from ..ui.screenshot_tour import take_screenshots

        db_path = Path(home) / "demo.sqlite3"
        open_database(db_path)
        try:
            build_demo()
            files = take_screenshots(db_path, args.outdir, (args.width, args.height))
        finally:
            close_database()
    for file in files:
        print(file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
