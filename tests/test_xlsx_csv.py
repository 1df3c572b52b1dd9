"""Spreadsheets and CSV files in; old Office and WPS files converted by LibreOffice or named with the fix.

A sheet is written as the other readers write a table: its name as a title line
(unless it is a default name), then one line per row with the cells joined by
" | ", a merged cell once where it starts and the cells it covers empty, as the
sheet's CSV export has them. The fixtures are made here with
openpyxl: bilingual headings over two rows, a province row over its cities.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from conftest import SEEDS, read_csv, run

from zjpolicy.errors import ZjpolicyError
from zjpolicy.extract.tables import cell_stream
from zjpolicy.formats import SUPPORTED_SUFFIXES, read_text

openpyxl = pytest.importorskip("openpyxl", reason="needs the docs extra (openpyxl)")

PLAN = "003_319bd9830f448044"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def workbook_bytes(wb: object) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)  # type: ignore[attr-defined]
    return buf.getvalue()


def district_workbook() -> bytes:
    """A city table as offices send it: a title over the table, headings in two languages over two rows
    (a merged 地区 cell, merged groups over their years), a province row, then its cities."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2024年研发投入"
    ws.append(["2024年各市研发投入情况 R&D expenditure by city, 2024"])
    ws.merge_cells("A1:E1")
    ws.append(["地区 Region", "研发经费支出（亿元） R&D expenditure (100 million yuan)", None,
               "研发投入强度 R&D intensity", None])
    ws.append([None, "2023年", "2024年", "2023年", "2024年"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:C2")
    ws.merge_cells("D2:E2")
    ws.append(["浙江省 Zhejiang", 2640.2, 2870.5, 0.031, 0.032])
    ws.append(["  杭州市 Hangzhou", 700, 760.0, 0.035, 0.036])
    ws.append(["  宁波市 Ningbo", 500, 545.5, 0.03, 0.031])
    for row in ws.iter_rows(min_row=4, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "0.00%"
    ws.column_dimensions["F"].width = 30  # formatting past the data: no empty column for it
    ws["G9"].number_format = "0.0"
    notes = wb.create_sheet("Sheet2")
    notes.append(["说明", "数据来源：省统计局"])
    notes.append(["更新日期", dt.datetime(2025, 3, 5)])
    hidden = wb.create_sheet("内部")
    hidden.append(["不应读出"])
    hidden.sheet_state = "hidden"
    wb.create_sheet("空表")
    return workbook_bytes(wb)


DISTRICT_TEXT = [
    "2024年研发投入",
    "2024年各市研发投入情况 R&D expenditure by city, 2024",
    "| 地区 Region | 研发经费支出（亿元） R&D expenditure (100 million yuan) |  | 研发投入强度 R&D intensity |  |",
    "|  | 2023年 | 2024年 | 2023年 | 2024年 |",
    "浙江省 Zhejiang | 2640.2 | 2870.5 | 3.10% | 3.20%",
    "杭州市 Hangzhou | 700 | 760 | 3.50% | 3.60%",
    "宁波市 Ningbo | 500 | 545.5 | 3.00% | 3.10%",
    "说明 | 数据来源：省统计局 |",
    "更新日期 | 2025-03-05 |",
]


def test_a_workbook_is_read_sheet_by_sheet_as_titled_tables() -> None:
    text, encoding, fmt = read_text(Path("研发投入.xlsx"), district_workbook())
    assert (encoding, fmt) == ("utf-8", "xlsx")
    assert text == "\n".join(DISTRICT_TEXT) + "\n"
    cells = cell_stream(text)
    assert [len([c for c in cells if c.line == n]) for n in range(2, 7)] == [5, 5, 5, 5, 5]  # a grid, every cell in place


def test_cells_as_the_sheet_shows_them() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "工作表1"
    ws.append(["名称", "数量", "占比", "日期", "合计", "是否", "说明"])
    ws.append(["甲|乙", 12.0, 0.125, dt.date(2024, 1, 31), "=SUM(B2:B2)", True, "第一行\n第二行"])
    ws["C2"].number_format = "0.0%"
    text = read_text(Path("t.xlsx"), workbook_bytes(wb))[0]
    # no title line for a default sheet name; a formula without a value Excel computed reads empty
    assert text.splitlines() == [
        "名称 | 数量 | 占比 | 日期 | 合计 | 是否 | 说明",
        "甲｜乙 | 12 | 12.5% | 2024-01-31 |  | TRUE | 第一行 第二行",
    ]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "empty.xlsx", "not an .xlsx file (not a ZIP package)"),
        (b"PK\x03\x04 truncated", "broken.xlsx", "not a readable .xlsx file (BadZipFile)"),
    ],
)
def test_a_bad_workbook_is_one_line(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ZjpolicyError) as e:
        read_text(Path(name), data)
    assert str(e.value) == f"{name}: {message}"


