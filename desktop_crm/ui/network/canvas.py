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
from ..plain_text import tip
from .items import FADED_OPACITY, PATH_COLOURS, Edge, EdgeLayer, NodeItem

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
        self.edges: list[Edge] = []  # known ties
        self.guesses: list[Edge] = []  # inferred ties: drawn dashed around a selection or on a path
        self.edge_layer = EdgeLayer()
        self.pinned: dict[int, tuple[float, float]] = {}
        self.mutual_lookup: Callable[[int], tuple[list[str], int]] | None = None
        self.current_map: NetworkMap | None = None
        self._filter: set[int] | None = None
        self._paths: list[list[int]] = []
        self._chosen: int | None = None  # the path drawn alone, numbered; None = all
        self.scene().selectionChanged.connect(self._selection_changed)

    # --- building -----------------------------------------------------------------

    def show_map(self, network_map: NetworkMap, suggested: Iterable[int] = ()) -> None:
        """Replace the scene with ``network_map`` (pinned people stay where they were put)."""
        scene = self.scene()
        if self.edge_layer.scene() is scene:
            scene.removeItem(self.edge_layer)  # kept across maps; clear() would delete it
        self.nodes, self.edges = {}, []  # first: clearing the scene emits selectionChanged
        scene.clear()
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
        self.guesses = []
        for tie in network_map.guesses:
            a, b = self.nodes.get(tie.a), self.nodes.get(tie.b)
            if a is not None and b is not None:
                self.guesses.append(Edge(a, b, tie.strength, True, tie.why))
        node_bounds = scene.itemsBoundingRect()
        self.edge_layer.set_edges(self.edges + self.guesses, node_bounds.adjusted(-20, -20, 20, 20))
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

    def highlight_paths(self, paths: Iterable[list[int]], chosen: int | None = None) -> None:
        """Draw paths on top of the map; an empty list clears.

        With ``chosen`` (an index into ``paths``), or when there is only one,
        that path is drawn alone: its people numbered, larger and labelled,
        everything else faded. Otherwise each path has its own colour.
        """
        self._paths = [list(p) for p in paths]
        self._chosen = chosen if chosen is not None and 0 <= chosen < len(self._paths) else None
        self._add_missing_ties()
        if self._chosen is None and len(self._paths) == 1:
            self._chosen = 0
        self._apply_emphasis()

    def _add_missing_ties(self) -> None:
        """A path may step over a guess the map did not list (a big group): draw it for the path."""
        drawn = {frozenset((e.a.node_id, e.b.node_id)) for e in self.edges + self.guesses}
        added = False
        for path in self._paths:
            for a, b in zip(path, path[1:], strict=False):
                if frozenset((a, b)) in drawn or a not in self.nodes or b not in self.nodes:
                    continue
                self.guesses.append(Edge(self.nodes[a], self.nodes[b], "acquaintance", True))
                drawn.add(frozenset((a, b)))
                added = True
        if added:
            self.edge_layer.edges = self.edges + self.guesses

    def _apply_emphasis(self) -> None:
        """Set who is highlighted, numbered and faded from the paths and the selection."""
        shown = [(i, p) for i, p in enumerate(self._paths) if self._chosen is None or i == self._chosen]
        on_path: dict[int, int] = {}
        ties: dict[frozenset[int], int] = {}
        for index, path in shown:
            for node in path:
                on_path.setdefault(node, index)
            for pair in zip(path, path[1:], strict=False):
                ties.setdefault(frozenset(pair), index)
        numbered: dict[int, int] = {}
        if self._chosen is not None:
            numbered = {node: step for step, node in enumerate(self._paths[self._chosen]) if step > 0}
        selected = self._selected_node()
        focus: set[int] | None = None
        if self._chosen is not None:
            focus = set(self._paths[self._chosen])
        elif selected is not None and not self._paths:
            focus = {selected.node_id} | {e.b.node_id if e.a is selected else e.a.node_id for e in selected.edges}
        for node_id, item in self.nodes.items():
            was = (item.highlighted, item.path_step, item.path_colour)
            item.highlighted = node_id in on_path
            colour = PATH_COLOURS[on_path[node_id] % len(PATH_COLOURS)] if node_id in on_path else PATH_COLOURS[0]
            item.set_path_step(numbered.get(node_id), colour)
            if (item.highlighted, item.path_step, item.path_colour) != was:
                item.refresh_outline()
            faded = focus is not None and node_id not in focus
            item.setOpacity(FADED_OPACITY if faded else 1.0)
            item.label.setOpacity(FADED_OPACITY if faded else 1.0)
            item.setZValue(3 if node_id in on_path else 2)
        for edge in self.edges + self.guesses:
            index = ties.get(frozenset((edge.a.node_id, edge.b.node_id)))
            edge.highlighted = index is not None
            edge.path = index
            edge.focus = (selected is not None and focus is not None and self._chosen is None
                          and (edge.a is selected or edge.b is selected))
        self.edge_layer.dimmed = focus is not None
        self.edge_layer.update()
        self.update_labels()

    def _selected_node(self) -> NodeItem | None:
        chosen = [i for i in self.scene().selectedItems() if isinstance(i, NodeItem)]
        return chosen[0] if len(chosen) == 1 else None

    def _selection_changed(self) -> None:
        """A person selected: their ties darken and everyone they do not know fades."""
        if not self._paths:
            self._apply_emphasis()
        else:
            self.update_labels()

    def neighbourhood(self, node_id: int, steps: int) -> set[int]:
        """The people within ``steps`` ties of this person on the map (them included)."""
        found = {node_id}
        frontier = {node_id}
        links: dict[int, set[int]] = {}
        for edge in self.edges:
            links.setdefault(edge.a.node_id, set()).add(edge.b.node_id)
            links.setdefault(edge.b.node_id, set()).add(edge.a.node_id)
        for _ in range(steps):
            frontier = {n for f in frontier for n in links.get(f, ())} - found
            found |= frontier
        return found

    def apply_filter(self, keep: set[int] | None) -> None:
        """Show only these people (None shows everyone); ties show when both ends do."""
        self._filter = keep
        for node_id, item in self.nodes.items():
            shown = keep is None or node_id in keep
            item.setVisible(shown)
            item.label.setVisible(shown)
        for edge in self.edges + self.guesses:
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
        dimmed = self.edge_layer.dimmed
        taken: dict[tuple[int, int], list[QRectF]] = {}
        for item in shown_nodes:
            label = item.label
            rect = label.boundingRect()
            top_left = label.pos() * scale
            screen = QRectF(top_left.x() + rect.x(), top_left.y() + rect.y(), rect.width(), rect.height())
            cells = _cells(screen)
            if (dimmed and item.opacity() < 1.0) or any(
                    screen.intersects(other) for cell in cells for other in taken.get(cell, ())):
                label.setVisible(False)  # faded people keep quiet, and no two names overlap
                continue
            for cell in cells:
                taken.setdefault(cell, []).append(screen)
            label.setVisible(True)

    def hover_node(self, item: NodeItem) -> None:
        """Tooltip with mutual connections, computed on first hover of each person."""
        if not item.toolTip():
            item.setToolTip(tip(self.describe(item)))

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
    """You, the selection, the path, targets and gatekeepers, then the nearest and biggest."""
    node = item.node
    return (
        node.tier != "you",
        not item.isSelected(),
        not item.highlighted,
        node.tier != "target",
        not (node.gatekeeper or item.suggested_gatekeeper),
        node.steps if node.steps >= 0 else 99,
        -item.radius,
        node.name,
    )


def _cells(rect: QRectF) -> list[tuple[int, int]]:
    x0, x1 = int(rect.left() // LABEL_CELL), int(rect.right() // LABEL_CELL)
    y0, y1 = int(rect.top() // LABEL_CELL), int(rect.bottom() // LABEL_CELL)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
