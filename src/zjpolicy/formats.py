"""File formats: which reader turns a file's bytes into plain text.

Plain text (.txt, .md, no extension) is decoded here. Readers for other
formats are imported only when a file of that kind is loaded, so the query
path never pays for them.
"""

from __future__ import annotations

from pathlib import Path

from zjpolicy.errors import ZjpolicyError

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
# Suffixes the loader picks up from a folder.
SUPPORTED_SUFFIXES = TEXT_SUFFIXES - {""}


def read_text(path: Path, data: bytes) -> tuple[str, str, str]:
    """Return (text, encoding, format) for a file's bytes."""
    from zjpolicy.corpus import decode

    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix not in _OTHER:
        text, encoding = decode(data, str(path))
        return text, encoding, "txt"
    raise ZjpolicyError(f"{path}: {suffix} files are not supported yet")


_OTHER: set[str] = set()
