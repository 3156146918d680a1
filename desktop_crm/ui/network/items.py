"""The map's scene items: a person (node), their label, and the layer of ties (edges).

Nodes are movable; moving one pins it and drags its ties along. Labels are
separate top-level items that ignore the view's zoom, so text keeps its
screen size at every zoom (the canvas shows only the labels that fit, so
they never overlap). Ties use cosmetic pens: a close tie is always thicker
on screen than an acquaintance, whatever the zoom; they are faint until a
person is selected (their ties darken, the rest fade) or a path is chosen
(drawn on top in its colour, its people numbered and enlarged).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, SignalInstance
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ...domain import TIER_MAP_COLOURS, YOU_MAP_COLOUR

if TYPE_CHECKING:
    from ...services.network.layout import MapNode

# Fill per tier: the badges' hues (primary green, bridge blue, target orange), saturated for a map.
NODE_COLOURS = {"you": YOU_MAP_COLOUR, **TIER_MAP_COLOURS}
GATEKEEPER_RING = "#c9a227"
HIGHLIGHT = "#d9480f"
# One colour per path when several are shown; the first is the chosen one's.
PATH_COLOURS = ("#d9480f", "#1c7ed6", "#7048e8")
EDGE_WIDTH = {"close": 2.2, "known": 1.2, "acquaintance": 0.7}
# Opaque (pre-blended over the map background): translucent wide lines cost the
# software rasteriser about three times as much on a 2,000-person map (measured).
# Faint by default, so the people read before the ties; darker around a selection.
EDGE_COLOUR = QColor(212, 216, 222)
FADED_EDGE_COLOUR = QColor(234, 236, 240)
FOCUS_EDGE_COLOUR = QColor(84, 101, 125)
FADED_OPACITY = 0.22


def node_radius(introductions: int, is_you: bool = False) -> float:
    """Screen pixels; bigger for people who introduced you to more people (the size channel)."""
    if is_you:
        return 14.0
    return min(22.0, 6.5 + 4.0 * math.sqrt(introductions))


class Edge:
    """One tie between two drawn people. Not an item: the EdgeLayer draws them all at once.

    ``inferred`` ties (a guess: "both at Acme") are dashed. ``path`` is the
    index of the path it lies on (drawn on top in that path's colour), or None;
    ``focus`` marks the ties of the selected person.
    """

    __slots__ = ("a", "b", "strength", "highlighted", "visible", "inferred", "why", "focus", "path")

    def __init__(self, a: NodeItem, b: NodeItem, strength: str, inferred: bool = False, why: str = "") -> None:
        self.a, self.b, self.strength = a, b, strength
        self.inferred, self.why = inferred, why
        self.highlighted = False
        self.visible = True
        self.focus = False
        self.path: int | None = None
        a.edges.append(self)
        b.edges.append(self)

    def line(self) -> QLineF:
        return QLineF(self.a.pos(), self.b.pos())


class EdgeLayer(QGraphicsItem):
    """Every tie on the map in one item, drawn with one ``drawLines`` call per strength.

    Thousands of line items cost a paint pass each (bounds, state, clipping);
    batching them makes a 2,000-person map repaint about ten times faster.
    Lines are cosmetic: their width is in pixels, whatever the zoom.
    """

    def __init__(self) -> None:
        super().__init__()
        self.edges: list[Edge] = []
        self.dimmed = False  # a selection or a chosen path: the other ties fade
        self._rect = QRectF()
        self.setZValue(0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_edges(self, edges: list[Edge], bounds: QRectF) -> None:
        self.prepareGeometryChange()
        self.edges = edges
        self._rect = bounds

    def grow_to(self, point: QPointF) -> None:
        """A dragged node may leave the old bounds: make room so it is still repainted."""
        if not self._rect.contains(point):
            self.prepareGeometryChange()
            self._rect = self._rect.united(QRectF(point, point).adjusted(-50, -50, 50, 50))
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Zoomed far out, thousands of ties would merge into a grey disc: draw them finer.
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        thin = 1.0 if detail >= 0.4 else max(0.35, detail / 0.4)
        groups: dict[tuple[str, bool, bool], list[QLineF]] = {}
        on_paths: dict[int, list[tuple[QLineF, bool]]] = {}
        for edge in self.edges:
            if not edge.visible or (edge.inferred and not (edge.focus or edge.highlighted)):
                continue  # a guess shows only around the selected person or on a chosen path
            if edge.highlighted and edge.path is not None:
                on_paths.setdefault(edge.path, []).append((edge.line(), edge.inferred))
            else:
                groups.setdefault((edge.strength, edge.inferred, edge.focus), []).append(edge.line())
        # Faint ties first, the selected person's ties above them, paths on top of everything.
        for (strength, inferred, focus), lines in sorted(groups.items(), key=lambda item: item[0][2]):
            colour = FOCUS_EDGE_COLOUR if focus else (FADED_EDGE_COLOUR if self.dimmed else EDGE_COLOUR)
            width = EDGE_WIDTH.get(strength, 1.2) * (1.6 if focus else thin)
            pen = QPen(colour, width)
            pen.setCosmetic(True)
            if inferred:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLines(lines)
        for index in sorted(on_paths, reverse=True):
            pen = QPen(QColor(PATH_COLOURS[index % len(PATH_COLOURS)]), 4.5)
            pen.setCosmetic(True)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawLines([line for line, _inferred in on_paths[index] if not _inferred])
            guessed = [line for line, _inferred in on_paths[index] if _inferred]
            if guessed:
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLines(guessed)


class LabelItem(QGraphicsItem):
    """A name on a soft plate, drawn at screen size below its node."""

    def __init__(self, text: str, bold: bool = False, below: float = 0.0) -> None:
        super().__init__()
        self.text = text
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.font.setBold(bold)
        metrics = QFontMetricsF(self.font)
        width = metrics.horizontalAdvance(text) + 8
        height = metrics.height() + 2
        self._rect = QRectF(-width / 2, below, width, height)  # pixels below the node's centre
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def set_below(self, below: float) -> None:
        """Move the plate so it starts ``below`` pixels under the node's centre."""
        if below != self._rect.y():
            self.prepareGeometryChange()
            self._rect.moveTop(below)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setPen(QColor("#1f2933"))
        painter.setFont(self.font)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


class NodeHost(Protocol):
    """What a person's dot asks of the map it sits on; the canvas is one.

    A protocol rather than the canvas class, so this module never imports the
    canvas module that imports it.
    """

    edge_layer: EdgeLayer
    node_clicked: SignalInstance  # (person id)
    node_double_clicked: SignalInstance  # (person id)
    node_menu_requested: SignalInstance  # (person id, global position)

    def pin(self, item: NodeItem, on: bool) -> None: ...

    def hover_node(self, item: NodeItem) -> None: ...


class NodeItem(QGraphicsEllipseItem):
    """One person. Click selects, double-click centres, drag pins, hover shows mutual connections."""

    def __init__(self, canvas: NodeHost, node: MapNode) -> None:
        self.radius = node_radius(node.introductions, node.tier == "you")
        r = self.radius
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.canvas = canvas
        self.node = node
        self.edges: list[Edge] = []
        self.pinned = False
        self.highlighted = False
        self.suggested_gatekeeper = False
        self.path_step: int | None = None  # its number on the chosen path
        self.path_colour = HIGHLIGHT
        self._moved = False
        self.label = LabelItem(node.name, bold=node.tier == "you", below=r + 2)
        self.setPos(node.x, node.y)
        self.setBrush(QBrush(QColor(NODE_COLOURS.get(node.tier, NODE_COLOURS["primary"]))))
        self.setZValue(2)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        flags = QGraphicsItem.GraphicsItemFlag
        # Screen-sized like the labels: a person stays a visible dot however far you zoom out.
        self.setFlags(
            flags.ItemIsMovable
            | flags.ItemIsSelectable
            | flags.ItemSendsGeometryChanges
            | flags.ItemIgnoresTransformations
        )
        self.refresh_outline()
        self._place_label()

    @property
    def node_id(self) -> int:
        return self.node.id

    def set_path_step(self, step: int | None, colour: str = HIGHLIGHT) -> None:
        """Number this person on the chosen path, and draw them larger; None undoes it."""
        if step == self.path_step and colour == self.path_colour:
            return
        self.path_step, self.path_colour = step, colour
        base = node_radius(self.node.introductions, self.node.tier == "you")
        self.radius = max(base, 13.0) if step is not None else base
        self.prepareGeometryChange()
        self.setRect(-self.radius, -self.radius, 2 * self.radius, 2 * self.radius)
        self.label.set_below(self.radius + 2)
        self.refresh_outline()

    def refresh_outline(self) -> None:
        """Ring: highlight (path) > gatekeeper (solid = your flag, dashed = suggested) > plain."""
        if self.highlighted:
            pen = QPen(QColor(self.path_colour), 4)
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
        if self.path_step is not None:
            painter.setPen(QColor("white"))
            font = QFont()
            font.setPointSizeF(8.5)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, str(self.path_step))

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect().adjusted(-8, -8, 8, 8)

    def _place_label(self) -> None:
        self.label.setPos(self.pos())

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._place_label()
            self.canvas.edge_layer.grow_to(self.pos())
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

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        self.canvas.node_menu_requested.emit(self.node_id, event.screenPos())
        event.accept()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802
        self.canvas.hover_node(self)
        super().hoverEnterEvent(event)
