"""The network view's moves: telephoto (the warmest path to a person or a company,
from the box, the Ask next list or another view), a person's neighbourhood, and
wide angle (everyone within N steps who fits a filter).

A mixin for :class:`~desktop_crm.ui.network.view.NetworkView`: it uses the
view's loaded ``network``, its canvas and its side panels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from ...services import network as net
from ...services.contacts.tags import add_tag
from ...services.errors import ServiceError, ValidationError
from ..plain_text import as_typed
from ..widgets.busy import busy

NEIGHBOURHOOD_STEPS = 2  # what a double-click shows around a person


class MapMovesMixin:
    """Telephoto and wide angle for the network view."""

    # --- telephoto ---------------------------------------------------------------------------------

    def find(self) -> None:
        """Telephoto from the box: a person or an organization, or ask which one."""
        text = self.find_box.text()
        try:
            target = net.resolve_target(text)
        except net.TargetChoices as choices:
            self.paths_panel.show_matches(choices.query, choices.people, choices.organizations)
        except ServiceError as exc:
            message = exc.message if isinstance(exc, ValidationError) else str(exc)
            self.paths_panel.show_error(message[:1].upper() + message[1:] + ("" if message.endswith(".") else "."))
        else:
            if target.kind == "person":
                self.find_person(target.id)
            else:
                self.find_organization(target.id)
            return
        self.tabs.setCurrentWidget(self.paths_panel)

    def _chosen_person(self, contact_id: int) -> None:
        if self.paths_panel.result is not None and not self.paths_panel.result.found:
            self.select_person(contact_id)  # a suggestion: show who it is
        else:
            self.find_person(contact_id)

    @busy
    def find_person(self, contact_id: int) -> None:
        self._show_path(net.path_to_person(contact_id, 3, self.network))

    @busy
    def find_organization(self, org_id: int) -> None:
        self._show_path(net.path_to_organization(org_id, 3, self.network))

    def _show_path(self, result: net.PathResult) -> None:
        self.path_result = result
        self.paths_panel.show_result(result)
        self.tabs.setCurrentWidget(self.paths_panel)
        on_paths = {n for p in result.paths for n in p.ids}
        if on_paths - self.canvas.nodes.keys():
            self._draw(include=on_paths)  # people beyond the neighbourhood shown join the map
        self.path_focus = 0 if result.paths else None
        self.canvas.highlight_paths((p.ids for p in result.paths), self.path_focus)
        self.canvas.fit_nodes(on_paths | set(self.canvas.visible_ids()) if len(self.canvas.nodes) <= 300 else on_paths)
        self.context.status_message.emit(result.first_ask or result.message)

    def _highlight_path(self, index: int) -> None:
        """One path chosen in the list: drawn alone, numbered; -1 shows them all in their colours."""
        if self.path_result is None:
            return
        paths = self.path_result.paths
        self.path_focus = index if 0 <= index < len(paths) else None
        self.canvas.highlight_paths((p.ids for p in paths), self.path_focus)

    # --- from elsewhere: an introduction to ask for, "On the map", a neighbourhood --------------

    def _highlight_ask(self, index: int) -> None:
        """An introduction to ask for, chosen in its list: its path alone on the map."""
        asks = self.asks_panel.asks
        if not 0 <= index < len(asks):
            return
        ids = asks[index].path.ids
        if set(ids) - self.canvas.nodes.keys():
            self._draw(include=set(ids))
        self.path_result = None
        self.path_focus = 0
        self.canvas.highlight_paths([ids], 0)

    def show_path_to(self, kind: str, target_id: int) -> None:
        """From another view ("On the map", "Find a way…"): load if need be, then find the
        way; a big network loads in the background, and the way is found when it arrives."""
        if self.network is None or not self._loaded:
            self.refresh()
        if self.network is None:
            self.pending_path = (kind, target_id)
            return
        if kind == "organization":
            self.find_organization(target_id)
        else:
            self.find_person(target_id)

    def show_neighbourhood(self, contact_id: int) -> None:
        """Double-click: that person in the middle, and only the people within two steps of them."""
        self.neighbourhood_of = contact_id if contact_id != net.YOU else None
        self.centre_on(contact_id)
        if self.neighbourhood_of is not None and contact_id in self.canvas.nodes:
            self.canvas.apply_filter(self.canvas.neighbourhood(contact_id, NEIGHBOURHOOD_STEPS))
            self.canvas.fit()
        self._update_status()

    def show_everyone(self) -> None:
        self.neighbourhood_of = None
        self.canvas.apply_filter(None)
        self.canvas.fit()
        self._update_status()

    # --- wide angle ---------------------------------------------------------------------------------

    @busy
    def apply_wide_angle(self, flt: net.WideAngleFilter) -> None:
        try:
            hits = net.wide_angle(flt, self.network)
        except ServiceError as exc:
            QMessageBox.warning(self, "Wide angle", as_typed(str(exc)))
            return
        keep = {net.YOU} | {h.person.id for h in hits} | {h.via_id for h in hits}
        self.canvas.apply_filter(keep)
        self.canvas.fit()
        on_map = len({h.person.id for h in hits} & self.canvas.nodes.keys())
        description = f"{len(hits):,} people within {flt.max_steps} step{'s' if flt.max_steps > 1 else ''}"
        description += f" ({on_map:,} on the map). “Ask” is the person you know who leads to them."
        self.list_panel.show_hits(hits, description)
        self.tabs.setCurrentWidget(self.list_panel)
        self._update_status()

    def clear_wide_angle(self) -> None:
        self.canvas.apply_filter(None)
        self.canvas.fit()
        self.list_panel.show_hits([], "Wide angle cleared: everyone is back on the map.")
        self._update_status()

    def tag_people(self, ids: list[int]) -> None:
        name, ok = QInputDialog.getText(self, "Tag everyone", f"Tag for these {len(ids)} people:")
        if ok and name.strip():
            try:
                count = add_tag(ids, name.strip())
            except ServiceError as exc:
                QMessageBox.warning(self, "Tag everyone", as_typed(str(exc)))
                return
            self.context.status_message.emit(f"Tagged {count} people “{name.strip()}”.")
            self.context.data_changed.emit()

