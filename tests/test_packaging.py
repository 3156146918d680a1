"""The installers agree with the app: one version (desktop_crm.__version__),
one app id, the same file types, offered but never taken over."""

from __future__ import annotations

import os
import plistlib
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_crm import __version__, appinfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_contents  # noqa: E402
import generate  # noqa: E402


def test_the_version_is_written_in_one_place() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    literal = re.compile(re.escape(__version__) + r"(?![\d.])")
    for path in [ROOT / "pyproject.toml", *sorted((ROOT / "packaging").rglob("*"))]:
        if path.is_file() and path.suffix not in (".pyc", ".png") and path.name != "constraints.txt":
            assert not literal.search(path.read_text(encoding="utf-8")), f"{path} repeats the version"


def test_the_inno_setup_script_takes_version_and_file_types_from_the_app() -> None:
    script = generate.inno_script()
    assert "@" not in "".join(line for line in script.splitlines() if not line.startswith(";"))
    assert f'#define AppVersion "{__version__}"' in script
    assert f'#define AppPublisher "{appinfo.PUBLISHER}"' in script
    assert "ArchitecturesInstallIn64BitMode=x64compatible" in script
    assert "ArchitecturesAllowed=x64compatible" in script
    assert re.search(r"^LicenseFile=.*LICENSE$", script, re.M)
    assert re.search(r"^SetupIconFile=.*desktop-crm\.ico$", script, re.M)
    for ext in appinfo.extensions():
        assert f'Subkey: "Software\\Classes\\.{ext}\\OpenWithProgids"; ValueType: string; ValueName: "{{#ProgId}}"' in script
        assert f'ValueName: ".{ext}"' in script
        # The extension's own default (what a double-click opens) is never written.
        assert not re.search(rf'Subkey: "Software\\Classes\\.{ext}"; ValueType: string; ValueData', script)
    # Uninstalling removes the program, never the data folder.
    uninstall = script.split("[UninstallDelete]", 1)[1].split("[", 1)[0]
    assert "{app}" in uninstall and "DesktopCRM\"" not in uninstall
    assert "localappdata" not in uninstall.replace("%LOCALAPPDATA%", "")


def test_the_macos_plist_takes_version_and_document_types_from_the_app() -> None:
    plist = plistlib.loads(plistlib.dumps(generate.info_plist()))
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["CFBundleIdentifier"] == appinfo.APP_ID
    assert plist["LSMinimumSystemVersion"] == appinfo.MACOS_MINIMUM
    assert plist["LSApplicationCategoryType"].startswith("public.app-category.")
    assert plist["CFBundleIconFile"].endswith(".icns")
    kinds = plist["CFBundleDocumentTypes"]
    assert {k["LSHandlerRank"] for k in kinds} == {"Alternate"}
    assert sorted(u for k in kinds for u in k["LSItemContentTypes"]) == sorted(t.uti for t in appinfo.FILE_TYPES)
    assert sorted(e for k in kinds for e in k["CFBundleTypeExtensions"]) == sorted(appinfo.extensions())


def test_the_desktop_entry_offers_the_same_types_with_exec_quoted(tmp_path: Path) -> None:
    entry = generate.desktop_entry()
    assert "MimeType=text/csv;text/vcard;text/x-vcard;\n" in entry
    assert "Exec=desktop-crm %F\n" in entry and f"Icon={appinfo.APP_ID}\n" in entry
    assert "@" not in entry
    assert generate.desktop_exec_quote("/opt/desktop-crm/desktop-crm") == "/opt/desktop-crm/desktop-crm"
    assert generate.desktop_exec_quote("/home/a b/desktop-crm") == '"/home/a b/desktop-crm"'
    assert generate.desktop_exec_quote('/x/"q"$1/app') == '"/x/\\\\"q\\\\"\\\\$1/app"'
    assert generate.desktop_exec_quote("/x/100%/app") == "/x/100%%/app"
    if shutil.which("desktop-file-validate"):
        for command in ("desktop-crm", "/home/a b/my \"apps\"/desktop-crm"):
            path = tmp_path / f"{appinfo.APP_ID}.desktop"
            path.write_text(generate.desktop_entry(command), encoding="utf-8")
            result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
            assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_appstream_file_names_the_app_and_this_release() -> None:
    root = ET.fromstring(generate.metainfo_xml())
    assert root.findtext("id") == appinfo.APP_ID
    assert root.find("launchable").text == f"{appinfo.APP_ID}.desktop"
    assert root.find("releases/release").get("version") == __version__
    # Screenshots and a homepage only where they are really published (appinfo, README).
    images = [i.text for i in root.findall("screenshots/screenshot/image")]
    if appinfo.SCREENSHOT_BASE_URL:
        assert images and all(i.startswith(appinfo.SCREENSHOT_BASE_URL) for i in images)
    else:
        assert not images
    assert root.findtext("url") == (appinfo.HOMEPAGE or None)
    assert [m.text for m in root.findall("provides/mediatype")] == appinfo.mime_types()


