"""Loading a big network, and laying out a big map, off the UI thread.

A million relationships take a few seconds to read, and 2,000 people a
fraction of a second to lay out; the window stays responsive meanwhile and
the map says what it is doing. Small networks load and lay out on the spot
(milliseconds), which keeps the common case simple.
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


class MapBuilder(QThread):
    """``build_map(*args)`` in a worker: its database reads use the worker's own connection."""

    built = Signal(object)  # NetworkMap
    failed = Signal(str)

    def __init__(self, args: tuple, parent=None) -> None:
        super().__init__(parent)
        self.args = args

    def run(self) -> None:
        try:
            network_map = net.build_map(*self.args)
        except Exception as exc:  # reported to the user, not swallowed
            self.failed.emit(f"Could not lay out the map: {exc}")
            return
        finally:
            net.graph.store_graph.close_thread_connection()
        if not self.isInterruptionRequested():
            self.built.emit(network_map)
