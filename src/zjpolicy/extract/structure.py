"""The shape of a document: sentences, clauses, numbered headings, and which
parts state plans (future) rather than work already done (past), with the
year each part's plans fall due."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from zjpolicy.document import Document
from zjpolicy.extract.numbers import RANGE, counting, parse_chinese_numeral
from zjpolicy.metadata import INLINE_PART, REPORT, year_openings
from zjpolicy.rules import alternation, any_of, value, words

CN_NUM = counting(10)  # 一 … 十
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_YEAR = r"((?:19|20)\d{2})\s*年"
_A_YEAR = re.compile(_YEAR)


# Numbered headings; the level tells which ones reset a section. A task number may be followed by
# . 、 ) or ﹒ (1﹒, 1．, 1、, 1) ). On a markdown page a heading may open with a mark (**（一）…**, ## 一、).
# A heading opens the text or follows a line break, a space or one of 。;:| (the character before it).
_HEAD_BEFORE = r"[\n。;:|\s]"
_MARKDOWN = r"(?:\*\*|#{1,6}[ \t]*)?"
_TASK_SEPARATORS = r"[.、)﹒]"
_PART = alternation(words("structure", "part_marks"))  # 第一章, 第二部分
_ARTICLE = alternation(words("structure", "article_marks"))  # 第三条
_NOT_HEADING = alternation(words("structure", "not_heading_before"))  # 一、二季度
_M = re.MULTILINE
# (level, form); each form names its number `no`. A task number before a space stops short of the space (a
# lookahead), so that the space may stand before the next heading (1 一、…); the heading's text starts after it.
_HEADING_FORMS: list[tuple[int, str]] = [
    (1, rf"(?P<no>[{CN_NUM}]{{1,3}})、(?![{CN_NUM}]、)(?![{CN_NUM}]{{0,2}}(?:{_NOT_HEADING}))"),
    (1, rf"第(?P<no>[{CN_NUM}\d]{{1,3}})(?:{_PART})"),
    (2, rf"\((?P<no>[{CN_NUM}]{{1,3}})\)"),
    (3, rf"(?P<no>\d{{1,2}})(?:{_TASK_SEPARATORS}(?!\d)|(?=\s[\u4e00-\u9fff]))"),
    (3, rf"第(?P<no>[{CN_NUM}\d]{{1,3}})(?:{_ARTICLE})"),
    (4, r"\((?P<no>\d{1,2})\)"),
    (4, rf"(?P<no>[{CIRCLED}])"),
]
_HEADING_LEVELS = [level for level, _ in _HEADING_FORMS]


def _heading_pattern(mark: str, *, before: str) -> re.Pattern[str]:
    """Every form in one alternation, tried in their order, form i's number in group no{i} (the last group a
    form closes). With `before`, the pattern takes the character before the heading too: it opens with that
    character class, so the engine skips to where a heading may stand (a lookbehind first is tried at every
    position of the text)."""
    forms = "|".join(f.replace("(?P<no>", f"(?P<no{i}>") for i, (_, f) in enumerate(_HEADING_FORMS))
    return re.compile(rf"{before}{mark}(?:{forms})")


# One pass over the text for all the forms; on a page with markdown marks, a pattern with the marks (the
# optional mark slows every other text). The pattern without `before` reads a heading at the text's start.
_HEADINGS = {marked: (_heading_pattern(mark, before=_HEAD_BEFORE), _heading_pattern(mark, before=""))
             for marked, mark in ((False, ""), (True, _MARKDOWN))}
_BODY_START = {1: re.compile(r"[\u4e00-\u9fff“\"《(（\d]"), 3: re.compile(r"[\u4e00-\u9fff“\"《(]")}
_SPACES_TABS = re.compile(r"[ \t]*")
_TITLE = re.compile(r"[^。;；\n|!?]{0,60}")  # a heading's text: to the end of its sentence or line, at most 60

# A task number run into a text that opens with a digit (11.121人才梯队项目): a heading only where
# it numbers on from the task before it.
_RUN_ON_NUMBER = re.compile(r"^[ \t\u3000]*(?P<no>\d{1,2})\.(?=\d)", _M)
_FULL_STOP = re.compile(r"[。！？!?\n]")
_SENT_END = re.compile(r"[。!;！？；\n|]|\?(?![a-zA-Z\u00e0-\u01dc])")
_CLAUSE_END = re.compile(r"(?<!\d),|,(?!\d{3})|[，:：;；。!！？\n|]|\?(?![a-zA-Z\u00e0-\u01dc])|——")
# Years that a sentence names for its plans.
_YEAR_RANGE = re.compile(rf"((?:19|20)\d{{2}})\s*[{RANGE}]+\s*{_YEAR}")  # 2024—2026年
_DUE = alternation(words("years", "due_before"))
_YEAR_END = alternation(words("years", "year_end"))
_YEAR_TO = re.compile(rf"(?:{_DUE})\s*{_YEAR}(?:{_YEAR_END})?")  # 到2025年底
_LEAD_BEFORE = alternation(words("years", "lead_before"))
_LEAD_AFTER = alternation(words("years", "lead_after"))
_LEAD_FOLLOWERS = alternation(words("years", "lead_followers"))
# Patterns below open with their words, not with what must stand before them (a clause's start, no 和 before a
# year): the engine then skips quickly to where they may match, and _after() checks the character before.
_CLAUSE_MARKS = ",，。;；:："
# 2023年,力争… at a clause's start (or after a bracket); a word before it (在2023年,…) is taken in code (_year_matches),
# as a pattern that opened with an optional word would be tried at every position
_YEAR_LEAD = re.compile(rf"{_YEAR}(?:度)?(?:{_LEAD_AFTER})?(?=\s*[,，]|\s*(?:{_LEAD_FOLLOWERS}))")
_LEAD_BEFORE_WORDS = words("years", "lead_before")
# 2024年,全省生产总值增长5.5%…: a year and a comma opening a sentence that carries no plan word
_COMMA_LEAD = re.compile(rf"[ \t\u3000]*(?:{_LEAD_BEFORE})?{_YEAR}(?:度)?\s*[,，]")
_PLAN_WORDS = any_of("targets", "future_words")
_WORK_SCOPE = alternation(words("years", "work_scope"))
# in the data's order, not longest first: 工作 is tried before 工作计划, as the end of the match matters
_WORK_WORDS = "|".join(map(re.escape, value("years", "work_words")))
_WORK_NOT_BEFORE = alternation(words("years", "work_not_before"))
_YEAR_OF_WORK = re.compile(  # the year a plan is for: 部署2018年工作, 2024年主要目标; not after 、 和 至 到
    rf"{_YEAR}(?:度)?(?:{_WORK_SCOPE})?(?:{_WORK_WORDS})(?!{_WORK_NOT_BEFORE})"
)
_WORK_NOT_AFTER_MARKS = "、" + "".join(words("years", "work_not_after"))
_SIGNAL_WORDS = alternation(words("years", "signal_words"))
_SIGNAL_LINKS = alternation(words("years", "signal_links"))
_YEAR_AFTER_SIGNAL = re.compile(rf"(?:{_SIGNAL_WORDS})\s*(?:{_SIGNAL_LINKS})?\s*{_YEAR}")  # 力争到2025年
_BASE_AFTER = words("years", "base_after")
_BASE_NEAR = words("years", "base_near")
_BASE_BEFORE = words("years", "base_before")
_WITHIN_AFTER = words("years", "within_after")
_WITHIN_BEFORE = words("years", "within_before")
# 三年内 / 经过五年努力: one digit or numeral before 年 (a digit of a longer number is none: 2023年内), found
# from the 年 back, as 年 is rarer than digits
_YEAR_CHAR = re.compile("年")
_EVERY_YEAR_WORDS = re.compile(alternation(words("years", "every_year")))
_NEXT_YEAR = re.compile(alternation(words("years", "next_year")))  # 明年, at a clause's start
_THIS_YEAR = re.compile(alternation(words("years", "this_year")))  # 今年, at a clause's start
_PAST_HEADS = any_of("sections", "past")
_FUTURE_HEADS = any_of("sections", "future")
_PLANS_TOO = any_of("sections", "past_with_plans")
_FUTURE_OPENERS = words("sections", "future_openers")
_PLAN_HEADS = words("documents", "report_plan_heads")  # 工作, 任务, 安排: what a heading of the year's work names
_NOTES_HEADING = re.compile(rf"^[ \t]*(?:{alternation(words('sections', 'notes_headings'))})[ \t:：]*$", re.MULTILINE)
_PAST_KINDS = words("documents", "past_by_default")
_PLAIN_HEADING_KINDS = words("sections", "plain_heading_kinds")
_PLAIN_HEADING = re.compile(r"^[ \t\u3000]*([^\s。,，;；:：!！?？、]{4,25})[ \t\u3000]*$", re.MULTILINE)


@dataclass(frozen=True)
class Heading:
    start: int  # of the marker
    body: int  # where the heading's text begins
    level: int
    number: str
    title: str
    opens_line: bool = False  # nothing but spaces (or a markdown mark) before it on its line


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """Sentences end at 。；！？, a line break or a table cell."""
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if m.start() > pos:
            out.append(Span(pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append(Span(pos, len(text)))
    return [s for s in out if text[s.start:s.end].strip()]


def clauses(text: str, span: Span) -> list[Span]:
    """Comma clauses of a sentence (a comma between digits, as in 1,600, is no break)."""
    out, pos = [], span.start
    for m in _CLAUSE_END.finditer(text, span.start, span.end):
        if m.group(0) == "," and _thousands(text, m.start()):
            continue
        if m.start() > pos:
            out.append(Span(pos, m.start()))
        pos = m.end()
    if pos < span.end:
        out.append(Span(pos, span.end))
    return out


def _thousands(text: str, i: int) -> bool:
    return i > 0 and text[i - 1].isdigit() and text[i + 1:i + 4].isdigit() and not text[i + 4:i + 5].isdigit()


def headings(text: str) -> list[Heading]:
    pattern, at_start = _HEADINGS["**" in text or "#" in text]
    first = at_start.match(text)
    found = [_heading(text, first, 0)] if first else []
    found += [_heading(text, m, 1) for m in pattern.finditer(text, first.end() if first else 0)]
    return _run_on_numbers(text, [h for h in found if h])


def _heading(text: str, m: re.Match[str], skip: int) -> Heading | None:
    """The heading a match of the forms reads (skip: the characters before the heading it took), or None
    when the text after it cannot be a heading's."""
    number = m.lastgroup or ""  # no{i}
    level, start, end = _HEADING_LEVELS[int(number[2:])], m.start() + skip, m.end()
    if level == 3 and end == m.end(number):  # a task number before a space: its text starts after the space
        end += 1
    spaces = _SPACES_TABS.match(text, end)
    body = spaces.end() if spaces else end
    if level in _BODY_START and not _BODY_START[level].match(text, body):
        return None
    return Heading(start, body, level, m.group(number), _line_title(text, body), _opens_line(text, start))


