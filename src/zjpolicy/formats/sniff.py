"""What a file's bytes alone tell: empty, a byte-order mark, a binary format, UTF-16 without BOM.

Shared by the plain-text reader and the web-page reader before each tries
the encodings of its own kind of file.
"""

from __future__ import annotations

import re
from functools import cache

from zjpolicy.errors import ZjpolicyError
from zjpolicy.rules import value

BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "a SQLite database",
}

_CJK = re.compile(r"[\u4e00-\u9fff]")
_TEXTLIKE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\t\n\r]")


def sniff(data: bytes, name: str, kind: str = "a text document") -> tuple[str, str] | None:
    """What the bytes alone tell: empty, a BOM, a binary format, UTF-16 without BOM, NUL bytes.

    Returns (text, encoding) when that settles the encoding, None when the caller decides;
    raises ZjpolicyError for what is no text at all."""
    if not data.strip():
        raise ZjpolicyError(f"{name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return strict_decode(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return strict_decode(data, "utf-16", name), "utf-16"
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ZjpolicyError(f"{name}: binary file ({what}), not {kind}")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return strict_decode(data, utf16, name), utf16
    if b"\x00" in data:
        raise ZjpolicyError(f"{name}: binary file (contains NUL bytes), not {kind}")
    return None


def strict_decode(data: bytes, encoding: str, name: str) -> str:
    """The bytes in this encoding, or a one-line error naming it."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ZjpolicyError(f"{name}: invalid {encoding.upper()} text") from None


@cache
def _common_characters() -> frozenset[str]:
    return frozenset(value("text", "common_characters", file="formats"))


def plausible_chinese(text: str) -> bool:
    """Mostly Chinese characters, and many of them common ones.

    Bytes that are no GB text still decode as GB18030, into rare characters."""
    cjk = _CJK.findall(text)
    if len(cjk) < 0.2 * max(1, len(text.strip())):
        return False
    common = _common_characters()
    return sum(1 for c in cjk if c in common) >= 0.25 * len(cjk)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 shows as NULs in every other byte for ASCII; CJK as a high share of valid pairs.

    Bytes without a NUL that are valid UTF-8 are UTF-8 (what nearly every file is): checked
    first, as one decoding, before two trial readings as UTF-16."""
    if len(data) < 4 or len(data) % 2:
        return None
    if b"\x00" not in data:
        return None if _valid_utf8(data) else _utf16_reading_as_chinese(data)
    return _utf16_by_nul_bytes(data) or _utf16_reading_as_text(data)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_by_nul_bytes(data: bytes) -> str | None:
    """ASCII in UTF-16: a NUL in nearly every other byte, on one side only."""
    even, odd = data[0::2], data[1::2]
    n = len(even)
    if odd.count(0) > 0.3 * n and even.count(0) < 0.05 * n:
        return "utf-16-le"
    if even.count(0) > 0.3 * n and odd.count(0) < 0.05 * n:
        return "utf-16-be"
    return None


def _utf16_reading_as_text(data: bytes) -> str | None:
    """Chinese text with a little ASCII: NULs too few for the rule of NUL bytes. The right byte
    order reads as text (CJK, punctuation, ASCII) almost throughout; the wrong one does not."""
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        share = len(_TEXTLIKE.findall(text)) / len(text)
        if share > 0.9 and (best is None or share > best[0]):
            best = (share, enc)
    return best[1] if best else None


def _utf16_reading_as_chinese(data: bytes) -> str | None:
    """No NUL at all and no UTF-8: UTF-16 when a byte order reads as mostly CJK and GB18030 does not."""
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if len(_CJK.findall(text)) > 0.6 * len(text):
            try:
                alt = data.decode("gb18030")
                if plausible_chinese(alt) and len(_CJK.findall(alt)) > 0.5 * len(alt):
                    return None
            except UnicodeDecodeError:
                pass
            return enc
    return None
