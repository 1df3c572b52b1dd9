"""Numbers as the documents write them, read with the numerals of data/rules.toml [numbers]."""

from __future__ import annotations

import pytest

from zjpolicy.extract.numbers import counting, find_amounts, parse_chinese_numeral


@pytest.mark.parametrize(("written", "value"), [("一百二十", 120), ("两", 2), ("三十", 30), ("十五", 15), ("二〇二四", 2024), ("两千", 2000)])
def test_chinese_numerals(written: str, value: int) -> None:
    assert parse_chinese_numeral(written) == value


def test_what_is_no_numeral() -> None:
    assert parse_chinese_numeral("") is None and parse_chinese_numeral("三个") is None and parse_chinese_numeral("三五") == 35


def test_counting_numerals_come_from_the_table() -> None:
    assert counting(10) == "一二三四五六七八九十"
    assert counting(4) == "一二三四" and counting(3, alternates=True) == "一二三两"


@pytest.mark.parametrize(
    ("text", "value", "unit", "written"),
    [
        ("1,000-2,000家", 2000, "家", "1,000-2,000"),  # a range is its upper end, separators and all
        ("5至10家", 10, "家", "5至10"),
        ("1.5到2.5亿元", 2.5, "亿元", "1.5到2.5"),
        ("3,000~5,000万元", 5000, "万元", "3,000~5,000"),
        ("三十家", 30, "家", "三十"),
        ("超万亿元", 1, "万亿元", "万"),
        ("7000亿级", 7000, "亿级", "7000"),
        ("万亿级", 1, "万亿级", "万亿级"),
    ],
)
def test_amounts(text: str, value: float, unit: str, written: str) -> None:
    (a,) = find_amounts(text)
    assert (a.value, a.unit, a.written, text[a.start:a.end].endswith(unit)) == (value, unit, written, True)


def test_a_space_inside_a_unit_is_no_break_of_it() -> None:
    """突破100亿 元: a PDF's text may put a space between the magnitude and its unit; a line break stays one."""
    assert [(a.value, a.unit) for a in find_amounts("技术合同成交额突破100亿 元。新增学位1.3万 个。")] == [
        (100.0, "亿元"), (1.3, "万个")]
    assert [(a.value, a.unit) for a in find_amounts("100亿\n元")] == [(100.0, "亿")]
