"""The Network view: the map of who knows whom, telephoto, who to ask next, wide angle,
gatekeepers and reach.

Layout: a toolbar ("Find a way to…", zoom, centre, add, export), the
wide-angle bar, an offer to connect older imports when there is one, then
the map beside the side panel's pages, and a status line that says how many
people are shown and how many are hidden. All data comes from
:mod:`desktop_crm.services.network`; the map never holds more than
``MAX_NODES`` people, and a big map is laid out in a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services import importing
from ...services import network as net
from ...services.contacts import get_contact, get_contacts, update_contact
from ...services.contacts.profile import get_profile
from ...services.errors import NotFoundError, ServiceError
from ..context import AppContext
from ..plain_text import warn
from ..widgets.busy import busy
from ..widgets.empty_state import EmptyState
from ..widgets.theme import set_muted
from .asks_panel import AsksPanel
from .canvas import NetworkCanvas
from .connect_banner import ConnectBanner
from .filter_bar import WideAngleBar
from .guesses import GuessesMixin
from .list_panel import WideAngleList
from .loader import GraphLoader, MapBuilder
from .moves import NEIGHBOURHOOD_STEPS, MapMovesMixin
from .panels import GatekeepersPanel, PathsPanel, PersonPanel, ReachPanel
from .side_tabs import SideTabs
from .toolbar import MapToolbar, legend_html

MAX_NODES = 2000
BACKGROUND_ABOVE = net.BACKGROUND_LOAD_ABOVE  # relationships: load in a worker thread past this
SYNC_MAP_NODES = 400  # people on the map: a bigger map is laid out in a worker thread
SUGGESTED_GATEKEEPERS = 5
TABS = ("person", "paths", "asks", "list", "gatekeepers", "reach")
EMPTY_TEXT = (
    "The map shows who knows whom, with you in the middle. Import your LinkedIn connections, "
    "or your Google or Outlook contacts: everyone in them becomes someone you know. Import a "
    "friend's shared export as \u201csomeone else's contacts\u201d to see who they can introduce "
    "you to. Introductions you record add their ties too."
)


__all__ = ["BACKGROUND_ABOVE", "MAX_NODES", "NetworkView", "busy"]


class NetworkView(MapMovesMixin, GuessesMixin, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.network: net.NetworkGraph | None = None
        self.centre = net.YOU
        self.selected: int | None = None
        self.path_result: net.PathResult | None = None
        self.path_focus: int | None = None  # the path drawn alone (an index), None = all
        self.suggested: set[int] = set()
        self._loaded = False
        self._loader: GraphLoader | None = None
        self._builder: MapBuilder | None = None
        self.neighbourhood_of: int | None = None
        self.pending_path: tuple[str, int] | None = None  # asked for before the graph arrived
        self._stale_tabs: set[str] = set(TABS)
        self._build()

    # --- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.setSpacing(8)
        self.toolbar = MapToolbar()
        for name in ("find_box", "find_button", "fit_button", "zoom_in_button", "zoom_out_button",
                     "me_button", "add_button", "export_button"):
            setattr(self, name, getattr(self.toolbar, name))
        layout.addWidget(self.toolbar)
        self.filter_bar = WideAngleBar()
        layout.addWidget(self.filter_bar)
        self.connect_banner = ConnectBanner()
        self.connect_text, self.connect_button = self.connect_banner.text, self.connect_banner.button
        layout.addWidget(self.connect_banner)

        self.canvas = NetworkCanvas()
        self.canvas.mutual_lookup = self._mutual_names
        self.empty = EmptyState("No relationships yet", EMPTY_TEXT)
        self.empty.add_button("Import contacts…", self.choose_import, default=True)
        self.empty.add_button("Add a relationship…", self.add_relationship)
        self.loading = EmptyState("Loading your network…")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.loading)

        self.tabs = SideTabs()
        self.person_panel = PersonPanel()
        self.paths_panel = PathsPanel()
        self.asks_panel = AsksPanel()
        self.list_panel = WideAngleList()
        self.gatekeepers_panel = GatekeepersPanel()
        self.reach_panel = ReachPanel()
        for widget, title in (
            (self.person_panel, "Person"),
            (self.paths_panel, "Find a way"),
            (self.asks_panel, "Ask next"),
            (self.list_panel, "Wide angle"),
            (self.gatekeepers_panel, "Gatekeepers"),
            (self.reach_panel, "Reach"),
        ):
            self.tabs.addTab(widget, title)
        self.tabs.setMinimumWidth(340)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 360])
        layout.addWidget(splitter, 1)

        status = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        set_muted(self.status)
        self.everyone_button = QPushButton("Show everyone")
        self.everyone_button.setToolTip("Leave the neighbourhood and show the whole map again")
        self.everyone_button.hide()
        self.everyone_button.clicked.connect(self.show_everyone)
        legend = QLabel(legend_html())
        legend.setTextFormat(Qt.TextFormat.RichText)
        status.addWidget(self.status, 1)
        status.addWidget(self.everyone_button)
        status.addWidget(legend)
        layout.addLayout(status)
        self._connect()

    def _connect(self) -> None:
        self.toolbar.export_requested.connect(self.export_dialog)
        self.find_box.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.fit_button.clicked.connect(self.canvas.fit)
        self.zoom_in_button.clicked.connect(lambda: self.canvas.zoom_by(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.canvas.zoom_by(0.8))
        self.me_button.clicked.connect(lambda: self.centre_on(net.YOU))
        self.add_button.clicked.connect(lambda: self.add_relationship(self.selected))
        self.canvas.node_clicked.connect(self.select_person)
        self.canvas.node_double_clicked.connect(self.show_neighbourhood)
        self.canvas.node_menu_requested.connect(lambda node_id, pos: self.node_menu(node_id).exec(pos))
        self.filter_bar.applied.connect(self.apply_wide_angle)
        self.filter_bar.cleared.connect(self.clear_wide_angle)
        self.person_panel.centre_requested.connect(self.centre_on)
        self.person_panel.path_requested.connect(self.find_person)
        self.person_panel.open_requested.connect(self._open_contact)
        self.person_panel.relationship_requested.connect(self.add_relationship)
        self.person_panel.guess_confirmed.connect(self.confirm_guess)
        self.person_panel.guess_dismissed.connect(self.dismiss_guess)
        self.asks_panel.ask_selected.connect(self._highlight_ask)
        self.context.path_requested.connect(self.show_path_to)
        self.paths_panel.path_selected.connect(self._highlight_path)
        self.paths_panel.person_chosen.connect(self._chosen_person)
        self.paths_panel.organization_chosen.connect(self.find_organization)
        self.paths_panel.guess_confirmed.connect(self._answer_path_guess_confirmed)
        self.paths_panel.guess_dismissed.connect(self._answer_path_guess_dismissed)
        self.list_panel.person_selected.connect(self.select_person)
        self.list_panel.tag_requested.connect(self.tag_people)
        self.gatekeepers_panel.person_selected.connect(self.select_person)
        self.gatekeepers_panel.flag_toggled.connect(self.set_gatekeeper)
        self.tabs.currentChanged.connect(lambda _i: self._fill_tab())
        self.connect_banner.connect_requested.connect(self.connect_imported)

    # --- loading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """Reload from the database (after any change), keeping the centre and pins.

        A big network (more than ``BACKGROUND_ABOVE`` relationships) that
        changed loads in a worker thread; the rest of the refresh runs when
        it arrives.
        """
        self._loaded = True
        key = net.graph.graph_key()
        network = net.graph.cached_graph(key)
        loading = self._loader is not None and self._loader.isRunning()
        if loading:
            return  # a load is under way: it shows the map when it arrives
        if network is None and net.graph.relationship_count() > BACKGROUND_ABOVE:
            self._start_loading(key)
            return
        self._show_network(network or busy(net.get_graph)())

    def _start_loading(self, key: tuple[str, int]) -> None:
        self.loading.set_text("Loading your network…", "Reading who knows whom. The map appears in a few seconds.")
        self.stack.setCurrentWidget(self.loading)
        self.status.setText("Loading the network…")
        self._loader = GraphLoader(key, self)
        self._loader.loaded.connect(self._loaded_in_background)
        self._loader.failed.connect(self._load_failed)
        self._loader.finished.connect(self._loader_done)
        self._loader.start()

    def _loaded_in_background(self, network: net.NetworkGraph, key: tuple[str, int]) -> None:
        net.graph.remember_graph(network, key)
        self._show_network(network)
        if net.graph.graph_key() != key:
            QTimer.singleShot(0, self.refresh)  # something changed while it loaded

    def _load_failed(self, message: str) -> None:
        self.loading.set_text("The network could not be loaded", message)

    def _loader_done(self) -> None:
        loader = self.sender()
        if loader is not None:
            loader.deleteLater()
        if self._loader is loader:
            self._loader = None

    @busy
    def _show_network(self, network: net.NetworkGraph) -> None:
        self.network = network
        if self.centre not in self.network.graph:
            self.centre = net.YOU
        self.filter_bar.set_choices(net.filter_choices())
        self._stale_tabs = set(TABS)
        self.connect_banner.show_offer(importing.connect_offer())
        if len(self.network.graph) <= 5000:
            self._fill_gatekeepers()
        self._draw()
        self._fill_tab()
        if self.pending_path is not None:
            kind, target_id = self.pending_path
            self.pending_path = None
            self.show_path_to(kind, target_id)

    def _draw(self, include: set[int] | None = None) -> None:
        """Lay the map out and show it: here for a small one, in a worker for a big one."""
        assert self.network is not None
        has_ties = self.network.graph.number_of_edges() > 0
        self.stack.setCurrentWidget(self.canvas if has_ties else self.empty)
        args = (self.centre, MAX_NODES, dict(self.canvas.pinned), self.network,
                get_profile().name or "You", tuple(include or ()))
        if min(len(self.network.graph), MAX_NODES) <= SYNC_MAP_NODES:
            self._show_map(net.build_map(*args))
            return
        if self._builder is not None and self._builder.isRunning():
            self._builder.requestInterruption()  # its result will be dropped: a newer one is coming
        self.status.setText("Laying out the map…")
        builder = MapBuilder(args, self)
        builder.built.connect(self._map_built)
        builder.failed.connect(self._load_failed)
        builder.finished.connect(builder.deleteLater)
        self._builder = builder
        builder.start()

    def _map_built(self, network_map: net.NetworkMap) -> None:
        if self.sender() is not self._builder:
            return  # an older layout, overtaken by a newer request
        self._builder = None
        self._show_map(network_map)

    def _show_map(self, network_map: net.NetworkMap) -> None:
        self.canvas.show_map(network_map, self.suggested)
        if self.path_result is not None and self.path_result.found:
            self.canvas.highlight_paths((p.ids for p in self.path_result.paths), self.path_focus)
        if self.selected is not None and self.canvas.item_for(self.selected) is not None:
            self.canvas.item_for(self.selected).setSelected(True)
        if self.neighbourhood_of is not None and self.neighbourhood_of in self.canvas.nodes:
            self.canvas.apply_filter(self.canvas.neighbourhood(self.neighbourhood_of, NEIGHBOURHOOD_STEPS))
            self.canvas.fit()
        self._update_status()

    def _update_status(self) -> None:
        m = self.canvas.current_map
        if m is None:
            return
        shown = len(m.nodes) - 1
        where = "you" if m.centre == net.YOU else (m.node(m.centre).name if m.node(m.centre) else "them")
        text = f"Showing {shown:,} of {m.total:,} people, centred on {where}."
        if m.hidden:
            steps = "one step" if m.radius == 1 else "two steps"
            text += f" {m.hidden:,} hidden: the map shows the {steps} around {where}; double-click someone to move."
        filtered = len(self.canvas.visible_ids()) - 1
        if self.neighbourhood_of is not None and filtered < shown:
            text += f" Neighbourhood ({NEIGHBOURHOOD_STEPS} steps): {filtered + 1:,} people."
        elif filtered < shown:
            text += f" Wide angle: {filtered:,} shown."
        self.everyone_button.setVisible(self.neighbourhood_of is not None)
        self.status.setText(text)

    # --- the side panels ------------------------------------------------------------------------------

    def _fill_tab(self) -> None:
        key = TABS[self.tabs.currentIndex()]
        if key not in self._stale_tabs or self.network is None:
            return
        if key == "gatekeepers":
            self._fill_gatekeepers()
        elif key == "asks":
            self.asks_panel.show_asks(busy(net.introductions_to_ask)(20, self.network))
        elif key == "reach":
            self.reach_panel.show_reach(busy(net.compute_reach)(3, self.network))
        self._stale_tabs.discard(key)

    def _fill_gatekeepers(self) -> None:
        ranked = busy(net.rank_gatekeepers)(20, self.network)
        self.gatekeepers_panel.show_ranking(ranked)
        self.suggested = {g.person.id for g in ranked[:SUGGESTED_GATEKEEPERS] if g.score > 0}
        self._stale_tabs.discard("gatekeepers")

    def _mutual_names(self, contact_id: int) -> tuple[list[str], int]:
        """Names of the first 50 people you and this person both know, and how many there are."""
        ids = net.mutual_connections(contact_id, net.YOU, self.network)
        names = {row.id: row.full_name for row in get_contacts(ids[:50])}
        return [names[i] for i in ids[:50] if i in names], len(ids)

    def select_person(self, contact_id: int) -> None:
        """Show one person in the side panel and on the map."""
        if contact_id == net.YOU or self.network is None:
            return
        try:
            contact = get_contact(contact_id)
        except NotFoundError:
            return
        self.selected = contact_id
        steps = self.network.steps_from_you(3).get(contact_id)
        self.person_panel.show_person(contact, steps, *self._mutual_names(contact_id),
                                      tie=self._tie_words(contact_id), guesses=self._guesses(contact_id))
        item = self.canvas.item_for(contact_id)
        if item is not None and not item.isSelected():
            self.canvas.scene().clearSelection()
            item.setSelected(True)
            self.canvas.ensureVisible(item, 80, 80)
        self.canvas.update_labels()
        if self.tabs.currentWidget() is not self.person_panel and self.sender() is self.canvas:
            self.tabs.setCurrentWidget(self.person_panel)

    # --- filling an empty map -------------------------------------------------------------------

    def connect_imported(self) -> None:
        """Older imports: tie you to their people, as one undoable batch."""
        batch, made = busy(importing.connect_imported)()
        self.context.status_message.emit(
            f"Connected you to {made:,} imported people (import {batch}); "
            f"'{importing.undo_command(batch)}' takes it back.")
        self.context.data_changed.emit()
        self.refresh()

    def choose_import(self) -> None:
        from ..window_imports import IMPORT_FILTER

        path, _ = QFileDialog.getOpenFileName(self, "Import contacts", str(Path.home()), IMPORT_FILTER)
        if path:
            self.context.import_requested.emit(path)

    @busy
    def centre_on(self, contact_id: int) -> None:
        """Rebuild the map around this person (their neighbourhood when the network is big)."""
        if self.network is None:
            return
        self.centre = contact_id if contact_id in self.network.graph else net.YOU
        self.canvas.pinned.clear()
        self._draw()
        self.canvas.centre_on_node(self.centre)
        if self.centre != net.YOU:
            self.select_person(self.centre)

    def node_menu(self, node_id: int) -> QMenu:
        """What can be done with one person on the map (right click)."""
        menu = QMenu(self)
        menu.addAction("Centre the map here", lambda: self.centre_on(node_id))
        if node_id != net.YOU:
            menu.addAction("Show their neighbourhood", lambda: self.show_neighbourhood(node_id))
        if self.neighbourhood_of is not None:
            menu.addAction("Show everyone", self.show_everyone)
        if node_id != net.YOU:
            menu.addAction("Find a way to them", lambda: self.find_person(node_id))
            menu.addAction("Add a relationship…", lambda: self.add_relationship(node_id))
            menu.addAction("Open contact", lambda: self._open_contact(node_id))
        item = self.canvas.item_for(node_id)
        if item is not None and item.pinned:
            menu.addSeparator()
            menu.addAction("Unpin", lambda: self.canvas.pin(item, False))
        if self.canvas.pinned:
            menu.addAction("Unpin everyone", self.unpin_all)
        return menu

    def unpin_all(self) -> None:
        """Forget where people were dragged and lay the map out again."""
        self.canvas.unpin_all()
        if self.network is not None:
            self._draw()

    # --- actions --------------------------------------------------------------------------------------

    def set_gatekeeper(self, contact_id: int, on: bool) -> None:
        try:
            update_contact(contact_id, {"is_gatekeeper": on})
        except ServiceError as exc:  # e.g. moved to the trash in another view meanwhile
            warn(self, "Gatekeeper", exc)
            self.refresh()
            return
        self.context.data_changed.emit()
        self.refresh()

    def add_relationship(self, contact_id: int | None = None) -> None:
        from .dialogs import RelationshipDialog

        dialog = RelationshipDialog(self.context, contact_id=contact_id, parent=self)
        if dialog.exec():
            self.context.data_changed.emit()
            self.refresh()
        dialog.deleteLater()

    def _open_contact(self, contact_id: int) -> None:
        self.context.contact_selected.emit(contact_id)

    def export_dialog(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export the map as {kind.upper()}", f"network-map.{kind}", f"{kind.upper()} (*.{kind})"
        )
        if not path:
            return
        try:
            self.export(Path(path), kind)
        except OSError as exc:  # an unwritable folder or a full disk: say so, do not lose it on stderr
            warn(self, "Could not export the map", exc)

    def export(self, path: Path, kind: str) -> Path:
        if kind == "png":
            written = self.canvas.export_png(path)
        else:
            written = self.canvas.export_svg(path, "Network map — Desktop CRM")
        self.context.status_message.emit(f"Map exported to {written}.")
        return written

