"""The map itself: a QGraphicsView that draws a NetworkMap and lets you move around it.

It knows nothing of the database: the view hands it a map from the network
service and a function that names mutual connections. Wheel zooms under the
mouse, dragging the background pans, "fit" shows everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from ...services.network.layout import NetworkMap
from .items import Edge, EdgeLayer, NodeItem

MIN_SCALE, MAX_SCALE = 0.05, 6.0
LABEL_CELL = 64.0  # grid cell (pixels) for the label overlap check


class NetworkCanvas(QGraphicsView):
    node_clicked = Signal(int)
    node_double_clicked = Signal(int)
    node_menu_requested = Signal(int, QPoint)  # person, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setBackgroundBrush(QColor("#f7f8fa"))
        self.setMinimumSize(320, 240)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nodes: dict[int, NodeItem] = {}
        self.edges: list[Edge] = []
        self.edge_layer = EdgeLayer()
        self.pinned: dict[int, tuple[float, float]] = {}
        self.mutual_lookup: Callable[[int], tuple[list[str], int]] | None = None
        self.current_map: NetworkMap | None = None
        self._filter: set[int] | None = None

    # --- building -----------------------------------------------------------------

    def show_map(self, network_map: NetworkMap, suggested: Iterable[int] = ()) -> None:
        """Replace the scene with ``network_map`` (pinned people stay where they were put)."""
        scene = self.scene()
        if self.edge_layer.scene() is scene:
            scene.removeItem(self.edge_layer)  # kept across maps; clear() would delete it
        scene.clear()
        self.nodes, self.edges = {}, []
        self.current_map = network_map
        suggested = set(suggested)
        for node in network_map.nodes:
            item = NodeItem(self, node)
            item.suggested_gatekeeper = node.id in suggested and not node.gatekeeper
            if node.id in self.pinned:
                item.pinned = True
            item.refresh_outline()
            scene.addItem(item)
            scene.addItem(item.label)
            self.nodes[node.id] = item
        for tie in network_map.edges:
            a, b = self.nodes.get(tie.a), self.nodes.get(tie.b)
            if a is not None and b is not None:
                self.edges.append(Edge(a, b, tie.strength))
        node_bounds = scene.itemsBoundingRect()
        self.edge_layer.set_edges(self.edges, node_bounds.adjusted(-20, -20, 20, 20))
        scene.addItem(self.edge_layer)
        bounds = scene.itemsBoundingRect().marginsAdded(QMarginsF(200, 200, 200, 200))
        scene.setSceneRect(bounds)
        self.apply_filter(self._filter)
        self.fit()

    def item_for(self, node_id: int) -> NodeItem | None:
        return self.nodes.get(node_id)

    # --- moving around ----------------------------------------------------------------

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self.scale(factor, factor)
        self.update_labels()

    def fit(self) -> None:
        """Show every visible person."""
        self.fit_nodes(self.visible_ids())

    def fit_nodes(self, node_ids: set[int]) -> None:
        """Zoom and scroll so these people fill the view (no closer than 1.6x)."""
        visible = [self.nodes[n] for n in node_ids if n in self.nodes and self.nodes[n].isVisible()]
        if not visible:
            return
        rect = QRectF()
        for item in visible:
            rect = rect.united(item.sceneBoundingRect())
        self.fitInView(rect.marginsAdded(QMarginsF(60, 60, 60, 60)), Qt.AspectRatioMode.KeepAspectRatio)
        # Dots and names keep their pixel size: leave them room at the edges.
        scale = min(1.6, self.transform().m11() * 0.88)
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(rect.center())
        self.update_labels()

    def centre_on_node(self, node_id: int) -> None:
        item = self.nodes.get(node_id)
        if item is not None:
            self.centerOn(item)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.15**steps)
        event.accept()

    # --- state shown on the items -------------------------------------------------------

    def pin(self, item: NodeItem, on: bool) -> None:
        item.pinned = on
        if on:
            self.pinned[item.node_id] = (item.pos().x(), item.pos().y())
        else:
            self.pinned.pop(item.node_id, None)
        item.update()
        self.update_labels()

    def unpin_all(self) -> None:
        self.pinned.clear()
        for item in self.nodes.values():
            item.pinned = False
            item.update()

    def highlight_paths(self, paths: Iterable[list[int]]) -> None:
        """Ring the people and thicken the ties along each path; an empty list clears."""
        for item in self.nodes.values():
            if item.highlighted:
                item.highlighted = False
                item.refresh_outline()
        for edge in self.edges:
            edge.highlighted = False
        on_path: set[int] = set()
        ties: set[frozenset[int]] = set()
        for path in paths:
            on_path.update(path)
            ties.update(frozenset(pair) for pair in zip(path, path[1:], strict=False))
        for node_id in on_path:
            item = self.nodes.get(node_id)
            if item is not None:
                item.highlighted = True
                item.refresh_outline()
        for edge in self.edges:
            if frozenset((edge.a.node_id, edge.b.node_id)) in ties:
                edge.highlighted = True
        self.edge_layer.update()
        self.update_labels()

    def apply_filter(self, keep: set[int] | None) -> None:
        """Show only these people (None shows everyone); ties show when both ends do."""
        self._filter = keep
        for node_id, item in self.nodes.items():
            shown = keep is None or node_id in keep
            item.setVisible(shown)
            item.label.setVisible(shown)
        for edge in self.edges:
            edge.visible = edge.a.isVisible() and edge.b.isVisible()
        self.edge_layer.update()
        self.update_labels()

    def visible_ids(self) -> set[int]:
        return {node_id for node_id, item in self.nodes.items() if item.isVisible()}

    def update_labels(self) -> None:
        """Names readable at every zoom: the most important first, never two overlapping.

        Labels keep their screen size, so as the map shrinks fewer fit: you,
        the highlighted path, the selection and gatekeepers win, then the
        nearest people, then the rest. Overlap depends on the zoom only (not
        on scrolling), so this runs on zoom, filter and layout changes.
        """
        scale = self.transform().m11()
        shown_nodes = [i for i in self.nodes.values() if i.isVisible()]
        shown_nodes.sort(key=_label_priority)
        taken: dict[tuple[int, int], list[QRectF]] = {}
        for item in shown_nodes:
            label = item.label
            rect = label.boundingRect()
            top_left = label.pos() * scale
            screen = QRectF(top_left.x() + rect.x(), top_left.y() + rect.y(), rect.width(), rect.height())
            cells = _cells(screen)
            if any(screen.intersects(other) for cell in cells for other in taken.get(cell, ())):
                label.setVisible(False)
                continue
            for cell in cells:
                taken.setdefault(cell, []).append(screen)
            label.setVisible(True)

    def hover_node(self, item: NodeItem) -> None:
        """Tooltip with mutual connections, computed on first hover of each person."""
        if not item.toolTip():
            item.setToolTip(self.describe(item))

    def describe(self, item: NodeItem) -> str:
        node = item.node
        lines = [node.name]
        role = " at ".join(p for p in (node.title, node.organization) if p)
        if role:
            lines.append(role)
        if node.tier != "you" and self.mutual_lookup is not None:
            mutual, total = self.mutual_lookup(node.id)
            if total:
                more = f" and {total - 6} more" if total > 6 else ""
                lines.append(f"Mutual connections ({total}): {', '.join(mutual[:6])}{more}")
            else:
                lines.append("No mutual connections recorded")
        if node.introductions:
            lines.append(f"Introduced you to {node.introductions} people")
        return "\n".join(lines)

    # --- export ----------------------------------------------------------------------------

    def _export_rect(self) -> QRectF:
        rect = QRectF()
        for item in self.scene().items():
            if item.isVisible() and item is not self.edge_layer:
                rect = rect.united(item.sceneBoundingRect())
        return rect.marginsAdded(QMarginsF(40, 40, 40, 40))

    def export_png(self, path: Path | str, max_side: int = 4000) -> Path:
        """Render the visible map to a PNG (white background, up to ``max_side`` pixels)."""
        source = self._export_rect()
        factor = min(2.0, max_side / max(source.width(), source.height(), 1))
        size = QSize(max(1, int(source.width() * factor)), max(1, int(source.height() * factor)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene().render(painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
        path = Path(path)
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path

    def export_svg(self, path: Path | str, title: str = "Network map") -> Path:
        """Write the visible map as SVG, vector shapes and text."""
        source = self._export_rect()
        path = Path(path)
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(int(source.width()), int(source.height())))
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(title)
        generator.setDescription("Exported from Desktop CRM")
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"could not write {path}")
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), QColor("white"))
        self.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
        painter.end()
        return path


def _label_priority(item: NodeItem) -> tuple:
    node = item.node
    return (
        node.tier != "you",
        not item.highlighted,
        not item.isSelected(),
        not (node.gatekeeper or item.suggested_gatekeeper),
        node.steps if node.steps >= 0 else 99,
        -item.radius,
        node.name,
    )


def _cells(rect: QRectF) -> list[tuple[int, int]]:
    x0, x1 = int(rect.left() // LABEL_CELL), int(rect.right() // LABEL_CELL)
    y0, y1 = int(rect.top() // LABEL_CELL), int(rect.bottom() // LABEL_CELL)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
