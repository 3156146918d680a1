#!/usr/bin/env bash
# For a copy that is not installed from the .deb (a pip install, or the
# bundle unpacked somewhere): add Desktop CRM to your own menu, with its
# icons and "Open with Desktop CRM" for CSV and vCard files. No default
# program is changed: a double-click on a .csv still opens your spreadsheet.
#
#   packaging/linux/install-desktop-entry.sh [PATH-TO-desktop-crm]
#   packaging/linux/install-desktop-entry.sh --uninstall
#
# Uninstalling removes only the menu entry and icons; your contacts
# (~/.local/share/DesktopCRM) are never touched.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
app_id="org.desktopcrm.DesktopCRM"
apps="$data/applications"
icons="$data/icons/hicolor"
refresh() {
    update-desktop-database "$apps" 2>/dev/null || true
    gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/$app_id.desktop"
    find "$icons" -name "$app_id.png" -delete 2>/dev/null || true
    rm -f "$icons/scalable/apps/$app_id.svg"
    refresh
    echo "Removed the Desktop CRM menu entry and icons (your data is kept)."
    exit 0
fi

exec_path="${1:-$(command -v desktop-crm || true)}"
if [ -z "$exec_path" ] || [ ! -x "$exec_path" ]; then
    echo "install-desktop-entry: desktop-crm not found; pass its full path as the first argument" >&2
    exit 1
fi
exec_path="$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The entry comes from the same template as the .deb's, with the path quoted
# as the Desktop Entry spec asks; the icons are drawn from the SVG when Qt
# and Pillow are at hand, else the SVG alone is installed.
"$python" "$here/packaging/generate.py" linux "$work" --exec "$exec_path" >/dev/null
mkdir -p "$apps" "$icons/scalable/apps"
cp "$work/$app_id.desktop" "$apps/$app_id.desktop"
if "$python" "$here/packaging/make_icons.py" "$work/icons" >/dev/null 2>&1; then
    cp -r "$work/icons/hicolor/." "$icons/"
else
    cp "$here/resources/icons/desktop-crm.svg" "$icons/scalable/apps/$app_id.svg"
fi
refresh
echo "Installed $apps/$app_id.desktop: Desktop CRM is in your menu and under Open with for .csv and .vcf files."
echo "Undo with: $0 --uninstall"