def _run_on_numbers(text: str, heads: list[Heading]) -> list[Heading]:
    """11.121人才梯队项目 after task 10.: the number goes on from the task before it."""
    extra = []
    for m in _RUN_ON_NUMBER.finditer(text):
        k = bisect.bisect_left(heads, m.start(), key=lambda h: h.start)
        before = [h for h in heads[:k] if h.level == 3 and h.number.isdigit()]
        if before and int(before[-1].number) + 1 == int(m.group("no")):
            extra.append(Heading(m.start("no"), m.end() + 1, 3, m.group("no"), _line_title(text, m.end() + 1), True))
    return sorted([*heads, *extra], key=lambda h: h.start) if extra else heads


def _opens_line(text: str, start: int) -> bool:
    return not text[text.rfind("\n", 0, start) + 1:start].strip(" \t\u3000*#")


def _line_title(text: str, body: int) -> str:
    """The text of a heading, to the end of its sentence or line (and a markdown mark's close: **)."""
    m = _TITLE.match(text, body)
    return m.group().rstrip("*") if m else ""


@dataclass
class Layout:
    """Per-position facts: past or future, and the year plans fall due."""

    doc: Document
    heads: list[Heading]
    # sorted change points: (offset, is_future)
    mode_points: list[tuple[int, bool]]
    year_points: list[tuple[int, int | None]]
    sentences: list[Span] = field(default_factory=list)  # of the whole text (sentences(doc.text)), read once
    notes_from: int | None = None  # where the notes at the end begin (名词解释), None: no notes
    _year_keys: list[int] = field(default_factory=list)
    _head_keys: list[int] = field(default_factory=list)

    def is_future(self, pos: int) -> bool:
        i = bisect.bisect_right(self.mode_points, (pos, True)) - 1
        return self.mode_points[i][1] if i >= 0 else True

    def year_at(self, pos: int) -> int | None:
        if len(self._year_keys) != len(self.year_points):
            self._year_keys = [p for p, _ in self.year_points]
        i = bisect.bisect_right(self._year_keys, pos) - 1
        return self.year_points[i][1] if i >= 0 else self.doc.year

    def review_year(self, pos: int) -> int | None:
        """The year that a heading of work done above the position names (一、2023年工作回顾), looked for up
        to the level-1 heading of its section."""
        if len(self._head_keys) != len(self.heads):
            self._head_keys = [h.start for h in self.heads]
        for h in reversed(self.heads[: bisect.bisect_right(self._head_keys, pos)]):
            if h.level <= 2 and heading_mode(h.title) is False and (year := heading_year(h.title)):
                return year
            if h.level == 1:
                return None
        return None

    def heading_at(self, pos: int) -> str:
        """The title of the numbered heading a position stands under ("" inside a heading's own title)."""
        if len(self._head_keys) != len(self.heads):
            self._head_keys = [h.start for h in self.heads]
        i = bisect.bisect_right(self._head_keys, pos) - 1
        if i < 0:
            return ""
        h = self.heads[i]
        return h.title if pos >= h.body + len(h.title) else ""


