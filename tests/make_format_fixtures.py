"""Render the seeds as a web page, a Word file and a PDF, plus broken files, for test_formats.py.

    python tests/make_format_fixtures.py OUTDIR

writes OUTDIR/{txt,html,docx,pdf,pdf-indented}/<seed stem>.<suffix> and OUTDIR/bad/*. The
tests import render_all() and build the files into a temporary folder.

A seed's district table (flattened one cell a line: header fragments, then
rows of a place name and its numbers) is found generically and rendered as a
real table: <table> with <br> inside broken headings, a Word table, a ruled
reportlab Table. Every other line is a paragraph. Needs reportlab,
python-docx (the test extra).
"""

from __future__ import annotations

import html
import io
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# pdf: paragraphs spaced apart; pdf-indented: Word's look, justified, first-line indent, no spacing
FORMATS = ("txt", "html", "docx", "pdf", "pdf-indented")

_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_PLACE_END = ("区", "县", "市", "镇", "乡", "街道", "區", "縣", "鎮", "鄉")
_TOTALS = {"合计", "合計", "总计", "總計", "小计", "小計", "全市", "全县", "全縣", "全区", "全區"}
# the second fragment of a heading broken over two lines (省研发 / 中心)
_TAILS = ("中心", "研究院", "研究所", "院", "机构", "機構", "企业", "企業", "数", "數", "量")


@dataclass
class Table:
    header: list[list[str]]  # one list of fragments per column: ["省研發", "中心"]
    rows: list[list[str]]


Block = str | Table


# ---------------------------------------------------------------- finding the table


def _is_label(line: str) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,10}", line)) and (line in _TOTALS or line.endswith(_PLACE_END))


