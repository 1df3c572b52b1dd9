"""Readings made in one pass over a whole text (issue 15) find what a pass over each piece found.

The amounts of a document are found once and each sentence takes its slice; the heading forms
are one alternation; budget words are found once and looked up per sentence. These tests pin
the cases where one pass could differ from the pieces: a line break between a number and its
unit, headings that touch, a word before a year, brackets across lines.
"""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given
from hypothesis import strategies as st

from zjpolicy.corpus import document_from_text
from zjpolicy.extract.numbers import find_amounts
from zjpolicy.extract.owners import _parentheses
from zjpolicy.extract.structure import headings, sentences, year_setters
from zjpolicy.rules import words

# sentence ends, line breaks and spaces among numbers, ranges and units
PIECES = ["1", "25", "3.5", "1,000", "一", "十", "两", "万", "亿", "-", "至", " ", "\n", "。", "；", "|", "?", "家", "万元",
          "亿元", "%", "个", "级", "超", "中", "年", "70周年"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_amounts_of_a_text_are_those_of_its_sentences(text: str) -> None:
    per_sentence = [a for s in sentences(text) for a in find_amounts(text, s.start, s.end)]
    assert find_amounts(text) == per_sentence


def test_an_amount_never_spans_a_line_break() -> None:
    assert [a.written for a in find_amounts("共5\n万元，增长3 %")] == ["3"]


def _heads(text: str) -> list[tuple[int, int, str, str]]:
    return [(h.start, h.level, h.number, h.title) for h in headings(text)]


@pytest.mark.parametrize(
    ("text", "heads"),
    [
        ("一、总体要求\n(一)发展目标\n1.培育企业\n①新增项目", [(0, 1, "一", "总体要求"), (7, 2, "一", "发展目标"),
                                                   (15, 3, "1", "培育企业"), (22, 4, "①", "新增项目")]),
        # a task number before a space: the space may stand before the heading after it
        ("1 一、任务", [(0, 3, "1", "一、任务"), (2, 1, "一", "任务")]),
        ("## 一、总体要求", [(0, 1, "一", "总体要求")]),  # the markdown mark opens the heading
        ("第一章 总则。第三条 内容", [(0, 1, "一", "总则"), (7, 3, "三", "内容")]),
        ("1.\n企业", []),  # a task number's text starts on its own line: no heading
        ("一、二季度", []),
        ("共1.5万", []),
    ],
)
def test_headings_of_every_form_in_one_pass(text: str, heads: list[tuple[int, int, str, str]]) -> None:
    assert _heads(text) == heads


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("在2023年,力争新增10家。", [(2023, 0)]),  # 在 opens the year at a clause's start
        ("经过,在2026年,确保新增。", [(2026, 3)]),
        ("工作。于2024年，确保完成。", [(2024, 3), (2024, 3)]),  # a year at a clause's start, and after a signal word
    ],
)
def test_a_year_at_a_clause_start_takes_the_word_before_it(text: str, found: list[tuple[int, int]]) -> None:
    doc = document_from_text("d", "某市2023年工作计划\n" + text)
    assert year_setters(text, doc) == found


def test_parentheses_close_on_their_line_only() -> None:
    text = "甲（乙（丙）丁）戊\n（己\n庚）辛(壬)"
    assert _parentheses(text) == [(1, 7), (16, 18)]


@pytest.mark.parametrize(("section", "key"), [("targets", "budget_words"), ("targets", "past_words"),
                                              ("targets", "future_words")])
def test_words_found_once_a_document_hold_no_sentence_end(section: str, key: str) -> None:
    """A word looked up per sentence from one pass over the document must not cross a sentence's end."""
    assert not [w for w in words(section, key) if set(w) & set("。!;！？；\n|?")]