def test_a_workbook_without_text_is_one_line() -> None:
    with pytest.raises(ZjpolicyError) as e:
        read_text(Path("blank.xlsx"), workbook_bytes(openpyxl.Workbook()))
    assert str(e.value) == "blank.xlsx: no text in the workbook"


def test_missing_openpyxl_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    data = district_workbook()
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed
    with pytest.raises(ZjpolicyError) as e:
        read_text(Path("d.xlsx"), data)
    assert str(e.value) == "d.xlsx: reading .xlsx needs the docs extra: pip install 'zjpolicy[docs]'"


def test_the_spreadsheet_and_csv_suffixes_are_picked_up_from_folders() -> None:
    assert {".csv", ".xlsx", ".doc", ".wps", ".xls", ".et"} <= set(SUPPORTED_SUFFIXES)


# ---------------------------------------------------------------- CSV


def test_csv_in_utf8_with_bom_quotes_and_trailing_empty_columns() -> None:
    data = '\ufeff地区,企业数,说明,,\n杭州市,"1,200","含 ""省级""\n企业",,\n,,,,\n宁波市,800,,,\n'.encode()
    text, encoding, fmt = read_text(Path("x.csv"), data)
    assert (encoding, fmt) == ("utf-8-sig", "csv")
    assert text.splitlines() == ["地区 | 企业数 | 说明", '杭州市 | 1,200 | 含 "省级" 企业', "| 宁波市 | 800 |  |"]


def test_a_csv_title_row_is_a_line_of_its_own() -> None:
    """A title over the table, its merge lost in the CSV export: the title alone, as a merged row reads."""
    data = "2025年7月有效发明专利统计表,,,\n地区,专利量,职务,\n,,大专院校,科研单位\n长沙市,81989,30783,1713\n".encode()
    text = read_text(Path("p.csv"), data)[0]
    assert text.splitlines() == [
        "2025年7月有效发明专利统计表",
        "| 地区 | 专利量 | 职务 |  |",
        "|  |  | 大专院校 | 科研单位 |",
        "长沙市 | 81989 | 30783 | 1713",
    ]
    # the table reader finds every cell where it stands, the empty ones at either end too
    cells = cell_stream(text)
    assert [[c.text for c in cells if c.line == n] for n in (1, 2, 3)] == [
        ["地区", "专利量", "职务", ""], ["", "", "大专院校", "科研单位"], ["长沙市", "81989", "30783", "1713"],
    ]


def test_csv_in_gbk_or_with_tabs() -> None:
    gbk = "地区,高新技术企业\n杭州市,1500\n".encode("gbk")
    assert read_text(Path("g.csv"), gbk)[:2] == ("地区 | 高新技术企业 |\n杭州市 | 1500 |\n", "gb18030")
    tabs = "地区\t高新技术企业\t研发机构\n杭州市\t1,500\t30\n".encode()
    assert read_text(Path("t.csv"), tabs)[0] == "地区 | 高新技术企业 | 研发机构\n杭州市 | 1,500 | 30\n"


# ---------------------------------------------------------------- through the CLI


def test_a_workbook_and_a_csv_load_as_documents(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "districts.xlsx").write_bytes(district_workbook())
    (folder / "firms.csv").write_bytes("地区,企业数\n杭州市,1200\n".encode())
    db = tmp_path / "t.db"
    result = run(db, "load", folder)
    assert result.exit_code == 0, result.output
    rows = read_csv(run(db, "docs", "--format", "csv").stdout)
    assert [(r["id"], r["format"]) for r in rows] == [("districts", "xlsx"), ("firms", "csv")]
    conn = sqlite3.connect(db)
    assert conn.execute("select original from documents where id = 'districts'").fetchone() == (
        "\n".join(DISTRICT_TEXT) + "\n",
    )
    conn.close()


# ---------------------------------------------------------------- old Office and WPS files


@pytest.fixture
def no_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


