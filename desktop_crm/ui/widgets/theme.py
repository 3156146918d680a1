"""Colours that follow the platform's light or dark scheme.

Everything is derived from the application palette (never a hard-coded
white), and the few accent colours come in a light and a dark variant
chosen from the palette's window lightness, so a scheme change at run time
only needs a repaint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ...domain import TIER_BADGE_COLOURS, TIER_BADGE_TEXT

# (light-scheme colour, dark-scheme colour) per tier: background and text of the badge.
TIER_COLOURS = TIER_BADGE_COLOURS
TIER_TEXT = TIER_BADGE_TEXT
ERROR = ("#b3261e", "#f2b8b5")
WARNING = ("#8a5a00", "#f5cf7a")


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the current scheme is dark (from the palette, which every style sets)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if palette is None and scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def pick(pair: tuple[str, str], palette: QPalette | None = None) -> QColor:
    return QColor(pair[1] if is_dark(palette) else pair[0])


def muted_text(palette: QPalette | None = None) -> QColor:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


def heading_font(widget: QWidget, scale: float = 1.35, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(8.0, font.pointSizeF() * scale))
    font.setBold(bold)
    return font


def set_muted(widget: QWidget) -> None:
    """Secondary text: the palette's placeholder colour, so it works in both schemes."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_text(palette))
    palette.setColor(QPalette.ColorRole.Text, muted_text(palette))
    widget.setPalette(palette)


def set_error_style(widget: QWidget) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, pick(ERROR, palette))
    widget.setPalette(palette)
