"""Tables readable at any width: at 60, 100 and 200 columns no number with its unit, date, id or
header is split, no line is wider than the screen, running text gets the room, a narrow screen
gets records, and a column with one value in every row moves into the title."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import read_csv, run
from rich.cells import cell_len

from zjpolicy.render.terminal import RECORDS_BELOW, column_widths
from zjpolicy.render.wrap import wrap

PLAN = "003_319bd9830f448044"
WIDTHS = [60, 100, 200]
# Every listing command, each with the columns its table shows by default (given with --columns,
# so that every column shows and each cell can be counted).
LISTINGS: dict[str, tuple[list[str], str]] = {
    "targets": (["targets", "--quote"], "year,indicator,value,unit,comparator,region,doc,quote"),
    "targets-2024": (["targets", "--year", "2024"], "year,indicator,value,unit,comparator,region,doc,quote"),
    "districts": (["districts", "--with-total"], "district,rnd,prov-rnd,inst,key-inst,total"),
    "district-tables": (["districts", "--tables"], "doc,table_no,title,districts,columns"),
    "owners": (["owners", "--quote"], "task,task_title,clause,role,position,agency,lead,doc,quote"),
    "docs": (["docs"], "id,date,region,kind,title,targets,owners,district_cells"),
    "search": (["search", "研发中心"], "doc,start,kind,context,year,indicator,value,unit"),
    "check": (["check"], "doc,level,check,message"),
    "facts": (["facts", PLAN], "kind,what,value,start,end,quote"),
    "facts-why": (["facts", PLAN, "--why"], "start,number,outcome,step,reason,what,context"),
    "measures": (["measures"], "id,zh,en,kind,unit,better,targets,achieved,origin"),
    "compare": (["compare", "rd_intensity"], "region,year,target,achieved,target_doc,achieved_doc"),
    "progress": (["progress"], "region,year,measure,comparator,target,unit,figure,figure_year,gap,status,doc"),
}
# What a line may never break: a date, a number with its unit (and 以上/以下), an id, a word of
# Latin letters and digits. Written apart from render.wrap's own rules, to check them.
PROTECTED = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"
    r"|[0-9A-Za-z_.%&+]*\d[0-9A-Za-z_.%&+]*(?:万|亿)?(?:元|件|项|家|个|名|人|所|次)?(?:以上|以下)?"
)


def _tokens(value: object) -> list[str]:
    return PROTECTED.findall(str(value)) if value is not None else []


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(LISTINGS))
def test_no_number_date_id_or_header_is_split(seeds_db: Path, name: str, lang: str, width: int) -> None:
    args, columns = LISTINGS[name]
    shown = run(seeds_db, *args, "--columns", columns, "--format", "table", "--lang", lang, COLUMNS=str(width))
    assert shown.exit_code in (0, 1), shown.output  # check exits 1 on an error finding
    lines = _lines(shown.stdout)
    assert max(cell_len(line) for line in lines) <= width, name
    data = json.loads(run(seeds_db, *args, "--columns", columns, "--format", "json", "--lang", lang).stdout)
    assert data, name
    headers = list(data[0])
    # each header is whole: in the table's header or before each record's value
    for header in headers:
        for word in header.split():
            assert any(word in line for line in lines), (name, header)
    # each protected piece of each cell shows whole, as often as the cells hold it
    wanted: dict[str, int] = {}
    for row in data:
        for value in row.values():
            for token in _tokens(value):
                wanted[token] = wanted.get(token, 0) + 1
    assert wanted, name
    for token, count in wanted.items():
        found = sum(line.replace("【", "").replace("】", "").count(token) for line in lines)  # --quote's marks aside
        assert found >= count, (name, lang, width, token, found, count)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(LISTINGS))
def test_default_tables_fit_the_screen(seeds_db: Path, name: str, width: int) -> None:
    args, _ = LISTINGS[name]
    for lang in ("zh", "en"):
        shown = run(seeds_db, *args, "--format", "table", "--lang", lang, COLUMNS=str(width))
        assert shown.exit_code in (0, 1), shown.output
        assert max(cell_len(line) for line in _lines(shown.stdout)) <= width, (name, lang)


def test_the_numbers_of_issue_13_stay_whole_at_100_columns(seeds_db: Path) -> None:
    out = run(seeds_db, "targets", "--year", "2024", "--format", "table", COLUMNS="100").stdout
    assert "15.5万件" in out and "100项以上" in out and "30项以上" in out
    assert not any(line.endswith(("15.", "3")) for line in _lines(out))


def test_running_text_gets_the_room_the_short_columns_leave(seeds_db: Path) -> None:
    out = _lines(run(seeds_db, "targets", "--year", "2024", "--format", "table", COLUMNS="100").stdout)
    header = next(line for line in out if "指标" in line and "原文" in line)
    # indicator and quote share what year, value, unit, comparator leave: far more than 6 characters each
    assert cell_len(header[: header.index("数值")]) > 30
    assert "全社会研究与试验发展经费支出" in "\n".join(out)  # a whole indicator on one line


def test_a_narrow_screen_shows_records(seeds_db: Path) -> None:
    out = _lines(run(seeds_db, "targets", "--year", "2024", "--quote", "--format", "table", COLUMNS="60").stdout)
    assert out[0].startswith("目标：47 条")
    blocks = "\n".join(out[out.index(""):]).strip().split("\n\n")
    assert len(blocks) == 47
    first = blocks[0].splitlines()
    assert [line.split()[0] for line in first[:4]] == ["指标", "数值", "单位", "比较"]
    assert first[0].split(maxsplit=1)[1] == "全社会研究与试验发展经费支出" and first[1].split()[1] == "800"
    assert "【800亿元】" in blocks[0]
    wide = run(seeds_db, "targets", "--year", "2024", "--format", "table", COLUMNS="200").stdout
    assert "━━━" in wide  # a table where there is room


def test_a_table_that_fits_without_wrapping_stays_a_table_below_80_columns(seeds_db: Path) -> None:
    out = run(seeds_db, "check", "--format", "table", "--columns", "level,check", COLUMNS="40").stdout
    assert "━━━" in out


def test_one_value_in_every_row_moves_into_the_title(seeds_db: Path) -> None:
    out = _lines(run(seeds_db, "targets", "--year", "2024", "--format", "table", COLUMNS="200").stdout)
    (region,) = {r["region"] for r in read_csv(run(seeds_db, "targets", "--year", "2024", "--format", "csv").stdout)}
    assert out[0] == f"目标：47 条 — 年份 2024, 地区 {region}, 文件 {PLAN}"
    header = next(line for line in out if "指标" in line)
    assert "年份" not in header and "文件" not in header and "地区" not in header
    assert sum(PLAN in line for line in out) == 1
    # only the table: CSV keeps every column, and --columns is obeyed as given
    rows = read_csv(run(seeds_db, "targets", "--year", "2024", "--format", "csv").stdout)
    assert {r["doc"] for r in rows} == {PLAN} and {r["year"] for r in rows} == {"2024"}
    chosen = _lines(run(seeds_db, "targets", "--year", "2024", "--columns", "year,doc,value", "--format", "table").stdout)
    assert chosen[0] == "目标：47 条" and "年份" in chosen[2] and "文件" in chosen[2]
    english = run(seeds_db, "owners", "--task", "7", "--format", "table", "--lang", "en").stdout
    assert english.startswith("Task owners: 5 — task 7, task_title 实施科技成果转移转化“145”行动, role responsible unit")


def test_docs_table_shows_what_tells_documents_apart(seeds_db: Path) -> None:
    out = _lines(run(seeds_db, "docs", "--format", "table", "--lang", "en", COLUMNS="200").stdout)
    header = next(line for line in out if line.lstrip().startswith("id"))
    assert header.split() == ["id", "date", "region", "region_zh", "kind", "title", "targets", "owners", "district_cells"]
    rows = read_csv(run(seeds_db, "docs", "--format", "csv").stdout)  # CSV: every column, in the query's order
    assert list(rows[0])[:6] == ["id", "title", "doc_number", "issuer", "date", "year"]


# ---------------------------------------------------------------- the layout's parts


def test_wrap_breaks_between_pieces_only() -> None:
    text = "累计有效发明专利拥有量15.5万件，组织实施国家重点研发项目100项以上，2024年3月12日前完成。"
    for width in range(14, 40):  # from the widest piece (2024年3月12日) on
        lines = [text[a:b] for a, b in wrap(text, width)]
        assert "".join(lines) == text and all(cell_len(line) <= width for line in lines)
        joined = "|".join(lines)
        for piece in ("15.5万件，", "100项以上，", "2024年3月12日"):
            assert piece in joined, (width, lines)
        assert not any(line.startswith(("，", "。")) for line in lines)


def test_wrap_keeps_a_marked_span_and_ids_whole_and_folds_only_what_cannot_fit() -> None:
    text = "责任单位：市经信局、市科技局、市财政局、市市场监管局"
    mark = (text.index("市市场监管局"), len(text))
    lines = [text[a:b] for a, b in wrap(text, 20, keep=mark)]
    assert "市市场监管局" in lines
    for text, width, lines in [
        ("见 003_319bd9830f448044 号", 22, ["见", "003_319bd9830f448044", "号"]),
        ("003_319bd9830f448044", 10, ["003_319bd9", "830f448044"]),  # wider than the column: folded
        ("provincial key enterprise research institute", 20, ["provincial key", "enterprise research", "institute"]),
        ("项目【10项】以上", 14, ["项目", "【10项】以上"]),
    ]:
        keep = (text.index("【"), text.index("】") + 1) if "【" in text else None
        assert [text[a:b] for a, b in wrap(text, width, keep=keep)] == lines


def test_column_widths_give_running_text_the_room_and_never_split_a_header() -> None:
    columns = ["year", "indicator", "value", "doc", "quote"]
    headers = ["年份", "指标", "数值", "文件", "原文"]
    row = [("2024", None), ("全社会研究与试验发展经费支出", None), ("800", None), ("003_319bd9830f448044", None),
           ("力争全社会研究与试验发展经费支出达800亿元", None)]
    widths = column_widths(columns, headers, [row], 100)
    assert widths is not None and widths[0] == 4 and widths[2] == 4 and widths[3] == 20
    assert sum(widths) + 3 * len(columns) + 1 <= 100
    assert widths[1] >= 12 and widths[4] >= 12
    natural = column_widths(columns, headers, [row], 200)
    assert natural == [4, 28, 4, 20, 41]  # everything on one line when it fits
    assert column_widths(columns, headers, [row], RECORDS_BELOW - 1) is None  # records when a cell would wrap
