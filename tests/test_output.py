"""Output for spreadsheets, scripts and readers: formats, CSV safety, columns, English, quotes, show, chart, help."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import VARIANTS, read_csv, run

from zjpolicy.render import emit, excel_safe

HANGZHOU_PLAN = "003_319bd9830f448044"
DISTRICT_REPLY = "000_3669a09881a7b6b9"
LISTING: list[str | list[str]] = ["targets", "districts", "owners", "docs", "check", ["facts", HANGZHOU_PLAN], ["search", "研发中心"]]


def _argv(command: str | list[str]) -> list[str]:
    return [command] if isinstance(command, str) else list(command)


def _read(fmt: str, text: str) -> list[dict[str, object]]:
    if fmt == "csv":
        return [dict(row) for row in read_csv(text)]
    if fmt == "tsv":
        return list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    if fmt == "json":
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines()]


def _as_text(rows: list[dict[str, object]]) -> list[dict[str, str]]:
    """JSON rows as CSV would hold them: None → "", 800.0 → "800"."""
    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, float) and v == int(v):
            return str(int(v))
        return str(v)

    return [{k: cell(v) for k, v in r.items()} for r in rows]


# ---------------------------------------------------------------- formats

@pytest.mark.parametrize("command", LISTING, ids=lambda c: c if isinstance(c, str) else c[0])
def test_csv_tsv_json_and_jsonl_hold_the_same_rows(seeds_db: Path, command: str | list[str]) -> None:
    read = {}
    for fmt in ("csv", "tsv", "json", "jsonl"):
        result = run(seeds_db, *_argv(command), "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        read[fmt] = _read(fmt, result.stdout)
    assert read["json"] == read["jsonl"]
    assert read["csv"] == read["tsv"] == _as_text(read["json"])
    if command != "check":
        assert read["csv"], command


@pytest.mark.parametrize("command", ["targets", "districts", "owners", "docs", ["search", "研发中心"]],
                         ids=lambda c: c if isinstance(c, str) else c[0])
def test_every_machine_row_carries_its_document_and_offsets(seeds_db: Path, command: str | list[str]) -> None:
    rows = json.loads(run(seeds_db, *_argv(command), "--format", "json").stdout)
    doc_key = "id" if command == "docs" else "doc"
    text = dict(sqlite3.connect(seeds_db).execute("select id, text from documents").fetchall())
    for r in rows:
        if r.get("district") == "合计(行之和)":  # a sum of the rows quotes nothing
            continue
        assert r[doc_key] in text, r
        assert isinstance(r["start"], int) and isinstance(r["end"], int), r
        assert 0 <= r["start"] <= r["end"] <= len(text[r[doc_key]]), r


def test_districts_row_offsets_point_at_the_districts_row(seeds_db: Path) -> None:
    rows = json.loads(run(seeds_db, "districts", "--format", "json").stdout)
    text = sqlite3.connect(seeds_db).execute("select text from documents where id = ?", (DISTRICT_REPLY,)).fetchone()[0]
    binjiang = rows[0]
    span = text[binjiang["start"]:binjiang["end"]]
    assert span.startswith("滨江区") and span.rstrip().endswith("48")


def test_numbers_stay_numbers_with_the_unit_apart(seeds_db: Path) -> None:
    rows = json.loads(run(seeds_db, "targets", "--year", "2024", "--format", "json").stdout)
    share = next(r for r in rows if r["unit"] == "%" and "地区生产总值" in r["indicator"])
    assert share["value"] == 3.95 and share["unit"] == "%"
    rnd = next(r for r in rows if r["indicator"] == "全社会研究与试验发展经费支出")
    assert (rnd["value"], rnd["unit"], rnd["value_base"], rnd["base_unit"]) == (800, "亿元", 80000000000, "元")
    csv_rows = read_csv(run(seeds_db, "targets", "--year", "2024", "--format", "csv").stdout)
    assert "3.95" in {r["value"] for r in csv_rows} and not any(r["value"].endswith("%") for r in csv_rows)


# ---------------------------------------------------------------- CSV for spreadsheets

def test_csv_is_utf8_without_bom_by_default_and_bom_on_request(seeds_db: Path) -> None:
    plain = run(seeds_db, "targets", "--format", "csv")
    assert not plain.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert "全社会研究与试验发展经费支出".encode() in plain.stdout_bytes
    excel = run(seeds_db, "targets", "--bom")  # --bom alone means CSV
    assert excel.exit_code == 0, excel.output
    assert excel.stdout_bytes[:3] == b"\xef\xbb\xbf"
    assert excel.stdout_bytes.count(b"\r\n") == len(read_csv(plain.stdout)) + 1
    excel_rows = read_csv(excel.stdout_bytes[3:].decode("utf-8"))
    assert [r["indicator"] for r in excel_rows] == [r["indicator"] for r in read_csv(plain.stdout)]
    assert {r["comparator"] for r in excel_rows} == {"eq", "ge"}  # no comparator needs a ' (a lone = is a formula to Excel)
    raw = run(seeds_db, "targets", "--bom", "--no-excel-safe")
    assert read_csv(raw.stdout_bytes[3:].decode("utf-8")) == read_csv(plain.stdout)
    tsv = run(seeds_db, "docs", "--format", "tsv", "--bom")
    assert tsv.stdout_bytes[:3] == b"\xef\xbb\xbf" and b"\t" in tsv.stdout_bytes


def test_bom_needs_csv_or_tsv(seeds_db: Path) -> None:
    result = run(seeds_db, "targets", "--format", "json", "--bom")
    assert result.exit_code == 2 and result.stderr.startswith("Error: --bom")


@pytest.fixture
def formula_db(seeds_db: Path, tmp_path: Path) -> Path:
    """The seeds with text cells a spreadsheet would run, and a negative number."""
    db = tmp_path / "formulas.db"
    shutil.copyfile(seeds_db, db)
    conn = sqlite3.connect(db)
    first = conn.execute("select rowid from targets order by year, doc_id, start, seq limit 5").fetchall()
    values = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd", "@SUM(A1)", "\tTAB", "-2+3"]
    for (rowid,), v in zip(first, values):
        conn.execute("update targets set indicator = ? where rowid = ?", (v, rowid))
    conn.execute("update targets set value = -5, value_base = -5 where rowid = ?", (first[0][0],))
    conn.commit()
    conn.close()
    return db


def test_excel_safe_neutralises_formulas_but_not_numbers(formula_db: Path) -> None:
    rows = read_csv(run(formula_db, "targets", "--format", "csv", "--excel-safe").stdout)
    indicators = [r["indicator"] for r in rows[:5]]
    assert indicators == ["'=HYPERLINK(\"http://evil\",\"x\")", "'+1+cmd", "'@SUM(A1)", "'\tTAB", "'-2+3"]
    assert rows[0]["value"] == "-5" and rows[0]["value_base"] == "-5"  # a number, not escaped
    assert all(not r["value"].startswith("'") for r in rows)
    # on by default with --bom, off with --no-excel-safe, off by default otherwise
    with_bom = read_csv(run(formula_db, "targets", "--bom").stdout_bytes[3:].decode())
    assert with_bom[0]["indicator"].startswith("'=") and with_bom[0]["value"] == "-5"
    raw = read_csv(run(formula_db, "targets", "--bom", "--no-excel-safe").stdout_bytes[3:].decode())
    assert raw[0]["indicator"].startswith("=")
    assert read_csv(run(formula_db, "targets", "--format", "csv").stdout)[0]["indicator"].startswith("=")
    # JSON is for scripts: never altered
    assert json.loads(run(formula_db, "targets", "--format", "json").stdout)[0]["indicator"].startswith("=")


def test_excel_safe_cells() -> None:
    assert excel_safe(-5) == -5 and excel_safe(-3.5) == -3.5 and excel_safe("-5") == "-5"
    assert excel_safe("=1+2") == "'=1+2" and excel_safe("@x") == "'@x" and excel_safe("\rx") == "'\rx"
    assert excel_safe("滨江区") == "滨江区" and excel_safe(None) is None
    buf = io.StringIO()
    emit([{"a": -5, "b": "=cmd", "c": "-5", "d": 3.0}], ["a", "b", "c", "d"], "csv", out=buf, excel_safe=True)
    assert buf.getvalue() == "a,b,c,d\n-5,'=cmd,-5,3\n"


def test_export_takes_bom_and_excel_safe(formula_db: Path, tmp_path: Path) -> None:
    result = run(formula_db, "export", str(tmp_path / "out"), "--bom")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "out" / "targets.csv").read_bytes()
    assert data[:3] == b"\xef\xbb\xbf" and b"\r\n" in data
    rows = read_csv(data[3:].decode())
    assert any(r["indicator"].startswith("'=") for r in rows)


# ---------------------------------------------------------------- columns

def test_columns_chooses_and_orders_columns(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "targets", "--year", "2024", "--columns", "value,unit,doc", "--format", "csv").stdout)
    assert list(rows[0]) == ["value", "unit", "doc"]
    table = run(seeds_db, "targets", "--year", "2024", "--columns", "indicator,value", "--format", "table").stdout
    header = next(line for line in table.splitlines() if "指标" in line)
    assert "数值" in header and "原文" not in header and "地区" not in header
    by_header = run(seeds_db, "targets", "--year", "2024", "--columns", "指标,数值", "--format", "table").stdout
    assert by_header == table  # under --lang zh a column may be named by its header too
    districts = read_csv(run(seeds_db, "districts", "-c", "district,rnd,total", "-f", "csv").stdout)
    assert list(districts[0]) == ["district", "市研发中心", "total"]
    for command in LISTING:
        result = run(seeds_db, *_argv(command), "--columns", "doc" if command != "docs" else "id", "--format", "csv")
        assert result.exit_code == 0, (command, result.output)


def test_unknown_column_is_a_one_line_error_listing_the_choices(seeds_db: Path) -> None:
    result = run(seeds_db, "targets", "--columns", "year,colour")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --columns colour: no such column; choose from year, indicator, value, unit")
    assert len(result.stderr.strip().splitlines()) == 1
    owners = run(seeds_db, "owners", "--columns", "nope")
    assert owners.exit_code == 2 and "agency" in owners.stderr


# ---------------------------------------------------------------- English

def test_lang_en_districts_headers_and_pinyin_with_the_chinese_kept(seeds_db: Path) -> None:
    rows = read_csv(run(seeds_db, "districts", "--sort", "rnd", "--lang", "en", "--format", "csv", "--with-total").stdout)
    assert list(rows[0])[:7] == [
        "district", "district_zh", "municipal R&D centre", "provincial R&D centre",
        "provincial enterprise research institute", "provincial key enterprise research institute", "total",
    ]
    assert (rows[0]["district"], rows[0]["district_zh"], rows[0]["municipal R&D centre"]) == ("Binjiang District", "滨江区", "593")
    by_zh = {r["district_zh"]: r["district"] for r in rows}
    assert by_zh["淳安县"] == "Chun'an County" and by_zh["建德市"] == "Jiande City" and by_zh["合计"] == "Total"
    table = run(seeds_db, "districts", "--lang", "en", "--format", "table").stdout
    assert "municipal" in table and "Binjiang District" in table and "district_zh" in table
    chosen = read_csv(run(seeds_db, "districts", "--lang", "en", "-c", "district,rnd,市研发中心", "-f", "csv").stdout)
    assert list(chosen[0]) == ["district", "municipal R&D centre"]


def test_lang_en_targets_units_regions_and_owners_roles(seeds_db: Path) -> None:
    rows = json.loads(run(seeds_db, "targets", "--year", "2024", "--lang", "en", "--format", "json").stdout)
    rnd = next(r for r in rows if r["indicator"] == "全社会研究与试验发展经费支出")
    assert (rnd["unit"], rnd["unit_zh"], rnd["region"], rnd["region_zh"]) == ("100 million yuan", "亿元", "Hangzhou City", "杭州市")
    assert rnd["value"] == 800 and rnd["comparator"] == "reach"
    units = {r["unit_zh"]: r["unit"] for r in rows}
    assert units["家"] == "enterprises/units" and units["项"] == "items" and units["件"] == "pieces"
    owners = read_csv(run(seeds_db, "owners", "--task", "7", "--lang", "en", "--format", "csv").stdout)
    assert {(r["role"], r["role_zh"]) for r in owners} == {("responsible unit", "责任单位")}
    docs = {r["id"]: r for r in json.loads(run(seeds_db, "docs", "--lang", "en", "--format", "json").stdout)}
    assert docs["002_9804b8b14b1b85b8"]["region"] == "Xiaoshan District"
    assert docs["001_509357e0b9b1b6c5"]["region"] == "Yuyao City"


def test_lang_must_be_zh_or_en(seeds_db: Path) -> None:
    result = run(seeds_db, "docs", "--lang", "fr")
    assert result.exit_code == 2 and result.stderr.strip() == "Error: --lang fr: choose one of zh, en (请从中选一个)"


def test_glossary_knows_every_place_of_zhejiang() -> None:
    import tomllib

    from zjpolicy import glossary
    from zjpolicy.paths import data_dir

    places = tomllib.loads((data_dir() / "places.toml").read_text(encoding="utf-8"))
    names = [*places["cities"], *(n for ns in places["cities"].values() for n in ns)]
    missing = [n for n in names if glossary.place(n) == n]
    assert missing == []
    assert glossary.place("滨江") == "Binjiang" and glossary.place("杭州市") == "Hangzhou City"
    assert glossary.place("某某新区") == "某某新区"  # unknown: the Chinese
    assert glossary.institution("省重点企业研究院") == "provincial key enterprise research institute"
    assert glossary.role("牵头单位") == "lead unit" and glossary.role("配合单位") == "cooperating unit"
    assert glossary.unit("万件") == "10 thousand pieces" and glossary.unit("名") == "persons"
    assert glossary.unit("个") == "units" and glossary.unit("亿元") == "100 million yuan"


# ---------------------------------------------------------------- provenance

def test_targets_quote_marks_the_number(seeds_db: Path) -> None:
    table = run(seeds_db, "targets", "--year", "2024", "--quote", "--format", "table").stdout
    assert "【800亿元】" in table.replace("\n", "").replace(" ", "") or "【800亿" in table
    rows = json.loads(run(seeds_db, "targets", "--year", "2024", "--quote", "--format", "json").stdout)
    text = sqlite3.connect(seeds_db).execute("select text from documents where id = ?", (HANGZHOU_PLAN,)).fetchone()[0]
    rnd = next(r for r in rows if r["indicator"] == "全社会研究与试验发展经费支出")
    assert text[rnd["value_start"]:rnd["value_end"]] == "800亿元"
    assert rnd["quote"] == text[rnd["start"]:rnd["end"]]  # the quote itself is never altered
    md = run(seeds_db, "targets", "--year", "2024", "--quote", "--format", "markdown").stdout
    assert "**800亿元**" in md


def test_owners_quote_adds_the_clause_with_the_agency_marked(seeds_db: Path) -> None:
    plain = run(seeds_db, "owners", "--task", "7", "--format", "table").stdout
    assert "【" not in plain
    result = run(seeds_db, "owners", "--task", "7", "--quote", "--format", "table")
    assert result.exit_code == 0, result.output
    squeezed = "".join(result.stdout.split())
    assert "【市科技局】" in squeezed and "【市经信局】" in squeezed
    rows = read_csv(run(seeds_db, "owners", "--task", "7", "--quote", "--format", "csv").stdout)
    text = sqlite3.connect(seeds_db).execute("select text from documents where id = ?", (HANGZHOU_PLAN,)).fetchone()[0]
    for r in rows:
        assert text[int(r["agency_start"]):int(r["agency_end"])] == r["agency"]
        assert r["quote"] == text[int(r["start"]):int(r["end"])]


def test_show_prints_metadata_and_text(seeds_db: Path) -> None:
    result = run(seeds_db, "show", DISTRICT_REPLY)
    assert result.exit_code == 0, result.output
    head, _, body = result.stdout.partition("\n\n")
    assert "id:" in head and DISTRICT_REPLY in head and "script:" in head and "traditional" in head
    assert "滨江区" in body and "濱江區" not in body
    original = run(seeds_db, "show", DISTRICT_REPLY, "--original").stdout
    assert "濱江區" in original
    data = json.loads(run(seeds_db, "show", HANGZHOU_PLAN, "--format", "json").stdout)
    assert data["doc_number"] == "杭科领办〔2024〕1号" and data["text"][484:506] == "力争全社会研究与试验发展经费支出达800亿元"
    missing = run(seeds_db, "show", "nope")
    assert missing.exit_code == 2 and missing.stderr.startswith("Error: no document 'nope'")


# ---------------------------------------------------------------- tables and chart

def test_table_is_aligned_by_display_width(seeds_db: Path) -> None:
    from rich.cells import cell_len

    out = run(seeds_db, "districts", "--format", "table", COLUMNS="100").stdout
    lines = [line for line in out.splitlines()[1:] if line.strip()]
    assert len({cell_len(line) for line in lines}) == 1  # every line equally wide on screen
    col = {cell_len(line[: line.index("593")]) for line in lines if "593" in line}
    col |= {cell_len(line[: line.index("418")]) for line in lines if "418" in line and "余杭区" in line}
    assert len(col) == 1  # numbers right-aligned in one column


def test_no_color_and_piped_tables_have_no_escape_codes(seeds_db: Path) -> None:
    for env in ({"NO_COLOR": "1"}, {"NO_COLOR": ""}):
        out = run(seeds_db, "targets", "--year", "2024", "--quote", "--format", "table", **env).stdout
        assert "\x1b[" not in out and "【" in out


def test_districts_chart_in_sort_order(seeds_db: Path) -> None:
    result = run(seeds_db, "districts", "--sort", "rnd", "--chart")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "市研发中心" in lines[0]
    bars = lines[1:]
    assert bars[0].startswith("滨江区") and bars[0].rstrip().endswith("593") and "█" in bars[0]
    values = [int(line.split()[-1]) for line in bars]
    assert values == sorted(values, reverse=True) and len(values) == 13
    widths = [line.count("█") for line in bars]
    assert widths == sorted(widths, reverse=True) and widths[-1] < widths[0]
    assert "\x1b[" not in result.stdout
    by_name = run(seeds_db, "districts", "--sort", "name", "--asc", "--chart", "--lang", "en").stdout.splitlines()
    assert "total" in by_name[0]
    names = [line.split("  ")[0].strip() for line in by_name[1:]]
    assert "Binjiang District" in names and "Chun'an County" in names
    bad = run(seeds_db, "districts", "--chart", "--format", "csv")
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: --chart")


# ---------------------------------------------------------------- options and writers, declared once


@pytest.mark.parametrize("given,message", [
    ({"fmt": "xml"}, "--format xml: choose one of table, csv, tsv, json, jsonl, markdown (请从中选一个)"),
    ({"fmt": "json", "bom": True}, "--bom: only with --format csv or tsv, not json (--bom 只用于 csv 或 tsv)"),
    ({"fmt": "table", "bom": True}, "--bom: only with --format csv or tsv, not table (--bom 只用于 csv 或 tsv)"),
    ({"lang": "fr"}, "--lang fr: choose one of zh, en (请从中选一个)"),
])
def test_bad_output_options_are_one_line_errors(given: dict[str, object], message: str) -> None:
    from zjpolicy.cli.options import output
    from zjpolicy.errors import ZjpolicyError

    options = {"fmt": None, "columns": None, "bom": False, "excel_safe": None, "lang": "zh"} | given
    with pytest.raises(ZjpolicyError) as e:
        output(**options)  # type: ignore[arg-type]
    assert str(e.value) == message


def test_output_options_become_one_value() -> None:
    from zjpolicy.cli.options import output

    bom = output(None, "year,value", True, None, "EN")
    assert (bom.fmt, bom.columns, bom.bom, bom.excel_safe, bom.lang) == ("csv", "year,value", True, True, "en")
    plain = output("JSON", None, False, None, "zh")
    assert (plain.fmt, plain.bom, plain.excel_safe) == ("json", False, False)
    assert output("tsv", None, True, False, "zh").excel_safe is False


def test_a_format_is_one_entry_of_writers(seeds_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zjpolicy.render import WRITERS, Sheet

    def count(sheet: Sheet, out: object) -> None:
        print(f"{len(sheet.rows)} rows of {','.join(sheet.columns)}")

    monkeypatch.setitem(WRITERS, "count", count)
    result = run(seeds_db, "targets", "--year", "2024", "--format", "count", "--columns", "year,value")
    assert result.exit_code == 0, result.output
    assert result.stdout == "47 rows of year,value\n"
    help_text = " ".join(run(None, "targets", "--help").stdout.split())
    assert "table, csv, tsv, json, jsonl or markdown (default: table on a terminal, csv when piped)" in help_text


def test_machine_views_show_every_column_the_query_returns() -> None:
    from zjpolicy import queries
    from zjpolicy.render import views

    table = ["year", "indicator", "doc", "quote"]
    columns = [*queries.TARGET_COLUMNS[:-1], "new_column", "quote"]  # as if schema.py had one more column
    shown, machine, extra = views(table, columns, quote_only=["value_start", "value_end"])
    assert shown == table and extra == ["value_start", "value_end"]
    assert machine[:3] == ["year", "indicator", "doc"] and machine[-2:] == ["new_column", "quote"]
    assert set(machine) == set(columns) - {"value_start", "value_end"}
    quoted = views(table, columns, quote_only=["value_start", "value_end"], quote=True)[1]
    assert set(quoted) == set(columns) and quoted[-1] == "quote"


# ---------------------------------------------------------------- help

@pytest.mark.parametrize("command", [
    "load", "targets", "districts", "owners", "docs", "search", "show", "datasette-metadata", "export", "check", "facts",
])
def test_every_command_help_shows_examples(command: str) -> None:
    result = run(None, command, "--help")
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.stdout
    examples = [line for line in result.stdout.splitlines() if line.strip().startswith(("zjpolicy ", "datasette "))]
    assert 2 <= len(examples) <= 3, result.stdout


def test_top_level_help_documents_exit_codes() -> None:
    out = run(None, "--help").stdout
    assert "Exit codes: 0 ok, 1 findings (check), 2 usage or input error." in " ".join(out.split())
    for command in ("search", "show", "datasette-metadata"):
        assert command in out


def test_shell_completion_script() -> None:
    result = run(None, "--show-completion", "bash")
    if result.exit_code != 0:
        pytest.skip(f"typer could not show completion here: {result.output}")
    assert "zjpolicy" in result.stdout and "complete" in result.stdout


# ---------------------------------------------------------------- README

def _readme_block(after: str) -> list[str]:
    """The lines of the first code block after the line `after` in README.md."""
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rest = text[text.index(after):]
    block = rest.split("```\n", 2)[1]
    return [line.rstrip() for line in block.splitlines()]


@pytest.mark.parametrize("after,args", [
    ("The last prints (100 columns wide):", ["districts", "--sort", "rnd", "--chart"]),
    ("The first prints:", ["search", "濱江區", "--format", "table"]),
])
def test_readme_shows_what_the_terminal_prints(seeds_db: Path, after: str, args: list[str]) -> None:
    out = run(seeds_db, *args, COLUMNS="100").stdout
    assert [line.rstrip() for line in out.splitlines()][: len(_readme_block(after))] == _readme_block(after)


def test_readme_lang_en_example(seeds_db: Path) -> None:
    block = _readme_block("The last prints:\n")
    out = run(seeds_db, "targets", "--year", "2024", "--lang", "en", "--columns", "indicator,value,unit,unit_zh",
              "--format", "csv").stdout.splitlines()
    assert block[-1] == "…" and out[: len(block) - 1] == block[:-1]


@pytest.mark.parametrize("args", [
    ["targets", "--year", "2024", "--format", "csv", "--columns", "year,value,unit"],
    ["districts", "--format", "json"],
    ["owners", "--quote", "--format", "jsonl"],
    ["docs", "--bom"],
])
def test_csv_and_json_stay_off_heavy_imports(seeds_db: Path, args: list[str]) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from zjpolicy.cli import main\n"
        f"sys.argv = ['zjpolicy', '--db', {str(seeds_db)!r}, *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rich', 'opencc', 'sqlite_utils', 'zjpolicy.extract', 'zjpolicy.glossary') if m in sys.modules]\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert result.stderr.strip().endswith("[]"), result.stderr


def test_a_table_whose_columns_overlap_shows_no_row_total(seeds_db: Path, tmp_path: Path) -> None:
    """月累计 = 发明 + 实用新型 + 外观设计 in every row: a row total would count each patent twice, so there is none."""
    db = tmp_path / "overlap.db"
    assert run(db, "load", VARIANTS / "v93_district_groups_around_a_rate.txt").exit_code == 0
    shown = run(db, "districts", "--format", "csv")
    assert shown.exit_code == 0, shown.output
    rows = read_csv(shown.stdout)
    assert "total" not in rows[0] and [r["district"] for r in rows] == ["甲山市", "乙水市", "丙原朝鲜族自治州"]  # by 当年累计
    assert "no row total: the columns overlap (月累计 = 发明 + 实用新型 + 外观设计)" in shown.stderr
    refused = run(db, "districts", "--sort", "total")
    assert refused.exit_code == 2 and "columns overlap" in refused.stderr and "Traceback" not in refused.output
    # the seeds' kinds of institution are apart: their rows keep the total
    seeds = read_csv(run(seeds_db, "districts", "--format", "csv").stdout)
    assert all(int(r["total"]) == sum(int(r[c]) for c in ("市研发中心", "省研发中心", "省企业研究院", "省重点企业研究院"))
               for r in seeds)
