#!/usr/bin/env bash
# Build Desktop CRM for macOS: "dist/Desktop CRM.app" (Info.plist from
# packaging/generate.py: version, minimum system, category, the .icns, CSV
# and vCard document types with rank Alternate) and a DMG to drag it from,
# dist/DesktopCRM-<version>.dmg. Run on a Mac with Python 3.11+.
# Signing and notarisation need the publisher's Apple certificate: set
# CODESIGN_IDENTITY to sign the .app before the DMG is made.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
[ -x build/venv/bin/python ] || "$PYTHON" -m venv build/venv
build/venv/bin/pip install -q --disable-pip-version-check \
    -c packaging/constraints.txt -r packaging/build-tools.txt -e ".[encryption]"
version="$(build/venv/bin/python -c 'from desktop_crm import appinfo; print(appinfo.VERSION)')"
name="$(build/venv/bin/python -c 'from desktop_crm import appinfo; print(appinfo.NAME)')"

build/venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/desktop-crm.spec
app="dist/$name.app"
plutil -lint "$app/Contents/Info.plist"
"$app/Contents/MacOS/desktop-crm" --version
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" "$app"
fi

# The DMG: the app and a link to /Applications, to drag it onto.
stage="build/dmg"
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="dist/DesktopCRM-$version.dmg"
rm -f "$dmg"
hdiutil create -volname "$name" -srcfolder "$stage" -ov -format UDZO "$dmg"
echo "built $dmg"
