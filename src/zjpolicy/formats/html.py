"""Web pages (.html, .htm): the article's text, one line per block.

The encoding comes from a byte-order mark, else the page's own declaration
(``<meta charset>``, ``http-equiv`` or an XML declaration), else UTF-8, else
GB18030. The page is parsed with selectolax (lexbor); scripts, styles,
navigation, headers, footers, share bars and breadcrumbs are dropped, and the
article is the element of the usual content ids and classes (zoom, content,
article, TRS_Editor ...) that holds most of the page's Chinese text, else the
element whose paragraphs hold the most. Block elements become lines; a data
table becomes one line per row with the cells joined by " | " (a <br> inside
a cell is a space; a spanned cell is written once, where it stands).
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from zjpolicy.errors import ZjpolicyError
from zjpolicy.formats._common import LAYOUT_CELL_CHARS, import_extra, one_line, table_row
from zjpolicy.formats.sniff import sniff

_CJK = re.compile(r"[\u3400-\u9fff]")

_DECLARED = [
    re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE),
    re.compile(rb"<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.IGNORECASE),
]
# Chinese pages declare the GB family under many names; GB18030 reads them all.
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "ms936", "gb_2312-80", "gb18030", "x-gb18030", "euc-cn", "hz-gb-2312"}
_WESTERN = {"latin_1", "iso8859-1", "ascii", "cp1252", "iso-8859-1", "us-ascii", "windows-1252"}

# Elements whose text is never the article's.
_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "map",
    "select", "option", "button", "input", "textarea", "head", "title", "meta", "link", "nav", "aside",
    "-comment",
}
# header/footer are chrome at page level, but an <article>'s own header holds its title.
_CHROME_TAGS = {"header", "footer"}
_CHROME_NAMES = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|menus|header|top|topbar|footer|foot|bottom|share|sharebar|"
    r"bdshare|bdsharebuttonbox|jiathis|fenxiang|fx|breadcrumbs?|crumbs?|bread|position|location|loc|weizhi|dqwz|"
    r"sidebar|side|aside|left|copyright|banner|search|toolbar|tools|print|dayin|pager|pagination|page-?nav|"
    r"related|xgxx|xglj|comment|comments|social|qrcode|ewm|erweima|skip|login|logo|links?|friendlink)(?:[-_\s\d]|$)",
    re.IGNORECASE,
)
_CONTENT_NAMES = re.compile(
    r"(?:^|[-_\s])(?:zoom|content|contents|article|article-?content|article-?body|trs_editor|bt_content|"
    r"main-?text|text|detail|details|con|conn|wzy|zw|zhengwen|body-?text|post|entry|news_?content|"
    r"info_?content|pages_content|view|TRS_UEDITOR)(?:[-_\s\d]|$)",
    re.IGNORECASE,
)
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
    "main", "blockquote", "pre", "address", "figure", "figcaption", "caption", "center", "hr", "form",
    "fieldset", "legend", "details", "summary", "table", "tr", "tbody", "thead", "tfoot", "body", "html",
    "header", "footer", "td", "th",
}
_PARAGRAPHS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "table", "caption",
    "figcaption", "center", "address",
}
_TABLE_PARTS = {"td", "th", "tr", "tbody", "thead", "tfoot", "table"}
_TITLE_NAMES = re.compile(r"title|^bt$|^tit$", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def read(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of a web page."""
    text, encoding = decode_html(data, name)
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ".html"
    lexbor = import_extra("selectolax.lexbor", suffix, name)
    try:
        tree = lexbor.LexborHTMLParser(text)
        body = tree.body or tree.root
        if body is None:
            raise ZjpolicyError(f"{name}: no text in the page")
        lines = _Page(body).lines()
    except ZjpolicyError:
        raise
    except RecursionError:
        raise ZjpolicyError(f"{name}: HTML nested too deeply to read") from None
    except Exception as e:  # noqa: BLE001  (the parser's own failures: one line, no traceback)
        raise ZjpolicyError(f"{name}: cannot parse the HTML ({type(e).__name__})") from None
    if not lines:
        raise ZjpolicyError(f"{name}: no text in the page")
    return "\n".join(lines) + "\n", encoding


