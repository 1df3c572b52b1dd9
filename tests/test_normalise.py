"""Normalising text: the fast forms of normalise.py agree with the plain definitions they replace."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from zjpolicy.normalise import _PINYIN, _PLAIN_PINYIN, _mostly_changed, fold_width, normalise, strip_pinyin
from zjpolicy.rewrap import rejoin_wrapped

# The characters each rule looks at, and a few around them.
TEXT = st.text(alphabet="創新发展國家以構(（)）xīnguoyiüaＡＢ１２，：；％\u3000\xa0 \n\r\ufeff", max_size=60)
# Each plain definition, as the code had it before it was made fast.
PINYIN_LOOKBEHIND_FIRST = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")
PLAIN_PINYIN_LOOKBEHIND_FIRST = re.compile(r"(?<=[\u4e00-\u9fff])(?:[(（][a-zü]{1,6}[)）])+")
WIDTH_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}


def changed_share_over(base: str, simplified: str) -> bool:
    changed = sum(1 for a, b in zip(base, simplified, strict=False) if a != b)
    return changed > 0.02 * max(1, len(re.findall(r"[\u4e00-\u9fff]", base)))


@given(TEXT)
@example("創新(xīn)發展(zhǎn)")
@example("以(yi)(yi)構(gou)創(chuang)新(xin)國(guo)家")
def test_glosses_found_as_with_the_lookbehind_first(text: str) -> None:
    assert _PINYIN.findall(text) == PINYIN_LOOKBEHIND_FIRST.findall(text)
    assert _PLAIN_PINYIN.findall(text) == PLAIN_PINYIN_LOOKBEHIND_FIRST.findall(text)


def test_glosses_dropped() -> None:
    assert strip_pinyin("創新(xīn)發展") == "創新發展"
    assert strip_pinyin("方案(a)") == "方案(a)"  # a lone plain gloss stays
    assert strip_pinyin("以(yi)(yi)構(gou)創(chuang)新(xin)國(guo)家") == "以構創新國家"


@given(TEXT)
@example("ＡＢ１２（），：；％\u3000\xa0")
def test_fold_width_is_the_translation_table(text: str) -> None:
    assert fold_width(text) == text.translate(WIDTH_TABLE)


@given(st.lists(st.sampled_from(["國家創新發展", "国家创新发展", "科技", "abc", "\n", "，"]), max_size=400).map("".join))
def test_script_decided_as_by_counting_every_character(text: str) -> None:
    simplified = text.replace("國", "国").replace("創", "创").replace("發", "发")
    assert _mostly_changed(text, simplified) == changed_share_over(text, simplified)


def test_script_near_the_share() -> None:
    simplified_line = "国家科技创新发展" * 100  # 800 Han characters: the share is 16 of them
    assert normalise(simplified_line + "國" * 16)[2] == "simplified"
    assert normalise(simplified_line + "國" * 17)[2] == "traditional"


def test_hard_wrapped_lines_are_joined_and_page_numbers_dropped() -> None:
    line = "全市地区生产总值增长百分之五，一般公共预算收入增长"  # 24 characters, no end
    wrapped = "\n\n".join([line] * 24 + ["— 1 —", "二、今年工作", line + "。"])
    joined = rejoin_wrapped(wrapped)
    assert "— 1 —" not in joined and line * 24 in joined
    assert "\n二、今年工作" in joined  # a numbered heading is never joined to the line before


def test_text_that_is_not_wrapped_is_left_as_it_is() -> None:
    prose = "\n".join(f"第{i}段。全市新增高新技术企业{i}家,研发投入增长百分之{i}。" for i in range(30))
    table = "\n".join("| 区县 | 企业数 | 占比 | 排名 | 备注说明文字 |" for _ in range(30))
    assert rejoin_wrapped(prose) == prose and rejoin_wrapped(table) == table


def test_a_page_number_inside_a_sentence_is_dropped() -> None:
    text = "全市地区生产总值增长6.4%，一 — 1 — 般公共预算收入增长7.2%。"
    assert rejoin_wrapped(text) == "全市地区生产总值增长6.4%，一般公共预算收入增长7.2%。"
    assert rejoin_wrapped("期间 — 2024年 — 起") == "期间 — 2024年 — 起"  # no page number: a year between dashes
