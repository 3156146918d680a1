"""Loading a big network off the UI thread.

A million relationships take a few seconds to read; the window stays
responsive meanwhile and the map says what it is doing. Small networks
load on the spot (milliseconds), which keeps the common case simple.
"""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from ...services import network as net


class GraphLoader(QThread):
    loaded = Signal(object, object)  # NetworkGraph, the key read before loading
    failed = Signal(str)

    def __init__(self, key: tuple[str, int], parent=None) -> None:
        super().__init__(parent)
        self.key = key

    def run(self) -> None:
        try:
            network = net.graph.load_graph_in_worker()
        except Exception as exc:  # reported to the user, not swallowed
            self.failed.emit(f"Could not load the network: {exc}")
            return
        self.loaded.emit(network, self.key)