def _rows_at(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Rows starting at line i: a place name followed by number lines, all of one width."""
    rows: list[list[str]] = []
    j = i
    while j < len(lines) and _is_label(lines[j]):
        k = j + 1
        while k < len(lines) and _NUMBER.match(lines[k]):
            k += 1
        row = lines[j:k]
        if len(row) < 2 or (rows and len(row) != len(rows[0])):
            break
        rows.append(row)
        j = k
    return rows, j


def _is_header_fragment(line: str) -> bool:
    return len(line) <= 8 and not _NUMBER.match(line) and not re.search(r"[。,，:：;；]", line)


def _group_header(fragments: list[str], width: int) -> list[list[str]] | None:
    """Header fragments to one cell per column, joining broken headings (省研發 + 中心)."""
    cells = [[f] for f in fragments]
    while len(cells) > width:
        for k in range(len(cells) - 1, 0, -1):
            if len(cells[k]) == 1 and cells[k][0].endswith(_TAILS) and len(cells[k][0]) <= 3:
                cells[k - 1:k + 1] = [cells[k - 1] + cells[k]]
                break
        else:
            return None
    return cells if len(cells) == width else None


def blocks(text: str) -> list[Block]:
    """The seed as paragraphs (its non-blank lines) and tables."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out: list[Block] = []
    i = 0
    while i < len(lines):
        rows, end = _rows_at(lines, i) if _is_label(lines[i]) else ([], i)
        if len(rows) >= 2:
            width = len(rows[0])
            fragments: list[str] = []
            while out and isinstance(last := out[-1], str) and _is_header_fragment(last) and len(fragments) < 3 * width:
                out.pop()
                fragments.insert(0, last)
            header: list[list[str]] = []
            for start in range(len(fragments)):  # the longest run of fragments that makes one heading a column
                grouped = _group_header(fragments[start:], width)
                if grouped:
                    out.extend(fragments[:start])
                    header = grouped
                    break
            else:
                out.extend(fragments)
            out.append(Table(header, rows))
            i = end
            continue
        out.append(lines[i])
        i += 1
    return out


def expected_lines(text: str) -> list[str]:
    """The lines a reader should give for a rendered seed: paragraphs, and a table's rows as "a | b | c"."""
    out: list[str] = []
    for b in blocks(text):
        if isinstance(b, Table):
            if b.header:
                out.append(" | ".join(" ".join(cell) for cell in b.header))
            out.extend(" | ".join(r) for r in b.rows)
        else:
            out.append(b)
    return out


# ---------------------------------------------------------------- HTML

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta charset="gbk">
<title>{title} - 杭州市科学技术局</title>
<link rel="stylesheet" href="/css/style.css">
<style>body {{ font-family: "宋体"; }} .nav li {{ display: inline; }}</style>
<script type="text/javascript">var siteName = "杭州市科学技术局门户网站"; var 栏目 = "政策文件";</script>
</head>
<body>
<header class="top">
  <div class="logo"><img src="/images/logo.png" alt="杭州市科学技术局">杭州市科学技术局</div>
  <div class="search"><form action="/search">站内搜索<input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div>
</header>
<div class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/jggk/">机构概况</a></li><li><a href="/zwgk/">政务公开</a></li>
  <li><a href="/kjfw/">科技服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/ztzl/">专题专栏</a></li>
</ul></div>
<div class="main clearfix">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a> &gt; 正文</div>
  <div class="left-menu"><h3>政务公开</h3><ul>
    <li><a href="#">通知公告</a></li><li><a href="#">政策文件</a></li><li><a href="#">政策解读</a></li>
    <li><a href="#">规划计划</a></li><li><a href="#">人事信息</a></li><li><a href="#">统计信息</a></li>
  </ul></div>
  <div class="article-wrap">
    <div class="fontsize">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
    <div id="zoom" class="TRS_Editor">
{body}
    </div>
    <div class="bdsharebuttonbox share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
    <div class="print-close"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
    <div class="related"><h4>相关阅读</h4><ul><li><a href="#">杭州市科学技术局关于开展科技型中小企业评价工作的通知</a></li>
      <li><a href="#">关于公布2023年度杭州市企业高新技术研究开发中心名单的通知</a></li></ul></div>
  </div>
</div>
<div id="footer">
  <p>主办单位：杭州市科学技术局　　地址：杭州市解放东路18号市民中心</p>
  <p>浙ICP备05001234号　　浙公网安备 33010202000123号　　网站标识码：3301000012</p>
</div>
<script>document.write("<p>访问量统计：123456次</p>");</script>
</body>
</html>
"""


def render_html(text: str) -> bytes:
    """A portal page, GBK-encoded with <meta charset="gbk">."""
    parts = []
    for b in blocks(text):
        if isinstance(b, Table):
            rows = []
            if b.header:
                cells = "".join(f"<th>{'<br>'.join(html.escape(f) for f in cell)}</th>" for cell in b.header)
                rows.append(f"<tr>{cells}</tr>")
            for r in b.rows:
                rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>")
            parts.append('      <table border="1" cellspacing="0" cellpadding="2" width="100%">\n        '
                         + "\n        ".join(rows) + "\n      </table>")
        else:
            parts.append(f"      <p>{html.escape(b)}</p>")
    title = next((b for b in blocks(text) if isinstance(b, str)), "")[:40]
    page = _PAGE.format(title=html.escape(title), body="\n".join(parts))
    return page.encode("gbk", errors="xmlcharrefreplace")


# ---------------------------------------------------------------- DOCX


def render_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for b in blocks(text):
        if isinstance(b, Table):
            header = [b.header] if b.header else []
            table = document.add_table(rows=len(header) + len(b.rows), cols=len(b.rows[0]))
            table.style = "Table Grid"
            for j, cell in enumerate(b.header):
                run = table.rows[0].cells[j].paragraphs[0].add_run(cell[0])
                for frag in cell[1:]:
                    run.add_break()
                    run.add_text(frag)
            for i, r in enumerate(b.rows, start=len(header)):
                for j, c in enumerate(r):
                    table.rows[i].cells[j].text = c
        else:
            document.add_paragraph(b)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- PDF

_FONT = "STSong-Light"


def _pdf_styles(indented: bool = False) -> tuple[object, object]:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    if indented:
        body = ParagraphStyle("cjk-indented", fontName=_FONT, fontSize=12, leading=20, wordWrap="CJK",
                              firstLineIndent=24, alignment=TA_JUSTIFY)
    else:
        body = ParagraphStyle("cjk", fontName=_FONT, fontSize=10.5, leading=16, wordWrap="CJK", spaceAfter=6)
    cell = ParagraphStyle("cell", fontName=_FONT, fontSize=9, leading=12, wordWrap="CJK")
    return body, cell


def _page_number(canvas: object, doc: object) -> None:
    from reportlab.lib.pagesizes import A4

    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont(_FONT, 9)  # type: ignore[attr-defined]
    canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def render_pdf(text: str, indented: bool = False) -> bytes:
    """A text PDF: paragraphs wrapped by reportlab, the table ruled (GRID), page numbers at the foot.

    Paragraphs are spaced apart, or (indented) justified with a first-line indent and no spacing."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    body, _cell = _pdf_styles(indented)
    story: list[object] = []
    for b in blocks(text):
        if isinstance(b, Table):
            data = ([["\n".join(cell) for cell in b.header]] if b.header else []) + b.rows
            t = RLTable(data, repeatRows=1 if b.header else 0)
            t.setStyle(TableStyle([
                ("FONT", (0, 0), (-1, -1), _FONT, 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
            ]))
            story += [t, Spacer(1, 8)]
        else:
            story.append(Paragraph(escape(b), body))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title="seed", author="zjpolicy tests")
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buf.getvalue()


def render_scanned_pdf() -> bytes:
    """A page that is an image (a scan) with only a page number as text: no text layer to speak of."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for y in range(80, 760, 24):  # grey bars where lines of text would be
        draw.rectangle([60, y, 60 + (y * 37) % 480, y + 12], fill=90)
    png = io.BytesIO()
    img.save(png, format="PNG")
    png.seek(0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(png), 40, 40, width=A4[0] - 80, height=A4[1] - 80)
    c.rect(30, 30, A4[0] - 60, A4[1] - 60)
    c.setFont("Helvetica", 9)
    c.drawCentredString(A4[0] / 2, 20, "- 1 -")  # a page number stamped on the scan: not a text layer
    c.showPage()
    c.save()
    return buf.getvalue()


def render_broken(docx_bytes: bytes) -> dict[str, bytes]:
    """Damaged files of each kind, by file name."""
    rnd = random.Random(5)
    garbage = bytes(rnd.randrange(256) for _ in range(4000))
    png_like = b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(2000))
    return {
        "truncated.docx": docx_bytes[: len(docx_bytes) // 2],
        "garbage.pdf": b"%PDF-1.4\n" + garbage,
        "nopdf.pdf": garbage,
        "binary.html": png_like,
        "nul.htm": b"<html><body>" + b"\x00\x01\x02" * 300 + b"</body></html>",
        "notazip.docx": b"PK\x03\x04" + garbage[:300],
        "old.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + garbage[:500],
        "empty.docx": _empty_zip(),
    }


def _empty_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a Word file")
    return buf.getvalue()


# ---------------------------------------------------------------- all of it


def render_all(out: Path, seeds: Path = SEEDS) -> dict[str, Path]:
    """Write every seed in every format to out/<format>/<stem>.<suffix>, and out/bad/*; returns the folders."""
    folders = {fmt: out / fmt for fmt in (*FORMATS, "bad")}
    for f in folders.values():
        f.mkdir(parents=True, exist_ok=True)
    last_docx = b""
    for seed in sorted(seeds.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (folders["txt"] / seed.name).write_text(text, encoding="utf-8")
        (folders["html"] / f"{seed.stem}.html").write_bytes(render_html(text))
        last_docx = render_docx(text)
        (folders["docx"] / f"{seed.stem}.docx").write_bytes(last_docx)
        (folders["pdf"] / f"{seed.stem}.pdf").write_bytes(render_pdf(text))
        (folders["pdf-indented"] / f"{seed.stem}.pdf").write_bytes(render_pdf(text, indented=True))
    (folders["bad"] / "scan.pdf").write_bytes(render_scanned_pdf())
    for name, data in render_broken(last_docx).items():
        (folders["bad"] / name).write_bytes(data)
    return folders


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for fmt, folder in render_all(Path(sys.argv[1])).items():
        print(f"{fmt}: {folder}")