# ---------------------------------------------------------------- encoding


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Bytes of a page to text: BOM, declared charset, UTF-8, GB18030 (in that order)."""
    settled = sniff(data, name, "an HTML page")
    if settled:
        return settled
    declared = _declared(data[:4096])
    order = ["utf-8", "gb18030"]
    if declared and declared not in _WESTERN:
        order = [declared] + [e for e in order if e != declared]
    elif declared:
        order = order + [declared]
    for enc in order:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _looks_like_markup(text):
            raise ZjpolicyError(f"{name}: not an HTML page (no markup)")
        return text, enc
    # a few stray bytes in a long page: take the reading with fewest replacements
    best = min(order, key=lambda e: data.decode(e, errors="replace").count("\ufffd"))
    text = data.decode(best, errors="replace")
    if text.count("\ufffd") > 0.001 * len(text) + 2:
        raise ZjpolicyError(f"{name}: not UTF-8 or GB18030 text, and no charset the bytes match")
    return text, best


def _declared(head: bytes) -> str | None:
    for pattern in _DECLARED:
        m = pattern.search(head)
        if not m:
            continue
        label = m.group(1).decode("ascii", "ignore").lower()
        if label in _GB:
            return "gb18030"
        try:
            return codecs.lookup(label).name
        except LookupError:
            return None
    return None


def _looks_like_markup(text: str) -> bool:
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    return "<" in text and bad <= 0.01 * min(len(text), 20000)


# ---------------------------------------------------------------- the page


def _tag(node: Any) -> str:
    return (node.tag or "").lower()


def _names(node: Any) -> list[str]:
    attrs = node.attributes
    out = []
    for key in ("id", "class"):
        value = attrs.get(key)
        if value:
            out.extend(value.split())
    return out


def _cjk(text: str | None) -> int:
    return len(_CJK.findall(text or ""))


class _Page:
    def __init__(self, body: Any) -> None:
        self.body = body

    def lines(self) -> list[str]:
        self._drop_chrome()
        container = self._container()
        out = _Writer()
        for heading in self._headings_before(container):
            out.block(heading)
        out.block(container)
        return out.finish()

    # -- what goes

    def _drop_chrome(self) -> None:
        """Take scripts, hidden elements and the page's chrome out of the tree."""
        total = max(1, _cjk(self.body.text(deep=True)))
        doomed = []
        stack = [self.body]
        while stack:
            for node in stack.pop().iter():
                if self._chrome(node, total):
                    doomed.append(node)
                else:
                    stack.append(node)
        for node in doomed:  # none inside another: a doomed node's children were not visited
            node.decompose()

    @staticmethod
    def _chrome(node: Any, total: int) -> bool:
        tag = _tag(node)
        if tag in _DROP_TAGS:
            return True
        attrs = node.attributes
        if _HIDDEN.search(attrs.get("style") or "") or "hidden" in attrs:
            return True
        chrome = (tag in _CHROME_TAGS and not _inside(node, {"article", "main"})) or any(
            _CHROME_NAMES.search(n) and not _CONTENT_NAMES.search(n) for n in _names(node)
        )
        # never drop what holds most of the page's text: a misnamed wrapper
        return chrome and _cjk(node.text(deep=True)) < 0.4 * total

    @staticmethod
    def _cjk_of(node: Any) -> int:
        return _cjk(node.text(deep=True))

    # -- the article

    def _container(self) -> Any:
        total = self._cjk_of(self.body)
        if total == 0:
            return self.body
        named = []
        for node in self.body.traverse():
            if any(_CONTENT_NAMES.search(n) for n in _names(node)):
                n = self._cjk_of(node)
                if n >= 0.5 * total:
                    named.append((n, node))
        if named:
            # the tightest named element that still holds most of the text
            best = max(n for n, _ in named)
            return min((x for x in named if x[0] >= 0.9 * best), key=lambda x: x[0])[1]
        return self._densest(total)

    def _densest(self, total: int) -> Any:
        """The element whose paragraphs hold the most Chinese text (a paragraph's parent scores it)."""
        scores: dict[int, float] = {}
        nodes: dict[int, Any] = {}
        for t in self.body.traverse(include_text=True):
            if _tag(t) != "-text":
                continue
            n = _cjk(t.text_content)
            if not n:
                continue
            block = _block_of(t)
            if block is None:
                target = self.body
            elif _tag(block) in _PARAGRAPHS and block.parent is not None:
                target = block.parent  # a paragraph scores for the element that holds it
            else:
                target = block  # text straight inside a div, lines broken by <br>
            for node, share in ((target, 1.0), (target.parent, 0.5)):
                if node is None:
                    continue
                scores[node.mem_id] = scores.get(node.mem_id, 0.0) + share * n
                nodes[node.mem_id] = node
        if not scores:
            return self.body
        best_id = max(scores, key=lambda k: scores[k])
        best = nodes[best_id]
        if self._cjk_of(best) < 0.3 * total:
            return self.body
        return best

    def _headings_before(self, container: Any) -> list[Any]:
        """Title elements (h1-h3, *title*) just outside the article and before it, in page order."""
        if container.mem_id == self.body.mem_id:
            return []
        opening = one_line(container.text(deep=True))[:300]
        found: list[Any] = []
        branch = container
        for _ in range(3):
            parent = branch.parent
            if parent is None:
                break
            level: list[Any] = []
            sib = parent.child
            while sib is not None and sib.mem_id != branch.mem_id:
                for node in sib.traverse() if sib.is_element_node else ():
                    text = one_line(node.text(deep=True))
                    if _titled(node) and _cjk(text) and len(text) <= 120 and text not in opening:
                        level.append(node)
                        break
                sib = sib.next
            found = level + found
            if parent.mem_id == self.body.mem_id:
                break
            branch = parent
        return found


