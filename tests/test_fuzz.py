"""Property tests of the extractors on random policy-like text.

Every extractor must finish without an exception on any text, and every fact
it returns must point at its own quote in the document's normalised text.

The default Hypothesis profile (tests/conftest.py) runs about 200 examples per
test; HYPOTHESIS_PROFILE=fuzz runs 10,000:

    HYPOTHESIS_PROFILE=fuzz .venv/bin/pytest tests/test_fuzz.py
"""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given
from hypothesis import strategies as st

from zjpolicy.corpus import document_from_text
from zjpolicy.document import Document
from zjpolicy.extract import extract_all
from zjpolicy.extract.districts import extract_districts
from zjpolicy.extract.owners import extract_owners
from zjpolicy.extract.targets import extract_targets
from zjpolicy.extract.task_tables import table_owner_clauses

# ---------------------------------------------------------------- building blocks

CJK = "的一是在和有发展科技创新企业研究中心项目人才平台建设培育产业数字经济重点实验室高新技术市区县省国家专利成果转化服务体系"
CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
UNITS = [
    "个百分点",
    "百分点",
    "%",
    "％",
    "倍",
    "元",
    "万元",
    "亿元",
    "万亿元",
    "家",
    "项",
    "件",
    "个",
    "名",
    "人次",
    "人",
    "次",
    "场",
    "所",
    "台",
    "套",
    "篇",
    "部",
    "座",
    "亩",
    "平方米",
    "公里",
    "万",
    "亿",
    "千",
    "百",
    "级",
]
SIGNALS = [
    "力争",
    "确保",
    "新增",
    "新认定",
    "培育",
    "引进",
    "达到",
    "达",
    "超过",
    "突破",
    "不少于",
    "不超过",
    "控制在",
    "以上",
    "以内",
    "左右",
    "累计",
    "分别",
    "各",
    "均",
    "其中",
    "已",
    "去年",
    "目标",
    "实现",
    "最高",
    "第",
    "等",
]
PUNCT = list("，。；：、（）()《》“”\"'|-—~至到.,;:!?！？〔〕【】[]/ ") + ["——", "……"]
SPACE = [" ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\u3000", "\xa0", "\u200b", "\ufeff"]
LABELS = [
    "责任单位：",
    "牵头单位:",
    "配合单位：",
    "主要责任单位：",
    "协同配合单位：",
    "责任部门：",
    "牵头领导：",
    "（责任单位：",
    "(牵头单位:",
    "单位：",
    "：",
    "以下均需各区、县（市）落实，不再列出",
]
AGENCIES = [
    "市科技局",
    "市经信局",
    "市财政局",
    "市市场监管局",
    "各区、县（市）政府",
    "市发改委",
    "市人力社保局等",
    "杭州高新区（滨江）",
    "市委组织部",
    "省科技厅",
    "中国人民银行杭州中心支行",
    "科技局",
    "局",
]
HEADINGS = [
    "一、",
    "二、",
    "十二、",
    "（一）",
    "(二)",
    "（十）",
    "1.",
    "2、",
    "12.",
    "3 ",
    "①",
    "⑳",
    "(1)",
    "（2）",
    "第一章",
    "第三部分",
    "第5条",
    "下一步",
    "今后",
]
PLACES = [
    "滨江区",
    "萧山区",
    "余杭区",
    "西湖区",
    "上城区",
    "淳安县",
    "建德市",
    "杭州",
    "宁波市",
    "海曙区",
    "合计",
    "总计",
    "全市",
    "小计",
    "市本级",
    "其他",
    "某某区",
    "新区",
    "高新区",
]
HEADERS = [
    "区、县(市)",
    "序号",
    "市研发中心",
    "省研发",
    "中心",
    "省企业研究院",
    "省重点企业研究院",
    "其中",
    "合计",
    "增长率",
    "占比",
    "单位：家",
    "表1",
    "附件",
    "类型",
    "申请量",
    "发明",
    "授权量",
]
OTHER = [
    "濱江區",
    "發展",
    "創新(xīn)",
    "科技(kējì)",
    "１２３",
    "ＡＢ",
    "３．５％",
    "２０２５年",
    "A1",
    "2024-05-06",
    "〔2024〕1号",
    "杭科领办〔2024〕1号",
    "2024年3月12日",
    "成文日期：2024-03-12",
    "发布机构：杭州市科学技术局",
    "翻一番",
    "增加一倍",
    "10亿元以上项目开工35个",
    "分别超过90家和870家",
    "国家、省、市重点研发项目各100项",
]


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 10**9).map(str),
        st.integers(1, 10**7).map(lambda n: f"{n:,}"),
        st.decimals(0, 10**6, places=2, allow_nan=False, allow_infinity=False).map(str),
        st.tuples(st.integers(1, 500), st.integers(1, 999)).map(lambda p: f"{p[0]}-{p[1]}"),
        st.text(alphabet=CN_NUMERALS, min_size=1, max_size=6),
        st.integers(1990, 2035).map(lambda y: f"{y}年"),
        st.integers(1990, 2035).map(lambda y: f"到{y}年"),
        st.tuples(st.integers(2018, 2030), st.integers(2018, 2035)).map(lambda p: f"{p[0]}—{p[1]}年"),
    )


