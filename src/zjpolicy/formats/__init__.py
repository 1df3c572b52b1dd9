"""File formats: which reader turns a file's bytes into plain text.

One reader module per kind of file, chosen by suffix: plain text (``text``:
.txt, .md, .text, no suffix, and any other suffix of a file named outright),
CSV tables (``csv``), web pages (``html``: .html, .htm), Word files
(``docx``, also .doc and .wps), spreadsheets (``xlsx``, also .xls and .et) and
PDFs (``pdf``); the old Office and WPS files are converted by LibreOffice where
it is installed, else give a one-line error naming the fix (``legacy``). Each has
``read(data, name) -> (text, encoding)``. A reader module is imported when the
first file of its kind is read, and the parsers (selectolax, python-docx,
openpyxl, pdfplumber: the ``docs`` extra) only inside it, so loading plain
text never pays for them; the query path does not import this package at all.

Every reader writes the same kind of text: one line per paragraph or block,
and a table as one line per row with its cells joined by " | ", which the
table reader (``extract.tables.cell_stream``) reads as a pipe table.
"""

from __future__ import annotations

import importlib
from pathlib import Path

# suffix -> (reader module, format name). A file of another suffix, named outright, is read as plain text.
_READERS = {
    ".txt": ("zjpolicy.formats.text", "txt"),
    ".md": ("zjpolicy.formats.text", "txt"),
    ".text": ("zjpolicy.formats.text", "txt"),
    "": ("zjpolicy.formats.text", "txt"),
    ".csv": ("zjpolicy.formats.csv", "csv"),
    ".html": ("zjpolicy.formats.html", "html"),
    ".htm": ("zjpolicy.formats.html", "html"),
    ".docx": ("zjpolicy.formats.docx", "docx"),
    ".xlsx": ("zjpolicy.formats.xlsx", "xlsx"),
    ".pdf": ("zjpolicy.formats.pdf", "pdf"),
    ".doc": ("zjpolicy.formats.docx", "doc"),
    ".wps": ("zjpolicy.formats.docx", "wps"),
    ".xls": ("zjpolicy.formats.xlsx", "xls"),
    ".et": ("zjpolicy.formats.xlsx", "et"),
}
_PLAIN_TEXT = _READERS[".txt"]
TEXT_SUFFIXES = {suffix for suffix, reader in _READERS.items() if reader == _PLAIN_TEXT}
# Suffixes the loader picks up from a folder.
SUPPORTED_SUFFIXES = {suffix for suffix in _READERS if suffix}

__all__ = ["SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "read_text"]


def read_text(path: Path, data: bytes) -> tuple[str, str, str]:
    """Return (text, encoding, format) for a file's bytes; ZjpolicyError on a bad file."""
    module_name, fmt = _READERS.get(path.suffix.lower(), _PLAIN_TEXT)
    reader = importlib.import_module(module_name)
    content, encoding = reader.read(data, str(path))
    return content, encoding, fmt