def heading_mode(title: str) -> bool | None:
    """True for a heading of plans, False for one of work done, None when it says neither."""
    if _PAST_HEADS.search(title) and not _PLANS_TOO.search(title):
        return False
    if _FUTURE_HEADS.search(title):
        return True
    return None


def _names_work_of(title: str, named: int | None, year: int | None) -> bool:
    """2024年主要工作 in a report of 2024: a plain heading of the document's own year's work heads its plans."""
    return bool(named and year and named >= year and any(w in title for w in _PLAN_HEADS))


def plain_headings(text: str, year: int | None = None) -> list[Heading]:
    """Unnumbered heading lines that say past or future (2023年工作回顾), as level-1 headings. One that names
    a year before the document's (奋力完成2023年…各项任务 in a report of 2024) heads its review."""
    out = []
    for m in _PLAIN_HEADING.finditer(text):
        title = m.group(1)
        named = heading_year(title)
        if heading_mode(title) is not None or (named and year and (named < year or _names_work_of(title, named, year))):
            out.append(Heading(m.start(1), m.start(1), 1, "", title))
    # a text stored as one line runs its headings into the sentences: 提出意见。2023年工作回顾2023年是…
    lines = {h.start for h in out}
    out += [Heading(m.start("heading"), m.start("heading"), 1, "", m.group("heading")) for m in INLINE_PART.finditer(text)
            if m.start("heading") not in lines]
    return sorted(out, key=lambda h: h.start)


