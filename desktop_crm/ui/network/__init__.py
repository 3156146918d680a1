"""The network feature's widgets: the map, telephoto, wide angle, gatekeepers, reach, dialogs."""

from .none_guard import protect_none

protect_none()
