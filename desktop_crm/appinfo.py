"""Who the app is to the operating system: its name, ids, version and the files it opens.

One place for what the window (``setDesktopFileName``), the About dialog, the
PyInstaller spec, the Linux desktop entry and AppStream file, the Windows
installer and the macOS ``Info.plist`` all need, so none of them can drift.
The version itself lives in :mod:`desktop_crm` (``__version__``), which
``pyproject.toml`` reads too. Imports nothing of ours but that.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import __version__

VERSION = __version__
NAME = "Desktop CRM"
# Reverse-DNS id: the .desktop file's and AppStream's name, the macOS bundle id.
APP_ID = "org.desktopcrm.DesktopCRM"
# The command on the PATH and the bundle's folder name.
COMMAND = "desktop-crm"
# Windows: the windowed program a double-click starts (the console one is COMMAND.exe).
WINDOWED_EXE = "DesktopCRM"
PUBLISHER = "The Desktop CRM authors"
SUMMARY = "Find your next job through people: contacts, introductions and informational interviews"
LICENSE = "MIT"
# The release the version names, for AppStream's <release> (bump with __version__).
RELEASE_DATE = "2026-11-23"
# Where the project lives and who answers for the package. None of these exists
# yet, so they are empty rather than made up: the AppStream file, the .deb and
# the Windows installer leave out what is empty. A maintainer fills them in
# before publishing (packaging/README.md, "Before publishing").
HOMEPAGE = ""  # e.g. "https://example.org/desktop-crm/"; AppStream <url>, .deb Homepage, installer links
# Where the AppStream screenshots are published (an https folder holding the files
# SCREENSHOTS names); empty: the AppStream file lists no screenshots.
SCREENSHOT_BASE_URL = ""
SCREENSHOTS = (
    ("contacts.png", "The contact table and a person's details on the sample network"),
)
MAINTAINER_EMAIL = ""  # the .deb's Maintainer is PUBLISHER, with this address once there is one
# Windows: the installer's fixed id, so an upgrade replaces the old version.
WINDOWS_APP_GUID = "6F1C2E4B-8B7A-4B0E-9A8F-2C1D3E4F5A6B"
MACOS_MINIMUM = "11.0"
MACOS_CATEGORY = "public.app-category.productivity"


@dataclass(frozen=True)
class FileType:
    """A kind of file a double-click may hand to the app (offered, never taken over)."""

    name: str
    extensions: tuple[str, ...]
    mime_types: tuple[str, ...]
    uti: str  # macOS Uniform Type Identifier


FILE_TYPES: tuple[FileType, ...] = (
    FileType("Contacts export (CSV)", ("csv",), ("text/csv",), "public.comma-separated-values-text"),
    FileType("vCard", ("vcf",), ("text/vcard", "text/x-vcard"), "public.vcard"),
)


def mime_types() -> list[str]:
    """Every MIME type the app offers to open, in a fixed order."""
    return [mime for kind in FILE_TYPES for mime in kind.mime_types]


def extensions() -> list[str]:
    """Every file extension (without the dot) the app offers to open."""
    return [ext for kind in FILE_TYPES for ext in kind.extensions]