def layout(doc: Document) -> Layout:
    text = doc.text
    heads = headings(text)
    if doc.kind in _PLAIN_HEADING_KINDS:
        heads = sorted(heads + plain_headings(text, doc.year), key=lambda h: h.start)
    # a document whose kind is unsure states plans only where a heading or opener says so, or in the sentences
    # that carry a plan word or name a year to come (extract/targets.py)
    default_future = doc.kind not in _PAST_KINDS and doc.kind_sure
    modes: list[tuple[int, bool]] = [(0, default_future)]
    sections: list[tuple[int, int | None]] = []  # where a section starts, and the year its headings name
    current_l1: bool | None = None
    section_year_l1: int | None = None
    # a plain heading (2023年工作回顾) over numbered ones that say neither (一、社会大局和谐稳定) holds for them
    plain_mode: bool | None = None
    plain_year: int | None = None
    for h in heads:
        if h.level > 2:
            continue
        mode = heading_mode(h.title)
        hy = heading_year(h.title)
        if h.level == 1 and not h.number:
            if hy and doc.year and hy < doc.year:
                mode = False  # a plain heading that names an earlier year heads the review of that year
            elif mode is None and _names_work_of(h.title, hy, doc.year):
                mode = True  # 2024年主要工作: the year's work
            plain_mode, plain_year = mode, hy
        if h.level == 1:
            current_l1 = mode if mode is not None or h.number == "" else plain_mode
            section_year_l1 = hy or (plain_year if h.number else None)
            outer = default_future if plain_mode is None else plain_mode
            modes.append((h.start, outer if current_l1 is None else current_l1))
            sections.append((h.start, section_year_l1))
        else:
            inherited = current_l1 if current_l1 is not None else default_future
            modes.append((h.start, inherited if mode is None else mode))
            sections.append((h.start, hy or section_year_l1))
    if doc.kind == REPORT and doc.year and not any(heading_mode(h.title) is not None or not h.number for h in heads):
        # a report with no heading of its parts (its numbered sections say neither): a paragraph that opens with
        # last year (2023年，在…) starts its review, one that opens with its own year (2024年是…) its year's work
        modes = [(0, default_future)] + [(at, year >= doc.year) for at, year in year_openings(text)]
    spans = sentences(text)
    for s in spans:
        head = text[s.start:s.start + 8].lstrip(" \t")
        if head.startswith(_FUTURE_OPENERS):
            modes.append((s.start, True))
    modes.sort(key=lambda p: p[0])
    notes = _NOTES_HEADING.search(text)
    lay = Layout(doc, heads, modes, [], spans, notes_from=notes.start() if notes else None)
    lay.year_points = _year_points(text, doc, sections, lay.is_future)
    return lay


