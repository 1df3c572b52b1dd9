"""Word files (.docx, and .doc or .wps through ``legacy``): paragraphs and tables in document order.

python-docx opens the package; the body's XML children are read in order, a
paragraph as a line (a manual line break starts a new line) and a table as one
line per row with the cells joined by " | ". A merged cell is written once,
where it starts: a horizontal merge is one <w:tc>, and the cells that continue
a vertical merge are left out.
"""

from __future__ import annotations

from typing import Any

from zjpolicy.errors import ZjpolicyError
from zjpolicy.formats import legacy
from zjpolicy.formats._common import LAYOUT_CELL_CHARS, import_extra, one_line, table_row

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements whose text is not the document's: deletions, field codes, the fallback copy of a drawing.
_SKIP = {_W + "del", _W + "instrText", _W + "delInstrText", _W + "rPr", _W + "pPr", _MC_FALLBACK}


def read(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a Word file."""
    if legacy.is_old_kind(data, name):  # a .doc or .wps file (whatever its name): converted, or a one-line error
        if legacy.is_web_page(data):
            from zjpolicy.formats import html

            return html.read(data, name)
        data = legacy.newer_bytes(data, name, default=".doc")
    if not data.startswith(b"PK"):
        raise ZjpolicyError(f"{name}: not a .docx file (not a ZIP package)")
    docx = import_extra("docx", ".docx", name)
    try:
        document = docx.Document(_bytes_io(data))
        body = document.element.body
        lines: list[str] = []
        _blocks(body, lines)
    except ZjpolicyError:
        raise
    except Exception as e:  # noqa: BLE001  (a damaged package: zip, XML or relationship errors)
        raise ZjpolicyError(f"{name}: not a readable .docx file ({_why(e)})") from None
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        raise ZjpolicyError(f"{name}: no text in the document")
    return "\n".join(lines) + "\n", "utf-8"


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def _why(e: Exception) -> str:
    text = str(e).split("\n")[0].strip()
    kind = type(e).__name__
    if kind in ("BadZipFile", "PackageNotFoundError", "KeyError"):
        return "damaged or not a Word document"
    return f"{kind}: {text[:80]}" if text else kind


def _blocks(parent: Any, lines: list[str]) -> None:
    """Paragraphs and tables of a body, a cell or a content control, in order."""
    for el in parent.iterchildren():
        tag = el.tag
        if tag == _W + "p":
            lines.extend(part.strip() for part in _paragraph(el).split("\n"))
        elif tag == _W + "tbl":
            _table(el, lines)
        elif tag in (_W + "sdt", _W + "customXml", _W + "sdtContent", _W + "ins", _W + "smartTag"):
            _blocks(el, lines)


def _paragraph(p: Any) -> str:
    """A paragraph's text: runs, hyperlinks, insertions; tabs and breaks as written."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag == _W + "tab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W + "p":
                # a paragraph of a text box inside this one
                out.append("\n")
                walk(child)
                out.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _rows(tbl: Any) -> list[list[Any]]:
    rows = []
    for tr in tbl.iterchildren(_W + "tr"):
        cells = []
        for tc in tr.iterchildren(_W + "tc"):
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and vmerge.get(_W + "val", "continue") == "continue":
                continue  # the cell above holds the text
            cells.append(tc)
        rows.append(cells)
    return rows


def _cell_text(tc: Any) -> str:
    parts: list[str] = []
    _blocks(tc, parts)
    return one_line(" ".join(parts))


def _table(tbl: Any, lines: list[str]) -> None:
    rows = _rows(tbl)
    nested = any(True for _ in tbl.iterdescendants(_W + "tbl"))
    texts = [[_cell_text(tc) for tc in row] for row in rows]
    longest = max((len(t) for row in texts for t in row), default=0)
    if nested or longest > LAYOUT_CELL_CHARS:
        # a table that lays out the page: its cells' paragraphs are lines
        for row in rows:
            for tc in row:
                _blocks(tc, lines)
        return
    for row in texts:
        line = table_row(row)
        if line:
            lines.append(line)
