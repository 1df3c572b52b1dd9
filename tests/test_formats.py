"""Loading .html, .docx and .pdf: the same text and facts as the .txt; one-line errors for bad files.

The seeds are rendered once per session (make_format_fixtures.render_all) into
a temporary folder: <fmt>/<seed stem>.<suffix>, so every format's document has
the seed's id.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import main_entry, read_terminal, run

from zjpolicy.errors import ZjpolicyError
from zjpolicy.extract.tables import cell_stream
from zjpolicy.formats import SUPPORTED_SUFFIXES, read_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
OTHER = {"html": ".html", "docx": ".docx", "pdf": ".pdf", "pdf-indented": ".pdf"}
FACTS = {
    "targets": ["doc", "year", "indicator", "value", "unit", "comparator"],
    "owners": ["doc", "task", "clause", "role", "position", "agency"],
    "districts": ["doc", "district", "institution", "count"],
}
PARSERS = ("selectolax", "docx", "pdfplumber", "reportlab")


def _needs_parsers() -> None:
    for module in PARSERS:
        pytest.importorskip(module, reason="needs the test extra (docs parsers and reportlab)")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    _needs_parsers()
    from make_format_fixtures import render_all

    return render_all(tmp_path_factory.mktemp("formats"))


_facts_cache: dict[tuple[str, str], dict[str, Counter]] = {}


def _facts(path: Path, tmp: Path) -> dict[str, Counter]:
    """Load one file with the CLI into its own database, export, and read the facts back."""
    key = (str(path), str(tmp))
    if key not in _facts_cache:
        db = tmp / f"{path.parent.name}-{path.stem}.db"
        out = tmp / f"{path.parent.name}-{path.stem}"
        result = run(db, "load", path)
        assert result.exit_code == 0, (result.output, result.exception)
        result = run(db, "export", out)
        assert result.exit_code == 0, (result.output, result.exception)
        facts = {}
        for kind, columns in FACTS.items():
            with open(out / f"{kind}.csv", encoding="utf-8", newline="") as f:
                facts[kind] = Counter(tuple(row[c] for c in columns) for row in csv.DictReader(f))
        _facts_cache[key] = facts
    return _facts_cache[key]


@pytest.fixture(scope="session")
def load_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loads")


# ---------------------------------------------------------------- same facts, every format


@pytest.mark.parametrize("fmt", sorted(OTHER))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_same_facts_as_txt(seed: Path, fmt: str, rendered: dict[str, Path], load_dir: Path) -> None:
    want = _facts(rendered["txt"] / seed.name, load_dir)
    got = _facts(rendered[fmt] / f"{seed.stem}{OTHER[fmt]}", load_dir)
    for kind in FACTS:
        missing = want[kind] - got[kind]
        extra = got[kind] - want[kind]
        assert not missing and not extra, f"{fmt} {kind}: missing {sorted(missing)[:5]}, extra {sorted(extra)[:5]}"


def test_the_comparison_has_facts(rendered: dict[str, Path], load_dir: Path) -> None:
    totals: Counter[str] = Counter()
    for seed in SEEDS:
        for kind, facts in _facts(rendered["txt"] / seed.name, load_dir).items():
            totals[kind] += sum(facts.values())
    assert totals["targets"] >= 50 and totals["owners"] >= 50 and totals["districts"] >= 50, totals


@pytest.mark.parametrize("fmt", sorted(OTHER))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_same_lines_as_rendered(seed: Path, fmt: str, rendered: dict[str, Path]) -> None:
    """Every paragraph comes back as one line (PDF wrapping undone), a table as its rows."""
    from make_format_fixtures import expected_lines

    path = rendered[fmt] / f"{seed.stem}{OTHER[fmt]}"
    text, _encoding, got_format = read_text(path, path.read_bytes())
    assert got_format == OTHER[fmt][1:]
    squash = lambda s: re.sub(r"\s+", "", s)
    want = [squash(ln) for ln in expected_lines(seed.read_text(encoding="utf-8"))]
    got = [squash(ln) for ln in text.split("\n") if ln.strip()]
    assert got == want


def test_district_table_is_a_pipe_table(rendered: dict[str, Path]) -> None:
    seed = SEEDS[0]
    for fmt, suffix in OTHER.items():
        path = rendered[fmt] / f"{seed.stem}{suffix}"
        text = read_text(path, path.read_bytes())[0]
        header = next(ln for ln in text.split("\n") if ln.count(" | ") >= 4)
        cells = [c.text for c in cell_stream(header)]
        assert cells == ["區、縣(市)", "市研發中心", "省研發中心", "省企業研究院", "省重點企業研究院"], fmt


def test_html_portal_chrome_is_dropped(rendered: dict[str, Path]) -> None:
    path = rendered["html"] / f"{SEEDS[2].stem}.html"
    text, encoding, _ = read_text(path, path.read_bytes())
    assert encoding == "gb18030"
    for chrome in ("当前位置：首页", "分享到", "机构概况", "主办单位", "浙ICP备", "打印本页", "相关阅读", "siteName", "站内搜索"):
        assert chrome not in text


def test_pdf_table_over_pages_and_repeated_header(tmp_path: Path) -> None:
    _needs_parsers()
    from make_format_fixtures import expected_lines, render_pdf

    names = "东西南北中上下左右前后里外甲乙丙丁"
    labels = [a + b + "区" for a in names for b in names][:90]
    rows = "".join(f"{n}\n{i}\n{i * 2}\n" for i, n in enumerate(labels, 1))
    text = f"说明：到2025年新增企业100家。\n统计表\n区县\n市研发中心\n省研发\n中心\n{rows}合计\n4095\n8190\n结尾段落。\n"
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(text))  # the header row repeats at the top of page 2
    lines = read_text(path, path.read_bytes())[0].strip().split("\n")
    assert lines == expected_lines(text)
    assert lines[2] == "区县 | 市研发中心 | 省研发 中心" and lines.count(lines[2]) == 1


# ---------------------------------------------------------------- one-line errors

BAD = {
    "scan.pdf": "no text layer (a scanned PDF?); OCR it first",
    "garbage.pdf": "not a readable PDF",
    "nopdf.pdf": "not a PDF",
    "truncated.docx": "not a readable .docx file",
    "notazip.docx": "not a readable .docx file",
    "empty.docx": "not a readable .docx file",
    "old.docx": "old Word file",
    "binary.html": "binary file",
    "nul.htm": "binary file",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_one_line_error(name: str, rendered: dict[str, Path], tmp_path: Path) -> None:
    path = rendered["bad"] / name
    proc = main_entry("--db", tmp_path / "x.db", "load", "--strict", path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    assert name in lines[0] and BAD[name] in lines[0]


@pytest.mark.parametrize("name", ["scan.pdf", "truncated.docx", "binary.html"])
def test_bad_file_with_cli_runner(name: str, rendered: dict[str, Path], tmp_path: Path) -> None:
    result = run(tmp_path / "x.db", "load", rendered["bad"] / name)
    if isinstance(result.exception, ZjpolicyError):  # a CLI that leaves the error to main()
        message = str(result.exception)
    else:
        assert result.exit_code == 2, result.output
        message = result.stderr.strip()
        assert message.startswith("Error: ")
    assert name in message and BAD[name] in message and "\n" not in message
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- parsers load lazily


def test_import_does_not_load_parsers() -> None:
    code = (
        "import sys, zjpolicy.formats, zjpolicy.cli, zjpolicy.queries\n"
        f"print([m for m in {list(PARSERS) + ['lxml', 'pdfminer']!r} if m in sys.modules])"
    )
    proc = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "suffix, modules", [(".html", ["selectolax", "selectolax.lexbor"]), (".docx", ["docx"]), (".pdf", ["pdfplumber"])]
)
def test_missing_extra_names_it(suffix: str, modules: list[str], rendered: dict[str, Path],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = suffix[1:]
    path = rendered[fmt] / f"{SEEDS[1].stem}{suffix}"
    for m in modules:
        monkeypatch.setitem(sys.modules, m, None)  # as if not installed
    with pytest.raises(ZjpolicyError) as e:
        read_text(path, path.read_bytes())
    assert str(e.value) == f"{path}: reading {suffix} needs the docs extra: pip install 'zjpolicy[docs]'"


def test_suffixes_are_picked_up() -> None:
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= set(SUPPORTED_SUFFIXES)


# ---------------------------------------------------------------- HTML details


def _html(markup: str, encoding: str = "utf-8", name: str = "page.html") -> str:
    pytest.importorskip("selectolax")
    return read_text(Path(name), markup.encode(encoding))[0]


def test_html_encodings() -> None:
    pytest.importorskip("selectolax")
    body = "<p>到2025年新增高新技术企业2000家。</p>"
    http_equiv = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    cases = [
        (f"<html><head><meta charset='gbk'></head><body>{body}</body></html>".encode("gbk"), "gb18030"),
        (f"<html><head>{http_equiv}</head><body>{body}</body></html>".encode("gb2312"), "gb18030"),
        (f"<html><body>{body}</body></html>".encode(), "utf-8"),
        (f"<html><body>{body}</body></html>".encode("gb18030"), "gb18030"),
        (b"\xef\xbb\xbf" + f"<meta charset='gbk'><p>{body}</p>".encode(), "utf-8-sig"),
        (f"<meta charset='utf-8'><body>{body}</body>".encode("gbk"), "gb18030"),  # a wrong declaration
    ]
    for data, encoding in cases:
        text, got, fmt = read_text(Path("p.htm"), data)
        assert (text.strip(), got, fmt) == ("到2025年新增高新技术企业2000家。", encoding, "html")


def test_html_table_cells_breaks_and_spans() -> None:
    text = _html(
        "<div class='TRS_Editor'><p>表1 各区研发机构</p><table>"
        "<tr><th rowspan='2'>区、县(市)</th><th colspan='2'>其中</th></tr>"
        "<tr><th>省研发<br>中心</th><th><p>省企业</p><p>研究院</p></th></tr>"
        "<tr><td>上城区</td><td>100</td><td>27</td></tr>"
        "<tr><td>合计</td><td>100</td><td>27</td></tr></table><p>以上数据截至2022年底。</p></div>"
    )
    lines = text.strip().split("\n")
    assert lines == [
        "表1 各区研发机构",
        "区、县(市) | 其中 |",
        "省研发 中心 | 省企业 研究院 |",
        "上城区 | 100 | 27",
        "合计 | 100 | 27",
        "以上数据截至2022年底。",
    ]
    assert [c.text for c in cell_stream(lines[2])] == ["省研发中心", "省企业研究院"]


def test_html_without_content_class_takes_the_densest_element() -> None:
    paragraphs = "".join(f"<p>第{i}段：到2025年新增省级研发中心{i}0家，推进企业研究院建设。</p>" for i in range(1, 6))
    text = _html(
        "<body><div class='wrap'><div id='l1'><a>首页</a><a>通知公告</a><a>政策文件</a><a>政策解读</a></div>"
        f"<div id='x9'><h1>关于推进研发机构建设的通知</h1>{paragraphs}</div>"
        "<div id='f2'>版权所有 杭州市某某局 联系我们 网站地图</div></div></body>"
    )
    assert "首页" not in text and "版权所有" not in text
    assert text.startswith("关于推进研发机构建设的通知\n第1段")
    assert text.count("\n") == 6


def test_html_layout_table_is_not_a_pipe_table() -> None:
    long = "为加快企业研发载体建设，省、市、区三级科技管理部门统筹协调，合力推进国家高新技术企业培育。" * 5
    text = _html(
        f"<table><tr><td><p>关于研发机构建设的答复</p><p>{long}</p><p>二、主要做法</p></td></tr></table>"
    )
    assert "|" not in text
    assert text.split("\n")[:3] == ["关于研发机构建设的答复", long, "二、主要做法"]


def test_html_without_text() -> None:
    pytest.importorskip("selectolax")
    with pytest.raises(ZjpolicyError, match=r"^p\.html: no text in the page$"):
        read_text(Path("p.html"), b"<html><body><script>var a='\xe4\xb8\xad';</script></body></html>")
    with pytest.raises(ZjpolicyError, match=r"^p\.html: empty file$"):
        read_text(Path("p.html"), b"  \n")


# ---------------------------------------------------------------- DOCX details


def test_docx_merged_cells_once_and_order() -> None:
    pytest.importorskip("docx")
    import docx

    document = docx.Document()
    document.add_paragraph("一、基本情况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "区、县(市)"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "研发机构"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "上城区"
    for r, row in enumerate([["181", "100"], ["150", "85"]], start=1):
        for c, value in enumerate(row, start=1):
            table.cell(r, c).text = value
    document.add_paragraph("二、主要做法\n第二行")
    buf = io.BytesIO()
    document.save(buf)
    text, encoding, fmt = read_text(Path("d.docx"), buf.getvalue())
    assert (encoding, fmt) == ("utf-8", "docx")
    assert text.strip().split("\n") == [
        "一、基本情况",
        "区、县(市) | 研发机构 |",
        "上城区 | 181 | 100",
        "150 | 85 |",
        "二、主要做法",
        "第二行",
    ]


# ---------------------------------------------------------------- a folder of every kind


def test_load_dir_takes_every_kind_and_names_each_skipped_file(
    rendered: dict[str, Path], tmp_path: Path, seeds_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-soffice"))  # no LibreOffice: the old .xls is named, not read
    folder = tmp_path / "mixed"
    folder.mkdir()
    # a different seed in each format (one document in four formats is one document: see test_load_modes.py)
    kinds = {"a": ("txt", SEEDS[3]), "b": ("html", SEEDS[4]), "c": ("docx", SEEDS[2]), "d": ("pdf", SEEDS[1])}
    for name, (fmt, seed) in kinds.items():
        (folder / f"{name}.{fmt}").write_bytes((rendered[fmt] / f"{seed.stem}.{fmt}").read_bytes())
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    db = tmp_path / "m.db"
    result = run(db, "load", folder)
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert skipped == [
        f"skipped: {folder / 'picture.png'}: not a supported kind of file (.png), skipped",
        (f"skipped: {folder / 'sheet.xls'}: old Excel file: save it as .xlsx (另存为 .xlsx), or install LibreOffice "
         "to read it as it is"),
    ]
    assert f"Loaded into {db}: 4 added, 0 updated, 0 removed, 0 unchanged (4 documents" in result.stderr
    docs = run(db, "docs", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(docs)))
    assert sorted((r["id"], r["format"]) for r in rows) == [("a", "txt"), ("b", "html"), ("c", "docx"), ("d", "pdf")]
    of_seed = {r["id"]: r["targets"] for r in csv.DictReader(io.StringIO(run(seeds_db, "docs", "--format", "csv").stdout))}
    assert {r["id"]: r["targets"] for r in rows} == {name: of_seed[seed.stem] for name, (_, seed) in kinds.items()}
    quiet = run(db, "load", "--quiet", folder)
    assert quiet.exit_code == 0 and "Loaded" not in quiet.stderr


def test_load_shows_a_progress_bar_on_a_terminal_and_quiet_turns_it_off(tmp_path: Path) -> None:
    import os
    import pty

    folder = tmp_path / "docs"
    folder.mkdir()
    for seed in SEEDS:
        (folder / seed.name).write_bytes(seed.read_bytes())

    def stderr_on_a_terminal(*extra: str) -> str:
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "zjpolicy", "--db", str(tmp_path / "p.db"), "load", str(folder), *extra],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
            env={**os.environ, "TERM": "xterm", "COLUMNS": "80"},
        )
        os.close(slave)
        shown = read_terminal(master, timeout=60)
        proc.wait(timeout=60)
        os.close(master)
        assert proc.returncode == 0
        return shown.decode("utf-8", "replace")

    shown = stderr_on_a_terminal()
    assert "loading" in shown and "5 added, 0 updated, 0 removed, 0 unchanged (5 documents" in shown
    quiet = stderr_on_a_terminal("--quiet")
    assert "loading" not in quiet and "Loaded" not in quiet
