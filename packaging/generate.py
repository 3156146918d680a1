"""Write the files each operating system needs to know the app, from one source.

Everything here is derived from :mod:`desktop_crm.appinfo` (name, reverse-DNS
id, version, publisher, file types), so the Linux desktop entry and AppStream
file, the Windows installer script and the macOS ``Info.plist`` cannot drift
from the app or from each other (``tests/test_packaging.py`` checks them).

    python packaging/generate.py linux OUTDIR [--exec COMMAND]
    python packaging/generate.py windows OUTDIR
    python packaging/generate.py macos OUTDIR
"""

from __future__ import annotations

import argparse
import plistlib
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop_crm import appinfo  # noqa: E402

DESKTOP_TEMPLATE = ROOT / "resources" / "desktop-crm.desktop"
ISS_TEMPLATE = ROOT / "packaging" / "windows" / "desktop-crm.iss.in"
DEFAULT = ' type="default"'
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


# --- Linux ------------------------------------------------------------------------------
def desktop_exec_quote(argument: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (then escape the string)."""
    argument = argument.replace("%", "%%")
    if any(ch in _RESERVED for ch in argument):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
        argument = f'"{inner}"'
    return argument.replace("\\", "\\\\")  # the string-level escape comes on top


def desktop_entry(command: str = appinfo.COMMAND, icon: str = appinfo.APP_ID) -> str:
    """The .desktop file for ``command`` (a name on the PATH or a full path)."""
    values = {
        "@NAME@": appinfo.NAME,
        "@EXEC@": desktop_exec_quote(command),
        "@TRYEXEC@": command.replace("\\", "\\\\"),
        "@ICON@": icon,
        "@WMCLASS@": appinfo.COMMAND,
        "@MIMETYPES@": "".join(f"{m};" for m in appinfo.mime_types()),
    }
    text = DESKTOP_TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def metainfo_xml() -> str:
    """AppStream metainfo: what software centres show, with screenshots and the release."""
    # Links and screenshots only where there is a real address (appinfo: empty until published).
    shots = "\n".join(
        f"    <screenshot{DEFAULT if i == 0 else ''}>\n"
        f"      <caption>{escape(caption)}</caption>\n"
        f"      <image>{escape(appinfo.SCREENSHOT_BASE_URL.rstrip('/') + '/' + path)}</image>\n"
        f"    </screenshot>"
        for i, (path, caption) in enumerate(appinfo.SCREENSHOTS))
    screenshots = f"\n  <screenshots>\n{shots}\n  </screenshots>" if appinfo.SCREENSHOT_BASE_URL else ""
    homepage = (f'\n  <url type="homepage">{escape(appinfo.HOMEPAGE)}</url>'
                if appinfo.HOMEPAGE else "")
    mimes = "\n".join(f"    <mediatype>{m}</mediatype>" for m in appinfo.mime_types())
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{appinfo.APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>{appinfo.LICENSE}</project_license>
  <name>{escape(appinfo.NAME)}</name>
  <summary>Your job-search network: contacts, introductions and informational interviews</summary>
  <developer id="org.desktopcrm">
    <name>{escape(appinfo.PUBLISHER)}</name>
  </developer>
  <description>
    <p>
      Most jobs are found through people: a friend of a friend, met over a short coffee.
      {escape(appinfo.NAME)} keeps track of who you know, who they know, and every
      conversation, privately on your own computer.
    </p>
    <ul>
      <li>Import your LinkedIn, Google, Outlook or vCard contacts, merged without duplicates</li>
      <li>See the warmest path to a person or a company, and the introduction to ask for</li>
      <li>Plan informational interviews and print a one-page prep sheet for each</li>
      <li>Follow up with thank-you notes and introductions, and compare what people told you</li>
    </ul>
  </description>
  <launchable type="desktop-id">{appinfo.APP_ID}.desktop</launchable>{homepage}
  <categories>
    <category>Office</category>
    <category>ContactManagement</category>
  </categories>
  <provides>
    <binary>{appinfo.COMMAND}</binary>
{mimes}
  </provides>{screenshots}
  <releases>
    <release version="{appinfo.VERSION}" date="{appinfo.RELEASE_DATE}"/>
  </releases>
  <content_rating type="oars-1.1"/>
</component>
"""


def deb_control(architecture: str, installed_kib: int) -> str:
    """The .deb's control file: the bundle needs only common system libraries."""
    depends = ", ".join([
        "libc6", "libcups2", "libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libdbus-1-3",
        "libxkbcommon0", "libxkbcommon-x11-0", "libglib2.0-0", "libx11-xcb1", "libxcb-cursor0",
        "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
        "libxcb-render-util0", "libxcb-shape0", "libxcb-xfixes0", "libxcb-xkb1",
    ])
    maintainer = appinfo.PUBLISHER + (f" <{appinfo.MAINTAINER_EMAIL}>" if appinfo.MAINTAINER_EMAIL else "")
    homepage = f"Homepage: {appinfo.HOMEPAGE}\n" if appinfo.HOMEPAGE else ""
    return (
        f"Package: {appinfo.COMMAND}\n"
        f"Version: {appinfo.VERSION}\n"
        f"Architecture: {architecture}\n"
        f"Maintainer: {maintainer}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends}\n"
        "Recommends: fonts-dejavu-core\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"{homepage}"
        f"Description: {appinfo.SUMMARY}\n"
        " A private, offline personal CRM for job seekers who network through\n"
        " informational interviews: contacts, who knows whom, the warmest path to a\n"
        " target, meetings with printed prep sheets, follow-ups and findings.\n"
        " Double-clicking a CSV or vCard file offers it for import (Open with).\n"
    )


# --- Windows ----------------------------------------------------------------------------
def inno_script() -> str:
    """The Inno Setup script with the version, publisher and file types filled in."""
    open_with = "\n".join(
        f'Root: HKA; Subkey: "Software\\Classes\\.{ext}\\OpenWithProgids"; ValueType: string; '
        f'ValueName: "{{#ProgId}}"; ValueData: ""; Flags: uninsdeletevalue\n'
        f'Root: HKA; Subkey: "Software\\Classes\\Applications\\{{#AppExe}}\\SupportedTypes"; '
        f'ValueType: string; ValueName: ".{ext}"; ValueData: ""'
        for ext in appinfo.extensions())
    values = {
        "@NAME@": appinfo.NAME,
        "@VERSION@": appinfo.VERSION,
        "@PUBLISHER@": appinfo.PUBLISHER,
        "@HOMEPAGE@": appinfo.HOMEPAGE,
        "@WINDOWED_EXE@": appinfo.WINDOWED_EXE,
        "@COMMAND@": appinfo.COMMAND,
        "@GUID@": appinfo.WINDOWS_APP_GUID,
        "@OPEN_WITH@": open_with + "\n",
    }
    text = ISS_TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    return text


# --- macOS ------------------------------------------------------------------------------
def info_plist() -> dict:
    """The ``.app``'s Info.plist entries (PyInstaller's BUNDLE merges them)."""
    return {
        "CFBundleName": appinfo.NAME,
        "CFBundleDisplayName": appinfo.NAME,
        "CFBundleIdentifier": appinfo.APP_ID,
        "CFBundleShortVersionString": appinfo.VERSION,
        "CFBundleVersion": appinfo.VERSION,
        "CFBundleIconFile": "desktop-crm.icns",
        "LSMinimumSystemVersion": appinfo.MACOS_MINIMUM,
        "LSApplicationCategoryType": appinfo.MACOS_CATEGORY,
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": f"{appinfo.PUBLISHER}, {appinfo.LICENSE} licence",
        # "Open with" for contact files without taking them from spreadsheets (Alternate).
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": kind.name,
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": [kind.uti],
                "CFBundleTypeExtensions": list(kind.extensions),
                "CFBundleTypeMIMETypes": list(kind.mime_types),
            }
            for kind in appinfo.FILE_TYPES
        ],
    }


def write(kind: str, out: Path, command: str = appinfo.COMMAND) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes] = {}
    if kind == "linux":
        files[f"{appinfo.APP_ID}.desktop"] = desktop_entry(command)
        files[f"{appinfo.APP_ID}.metainfo.xml"] = metainfo_xml()
    elif kind == "windows":
        files["desktop-crm.iss"] = inno_script()
    elif kind == "macos":
        files["Info.plist"] = plistlib.dumps(info_plist())
    else:
        raise SystemExit(f"generate.py: unknown kind {kind!r} (linux, windows, macos)")
    written = []
    for name, content in files.items():
        path = out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\r\n" if kind == "windows" else "\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["linux", "windows", "macos"])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--exec", dest="command", default=appinfo.COMMAND,
                        help="the command the desktop entry runs (default: %(default)s on the PATH)")
    args = parser.parse_args(argv)
    for path in write(args.kind, args.outdir, args.command):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
