#!/usr/bin/env bash
# Register Desktop CRM with the desktop: menu entry, icon, and "Open with" for
# .csv and .vcf files (a double-click then opens the import dialog).
# Usage: packaging/linux/install-desktop-entry.sh [PATH-TO-desktop-crm]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
exec_path="${1:-$(command -v desktop-crm || true)}"
if [ -z "$exec_path" ]; then
    echo "install-desktop-entry: desktop-crm is not on PATH; pass its path as the first argument" >&2
    exit 1
fi
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
mkdir -p "$apps" "$icons"
sed "s|@EXEC@|$exec_path|" "$here/resources/desktop-crm.desktop" > "$apps/desktop-crm.desktop"
cp "$here/resources/icons/desktop-crm.svg" "$icons/desktop-crm.svg"
update-desktop-database "$apps" 2>/dev/null || true
# Add to the list of handlers without replacing the user's default spreadsheet.
xdg-mime default desktop-crm.desktop text/vcard text/x-vcard 2>/dev/null || true
echo "Installed $apps/desktop-crm.desktop (Open with > Desktop CRM for .csv and .vcf)."
