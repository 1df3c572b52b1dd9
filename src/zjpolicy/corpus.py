"""Reading documents: the top of the reading path.

A file's bytes become text through its reader (``formats``), the text is
normalised (``normalise``) into the two aligned views of a ``Document``, and
``metadata.describe`` fills in its title, document number, issuer, date, kind,
year and region. Imports only go down: formats, normalise, document, metadata.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from zjpolicy.document import Document
from zjpolicy.errors import ZjpolicyError, cannot_read
from zjpolicy.formats import read_text
from zjpolicy.metadata import describe
from zjpolicy.normalise import normalise
from zjpolicy.rewrap import rejoin_wrapped

__all__ = ["Document", "document_from_stored", "document_from_text", "read_document"]


def read_document(path: Path) -> Document:
    """Read one file into a Document with metadata; raises ZjpolicyError on bad input."""
    data = _read_bytes(path)
    original, encoding, fmt = read_text(path, data)
    if not original.strip():
        raise ZjpolicyError(f"{path}: no text in the document")
    return _described(
        doc_id=path.stem,
        path=str(path),
        original=original,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        source_format=fmt,
    )


def document_from_text(doc_id: str, original: str) -> Document:
    """A Document from text already in memory (tests, fuzzing)."""
    return _described(
        doc_id=doc_id,
        path="",
        original=original,
        encoding="utf-8",
        sha256=hashlib.sha256(original.encode("utf-8")).hexdigest(),
        source_format="txt",
    )


def document_from_stored(
    *, doc_id: str, path: str, original: str, encoding: str, sha256: str, source_format: str
) -> Document:
    """A Document from the text a database keeps (documents.original, as its reader wrote it), so that
    a new extractor can extract it again without the file."""
    return _described(
        doc_id=doc_id, path=path, original=original, encoding=encoding, sha256=sha256, source_format=source_format
    )


def _described(
    *, doc_id: str, path: str, original: str, encoding: str, sha256: str, source_format: str
) -> Document:
    """A normalised Document with its metadata filled in."""
    # a PDF saved as text has its lines broken at the page's width: joined again before normalising
    display, text, script = normalise(rejoin_wrapped(original))
    doc = Document(
        id=doc_id,
        path=path,
        original=original,
        display=display,
        text=text,
        encoding=encoding,
        sha256=sha256,
        script=script,
        source_format=source_format,
    )
    describe(doc)
    return doc


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, or a one-line error that says why not."""
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes of another encoding (a zip made on Windows): SQLite takes UTF-8 only
        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        raise ZjpolicyError(f"{shown}: the file name is not UTF-8; rename the file") from None
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):  # reading a pipe or a device would wait or never end
            raise ZjpolicyError(f"{name}: not a regular file (a pipe, socket or device)")
        return path.read_bytes()
    except OSError as e:
        raise cannot_read(name, e) from None