def _table_row() -> st.SearchStrategy[str]:
    cell = st.one_of(_number(), st.sampled_from(["", "-", "—", "/", "无", "12家", "3.5%", "N/A", "约10"]))
    sep = st.sampled_from([" | ", "|", "\t", "  ", " ", "\n", "\n\n"])
    return st.tuples(
        st.sampled_from(["", "|", "| "]),
        st.sampled_from(PLACES + HEADERS + [""]),
        st.lists(cell, min_size=0, max_size=6),
        sep,
        st.sampled_from(["", "|", " |"]),
    ).map(lambda t: t[0] + t[1] + t[3] + t[3].join(t[2]) + t[4] + "\n")


PIECE = st.one_of(
    st.text(alphabet=CJK, min_size=1, max_size=12),
    _number(),
    st.sampled_from(UNITS),
    _number().flatmap(lambda n: st.sampled_from(UNITS).map(lambda u: n + u)),
    st.sampled_from(SIGNALS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACE),
    st.sampled_from(LABELS),
    st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=4).map("、".join),
    st.sampled_from(HEADINGS),
    st.sampled_from(HEADERS),
    _table_row(),
    st.sampled_from(OTHER),
    st.text(max_size=4),  # anything at all, now and then
)

TEXT = st.lists(PIECE, min_size=0, max_size=80).map("".join)

# Structured pieces that the extractors do read, with random noise inside and around them.
NOISE = st.lists(PIECE, max_size=3).map("".join)
TARGET_SENTENCE = st.tuples(
    st.sampled_from(
        ["", "到2025年，", "2024年", "力争到2026年", "今年", "（一）", "1.", "下一步，", "2023年已"]
    ),
    st.sampled_from(["力争", "确保", "新增", "新认定", "培育", "引进", "全年", "建成", "累计", ""]),
    st.text(alphabet=CJK, min_size=1, max_size=10),
    st.sampled_from(["达到", "达", "超过", "突破", "不少于", "不超过", "控制在", "", "各", "分别为"]),
    _number(),
    st.sampled_from(UNITS + [""]),
    st.sampled_from(["以上", "以内", "左右", "", "，", "、", "和"]),
    NOISE,
    st.sampled_from(["。", "；", "，", "\n", ""]),
).map("".join)
TASK = st.tuples(
    st.sampled_from(HEADINGS),
    st.text(alphabet=CJK, min_size=2, max_size=15),
    st.sampled_from(["。", "，", "：", ""]),
    NOISE,
    st.sampled_from(LABELS),
    st.lists(st.sampled_from(AGENCIES), min_size=0, max_size=4).flatmap(
        lambda a: st.sampled_from(["、", "，", ",", "；", " "]).map(lambda sep: sep.join(a))
    ),
    st.sampled_from(["）", ")", "", "。", "\n", "；配合单位：市财政局）"]),
    NOISE,
).map(lambda t: "".join(t) + "\n")


@st.composite
def district_table(draw: st.DrawFn) -> str:
    """A table of districts and counts in one of the forms documents use, now and then malformed."""
    columns = draw(st.lists(st.sampled_from(HEADERS[2:]), min_size=1, max_size=5))
    form = draw(st.sampled_from(["pipe", "tab", "space", "line"]))
    rows = []
    for place in draw(st.lists(st.sampled_from(PLACES), min_size=2, max_size=12)):
        cells = draw(
            st.lists(
                st.one_of(
                    st.integers(0, 5000).map(str),
                    st.sampled_from(["", "-", "—", "无", "1,200", "12家", "3.5%", "约10", "x"]),
                ),
                min_size=max(0, len(columns) - 1),
                max_size=len(columns) + 1,
            )
        )
        rows.append([place, *cells])
    head = [draw(st.sampled_from(["区、县(市)", "地区", "序号", ""])), *columns]
    title = draw(st.sampled_from(["各区县研发机构统计表\n", "附件1\n", "", "单位：家\n"]))
    if form == "pipe":
        pipe = draw(st.sampled_from(["|", " | "]))
        lines = [pipe + pipe.join(r) + pipe for r in [head, *rows]]
        if draw(st.booleans()):
            lines.insert(1, "|" + "|".join("---" for _ in head) + "|")
        return title + "\n".join(lines) + "\n"
    if form in ("tab", "space"):
        sep = "\t" if form == "tab" else draw(st.sampled_from([" ", "  ", "\u3000"]))
        return title + "\n".join(sep.join(r) for r in [head, *rows]) + "\n"
    blank = draw(st.sampled_from(["\n", "\n\n"]))
    return title + blank.join(c for r in [head, *rows] for c in r) + "\n"