_SECTION, _SENTENCE, _EVERY_YEAR = 0, 1, 2  # what sets a year: a heading, a sentence, 每年 in a period plan


def _year_points(
    text: str, doc: Document, sections: list[tuple[int, int | None]], is_future: Callable[[int], bool]
) -> list[tuple[int, int | None]]:
    """Where the year that plans fall due changes. A section whose headings name a year takes it, and a
    sentence inside it that names another keeps that year to its own end (到2017年底前…。 under 2016年工作安排).
    Elsewhere a sentence's year holds until the next one names another (2023年,力争…; 到2027年 over the tasks
    that follow, across headings that name none, though not from or across a part that reports work done);
    before any, the document's year. 每年 in a plan that covers a period gives its sentence the period's last year."""
    events = sorted(
        [(p, _SECTION, y) for p, y in sections]
        + [(p, _SENTENCE, y) for y, p in year_setters(text, doc)]
        + [(m.start(), _EVERY_YEAR, doc.year) for m in (_EVERY_YEAR_WORDS.finditer(text) if doc.period else ())]
    )
    points: list[tuple[int, int | None]] = [(0, doc.year)]
    section_year: int | None = None
    named = doc.year  # the year of the nearest sentence that names one, outside sections that name theirs
    revert: tuple[int, int | None] | None = None  # where a sentence's own year ends, and the year after it
    for pos, kind, year in events:
        if revert and pos >= revert[0]:
            points.append(revert)
            revert = None
        points.append((pos, year or named) if kind == _SECTION else (pos, year))
        if kind == _SECTION:
            section_year, revert = year, None
            named = named if is_future(pos) else doc.year  # a review breaks the chain of named years
            continue
        if kind == _SENTENCE and section_year is None:
            named, revert = (year if is_future(pos) else named), None
            continue
        back = section_year if section_year is not None else named
        if year != back:
            stop = _FULL_STOP.search(text, pos)
            revert = (stop.start() if stop else len(text), back)
    if revert:
        points.append(revert)
    points.sort(key=lambda p: p[0])
    return points


def heading_year(title: str) -> int | None:
    """The year a heading names (a period's last)."""
    m = _YEAR_RANGE.search(title)
    if m:
        return int(m.group(2))
    m = _A_YEAR.search(title)
    return int(m.group(1)) if m else None


def plain_year_lead(text: str, start: int) -> int | None:
    """The year of a sentence that opens with it and a comma and carries no plan word up to its full stop
    (2024年,全省生产总值增长5.5%…): in a document that gives no date of its own, it may report results, so it
    is neither a plans' year nor a target's."""
    m = _COMMA_LEAD.match(text, start)
    if m is None:
        return None
    stop = _FULL_STOP.search(text, m.end())
    return None if _PLAN_WORDS.search(text, m.end(), stop.start() if stop else len(text)) else int(m.group(1))