def _titled(node: Any) -> bool:
    return _tag(node) in ("h1", "h2", "h3") or any(_TITLE_NAMES.search(n) for n in _names(node))


def _inside(node: Any, tags: set[str]) -> bool:
    p = node.parent
    while p is not None:
        if _tag(p) in tags:
            return True
        p = p.parent
    return False


def _block_of(node: Any) -> Any:
    """The paragraph a text node belongs to: its nearest block, a whole table counting as one."""
    p = node.parent
    block = None
    while p is not None:
        tag = _tag(p)
        if tag == "table":
            block = p
        elif tag in _BLOCK and tag not in _TABLE_PARTS and block is None:
            return p
        elif tag in _BLOCK and tag not in _TABLE_PARTS and block is not None:
            return block
        p = p.parent
    return block


# ---------------------------------------------------------------- writing lines


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.current: list[str] = []

    def finish(self) -> list[str]:
        self.newline()
        return self.out

    def newline(self) -> None:
        line = one_line("".join(self.current))
        if line:
            self.out.append(line)
        self.current = []

    def block(self, node: Any) -> None:
        if _tag(node) == "table":
            self.table(node)
            return
        self.newline()
        self.inline(node)
        self.newline()

    def inline(self, node: Any) -> None:
        for child in node.iter(include_text=True):
            tag = _tag(child)
            if tag == "-text":
                self.current.append(child.text_content or "")
            elif tag == "br":
                self.newline()
            elif tag in _DROP_TAGS:
                continue
            elif tag in _BLOCK:
                self.block(child)
            else:
                self.inline(child)

    def table(self, table: Any) -> None:
        rows = [tr for tr in table.css("tr") if _nearest_table(tr) == table.mem_id]
        cells = [[c for c in tr.iter() if _tag(c) in ("td", "th")] for tr in rows]
        nested = any(_tag(n) == "table" for n in table.traverse() if n.mem_id != table.mem_id)
        texts = [[self.cell_text(c) for c in row] for row in cells]
        longest = max((len(t) for row in texts for t in row), default=0)
        if nested or longest > LAYOUT_CELL_CHARS:
            # a table that lays out the page: its cells are blocks
            self.newline()
            for row in cells:
                for c in row:
                    self.block(c)
            return
        self.newline()
        for cap in table.iter():
            if _tag(cap) == "caption":
                self.block(cap)
        for row in texts:
            line = table_row(row)
            if line:
                self.out.append(line)

    def cell_text(self, cell: Any) -> str:
        """A cell on one line: <br> and block boundaries become spaces."""
        parts: list[str] = []

        def walk(node: Any) -> None:
            for child in node.iter(include_text=True):
                tag = _tag(child)
                if tag == "-text":
                    parts.append(child.text_content or "")
                elif tag == "br":
                    parts.append(" ")
                elif tag in _DROP_TAGS:
                    continue
                elif tag in _BLOCK:
                    parts.append(" ")
                    walk(child)
                    parts.append(" ")
                else:
                    walk(child)

        walk(cell)
        return one_line("".join(parts))


def _nearest_table(node: Any) -> int | None:
    p = node.parent
    while p is not None:
        if _tag(p) == "table":
            mem_id: int = p.mem_id
            return mem_id
        p = p.parent
    return None
