#!/usr/bin/env bash
# Build the Linux bundle (dist/desktop-crm/) and a .deb of it
# (dist/desktop-crm_<version>_<arch>.deb), with the build tools pinned in
# packaging/constraints.txt. Run from anywhere; needs python3 (3.11+) with
# venv, and dpkg-deb (Debian, Ubuntu).
#
#   packaging/build-linux.sh            # build venv in build/venv, then both
#   PYTHON=python3.12 packaging/build-linux.sh
#
# The .deb installs the bundle in /opt/desktop-crm, the desktop-crm command
# in /usr/bin, the desktop entry ("Open with" for CSV and vCard, taking over
# no default), the icons and the AppStream metainfo. It has no maintainer
# scripts: removing it removes exactly its files, never anyone's data.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
PYTHON="${PYTHON:-python3}"
venv="$root/build/venv"
seconds() { date +%s; }
started=$(seconds)

if [ ! -x "$venv/bin/python" ]; then
    "$PYTHON" -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check \
    -c packaging/constraints.txt -r packaging/build-tools.txt -e ".[encryption]"
py="$venv/bin/python"
version="$("$py" -c 'from desktop_crm import appinfo; print(appinfo.VERSION)')"
app_id="$("$py" -c 'from desktop_crm import appinfo; print(appinfo.APP_ID)')"
command="$("$py" -c 'from desktop_crm import appinfo; print(appinfo.COMMAND)')"
echo "build-linux: tools ready ($(( $(seconds) - started )) s)"

# The bundle (the spec also draws the icons into build/icons and writes the licence list).
t=$(seconds)
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/desktop-crm.spec
bundle="dist/$command"
# Qt's ICU data without what Qt never reads (32 MB -> 12.8 MB; see the script).
find "$bundle" -type f -name 'libicudata.so.*' -exec "$py" packaging/linux/trim_icu_data.py {} \;
# Debug symbols out (the Python library ships with them), except in the libraries
# wheels vendor in "*.libs" folders, which strip breaks (they were patched by auditwheel).
find "$bundle" -type f \( -name '*.so' -o -name '*.so.*' \) \
    -not -path '*.libs/*' -exec strip --strip-unneeded {} + 2>/dev/null || true
size_mb=$(du -sm "$bundle" | cut -f1)
files=$(find "$bundle" -type f | wc -l)
echo "build-linux: bundle $bundle: ${size_mb} MB, $files files ($(( $(seconds) - t )) s)"
# The budget: a bundle that grows past it fails the build (see bundle_contents.py
# for what is left out). 150 MB by du -sm (145 MiB of bytes), 1,442 files, since the
# app stopped importing numpy and the ICU converters went
# (42 MB with its OpenBLAS; bundle_contents.py leaves it out while no module needs it).
budget_mb="${BUNDLE_BUDGET_MB:-155}"
if [ "$size_mb" -gt "$budget_mb" ]; then
    echo "build-linux: the bundle is ${size_mb} MB, over its budget of ${budget_mb} MB" >&2
    exit 1
fi

# The package tree.
t=$(seconds)
stage="build/deb/root"
rm -rf build/deb
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/metainfo" "$stage/usr/share/icons" "$stage/usr/share/doc/$command"
cp -a "$bundle" "$stage/opt/$command"
ln -s "/opt/$command/$command" "$stage/usr/bin/$command"
"$py" packaging/generate.py linux build/deb/generated >/dev/null
cp "build/deb/generated/$app_id.desktop" "$stage/usr/share/applications/"
cp "build/deb/generated/$app_id.metainfo.xml" "$stage/usr/share/metainfo/"
cp -r build/icons/hicolor "$stage/usr/share/icons/"
cp LICENSE "$stage/usr/share/doc/$command/copyright"
cp build/licences/THIRD-PARTY-NOTICES.txt "$stage/usr/share/doc/$command/"
# Files 0644, folders and programs 0755, whatever the umask was.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/opt/$command/$command"
find "$stage/opt/$command" -type f -name '*.so*' -exec chmod 0755 {} +
arch="$(dpkg --print-architecture)"
installed_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
"$py" -c "import sys; sys.path.insert(0, 'packaging'); import generate; print(generate.deb_control('$arch', $installed_kib), end='')" \
    > "$stage/DEBIAN/control"
deb="dist/${command}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -z1 --build "$stage" "$deb" >/dev/null
echo "build-linux: package $deb: $(du -m "$deb" | cut -f1) MB ($(( $(seconds) - t )) s)"
echo "build-linux: done in $(( $(seconds) - started )) s"
