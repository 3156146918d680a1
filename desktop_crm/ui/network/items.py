"""The map's scene items: a person (node), their label, and a tie (edge).

Nodes are movable; moving one pins it and drags its ties along. Labels are
separate top-level items that ignore the view's zoom, so text keeps its
screen size at every zoom (the canvas hides the less important ones when
zoomed far out, so they never pile up). Ties use cosmetic pens: a close tie
is always thicker on screen than an acquaintance, whatever the zoom.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

if TYPE_CHECKING:
    from ...services.network.layout import MapNode
    from .canvas import NetworkCanvas

# Fill per tier: the badges' hues (primary green, bridge blue, target orange), saturated for a map.
NODE_COLOURS = {
    "you": "#334155",
    "primary": "#3f9a4b",
    "bridge": "#3b7dd8",
    "target": "#e07a2f",
}
GATEKEEPER_RING = "#c9a227"
HIGHLIGHT = "#d9480f"
EDGE_WIDTH = {"close": 3.0, "known": 1.6, "acquaintance": 0.8}
EDGE_COLOUR = QColor(110, 122, 140, 95)


def node_radius(introductions: int, is_you: bool = False) -> float:
    """Bigger for people who introduced you to more people (the size channel of the map)."""
    if is_you:
        return 18.0
    return min(28.0, 9.0 + 5.0 * math.sqrt(introductions))


class EdgeItem(QGraphicsLineItem):
    def __init__(self, a: NodeItem, b: NodeItem, strength: str) -> None:
        super().__init__()
        self.a, self.b, self.strength = a, b, strength
        self.setZValue(0)
        self.setAcceptHoverEvents(False)
        self.set_highlight(False)
        self.update_position()
        a.edges.append(self)
        b.edges.append(self)

    def set_highlight(self, on: bool) -> None:
        width = EDGE_WIDTH.get(self.strength, 1.4)
        pen = QPen(QColor(HIGHLIGHT) if on else EDGE_COLOUR, width + 2.5 if on else width)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setPen(pen)
        self.setZValue(1 if on else 0)

    def update_position(self) -> None:
        self.setLine(self.a.pos().x(), self.a.pos().y(), self.b.pos().x(), self.b.pos().y())


class LabelItem(QGraphicsItem):
    """A name on a soft plate, drawn at screen size below its node."""

    def __init__(self, text: str, bold: bool = False) -> None:
        super().__init__()
        self.text = text
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.font.setBold(bold)
        metrics = QFontMetricsF(self.font)
        width = metrics.horizontalAdvance(text) + 8
        height = metrics.height() + 2
        self._rect = QRectF(-width / 2, 0, width, height)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(QColor("#1f2933"))
        painter.setFont(self.font)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class NodeItem(QGraphicsEllipseItem):
    """One person. Click selects, double-click centres, drag pins, hover shows mutual connections."""

    def __init__(self, canvas: NetworkCanvas, node: MapNode) -> None:
        self.radius = node_radius(node.introductions, node.tier == "you")
        r = self.radius
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.canvas = canvas
        self.node = node
        self.edges: list[EdgeItem] = []
        self.pinned = False
        self.highlighted = False
        self.suggested_gatekeeper = False
        self._moved = False
        self.label = LabelItem(node.name, bold=node.tier == "you")
        self.setPos(node.x, node.y)
        self.setBrush(QBrush(QColor(NODE_COLOURS.get(node.tier, NODE_COLOURS["primary"]))))
        self.setZValue(2)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsMovable | flags.ItemIsSelectable | flags.ItemSendsGeometryChanges)
        self.refresh_outline()
        self._place_label()

    @property
    def node_id(self) -> int:
        return self.node.id

    def refresh_outline(self) -> None:
        """Ring: highlight (path) > gatekeeper (solid = your flag, dashed = suggested) > plain."""
        if self.highlighted:
            pen = QPen(QColor(HIGHLIGHT), 4)
        elif self.node.gatekeeper or self.suggested_gatekeeper:
            pen = QPen(QColor(GATEKEEPER_RING), 3.5)
            if not self.node.gatekeeper:
                pen.setStyle(Qt.PenStyle.DashLine)
        else:
            pen = QPen(QColor(255, 255, 255, 230), 1.5)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawEllipse(self.rect())
        if self.isSelected():
            ring = QPen(QColor("#111827"), 2, Qt.PenStyle.DotLine)
            ring.setCosmetic(True)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.rect().adjusted(-5, -5, 5, 5))
        if self.pinned:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#111827"))
            painter.drawEllipse(QPointF(self.radius * 0.7, -self.radius * 0.7), 3.5, 3.5)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect().adjusted(-8, -8, 8, 8)

    def _place_label(self) -> None:
        self.label.setPos(self.pos().x(), self.pos().y() + self.radius + 2)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._place_label()
            for edge in self.edges:
                edge.update_position()
            self._moved = True
            # Return the value itself: passing a "has changed" notification back
            # through the base class upsets PySide6's reference counting at exit.
            return value
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._moved = False
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.canvas.node_clicked.emit(self.node_id)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self._moved:
            self.canvas.pin(self, True)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.canvas.node_double_clicked.emit(self.node_id)
        event.accept()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self.canvas.hover_node(self)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self.canvas.hover_node(None)
        super().hoverLeaveEvent(event)