@st.composite
def task_table(draw: st.DrawFn) -> str:
    heads = draw(
        st.lists(
            st.sampled_from(["责任单位", "牵头单位", "配合单位", "主要责任单位", "协同配合单位", "完成时限"]),
            min_size=1,
            max_size=3,
        )
    )
    sep = draw(st.sampled_from([" | ", "|", "\t", "  "]))
    lines = [sep.join(["序号", "主要任务", *heads])]
    for n in range(1, draw(st.integers(1, 6)) + 1):
        cells = [str(n), draw(st.text(alphabet=CJK, min_size=2, max_size=20))]
        for _ in heads:
            cells.append(
                draw(
                    st.one_of(
                        st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=3).map("、".join),
                        st.sampled_from(["2024年底", "长期", "", "-"]),
                    )
                )
            )
        lines.append(sep.join(cells))
    return "\n".join(lines) + "\n"


DOCUMENT = st.tuples(
    st.sampled_from(
        ["杭州市科技局关于印发《2024年工作计划》的通知\n", "滨江区2025年科技工作要点\n", "", "答复\n"]
    ),
    st.lists(
        st.one_of(TARGET_SENTENCE, TASK, district_table(), task_table(), TEXT.map(lambda s: s + "\n")),
        max_size=8,
    ).map("".join),
).map("".join)
ANY = st.one_of(
    TEXT,
    DOCUMENT,
    st.lists(TARGET_SENTENCE, min_size=1, max_size=6).map("".join),
    TASK,
    district_table(),
    task_table(),
)


# Tables tried first on every run, before what Hypothesis draws (written a row a line)
PIPE_TASK_TABLE = (
    "序号 | 主要任务 | 责任单位 | 配合单位\n"
    "1 | 建设实验室 | 市科技局 | 市财政局\n"
    "2 | 引进人才 | 市人力社保局 | 市科技局\n"
)
PIPE_DISTRICT_TABLE = (
    "区、县(市) | 市研发中心 | 省研发中心\n"
    "滨江区 | 593 | 403\n"
    "萧山区 | 1,200 | 12家\n"
    "合计 | 1793 | 999\n"
)


def _doc(text: str) -> Document:
    return document_from_text("fuzz", text)


def _in_order(doc: Document, *offsets: int) -> None:
    """The offsets stand in this order (each may equal the one before) inside the document's text."""
    assert 0 <= offsets[0] and list(offsets) == sorted(offsets) and offsets[-1] <= len(doc.text), (offsets, len(doc.text))


# ---------------------------------------------------------------- properties


@given(ANY)
@example("到2025年，力争新增高新技术企业100家以上，研发投入达到800亿元、占地区生产总值比重达3.95%。")
@example("１２３家")
@example("一、重点任务\n1.建设实验室（责任单位：市科技局、市财政局）\n")
def test_targets_quote_their_own_text(text: str) -> None:
    doc = _doc(text)
    for t in extract_targets(doc):
        _in_order(doc, t.start, t.value_start, t.value_end, t.end)
        assert t.value_start < t.value_end and doc.text[t.start : t.end] == t.quote, t.quote


@given(ANY)
@example("一、重点任务\n1.建设实验室（责任单位：市科技局、市财政局；配合单位：各区、县（市）政府）\n")
@example("（一）加强平台建设\n牵头单位：市发改委\n")
def test_owners_quote_their_own_text(text: str) -> None:
    doc = _doc(text)
    owners, notes = extract_owners(doc, table_owner_clauses(doc))
    for o in owners:
        _in_order(doc, o.start, o.agency_start, o.agency_end, o.end)
        assert o.start < o.end and doc.text[o.start : o.end] == o.quote
        assert o.agency and o.position >= 1 and o.clause >= 1
    for n in notes:
        _in_order(doc, n.start, n.end)


@given(ANY)
@example(PIPE_TASK_TABLE)
@example("序号  主要任务  责任单位  完成时限\n1  建设实验室  市科技局、市财政局  2024年底\n")
def test_task_table_clauses_point_into_the_text(text: str) -> None:
    doc = _doc(text)
    for c in table_owner_clauses(doc):
        _in_order(doc, c.start, c.pos, c.end)
        for _role, agencies in c.roles:
            for name, a, b in agencies:
                _in_order(doc, c.start, a, b, c.end)
                assert name


@given(st.one_of(ANY, st.lists(_table_row(), max_size=20).map("".join)))
@example(PIPE_DISTRICT_TABLE)
@example("滨江区\t5\t6\n萧山区\tx\t7\n余杭区\n合计\t5\n")
def test_district_cells_quote_their_row(text: str) -> None:
    doc = _doc(text)
    for table in extract_districts(doc):
        assert set(table.count_columns) <= set(table.columns)
        for c in table.cells:
            _in_order(doc, c.row_start, c.start, c.end)
            assert doc.text[c.row_start : c.end] == c.quote
            assert c.institution in table.count_columns
            assert c.count >= 0


@given(ANY)
def test_all_extractors_together_never_raise(text: str) -> None:
    facts = extract_all(_doc(text))
    # the two views of a document have the same length, so one pair of offsets points into both
    assert len(facts.doc.text) == len(facts.doc.display)
