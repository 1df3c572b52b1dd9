"""File formats: which reader turns a file's bytes into plain text.

Plain text (.txt, .md, no extension) is decoded by ``corpus.decode``. Web
pages (.html, .htm), Word files (.docx) and PDFs (.pdf) have a reader each in
this package. Their parsers (selectolax, python-docx, pdfplumber: the ``docs``
extra) are imported only when a file of that kind is read, so importing this
module, and the query path, never pays for them.

Every reader writes the same kind of text: one line per paragraph or block,
and a table as one line per row with its cells joined by " | ", which the
table reader (``extract.tables.cell_stream``) reads as a pipe table.
"""

from __future__ import annotations

import importlib
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
# suffix -> (reader module, format name)
_READERS = {
    ".html": ("zjpolicy.formats.html", "html"),
    ".htm": ("zjpolicy.formats.html", "html"),
    ".docx": ("zjpolicy.formats.docx", "docx"),
    ".pdf": ("zjpolicy.formats.pdf", "pdf"),
}
# Suffixes the loader picks up from a folder.
SUPPORTED_SUFFIXES = (TEXT_SUFFIXES - {""}) | set(_READERS)

__all__ = ["SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "read_text"]


def read_text(path: Path, data: bytes) -> tuple[str, str, str]:
    """Return (text, encoding, format) for a file's bytes; ZjpolicyError on a bad file."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        from zjpolicy.corpus import decode

        text, encoding = decode(data, str(path))
        return text, encoding, "txt"
    module_name, fmt = reader
    module = importlib.import_module(module_name)
    text, encoding = module.read(data, str(path))
    return text, encoding, fmt
