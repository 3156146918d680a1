"""What the bundle leaves out: Qt parts and packages the app never loads.

PyInstaller's PySide6 hook collects every plugin and translation of the
modules in use. The app is English only, runs on a desktop (X11, Wayland,
Windows, macOS) or offscreen, draws SVG icons, prints through CUPS, and
talks to itself over a local socket: no TLS, no embedded-device platforms,
no GTK theme (it would drag in GTK's own libraries). Used by the spec.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path, PurePosixPath

_APP = Path(__file__).resolve().parents[1] / "desktop_crm"


def app_imports(package: str, source: Path = _APP) -> bool:
    """Whether any module of the app imports ``package`` (or one of its modules).

    PyInstaller would collect numpy anyway: networkx imports it inside functions
    the app never calls. numpy (41 MB with its OpenBLAS) ships only if the app's
    own code comes to need it again (none does: the import of a big file keeps its
    key hashes in SQLite, ``importing/snapshot.py``).
    """
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [])
            if any(n == package or n.startswith(package + ".") for n in names):
                return True
    return False


# Python packages no code path of the app imports.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "scipy", "matplotlib", "IPython", "pytest",
    "setuptools", "pkg_resources", "pip", "distutils", "lib2to3", "pydoc_data",
    "unittest", "xmlrpc", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore",
    "PySide6.Qt3DCore", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    # No network: urllib and http.client import ssl only if it is there, and
    # hashlib falls back to its own digests (OpenSSL would add 5 MB).
    "ssl", "_ssl", "_hashlib",
    # No interactive prompt (readline drags in libreadline and libtinfo); no D-Bus
    # from Python (Qt's own D-Bus library stays: the platform plugins link it).
    "readline", "PySide6.QtDBus",
    # networkx's optional numeric algorithms, which the app never calls.
    "pandas",
    *([] if app_imports("numpy") else ["numpy"]),
]
# The licence list shows what ships: leave these out of it too.
EXCLUDED_DISTRIBUTIONS: list[str] = []
# reportlab imports Pillow on start but the prep sheet draws no bitmaps: its
# optional codecs (AVIF, WebP, colour management, Tk) and their libraries stay out.
_DROPPED_PIL = ("_avif", "_webp", "_imagingcms", "_imagingtk", "libavif", "libwebp",
                "libsharpyuv", "liblcms2", "libdav1d", "libaom")

_DROPPED_PLUGIN_DIRS = {
    "egldeviceintegrations", "generic", "networkinformation", "tls",
    "wayland-graphics-integration-server", "sqldrivers", "multimedia", "position",
    "qmltooling", "designer", "canbus", "sensors", "texttospeech", "webview",
}
_KEPT_PLATFORMS = {"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa"}
_KEPT_IMAGE_FORMATS = {"qsvg", "qico", "qjpeg", "qgif"}
_DROPPED_THEMES = {"qgtk3"}
# Wayland buffer integrations for a compositor sharing its buffers ("*-server"):
# a client application never loads them.
_DROPPED_WAYLAND_CLIENT = ("dmabuf-server", "drm-egl-server", "shm-emulation-server",
                           "vulkan-server")
# Linux: the GTK drawing stack came in only for the GTK theme plugin left out above.
# CUPS and its TLS chain (9 MB) come from the system (the .deb depends on
# libcups2); without it the print dialog still prints to PDF.
_DROPPED_SYSTEM_LIBS = ("libcups", "libgnutls", "libavahi-", "libp11-kit", "libtasn1",
                        "libnettle", "libhogweed", "libgmp", "libidn2", "libunistring",
                        "libssl", "libcrypto",
                        "libatk-", "libatk-bridge", "libatspi", "libgtk-", "libgdk-", "libgdk_pixbuf",
                        "libcairo", "libpango", "libpixman", "libthai", "libdatrie", "libfribidi",
                        "libgraphite2", "libharfbuzz", "libXrender", "libepoxy", "libjpeg",
                        # GIO and what only it needs: no bundled library links it and no
                        # run of the smoke test (window included) opens it.
                        "libgio-2.0", "libgobject-2.0", "libgmodule-2.0", "libmount",
                        "libblkid", "libselinux", "libXext")
_DROPPED_QT_LIBS = ("Qt6EglFSDeviceIntegration", "Qt6EglFsKmsSupport", "Qt6Pdf", "Qt6Qml",
                    "Qt6Quick", "Qt6VirtualKeyboard")


# A wheel's own copy of a library, renamed with a hash by auditwheel/delocate: the
# sqlcipher3-binary wheel links its SQLCipher against its own OpenSSL
# (libcrypto-<hash>.so.3), which encryption at rest needs; the system's stays out.
_VENDORED = re.compile(r"^lib(crypto|ssl)-[0-9a-f]{8}\.")


def _stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str) -> bool:
    """Whether a file bound for ``dest`` (a path inside the bundle) ships."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "translations" in parts and "PySide6" in parts:
        return False
    if "plugins" in parts:
        i = parts.index("plugins")
        folder = parts[i + 1] if len(parts) > i + 1 else ""
        stem = _stem(parts[-1])
        if folder in _DROPPED_PLUGIN_DIRS:
            return False
        if folder == "platforms" and stem not in _KEPT_PLATFORMS:
            return False
        if folder == "imageformats" and stem not in _KEPT_IMAGE_FORMATS:
            return False
        if folder == "platformthemes" and stem in _DROPPED_THEMES:
            return False
        if folder == "wayland-graphics-integration-client" and stem in _DROPPED_WAYLAND_CLIENT:
            return False
    name = parts[-1] if parts else ""
    if parts[0] in ("PIL", "pillow.libs") and name.startswith(_DROPPED_PIL):
        return False
    if len(parts) == 1 and name.startswith(_DROPPED_SYSTEM_LIBS) and not _VENDORED.match(name):
        return False
    return not any(_stem(name).startswith(lib) for lib in _DROPPED_QT_LIBS)


def filtered(toc: list) -> list:
    """A PyInstaller TOC (``(dest, source, kind)`` entries) without what ``keep`` drops."""
    return [entry for entry in toc if keep(entry[0])]
