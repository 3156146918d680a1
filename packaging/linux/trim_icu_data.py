"""Rebuild the bundle's ICU data library without the parts Qt never reads.

    python packaging/linux/trim_icu_data.py dist/desktop-crm/_internal/PySide6/Qt/lib/libicudata.so.73

PySide6's Qt links ICU, whose data library is 32 MB. Of ICU, Qt calls only
converters (``ucnv_*``: QStringConverter), case mapping (``u_strToUpper``),
collation (``ucol_*``: QCollator) and calendars/time-zone names (``ucal_*``:
QTimeZone); ``nm -D --undefined-only libQt6Core.so.6`` lists them, and no other
Qt library or PySide6 module calls ICU. So the break-iterator rules and
dictionaries (Qt breaks text itself), unit, currency and language display
names, transliterators and spelled-out numbers (about 14 MB) are never read.
They are removed with ICU's own ``icupkg`` and the package is written back as a
library exporting the same ``icudt<N>_dat`` symbol with ``genccode`` and the C
compiler (Debian: ``icu-devtools``, ``gcc``). Without those tools the library is
left as it is, and the build says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Item folders of the ICU data package that no ICU function Qt calls reads.
DROPPED = ("brkitr", "unit", "curr", "lang", "translit", "rbnf")
# The table-driven character-set converters (5 MB): Qt reaches them only through
# QStringConverter with a legacy encoding's name, which the app never uses (files
# are decoded by Python's codecs); UTF-8/16/32, Latin-1 and ASCII are built into
# ICU's code and stay.
DROPPED_SUFFIXES = (".cnv",)
TOOLS = ("icupkg", "genccode", "cc", "nm", "readelf")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """``(name, file offset, size)`` of the library's ``icudt<N>_dat`` symbol."""
    for line in _run("nm", "-D", "-S", "--defined-only", str(library)).splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            address, size, name = int(fields[0], 16), int(fields[1], 16), fields[3]
            break
    else:
        raise ValueError(f"{library}: no icudt<N>_dat symbol")
    # The section holding it maps addresses to file offsets.
    for line in _run("readelf", "-SW", str(library)).splitlines():
        match = re.search(r"\]\s+\S+\s+\S+\s+([0-9a-f]{16})\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if match:
            start, offset, length = (int(g, 16) for g in match.groups())
            if start <= address < start + length:
                return name, address - start + offset, size
    raise ValueError(f"{library}: {name} is in no section")


def trim(library: Path) -> tuple[int, int]:
    """Rewrite ``library`` without the DROPPED items; returns the sizes before and after."""
    name, offset, size = _data_symbol(library)
    package = name[: -len("_dat")] + "l"  # icudt73l: the package name inside the data
    before = library.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "out").mkdir()
        source = work / "in" / f"{package}.dat"
        with library.open("rb") as handle:
            handle.seek(offset)
            source.write_bytes(handle.read(size))
        items = _run("icupkg", "-l", str(source)).split()
        dropped = [item for item in items
                   if item.split("/")[0] in DROPPED or item.endswith(DROPPED_SUFFIXES)]
        (work / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="ascii")
        trimmed = work / "out" / f"{package}.dat"
        _run("icupkg", "-r", str(work / "drop.txt"), str(source), str(trimmed))
        _run("genccode", "-a", "gcc", "-e", name[: -len("_dat")], "-d", str(work), str(trimmed))
        rebuilt = work / library.name
        _run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(rebuilt),
             str(work / f"{package}_dat.S"))
        shutil.copyfile(rebuilt, library)
    return before, library.stat().st_size


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    library = Path(sys.argv[1])
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(f"trim_icu_data: {', '.join(missing)} not found (Debian: icu-devtools, gcc, "
              f"binutils); {library.name} left whole")
        return 0
    before, after = trim(library)
    print(f"trim_icu_data: {library.name} {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB "
          f"(without {', '.join(DROPPED + DROPPED_SUFFIXES)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
