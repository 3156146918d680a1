"""Every icon the packages need, drawn from the one SVG (resources/icons/desktop-crm.svg).

Qt's SVG renderer draws each size (so small sizes are rendered, not scaled
down from a big bitmap); Pillow writes the Windows ``.ico`` and the macOS
``.icns`` from those PNGs.

    python packaging/make_icons.py OUTDIR

writes ``OUTDIR/hicolor/<n>x<n>/apps/<app id>.png`` for the freedesktop
sizes, ``OUTDIR/hicolor/scalable/apps/<app id>.svg``, ``OUTDIR/desktop-crm.ico``
and ``OUTDIR/desktop-crm.icns``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_crm import appinfo  # noqa: E402

SVG = ROOT / "resources" / "icons" / "desktop-crm.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int, path: Path) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise SystemExit(f"make_icons: could not write {path}")
    return path


def make_icons(out: Path) -> list[Path]:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841
    written = []
    pngs: dict[int, Path] = {}
    for size in sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)):
        if size in HICOLOR_SIZES:
            path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{appinfo.APP_ID}.png"
            written.append(path)
        else:
            path = out / "sizes" / f"{size}.png"
        pngs[size] = render(size, path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{appinfo.APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    written.append(scalable)
    images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
    ico = out / "desktop-crm.ico"
    biggest = images[max(ICO_SIZES)]
    biggest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES])
    icns = out / "desktop-crm.icns"
    images[max(ICNS_SIZES)].save(icns, format="ICNS",
                                append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)])
    written += [ico, icns]
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    for made in make_icons(target):
        print(made)
