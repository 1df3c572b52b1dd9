"""Old Office and WPS files (.doc, .wps, .xls, .et): converted by LibreOffice, or a clear one-line error.

The Word reader (``docx``) reads .doc and .wps files and the spreadsheet reader
(``xlsx``) .xls and .et files, as this module hands them the bytes of the newer
kind: the file's own bytes when they already are (a renamed .docx), else the
file converted in a temporary folder by LibreOffice's ``soffice`` where it is on
PATH (.doc and .wps to .docx, .xls and .et to .xlsx). Without it, the error
names the fix in both languages: save it as .docx (另存为 .docx).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from zjpolicy.errors import ZjpolicyError

# suffix -> (what the file is, the suffix to save it as)
KINDS = {
    ".doc": ("old Word file", ".docx"),
    ".wps": ("WPS text file", ".docx"),
    ".xls": ("old Excel file", ".xlsx"),
    ".et": ("WPS spreadsheet file", ".xlsx"),
}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Seconds LibreOffice may take to convert one file.
CONVERT_TIMEOUT = 120


def is_old_kind(data: bytes, name: str) -> bool:
    """An OLE compound file (any old Office file), or a file of an old suffix that is no ZIP package."""
    return data.startswith(OLE) or (Path(name).suffix.lower() in KINDS and not data.startswith(b"PK"))


def is_web_page(data: bytes) -> bool:
    """A web page saved under an old suffix (as some sites serve .doc files)."""
    return data[:512].lstrip().lower().startswith((b"<html", b"<!doctype html"))


def newer_bytes(data: bytes, name: str, *, default: str) -> bytes:
    """The file as the newer kind (.docx or .xlsx): its own bytes when they are a ZIP package, else converted
    by LibreOffice. default: the old suffix the file is taken for when its own suffix is none of them."""
    suffix = Path(name).suffix.lower()
    suffix = suffix if suffix in KINDS else default
    if data.startswith(b"PK"):
        return data
    soffice = shutil.which("soffice")
    if soffice is None:
        raise _error(name, suffix, "", hint=", or install LibreOffice to read it as it is")
    converted = convert(data, name, soffice=soffice, suffix=suffix)
    if not converted.startswith(b"PK"):
        raise _error(name, suffix, "LibreOffice did not convert it; ")
    return converted


def _error(name: str, suffix: str, why: str, *, hint: str = "") -> ZjpolicyError:
    kind, target = KINDS[suffix]
    return ZjpolicyError(f"{name}: {kind}: {why}save it as {target} (另存为 {target}){hint}")


def convert(data: bytes, name: str, *, soffice: str, suffix: str) -> bytes:
    """The bytes of the file converted by LibreOffice (soffice --convert-to), in a temporary folder."""
    import subprocess
    import tempfile

    target = KINDS[suffix][1]
    with tempfile.TemporaryDirectory(prefix="zjpolicy-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        argv = [
            soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",  # not the user's running instance
            "--headless", "--norestore", "--convert-to", target.lstrip("."), "--outdir", str(out), str(source),
        ]
        try:
            done = subprocess.run(argv, capture_output=True, timeout=CONVERT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise _error(name, suffix, f"LibreOffice took over {CONVERT_TIMEOUT} s to convert it; ") from None
        except OSError as e:
            raise _error(name, suffix, f"cannot run LibreOffice ({e.strerror}); ") from None
        result = out / f"document{target}"
        if not result.is_file():
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            why = said[-1][:120] if said else f"exit {done.returncode}"
            raise _error(name, suffix, f"LibreOffice could not convert it ({why}); ")
        return result.read_bytes()