FAKE_SOFFICE = '''#!{python}
"""A stand-in for LibreOffice: --convert-to docx|xlsx --outdir OUT FILE, the text after the OLE magic as the document."""
import sys
from pathlib import Path

args = sys.argv[1:]
target, out, source = args[args.index("--convert-to") + 1], Path(args[args.index("--outdir") + 1]), Path(args[-1])
assert any(a.startswith("-env:UserInstallation=file://") for a in args) and "--headless" in args
text = source.read_bytes()[8:].decode("utf-8")
out.mkdir(parents=True, exist_ok=True)
if text.startswith("FAIL"):
    sys.stderr.write("Error: source file could not be loaded\\n")
    sys.exit(1)
if target == "docx":
    import docx
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(out / (source.stem + ".docx"))
else:
    import openpyxl
    wb = openpyxl.Workbook()
    for line in text.splitlines():
        wb.active.append(line.split(","))
    wb.save(out / (source.stem + ".xlsx"))
'''


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pytest.importorskip("docx")
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE.replace("{python}", sys.executable), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return script


FIXES = {
    ".doc": "old Word file: save it as .docx (另存为 .docx)",
    ".wps": "WPS text file: save it as .docx (另存为 .docx)",
    ".xls": "old Excel file: save it as .xlsx (另存为 .xlsx)",
    ".et": "WPS spreadsheet file: save it as .xlsx (另存为 .xlsx)",
}


@pytest.mark.parametrize("suffix", sorted(FIXES))
def test_an_old_file_without_libreoffice_is_one_line_and_changes_nothing(
    suffix: str, old_db: Path, tmp_path: Path, no_soffice: None
) -> None:
    before = old_db.read_bytes()
    old = tmp_path / f"plan{suffix}"
    old.write_bytes(OLE + b"\x00" * 504)
    result = run(old_db, "load", old)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: no document could be loaded ({old}: {FIXES[suffix]}, or install LibreOffice to read it as it is)\n"
    )
    assert old_db.read_bytes() == before


def test_an_old_word_file_named_docx_gets_the_same_fix(tmp_path: Path, no_soffice: None) -> None:
    with pytest.raises(ZjpolicyError) as e:
        read_text(Path("old.docx"), OLE + b"\x00" * 504)
    assert str(e.value) == (
        "old.docx: old Word file: save it as .docx (另存为 .docx), or install LibreOffice to read it as it is"
    )


def test_libreoffice_converts_old_files_on_the_fly(tmp_path: Path, fake_soffice: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    plan = (SEEDS / f"{PLAN}.txt").read_text(encoding="utf-8")
    (folder / "plan.doc").write_bytes(OLE + plan.encode())
    (folder / "firms.xls").write_bytes(OLE + "地区,企业数\n杭州市,1200\n".encode())
    db = tmp_path / "o.db"
    result = run(db, "load", folder)
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in read_csv(run(db, "docs", "--format", "csv").stdout)}
    assert {i: r["format"] for i, r in rows.items()} == {"firms": "xls", "plan": "doc"}
    conn = sqlite3.connect(db)
    assert conn.execute("select original from documents where id = 'firms'").fetchone() == ("地区 | 企业数 |\n杭州市 | 1200 |\n",)
    assert conn.execute("select count(*) from targets where doc_id = 'plan'").fetchone()[0] > 10
    conn.close()


def test_a_conversion_libreoffice_fails_is_one_line(tmp_path: Path, fake_soffice: Path) -> None:
    with pytest.raises(ZjpolicyError) as e:
        read_text(Path("bad.wps"), OLE + b"FAIL")
    assert str(e.value) == (
        "bad.wps: WPS text file: LibreOffice could not convert it (Error: source file could not be loaded); "
        "save it as .docx (另存为 .docx)"
    )


def test_an_old_suffix_on_newer_bytes_needs_no_conversion(tmp_path: Path, no_soffice: None) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("到2025年，新增高新技术企业300家。")
    buf = io.BytesIO()
    document.save(buf)
    assert read_text(Path("renamed.doc"), buf.getvalue())[0] == "到2025年，新增高新技术企业300家。\n"
    page = "<html><body><p>到2025年，新增高新技术企业300家。</p></body></html>".encode()
    assert read_text(Path("page.doc"), page)[0].strip() == "到2025年，新增高新技术企业300家。"
    sheet = workbook_bytes(openpyxl.Workbook())
    with pytest.raises(ZjpolicyError, match="no text in the workbook"):
        read_text(Path("renamed.xls"), sheet)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_real_libreoffice_converts_a_doc(tmp_path: Path) -> None:
    import subprocess

    source = tmp_path / "plan.txt"
    source.write_text("到2025年，新增高新技术企业300家。\n", encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    text = read_text(tmp_path / "plan.doc", (tmp_path / "plan.doc").read_bytes())[0]
    assert "新增高新技术企业300家" in text