def _years_within(text: str) -> list[tuple[int, int]]:
    """三年内, 经过五年努力, 用2年时间, 用3—5年时间 (5): the count of years and where the phrase starts."""
    out = []
    for m in _YEAR_CHAR.finditer(text):
        q = m.start()
        while q > 0 and text[q - 1] in " \t":
            q -= 1
        c = text[q - 1] if q else ""
        if not (c.isdecimal() and not (q > 1 and text[q - 2].isdecimal())) and (not c or c not in CN_NUM):
            continue
        n = int(c) if c.isdecimal() else parse_chinese_numeral(c) or 0
        r = q - 1
        if r > 1 and text[r - 1] in RANGE and (text[r - 2].isdecimal() or text[r - 2] in CN_NUM):
            r -= 2  # 用3—5年时间: a range of years, counted to its last
        while r > 0 and text[r - 1] in " \t":
            r -= 1
        before = next((w for w in _WITHIN_BEFORE if text.endswith(w, 0, r)), "")
        if before:
            out.append((n, r - len(before)))
        elif text.startswith(_WITHIN_AFTER, m.end()):
            out.append((n, q - 1))
    return out


def _after(text: str, i: int, marks: str) -> bool:
    """Whether position i opens the text, or follows whitespace or one of marks."""
    return i == 0 or text[i - 1] in marks or text[i - 1].isspace()


def written_year(doc: Document) -> int | None:
    """The year the document was written: its date's, else its period's first, else its own year."""
    return int(doc.date[:4]) if doc.date else (int(doc.period[:4]) if doc.period else doc.year)


def _year_matches(text: str) -> Iterator[tuple[re.Pattern[str], int, int, int]]:
    """Each year pattern's matches: the pattern, where the match starts and ends, and the year it names. A year at a
    clause's start takes the word before it (在2023年,…) where that word is no part of the match before."""
    for pat, group in ((_YEAR_TO, 1), (_YEAR_LEAD, 1), (_YEAR_AFTER_SIGNAL, 1), (_YEAR_RANGE, 2), (_YEAR_OF_WORK, 1)):
        taken = 0  # where the match before ends
        for m in pat.finditer(text):
            start = m.start()
            if pat is _YEAR_LEAD:
                start -= next((len(w) for w in _LEAD_BEFORE_WORDS if text.endswith(w, taken, start)), 0)
            taken = m.end()
            yield pat, start, m.end(), int(m.group(group))


def is_base_year(text: str, start: int, end: int) -> bool:
    """Whether the year named at start:end is a base or a reference (在2022年的基础上, 比2022年), not the year
    of what the sentence states."""
    after = text[end:end + 6]
    return (after.startswith(_BASE_AFTER) or any(w in after[:4] for w in _BASE_NEAR)
            or text[max(0, start - 2):start].endswith(_BASE_BEFORE))


def year_setters(text: str, doc: Document) -> list[tuple[int | None, int]]:
    """Years that a sentence names for its plans: 到2025年, 2023年力争, 2024—2026年.

    Not: a base year (在2022年的基础上), a year of another event (兑现2020年奖励),
    years inside a cited title 《…》."""
    quoted = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", text)]
    quote_starts = [a for a, _ in quoted]

    def in_quote(i: int) -> bool:
        k = bisect.bisect_right(quote_starts, i) - 1
        return k >= 0 and i < quoted[k][1]

    out: list[tuple[int | None, int]] = []
    base = written_year(doc)
    for pat, start, end, year in _year_matches(text):
        if in_quote(start) or (pat is _YEAR_LEAD and not _after(text, start, _CLAUSE_MARKS + "(")):
            continue
        if pat is _YEAR_OF_WORK and start and text[start - 1] in _WORK_NOT_AFTER_MARKS:
            continue
        if base is None and pat is _YEAR_LEAD and plain_year_lead(text, start):
            continue
        if is_base_year(text, start, end):
            continue
        out.append((year, start))
    # 三年内 / 经过五年努力: the document's year plus N; 明年: the year after the document's date
    if base:
        out.extend((base + n, at) for n, at in _years_within(text))
    # 明年 / 今年 count from the document's date; in an undated page the nearest named year
    # stands (dev2's d03: 2024年度…大会, then 今年)
    if doc.date:
        for pat, year in ((_NEXT_YEAR, int(doc.date[:4]) + 1), (_THIS_YEAR, int(doc.date[:4]))):
            out.extend((year, m.start()) for m in pat.finditer(text) if _after(text, m.start(), _CLAUSE_MARKS))
    out.sort(key=lambda p: p[1])
    return [(y, p) for y, p in out]