def test_the_deb_control_file() -> None:
    control = generate.deb_control("amd64", 160000)
    assert f"Version: {__version__}\n" in control and "Package: desktop-crm\n" in control
    assert "libcups2" in control and "Installed-Size: 160000\n" in control
    # No made-up address: an email in Maintainer and a Homepage only once they are real.
    assert f"Maintainer: {appinfo.PUBLISHER}" in control
    assert ("<" in control) == bool(appinfo.MAINTAINER_EMAIL)
    assert ("Homepage:" in control) == bool(appinfo.HOMEPAGE)


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("libcairo.so.2", False),
    ("libcrypto.so.3", False),  # the system's OpenSSL: nothing needs it
    ("libcrypto-0dcfa43e.so.3", True),  # sqlcipher3-binary's own: encryption at rest
    ("sqlcipher3_binary.libs/libcrypto-0dcfa43e.so.3", True),
    ("libxcb-cursor.so.0", True),
    ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", True),
    ("PIL/_avif.cpython-311-x86_64-linux-gnu.so", False),
    ("resources/fonts/DejaVuSans.ttf", True),
    ("libgio-2.0.so.0", False),  # GIO: nothing bundled links it
    ("libglib-2.0.so.0", True),  # Qt links GLib (its event loop)
    ("PySide6/Qt/plugins/wayland-graphics-integration-client/libdmabuf-server.so", False),
    ("PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
])
def test_the_bundle_leaves_out_only_what_the_app_never_loads(dest: str, kept: bool) -> None:
    assert bundle_contents.keep(dest) is kept


def test_numpy_ships_only_while_the_app_imports_it(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\nfrom numpyish import x\n", encoding="utf-8")
    assert not bundle_contents.app_imports("numpy", tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.py").write_text("def f():\n    from numpy.linalg import norm\n",
                                           encoding="utf-8")
    assert bundle_contents.app_imports("numpy", tmp_path)
    assert ("numpy" in bundle_contents.EXCLUDED_MODULES) is not bundle_contents.app_imports("numpy")


_ICU_USE = """
from PySide6.QtCore import QCollator, QLocale, QTimeZone
print(QCollator(QLocale("sv_SE")).compare("ö", "z"), QCollator(QLocale("de_DE")).compare("ä", "b"))
print(QLocale("tr_TR").toUpper("i"), QLocale("en_US").toUpper("straße"))
tz = QTimeZone(b"Europe/Berlin")
print(tz.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale("de_DE")))
"""


@pytest.mark.skipif(not all(shutil.which(t) for t in ("icupkg", "genccode", "cc", "nm", "readelf")),
                    reason="needs icu-devtools, gcc and binutils")
def test_the_trimmed_icu_data_still_serves_what_qt_asks_of_icu(tmp_path: Path) -> None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 has no ICU of its own")
    library = tmp_path / found[0].name
    shutil.copyfile(found[0], library)
    trim = ROOT / "packaging" / "linux" / "trim_icu_data.py"
    subprocess.run([sys.executable, str(trim), str(library)], check=True, capture_output=True)
    assert library.stat().st_size < 0.7 * found[0].stat().st_size

    def qt_answers(preload: Path | None) -> str:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        if preload:
            env["LD_PRELOAD"] = str(preload)  # stands in for the library of the same name
        result = subprocess.run([sys.executable, "-c", _ICU_USE], env=env, capture_output=True,
                                text=True, check=True)
        return result.stdout + result.stderr

    whole = qt_answers(None)
    assert "Mitteleuropäische" in whole and "İ" in whole
    assert qt_answers(library) == whole
