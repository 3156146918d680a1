"""Fonts for printed reports: DejaVu embedded, plus a CJK fallback that never crashes.

reportlab's 14 standard fonts cover Latin-1 only, so a name like "Jürgen" is
fine but "Дмитрий" or "Σοφία" would print as boxes. We ship DejaVu (with its
licence) in ``resources/fonts`` and embed subsets of it in every PDF.

DejaVu has no CJK glyphs. For runs of CJK characters we switch font: a system
TrueType CJK font if one is installed (embedded like DejaVu), else one of
reportlab's built-in CID fonts, which need no file (the viewer supplies the
glyphs). Whatever fails to load, text still prints and nothing raises.
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from desktop_crm.resources import resource_path

log = logging.getLogger(__name__)

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

#: TrueType (glyf-outline) CJK fonts we may find on a system. OpenType/CFF
#: fonts such as Noto Sans CJK cannot be embedded by reportlab; they are
#: tried too but fail quietly.
_SYSTEM_CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)
_SYSTEM_CJK_NAME = "SystemCJK"

#: reportlab's CID fonts by script; no file needed.
CID_HAN = "STSong-Light"
CID_KANA = "HeiseiMin-W3"
CID_HANGUL = "HYSMyeongJo-Medium"

_lock = threading.Lock()


class MeasuredTTFont(TTFont):
    """A TrueType font that remembers the widths it has measured.

    reportlab measures every word of every paragraph in pure Python (its C
    accelerator is optional and usually absent), and the fitting passes of a
    prep sheet measure the same words again at each density. Widths depend
    only on (text, size), so a per-font dict turns repeats into one lookup.
    The dict is bounded so a long-running app cannot grow it without limit.
    """

    CACHE_LIMIT = 200_000

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str, float], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        key = (text, size)
        width = self._widths.get(key)
        if width is None:
            width = super().stringWidth(text, size, encoding)
            if len(self._widths) >= self.CACHE_LIMIT:
                self._widths.clear()
            self._widths[key] = width
        return width


@cache
def register_fonts() -> str:
    """Register DejaVu once per process and return the body font name.

    Registration parses ~2 MB of TTF, so it is cached; the lock keeps a
    batch-PDF worker thread and the UI thread from registering twice.
    """
    with _lock:
        for name, filename in _FILES.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(MeasuredTTFont(name, str(resource_path("fonts", filename))))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD)
        addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


@cache
def system_cjk_font() -> str | None:
    """Name of a registered system TrueType CJK font, or ``None`` if none loads."""
    for candidate in _SYSTEM_CJK_CANDIDATES:
        if not Path(candidate).is_file():
            continue
        try:
            font = TTFont(_SYSTEM_CJK_NAME, candidate, subfontIndex=0)
            if ord("中") not in font.face.charToGlyph:
                continue
            with _lock:
                pdfmetrics.registerFont(font)
            return _SYSTEM_CJK_NAME
        except Exception as exc:  # CFF outlines, damaged files: try the next one
            log.debug("CJK font %s unusable: %s", candidate, exc)
    return None


@cache
def cid_font(name: str) -> str | None:
    """Register one of reportlab's built-in CID fonts; ``None`` if unavailable."""
    try:
        with _lock:
            pdfmetrics.registerFont(UnicodeCIDFont(name))
        return name
    except Exception as exc:  # missing CMap data in a trimmed install
        log.debug("CID font %s unavailable: %s", name, exc)
        return None


def font_for_cjk_run(run: str) -> str | None:
    """The font to print one run of CJK characters in, or ``None`` to leave the
    run in DejaVu (boxes, but never an exception)."""
    system = system_cjk_font()
    if system:
        return system
    if any("\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" for ch in run):
        return cid_font(CID_HANGUL)
    if any("\u3040" <= ch <= "\u30ff" for ch in run):
        return cid_font(CID_KANA)
    return cid_font(CID_HAN)
