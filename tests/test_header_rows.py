"""Header rows lined up with data columns: a grid, stacked rows, one cell a line cut in two; and the
forms of the cell stream they come from. None means the headings cannot be lined up one to one."""

from __future__ import annotations

import pytest

from zjpolicy.extract.header_rows import heading_text, solve_grid, solve_stacked, split_stacked
from zjpolicy.extract.headers import solve_header
from zjpolicy.extract.tables import cell_stream

TOP = ["2021年", "职务", "非职务", "常住人口", "专利密度", "排名"]
BELOW = ["2月", "大专院校", "科研单位", "工矿企业", "机关团体", "职务总计", "个人", "(万人)", "(件/万人)"]
HEADINGS = ["2021年2月", "大专院校", "科研单位", "工矿企业", "机关团体", "职务总计", "个人", "常住人口(万人)", "专利密度(件/万人)", "排名"]


def test_stacked_rows_a_year_over_a_month_a_group_with_its_subtotal_units_under_their_headings() -> None:
    assert solve_stacked(TOP, BELOW, 10) == HEADINGS


@pytest.mark.parametrize("n", [9, 11])
def test_stacked_rows_that_cannot_give_n_columns_give_none(n: int) -> None:
    assert solve_stacked(TOP, BELOW, n) is None


def test_stacked_rows_with_two_readings_that_name_the_columns_differently_give_none() -> None:
    # 甲 or 乙 may stand over 丙 (a group of one) and the other span both rows: no evidence either way
    assert solve_stacked(["甲", "乙"], ["丙"], 2) is None


def test_one_cell_a_line_cut_where_the_second_header_row_lines_up() -> None:
    assert split_stacked([*TOP, *BELOW], 10) == HEADINGS
    # broken headings (高新技术 / 企业) are no second row
    assert split_stacked(["高新技术", "企业", "科技型中小", "企业"], 2) is None
    assert solve_header(["地区", *TOP, *BELOW], 10) == HEADINGS


def test_a_grid_blank_merged_cells_belong_to_the_group_left_of_them() -> None:
    rows = [["有效发明专利量", "职务", "", "", "非职务", "排名"], ["", "大专院校", "工矿企业", "职务总计", "个人", ""]]
    assert solve_grid(rows, 6) == ["有效发明专利量", "大专院校", "工矿企业", "职务总计", "个人", "排名"]
    # a leaf that repeats under two groups takes its group; a column with no heading at all gives none
    assert solve_grid([["申请量", "", "授权量", ""], ["发明", "实用新型", "发明", "实用新型"]], 4) == [
        "申请量发明", "申请量实用新型", "授权量发明", "授权量实用新型",
    ]
    assert solve_grid([["甲", "乙", ""], ["", "", ""]], 3) is None
    assert solve_grid([["甲", "乙", "丙", "丁"]], 3) is None


def test_a_one_row_header_that_does_not_line_up_gives_none() -> None:
    assert solve_header(["区县", "高新技术企业", "科技型中小企业"], 3) is None
    assert solve_header([], 2) is None


def test_the_chinese_part_of_a_bilingual_heading_names_the_column() -> None:
    assert heading_text("研究与开发机构 R&D Institutions") == "研究与开发机构"
    assert heading_text("R&D Institutions") == ""
    assert heading_text("R&D项目") == "R&D项目"
    assert heading_text("常住人口 (万人)") == "常住人口(万人)"


def test_rows_written_one_cell_a_line_between_lone_pipes_are_rows() -> None:
    cells = cell_stream("|\n地区 |\n数量 |\n|\n和平区 |\n120 |\n")
    assert [(c.text, c.line) for c in cells] == [("地区", 0), ("数量", 0), ("和平区", 3), ("120", 3)]


def test_a_csvs_rows_joined_by_pipes_keep_their_empty_first_and_last_cells() -> None:
    text = "地区 | 职务 |  | 排名\n |  大专院校 | 个人 | \n长沙市 | 5 | 3 | 1\n"
    rows: dict[int, list[str]] = {}
    for c in cell_stream(text):
        rows.setdefault(c.line, []).append(c.text)
    assert rows == {0: ["地区", "职务", "", "排名"], 1: ["", "大专院校", "个人", ""], 2: ["长沙市", "5", "3", "1"]}


def test_a_heading_spaced_out_to_fill_its_cell_is_one_cell() -> None:
    text = "地 区 2021年 职 务 非职务\n长沙市 34800 14266 1117\n株洲市 7281 221 347\n"
    assert [c.text for c in cell_stream(text) if c.line == 0] == ["地区", "2021年", "职务", "非职务"]


def test_one_cell_a_line_a_caption_over_all_columns_or_a_group_over_some() -> None:
    # R&D项目 over all four columns shares a word with them: a caption
    caption = ["指标", "R&D项目", "项目数(项)", "参加项目人员(人)", "项目人员折合全时当量(人年)", "项目经费内部支出(万元)"]
    assert solve_header(caption, 4) == caption[2:]
    # a group over some columns, the others spanning both rows: where its leaves start cannot be told
    assert solve_header(["指标", "研发机构", "高新技术企业", "孵化器", "省级", "市级", "小计"], 5) is None
    assert solve_header(["指标", "研发机构", "高新技术企业", "孵化器", "省级", "市级"], 4) is None
    # a heading broken over two lines is joined where the two make the name of a thing counted
    assert solve_header(["县(市、区)", "高新技术", "企业", "科技型中小", "企业"], 2) == ["高新技术企业", "科技型中小企业"]


@pytest.mark.parametrize("head", ["地区", "区、县(市)", "旗市区", "市(州)", "县市区"])
def test_the_heading_of_the_place_column_names_no_count(head: str) -> None:
    assert solve_header([head, "科技型中小企业", "高新技术企业"], 2) == ["科技型中小企业", "高新技术企业"]
