"""Plain text (.txt, .md, .text, no suffix, or any suffix named outright): bytes to text.

The encoding is what the bytes settle (a BOM, UTF-16 without one: see
``sniff``), else UTF-8, else GB18030 when the decoding reads as Chinese.
"""

from __future__ import annotations

import re

from zjpolicy.errors import ZjpolicyError
from zjpolicy.formats.sniff import plausible_chinese, sniff

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, but not \t \n \f \r


def read(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a plain-text file: UTF-8 (with or without BOM), UTF-16 (detected) or GB18030."""
    settled = sniff(data, name)
    if settled:
        return settled
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as e:
        why = f"{name}: not UTF-8, GB18030 or UTF-16 text (invalid UTF-8 at byte {e.start})"
        try:
            text = data.decode("gb18030")
            encoding = "gb18030"
        except UnicodeDecodeError:
            raise ZjpolicyError(why) from None
        if not plausible_chinese(text):
            raise ZjpolicyError(why) from None
    if _control_share(text) > 0.05:
        raise ZjpolicyError(f"{name}: binary file (control characters), not a text document")
    return text, encoding


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)
