"""Achieved figures: what a document reports as reached (or estimated) for a past year or period,
for one of the common measures (GUIDE.md section 4). What targets are later checked against.

They come from the one reading of the numbers (extract/targets.py): a number that a step rejects
as reported (a part of work done, a sentence of results, a past year, a comparison with last year)
and that passes the steps saying whether it is a figure at all carries a Figure. A figure whose
indicator is a common measure becomes an Achieved row, with the year it describes, whether it is an
estimate, and its sign (a fall of a growth measure is negative). One row for a measure and year: the
first the document states (a like-for-like rate in brackets after the headline one is no row).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from zjpolicy.document import Document
from zjpolicy.extract.structure import Layout, is_base_year, written_year
from zjpolicy.extract.targets import PART_OF_YEAR, Decision, Figure, Quoted
from zjpolicy.measures import active_measures, classify
from zjpolicy.rules import alternation, any_of, words


@dataclass(kw_only=True)
class Achieved(Quoted):
    doc_id: str
    year: int | None
    measure: str
    indicator: str
    value: float  # a fall (下降3%) is negative
    unit: str
    estimate: int  # 1 for 预计, 初步统计 …


# Words of data/rules.toml [achieved], read once.
_ESTIMATE = any_of("achieved", "estimate_words")
_LATER_NOTES = any_of("achieved", "later_notes")
_DOCUMENT_NOTES = any_of("achieved", "document_notes")
_FALLS = words("achieved", "fall_words")
_SINCE = words("achieved", "since_after")
_CITED = re.compile(rf"(?:{alternation(words('achieved', 'cited_before'))})\s*《([^》]{{0,80}})》")
_STATISTICS = words("achieved", "cited_statistics")
_LAST_YEAR = any_of("achieved", "last_year_words")
_LAST_YEAR_KINDS = words("achieved", "last_year_kinds")
_OWN_YEAR_KINDS = words("achieved", "own_year_kinds")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")
# 截至2024年3月底, 2024年截至6月: a month of the year named before a figure; one before December dates a
# figure of part of the year, not the year's (its end, 12月底, is the year's)
_YEAR_MONTH = re.compile(rf"(?:19|20)\d{{2}}\s*年\s*(?:(?:{alternation(words('years', 'due_before'))})\s*)?(\d{{1,2}})\s*月")
_LAST_MONTH = 12
_ADJUSTED = any_of("achieved", "adjusted_words")
_SENTENCE_END = re.compile(r"[。！？!?;；\n]")
_CLAUSE_END = re.compile(r"[,，;；。！？!?\n]")
_GROWTH = "growth"
_NOTE_REACH = 12  # an estimate word this near before 下同 makes the note one of estimates


@dataclass
class _Notes:
    """Notes that make figures estimates without standing beside them."""

    later_from: int | None = None  # 预计数，下同: figures from here on
    years: set[int] = field(default_factory=set)  # 本公报2025年数据为初步统计数: figures of these years
    every_year: bool = False  # 本公报中数据均为初步统计数: every figure

    def govern(self, pos: int, year: int | None) -> bool:
        return (self.later_from is not None and pos >= self.later_from) or self.every_year or year in self.years


def achieved_figures(doc: Document, lay: Layout, decisions: Iterable[Decision]) -> list[Achieved]:
    """The achieved figures among the figures of the decisions, in order, one for a measure and year."""
    figures = [f for d in decisions for f in d.figures]
    if not figures:
        return []
    notes = _notes(doc.text)
    seen: set[tuple[str, int | None]] = set()
    out: list[Achieved] = []
    for f in figures:
        a = _achieved(doc, lay, f, notes)
        if a is not None and (a.measure, a.year) not in seen:
            seen.add((a.measure, a.year))
            out.append(a)
    return out


def _achieved(doc: Document, lay: Layout, f: Figure, notes: _Notes) -> Achieved | None:
    text = doc.text
    quote = text[f.start:f.end]
    measure = classify(f.indicator, unit=f.unit, context=quote, before=text[f.sentence:f.start],
                       heading=lay.heading_at(f.start))
    if not measure:
        return None
    year, known = figure_year(doc, lay, f)
    if not known:
        return None  # a result outside a review, with no year of its own: which year it describes is unsaid
    if any(int(m.group(1)) < _LAST_MONTH for m in _YEAR_MONTH.finditer(text, f.sentence, f.value_start)):
        return None  # a figure at a month of the year, not the year's
    if PART_OF_YEAR.search(text, f.sentence, f.value_start):
        return None  # 1—11月，全社会固定资产投资增长4.1%: a figure of part of the year, not the year's
    if _ADJUSTED.search(text, f.sentence, f.value_start):
        return None  # 排除水电行业影响，…增速13.3%: a figure with a part taken out, not the measure's
    if year is not None and year in _month_report_years(doc.title):
        return None  # 2021年5月…专利数据统计: a month's report gives that year's figures at the month
    sign = -1 if active_measures().measures[measure].kind == _GROWTH and _falls(text, f) else 1
    return Achieved(
        doc_id=doc.id, year=year, measure=measure, indicator=f.indicator, value=sign * f.value, unit=f.unit,
        estimate=int(_estimated(text, f, year, notes)), start=f.start, end=f.end, value_start=f.value_start,
        value_end=f.value_end, quote=quote, value_base=sign * f.value_base, base_unit=f.base_unit,
    )


def _month_report_years(title: str) -> set[int]:
    """The years whose month before December the title names (2021年5月…统计: a report of that month)."""
    return {int(m.group(0)[:4]) for m in _YEAR_MONTH.finditer(title) if int(m.group(1)) < _LAST_MONTH}


def figure_year(doc: Document, lay: Layout, f: Figure) -> tuple[int | None, bool]:
    """The year a figure describes, and whether the text says it (a year may be blank where a review gives no
    date): named before it in its sentence; a cited statistics report's; last year's after 去年; the review
    heading's; by the document's kind."""
    text, written = doc.text, written_year(doc)
    found = _named_year(text, f.sentence, f.value_start, written) or _cited_year(text, f.value_start)
    if found:
        return found, True
    if written and _LAST_YEAR.search(text, f.sentence, f.value_start):
        return written - 1, True
    if lay.is_future(f.start):
        return None, False
    review = lay.review_year(f.start)
    if review:
        return review, True
    if doc.kind in _LAST_YEAR_KINDS and doc.year:
        return doc.year - 1, True
    if doc.kind in _OWN_YEAR_KINDS:
        m = _YEAR.search(doc.title)
        return (int(m.group(1)) if m else doc.year), True
    return None, True


def _named_year(text: str, start: int, end: int, written: int | None) -> int | None:
    """The last year named between start and end that is no base (比2022年), no start of a period up to now
    (2015年以来) and not after the document was written."""
    found = None
    for m in _YEAR.finditer(text, start, end):
        if text[m.end():m.end() + 6].startswith(_SINCE) or is_base_year(text, m.start(), m.end()):
            continue
        year = int(m.group(1))
        if written is None or year <= written:
            found = year
    return found


def _cited_year(text: str, pos: int) -> int | None:
    """The year of a statistics report cited before pos in its paragraph: 根据《2020年度…统计监测报告》."""
    paragraph = text[text.rfind("\n", 0, pos) + 1:pos]
    found = None
    for m in _CITED.finditer(paragraph):
        year = _YEAR.search(m.group(1))
        if year and any(w in m.group(1) for w in _STATISTICS):
            found = int(year.group(1))
    return found


def _falls(text: str, f: Figure) -> bool:
    """下降6.8%: a word of a fall just before the number."""
    before = text[max(f.start, f.value_start - 6):f.value_start]
    return any(w in before for w in _FALLS)


def _estimated(text: str, f: Figure, year: int | None, notes: _Notes) -> bool:
    """预计 in its sentence before it or in its clause, or a note that governs it."""
    stop = _CLAUSE_END.search(text, f.value_end)
    return bool(_ESTIMATE.search(text, f.sentence, stop.start() if stop else len(text))) or notes.govern(
        f.value_start, year)


def _notes(text: str) -> _Notes:
    notes = _Notes()
    for m in _LATER_NOTES.finditer(text):
        if _ESTIMATE.search(text, max(0, m.start() - _NOTE_REACH), m.start()):
            notes.later_from = _sentence_start(text, m.start())
            break
    for m in _DOCUMENT_NOTES.finditer(text):
        start = _sentence_start(text, m.start())
        stop = _SENTENCE_END.search(text, m.end())
        sentence = text[start:stop.start() if stop else len(text)]
        if _ESTIMATE.search(sentence):
            years = {int(y) for y in _YEAR.findall(sentence)}
            notes.years |= years
            notes.every_year = notes.every_year or not years
    return notes


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "。！？!?;；\n") + 1
