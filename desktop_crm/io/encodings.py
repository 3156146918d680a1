"""Guessing a legacy (non-Unicode) encoding, and saying how sure the guess is.

A file without a byte-order mark that is not valid UTF-8 or UTF-16 was written
in a code page, and the bytes do not say which. ``guess(data)`` decodes a
sample (the lines holding non-ASCII bytes) with every plausible candidate and
scores each reading:

* single-byte code pages (Windows-1252 and its cousins, charset-normalizer's
  guesses) by signs of mojibake (:func:`_badness`); Windows-1252, what Outlook
  and Excel write, wins unless another is clearly less bad;
* the East Asian multi-byte encodings (Shift_JIS/cp932, EUC-JP, GBK, Big5,
  cp949) by how *common* the characters they give are: each has a core set
  that real text stays in (JIS X 0208, GB 2312, KS X 1001), and bytes of one
  encoding read as another land outside it (Shift_JIS read as cp949 gives
  rare Hangul syllables; GB 2312 read as Shift_JIS gives half-width katakana).
  A clean CJK reading beats a Windows-1252 reading that shows mojibake.

``Guess.alternatives`` lists the other readings that were close (empty when
the choice was clear), so the preview can offer them with a sample row each
(:func:`sample_line`). ``label(encoding)`` is the name a person reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_DETECT_SAMPLE = 64 * 1024
_SCORE_BYTES = 16384
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_HIGH_PAIR = re.compile(rb"[\x81-\xfe][\x40-\xfe]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
# Quotes and marks that legitimately touch letters in Western text.
_GLUE_OK = set("„“”‘’‚«»‹›'\u00a0–—…·-")
# Each multi-byte encoding with the core set real text of its language stays in.
_CJK = {"cp932": "euc_jp", "euc_jp": "euc_jp", "gbk": "gb2312", "big5": "big5",
        "cp949": "euc_kr"}
# charset-normalizer's names for the same encodings (supersets read the same text).
_CANONICAL = {"gb18030": "gbk", "gb2312": "gbk", "hz": "gbk", "euc_jis_2004": "euc_jp",
              "euc_jisx0213": "euc_jp", "shift_jis": "cp932", "shift_jis_2004": "cp932",
              "shift_jisx0213": "cp932", "big5hkscs": "big5", "cp950": "big5",
              "euc_kr": "cp949", "johab": "cp949", "iso2022_jp": "cp932"}
_LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)", "utf-32-le": "UTF-32 (little-endian)",
    "utf-32-be": "UTF-32 (big-endian)", "cp1252": "Windows-1252 (Western European)",
    "latin_1": "ISO-8859-1 (Latin-1)", "iso8859_15": "ISO-8859-15 (Western European)",
    "cp1250": "Windows-1250 (Central European)", "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)", "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)", "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)", "cp1258": "Windows-1258 (Vietnamese)",
    "mac_roman": "Mac Roman", "koi8_r": "KOI8-R (Russian)", "koi8_u": "KOI8-U (Ukrainian)",
    "cp932": "Shift_JIS (Japanese, Windows)", "shift_jis": "Shift_JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)", "gbk": "GBK (Simplified Chinese)",
    "gb2312": "GB2312 (Simplified Chinese)", "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Traditional Chinese)", "cp949": "CP949 (Korean)",
    "euc_kr": "EUC-KR (Korean)", "cp437": "DOS (US)", "cp850": "DOS (Western European)",
    "cp866": "DOS (Cyrillic)",
}


@dataclass(slots=True)
class Guess:
    """The chosen encoding and the other readings that were nearly as plausible."""

    encoding: str
    alternatives: list[str] = field(default_factory=list)


def label(encoding: str) -> str:
    """``utf-8-sig`` -> ``UTF-8 (with BOM)``: the encoding as a person names it."""
    key = encoding.lower().replace("-", "_")
    for name, text in _LABELS.items():
        if name.replace("-", "_") == key:
            return text
    return encoding.upper()


def sample_line(data: bytes, encoding: str, limit: int = 120) -> str:
    """The first line holding non-ASCII bytes, read in ``encoding`` (for a choice list)."""
    match = _HIGH_BYTE.search(data)
    if match is None:
        line = data.split(b"\n", 1)[0]
    else:
        start = data.rfind(b"\n", 0, match.start()) + 1
        end = data.find(b"\n", match.end())
        line = data[start:end if end >= 0 else len(data)]
    text = line.decode(encoding, errors="replace").strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass(slots=True)
class _Reading:
    encoding: str
    order: int
    bad: int
    foreign: int  # letters of another script (single-byte) or core CJK characters
    rare: int = 0  # CJK characters outside the encoding's core set
    multibyte: bool = False

    @property
    def clean_cjk(self) -> bool:
        return self.multibyte and self.bad == 0 and self.foreign > 0 \
            and self.rare * 10 <= self.foreign


def guess(data: bytes) -> Guess:
    """The most plausible legacy encoding of ``data`` (see the module docstring)."""
    from charset_normalizer import from_bytes

    sample = _non_ascii_sample(data)
    if not sample:
        return Guess("cp1252")
    scored_bytes = sample[:_SCORE_BYTES]
    cut = scored_bytes.rfind(b"\n")
    if len(sample) > _SCORE_BYTES and cut > 0:
        scored_bytes = scored_bytes[:cut]  # whole lines: no character cut in two
    try:
        guesses = [m.encoding for m in list(from_bytes(sample))[:6]
                   if not m.encoding.startswith("utf")]
    except Exception:  # pragma: no cover - detector bugs must not stop an import
        guesses = []
    candidates = ["cp1252", *(_CANONICAL.get(g, g) for g in guesses), "cp1250", "cp1251",
                  "latin_1"]
    if _HIGH_PAIR.search(scored_bytes):
        candidates += list(_CJK)
    readings = []
    for order, encoding in enumerate(dict.fromkeys(candidates)):
        reading = _read(scored_bytes, encoding, order)
        if reading is not None:
            readings.append(reading)
    if not readings:
        return Guess("latin_1")
    chosen = _choose(readings, _paired_share(scored_bytes))
    alternatives = [r.encoding for r in sorted(readings, key=_rank)
                    if r is not chosen and _close(r, chosen)]
    return Guess(chosen.encoding, _distinct(data, chosen.encoding, alternatives)[:3])


def _read(data: bytes, encoding: str, order: int) -> _Reading | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    multibyte = encoding in _CJK or len(text) < len(data) - 2
    if multibyte:
        core = _CJK.get(encoding)
        cjk = [c for c in text if _core_cjk(ord(c)) or 0xFF61 <= ord(c) <= 0xFF9F]
        rare = sum(1 for c in cjk if core is not None and not _in_core(c, core))
        rare += sum(1 for c in text if 0xFF61 <= ord(c) <= 0xFF9F)  # half-width katakana
        return _Reading(encoding, order, _badness(text), len(cjk), rare, True)
    foreign = sum(1 for c in text if c.isalpha() and _script(ord(c)))
    return _Reading(encoding, order, _badness(text), foreign)


@lru_cache(maxsize=1 << 14)
def _in_core(char: str, core: str) -> bool:
    try:
        encoded = char.encode(core)
    except UnicodeEncodeError:
        return False
    # Two bytes in the core set: EUC-KR spells rare syllables as 8-byte sequences, EUC-JP
    # its supplementary kanji with 3 bytes.
    return len(encoded) == 2 and (0xFF61 > ord(char) or ord(char) > 0xFF9F)


def _rank(reading: _Reading) -> tuple[int, int, int]:
    return (reading.bad + 3 * reading.rare, -int(reading.clean_cjk), reading.order)


def _paired_share(data: bytes) -> float:
    """The share of non-ASCII bytes that come in runs of two or more: nearly all in a
    multi-byte CJK text, few in Western text (one accented letter among ASCII ones)."""
    runs = [len(m) for m in _HIGH_RUN.findall(data)]
    total = sum(runs)
    return sum(r for r in runs if r >= 2) / total if total else 0.0


def _choose(readings: list[_Reading], paired: float) -> _Reading:
    """Windows-1252 unless another reading is clearly better (see the module docstring)."""
    western = readings[0] if readings[0].encoding == "cp1252" else None
    cjk = sorted((r for r in readings if r.clean_cjk), key=_rank)
    if cjk and (western is None or western.bad > 0 or cjk[0].foreign >= 8
                or paired >= 0.9):
        return cjk[0]
    single = [r for r in readings if not r.multibyte]
    if not single:
        return min(readings, key=_rank)
    best = min(single, key=lambda r: (r.bad, r.order))
    if western is None:
        return best
    # A clean decoding into another script (Cyrillic, Greek) beats cp1252 when cp1252
    # shows mojibake signs.
    clean = [r for r in single if r.bad == 0 and r.foreign >= 8 and western.bad >= 3]
    if clean:
        return clean[0]
    if 3 * best.bad + 6 <= western.bad:
        return best  # another code page must be clearly better to win
    return western


def _close(other: _Reading, chosen: _Reading) -> bool:
    """A reading worth offering beside the chosen one."""
    if other.multibyte:
        return other.clean_cjk
    if chosen.multibyte:
        return other.bad <= 2
    return other.bad <= chosen.bad + 2


def _distinct(data: bytes, chosen: str, others: list[str]) -> list[str]:
    """The alternatives that read the sample differently from the chosen encoding."""
    sample = _non_ascii_sample(data)[:_SCORE_BYTES]
    seen = {sample.decode(chosen, errors="replace")}
    out = []
    for encoding in others:
        text = sample.decode(encoding, errors="replace")
        if text not in seen:
            seen.add(text)
            out.append(encoding)
    return out


def _non_ascii_sample(data: bytes) -> bytes:
    """The lines holding non-ASCII bytes, up to a limit: what detection needs."""
    chunks: list[bytes] = []
    size = 0
    pos = 0
    while size < _DETECT_SAMPLE:
        match = _HIGH_BYTE.search(data, pos)
        if match is None:
            break
        start = data.rfind(b"\n", 0, match.start()) + 1
        end = data.find(b"\n", match.end())
        if end < 0:
            end = len(data)
        chunk = data[start:end][:4096]
        chunks.append(chunk)
        size += len(chunk) + 1
        pos = end + 1
    return b"\n".join(chunks)


def _core_cjk(code: int) -> bool:
    """Han ideographs, hiragana/katakana or Hangul syllables."""
    return 0x4E00 <= code <= 0x9FFF or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF


def _script(code: int) -> int:
    """A coarse script id: Latin, Greek, Cyrillic, ..., CJK (kana, Han, Hangul)."""
    if code < 0x370:
        return 0
    if 0x3040 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return 0x30
    if 0xAC00 <= code <= 0xD7AF:
        return 0xAC
    if 0x400 <= code <= 0x52F:
        return 0x4
    return code >> 8


def _badness(text: str) -> int:
    """Signs of a wrong code page: symbols inside words, C1 controls, words
    mixing scripts, and many words made mostly of accented Latin letters."""
    bad = words = accented = 0
    prev = before = " "
    prev_symbol = False
    word_letters = word_high = 0
    word_scripts: set[int] = set()
    for char in text + " ":
        if char.isalpha():
            word_letters += 1
            code = ord(char)
            word_scripts.add(_script(code))
            if 127 < code < 0x250:
                word_high += 1
        else:
            if word_letters:
                words += 1
                if len(word_scripts) > 1:
                    bad += 4
                if word_letters >= 3 and word_high * 4 >= word_letters * 3:
                    accented += 1
            word_letters = word_high = 0
            word_scripts = set()
            code = ord(char)
            if 0x80 <= code < 0xA0:
                bad += 10
            elif char == "\ufffd":
                bad += 10
        if prev_symbol and char.isalpha() and before.isalpha():
            bad += 1  # a symbol inside a word: "Wroc³aw", "GdaÒsk"
        prev_symbol = ord(char) > 127 and not char.isalpha() and char not in _GLUE_OK
        before = prev
        prev = char
    # Words made mostly of accented Latin letters are normal now and then
    # (Polish "Żółć"); when they are common, it is Cyrillic read as cp1252.
    if accented * 3 > words:
        bad += accented
    return bad


