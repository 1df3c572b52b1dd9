"""A database whose targets and achieved figures carry measures and places, for the views across documents.

The seeds and two Hangzhou work reports (2024 and 2025, written here) are loaded; then the
database's measures, achieved figures and places are set by hand, so the tests do not depend
on what the extraction fills in: every measured target and every figure below is a clause of
its document (the offsets are found in the text), and nothing else has a measure.

    place    doc                     year  measure            target / figure
    杭州市   003 plan 2024           2024  rd_spending        = 800亿元
    杭州市   003 plan 2024           2024  rd_intensity       = 3.95%
    杭州市   003 plan 2024           2024  hitech_firms_new   = 2000家
    杭州市   003 plan 2024           2024  hitech_firms       >= 1.7万家 (a stock)
    杭州市   H24 report 2024-01-25   2023  rd_intensity       figure 3.86%
    杭州市   H24 report              2023  hitech_firms_new   figure 2500家 (a flow)
    杭州市   H24 report              2024  rd_intensity       = 4%
    杭州市   H24 report              2024  unemployment_rate  = 5.5% (lower is better)
    杭州市   H24 report              -     hitech_firms       >= 1.6万家 (no year)
    杭州市   H25 report 2025-01-20   2024  rd_spending        figure 812亿元
    杭州市   H25 report              2024  rd_intensity       figure 3.9% (an estimate)
    杭州市   H25 report              2024  unemployment_rate  figure 4.8%
    杭州市   H25 report              2025  rd_intensity       = 4.1%
    萧山区   002 summary 2022        2020  rd_intensity       figure 3.21%
    萧山区   002 summary             2021  hitech_firms_new   figure 469家
    萧山区   002 summary             2022  rd_intensity       = 3.3%
    萧山区   002 summary             2022  hitech_firms_new   >= 300家
    余姚市   001 reply               2022  hitech_firms_new   figure 199家
    余姚市   001 reply               2023  hitech_firms_new   = 166家
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import SEEDS, run

PLAN, XIAOSHAN, YUYAO, NINGBO, REPLY = (
    "003_319bd9830f448044", "002_9804b8b14b1b85b8", "001_509357e0b9b1b6c5", "004_9a95156947d6f080",
    "000_3669a09881a7b6b9",
)
H24, H25 = "h24_hangzhou_report", "h25_hangzhou_report"

REPORTS = {
    H24: "杭州市人民政府工作报告\n"
         "——2024年1月25日在杭州市第十四届人民代表大会第四次会议上\n"
         "2023年，全社会研发投入强度3.86%，新认定高新技术企业2500家。\n"
         "2024年主要预期目标：全社会研发投入强度达到4%，城镇调查失业率5.5%左右。\n"
         "展望未来，高新技术企业总数力争突破1.6万家。\n",
    H25: "杭州市人民政府工作报告\n"
         "——2025年1月20日在杭州市第十四届人民代表大会第五次会议上\n"
         "过去一年，全社会研究与试验发展经费支出812亿元，研发投入强度预计达到3.9%，城镇调查失业率4.8%。\n"
         "2025年主要预期目标：全社会研发投入强度达到4.1%。\n",
}

# Each document's place: (region, region_code, province, date). 宁波's is left as metadata reads it
# today (a short name, no code): its place is found from the name.
PLACES = {
    REPLY: ("杭州市", "330100", "浙江省", "2023-05-12"),
    YUYAO: ("余姚市", "330281", "浙江省", ""),
    XIAOSHAN: ("萧山区", "330109", "浙江省", "2022-10-28"),
    PLAN: ("杭州市", "330100", "浙江省", "2024-03-12"),
    NINGBO: ("宁波", "", "", "2022-10-26"),
    H24: ("杭州市", "330100", "浙江省", "2024-01-25"),
    H25: ("杭州市", "330100", "浙江省", "2025-01-20"),
}

# Measures of the seeds' own targets: (doc, seq) -> measure.
SEED_MEASURES = {
    (PLAN, 1): "rd_spending", (PLAN, 2): "rd_intensity", (PLAN, 6): "hitech_firms_new", (PLAN, 19): "hitech_firms",
    (XIAOSHAN, 1): "rd_intensity", (XIAOSHAN, 4): "hitech_firms_new", (YUYAO, 1): "hitech_firms_new",
}

# (doc, year, measure, clause, number as written, value, unit, comparator, value_base, base_unit)
NEW_TARGETS = [
    (H24, 2024, "rd_intensity", "全社会研发投入强度达到4%", "4%", 4.0, "%", "=", 4.0, "%"),
    (H24, 2024, "unemployment_rate", "城镇调查失业率5.5%左右", "5.5%", 5.5, "%", "=", 5.5, "%"),
    (H24, None, "hitech_firms", "高新技术企业总数力争突破1.6万家", "1.6万家", 1.6, "万家", ">=", 16000.0, "家"),
    (H25, 2025, "rd_intensity", "全社会研发投入强度达到4.1%", "4.1%", 4.1, "%", "=", 4.1, "%"),
]
# (doc, year, measure, clause, number as written, value, unit, estimate, value_base, base_unit)
FIGURES = [
    (H24, 2023, "rd_intensity", "全社会研发投入强度3.86%", "3.86%", 3.86, "%", 0, 3.86, "%"),
    (H24, 2023, "hitech_firms_new", "新认定高新技术企业2500家", "2500家", 2500.0, "家", 0, 2500.0, "家"),
    (H25, 2024, "rd_spending", "全社会研究与试验发展经费支出812亿元", "812亿元", 812.0, "亿元", 0, 8.12e10, "元"),
    (H25, 2024, "rd_intensity", "研发投入强度预计达到3.9%", "3.9%", 3.9, "%", 1, 3.9, "%"),
    (H25, 2024, "unemployment_rate", "城镇调查失业率4.8%", "4.8%", 4.8, "%", 0, 4.8, "%"),
    (XIAOSHAN, 2020, "rd_intensity", "占地区生产总值比重为3.21%", "3.21%", 3.21, "%", 0, 3.21, "%"),
    (XIAOSHAN, 2021, "hitech_firms_new", "新认定国高企469家", "469家", 469.0, "家", 0, 469.0, "家"),
    (YUYAO, 2022, "hitech_firms_new", "新认定国家高新技术企业199家", "199家", 199.0, "家", 0, 199.0, "家"),
]


def _span(conn: sqlite3.Connection, doc: str, clause: str, number: str) -> tuple[int, int, int, int]:
    (text,) = conn.execute("select text from documents where id = ?", (doc,)).fetchone()
    start = text.index(clause)
    value_start = start + clause.index(number)
    return start, start + len(clause), value_start, value_start + len(number)


def _next_seq(conn: sqlite3.Connection, table: str, doc: str) -> int:
    return int(conn.execute(f"select coalesce(max(seq), 0) + 1 from {table} where doc_id = ?", (doc,)).fetchone()[0])


def fill(conn: sqlite3.Connection) -> None:
    """Measures, figures and places as the module's table lists them, and nothing else."""
    conn.execute("update targets set measure = ''")
    conn.execute("delete from achieved")
    conn.execute(f"delete from targets where doc_id in ('{H24}', '{H25}')")
    for doc, (region, code, province, day) in PLACES.items():
        conn.execute("update documents set region = ?, region_code = ?, province = ?, date = ? where id = ?",
                     (region, code, province, day, doc))
    for (doc, seq), measure in SEED_MEASURES.items():
        assert conn.execute("update targets set measure = ? where doc_id = ? and seq = ?", (measure, doc, seq)).rowcount
    for doc, year, measure, clause, number, value, unit, comparator, base, base_unit in NEW_TARGETS:
        start, end, vs, ve = _span(conn, doc, clause, number)
        conn.execute(
            "insert into targets (doc_id, seq, year, indicator, value, unit, comparator, measure, value_base, base_unit,"
            " region, start, [end], value_start, value_end, quote) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc, _next_seq(conn, "targets", doc), year, clause[: clause.index(number)], value, unit, comparator,
             measure, base, base_unit, PLACES[doc][0], start, end, vs, ve, clause))
    for doc, year, measure, clause, number, value, unit, estimate, base, base_unit in FIGURES:
        start, end, vs, ve = _span(conn, doc, clause, number)
        conn.execute(
            "insert into achieved (doc_id, seq, year, measure, indicator, value, unit, estimate, value_base, base_unit,"
            " region, start, [end], value_start, value_end, quote) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc, _next_seq(conn, "achieved", doc), year, measure, clause[: clause.index(number)], value, unit,
             estimate, base, base_unit, PLACES[doc][0], start, end, vs, ve, clause))


def build(folder: Path) -> Path:
    """Load the seeds and the two reports into folder/tracking.db and fill in measures, figures and places."""
    docs = folder / "docs"
    docs.mkdir()
    for name, text in REPORTS.items():
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    db = folder / "tracking.db"
    result = run(db, "load", SEEDS, docs)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    try:
        fill(conn)
        conn.commit()
    finally:
        conn.close()
    return db
