#!/usr/bin/env bash
# Install the .deb on this machine, check what it installed, and remove it:
# the command on the PATH runs, the desktop entry and the AppStream file
# validate, the icons are there, it takes over no default, and removal
# leaves nothing of the package behind and the user's data untouched.
# Needs root (dpkg), desktop-file-validate (desktop-file-utils) and
# appstreamcli (appstream).
#   packaging/linux/check-deb.sh dist/desktop-crm_<version>_<arch>.deb
set -euo pipefail
deb="${1:?usage: check-deb.sh PATH.deb}"
fail() { echo "check-deb: FAIL $*" >&2; exit 1; }
ok() { echo "check-deb: ok   $*"; }
app_id="org.desktopcrm.DesktopCRM"
[ -f "$deb" ] || fail "$deb: no such file"
version="$(dpkg-deb -f "$deb" Version)"

dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb"
ok "installed $(dpkg-deb -f "$deb" Package) $version"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
[ "$(command -v desktop-crm)" = "/usr/bin/desktop-crm" ] || fail "desktop-crm is not /usr/bin/desktop-crm"
said="$(cd / && HOME="$home" desktop-crm --version)"
[ "$said" = "desktop-crm $version" ] || fail "desktop-crm --version said '$said'"
# A user's own data, made by the installed command in their data folder.
HOME="$home" XDG_DATA_HOME="$home/.local/share" QT_QPA_PLATFORM=offscreen \
    desktop-crm contacts add --first-name Kept --last-name Safe >/dev/null 2>&1
data="$(find "$home" -name contacts.sqlite3 | head -1)"
[ -n "$data" ] || fail "the installed command made no database in the data folder"
ok "desktop-crm on the PATH: $said; a contact saved in $data"

entry="/usr/share/applications/$app_id.desktop"
desktop-file-validate "$entry" || fail "desktop-file-validate $entry"
grep -q '^Exec=desktop-crm %F$' "$entry" || fail "Exec line: $(grep ^Exec= "$entry" | head -1)"
grep -q '^MimeType=text/csv;text/vcard;text/x-vcard;$' "$entry" || fail "MimeType line"
ok "desktop-file-validate $entry"
metainfo="/usr/share/metainfo/$app_id.metainfo.xml"
appstreamcli validate --no-net "$metainfo" >/dev/null || { appstreamcli validate --no-net "$metainfo"; fail "appstreamcli validate"; }
ok "appstreamcli validate $metainfo"
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
    [ -f "/usr/share/icons/hicolor/$size/apps/$app_id.png" ] || fail "no $size icon"
done
[ -f "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ] || fail "no scalable icon"
ok "hicolor icons 16..512 and scalable"
# "Open with", never the default: the package writes no mimeapps.list.
if dpkg -L "$(dpkg-deb -f "$deb" Package)" | grep -q 'mimeapps.list'; then fail "the package ships a mimeapps.list"; fi
if dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -qE '(postinst|prerm|postrm)$'; then
    fail "the package has maintainer scripts"
fi
ok "no default taken (no mimeapps.list, no maintainer scripts)"

dpkg -r "$(dpkg-deb -f "$deb" Package)" >/dev/null || fail "dpkg -r"
[ ! -e /opt/desktop-crm ] || fail "/opt/desktop-crm is still there after removal"
[ ! -e /usr/bin/desktop-crm ] || fail "/usr/bin/desktop-crm is still there after removal"
[ ! -e "$entry" ] || fail "$entry is still there after removal"
[ -f "$data" ] || fail "removal touched the user's data ($data is gone)"
ok "removed cleanly; $data kept"
