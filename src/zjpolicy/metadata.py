"""Document metadata read from the normalised text: title, 文号, issuer, date, kind, year, region."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from zjpolicy.rules import alternation, any_of, characters, table, value, words

if TYPE_CHECKING:
    from zjpolicy.document import Document

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACES = re.compile(r"\s+")
_ISO_DATE_START = re.compile(r"\d{4}-\d")
_DOC_NO_YEAR = re.compile(r"[〔\[【(（]((?:19|20)\d{2})[〕\]】)）]")
REPORT = "report"  # a government work report (政府工作报告): a review of last year, then this year's work


_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
# A 文号 with a citing word in the few characters before it, or a word after it that names it cited, is
# another document's.
_CITING = words("documents", "citing_words")
_CITED_AFTER = tuple(words("documents", "cited_after"))
_CITED_REACH = 6
_REVIEW_OPENERS = tuple(words("documents", "review_openers"))
# 2023年是…, 2024年，…: a paragraph that opens with a year and speaks of it (a report's review, or its year's work)
_YEAR_SPOKEN = rf"((?:19|20)\d{{2}})\s*年(?:{alternation(words('documents', 'review_year_links'))})"
YEAR_OPENING = re.compile(rf"^[ \t\u3000]*{_YEAR_SPOKEN}", re.MULTILINE)
# …请予审议，并请市政协委员提出意见。2023年是…: the review run into the first line after the speaker's sentence
_YEAR_AFTER_SPEAKER = re.compile(rf"。\s*{_YEAR_SPOKEN}")


def year_openings(text: str) -> list[tuple[int, int]]:
    """Where a paragraph opens with a year and speaks of it (2023年是…, 2024年，…), and that year: at the start of a
    line, or in the first line right after the speaker's sentence."""
    first_end = text.find("\n")
    first = _YEAR_AFTER_SPEAKER.search(text, 0, first_end if first_end >= 0 else len(text))
    found = [(first.start(1), int(first.group(1)))] if first else []
    return found + [(m.start(), int(m.group(1))) for m in YEAR_OPENING.finditer(text)]
_OWN_NUMBER_LINE = 60  # characters of the longest line with commas that may carry the document's own 文号
_SENTENCE_MARKS = "。；;"  # a line with these is a sentence of the body
_COMMAS = "，,"
_CN_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SHORT_CN_DATE = re.compile(r"(?<!\d)(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")  # 24年3月5日
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})")
# a label of a web page's metadata (索 引 号, 发布机构 …), never a title
_SPACED_LABELS = "|".join(r"\s*".join(map(re.escape, w)) for w in words("documents", "spaced_labels"))
_META_LABEL = re.compile(rf"^({_SPACED_LABELS}|{alternation(words('documents', 'page_labels'))}|•)")
_TITLE_WORDS = words("documents", "title_words")
_ISSUED = re.compile(rf"(?:{alternation(words('documents', 'issuing_words'))})\s*《(.+?)》")  # 关于印发《…》的通知
_DATE_LABELS: list[str] = value("documents", "date_labels")  # in the order they are tried
_PAGE_DATE_WORDS = words("documents", "page_date_words")
_TIME_LABEL = re.compile(rf"^[•·\-\s]*(?:{alternation(words('documents', 'time_labels'))})\s*[:：]")
_ISSUER_LABEL = re.compile(rf"^(?:{alternation(words('documents', 'issuer_labels'))})\s*[:|]?\s*([^\s|:]+)")
_ISSUER_SUFFIXES = words("documents", "issuer_suffixes")
_ISSUER_BEFORE_ABOUT = re.compile(rf"^(.{{2,30}}?)(?:{alternation(words('documents', 'about'))})")
_KINDS: list[tuple[str, list[str]]] = [(str(k), list(ws)) for k, ws in value("documents", "kinds")]
_REPLY_MARKER = re.compile(rf"(?:{alternation(words('documents', 'reply_markers'))})\s*[:]")
_REPORT_ADDRESS = words("documents", "report_address")
_REPORT_OPENING = any_of("documents", "report_opening")
_REPORT_SPEAKER = tuple(words("documents", "report_speaker"))
_SPEAKER_LINES = 2  # lines of text at the opening where the speaker may stand (after an address cut short)
_REPORT_PLAN_HEADS = words("documents", "report_plan_heads")
_THIS_YEAR = words("years", "this_year")  # 今年
_PAST_HEADS = words("sections", "past")
_HEADING_LINE = re.compile(r"[^。,，;；:：!！?？]{2,30}")
_RANGE = "-—–~" + characters(words("numbers", "range_words"))
_YEAR_RANGE = re.compile(rf"((?:19|20)\d{{2}})\s*[{_RANGE}]+\s*((?:19|20)\d{{2}})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A report stored as one line runs its part headings into the text after a full stop (…请予审议。2023年工作回顾
# 2023年是…): a year right after the stop and a word of a report's part. extract/structure.py divides the text
# by them too.
INLINE_PART = re.compile(
    rf"(?<=[。！？!?])[ \t]*(?P<heading>(?P<year>(?:19|20)\d{{2}})年(?P<part>{alternation(words('sections', 'inline_part_heads'))}))"
)
_PERIOD_IN_BRACKETS = re.compile(rf"[(（]\s*(?:19|20)\d{{2}}\s*年?\s*[{_RANGE}]+\s*(?:19|20)\d{{2}}\s*年?\s*[)）]")
# 四、科技创新行动计划: a numbered heading of the body, never the title
_NUMBERED_HEADING = re.compile(rf"[{''.join(value('numbers', 'digits'))}{''.join(value('numbers', 'multipliers'))}]{{1,3}}、")
_VALID_UNTIL = re.compile(rf"(?:{alternation(words('documents', 'valid_until'))})\s*((?:19|20)\d{{2}})\s*年")
_PERIOD_LABELLED = re.compile(
    rf"(?:{alternation(words('documents', 'period_labels'))})\s*((?:19|20)\d{{2}})\s*年?\s*[{_RANGE}]+\s*((?:19|20)\d{{2}})\s*年"
)
# a count of years in one Chinese character (五年内, 十年内): the numerals' data of [numbers]
_ONE_NUMERAL: dict[str, int] = {**value("numbers", "digits"), **value("numbers", "multipliers")}
_PERIOD_FROM = re.compile(
    rf"((?:19|20)\d{{2}})\s*年\s*(?:{alternation(words('documents', 'period_from'))})\s*(?:(\d{{1,2}})|([{''.join(_ONE_NUMERAL)}]))\s*年"
    rf"\s*(?:{alternation(words('years', 'within_after'))})"
)
_PERIOD_OPENING: int = value("documents", "period_opening")
_PLAN_CITED = re.compile(rf"《[^》]{{0,30}}?((?:19|20)\d{{2}})\s*年[^》]{{0,40}}?(?:{alternation(words('documents', 'plan_titles'))})》")
_COUNTY_SUFFIXES = "".join(words("regions", "county_suffixes"))
_COUNTY_FOLLOWERS = alternation(words("regions", "county_followers"))
_DISTRICT_SUFFIX: str = value("regions", "district_suffix")
_REGION_OPENING = re.compile(rf"^([\u4e00-\u9fff]{{2,4}}?[{characters(words('regions', 'region_suffixes'))}])")


def describe(doc: Document) -> None:
    """Fill the metadata of a document from its normalised text."""
    text = doc.text
    head = text[:3000]
    lines = [ln.strip().strip("|").strip() for ln in head.split("\n")]
    doc.title = _find_title(lines)
    doc.doc_number = _own_doc_number("\n".join(lines[:15]))
    doc.date = _find_date(lines, text)
    doc.issuer = _find_issuer(lines, text, doc.title)
    doc.kind, doc.kind_sure = _kind(doc.title, lines, text)
    doc.year, doc.period = _doc_year(doc)
    if doc.kind == REPORT:  # the year its heading of this year's work names (a first line 2023年是… is no title's)
        doc.year = _report_year(text) or doc.year
    named = _region_named(doc.title + " " + doc.issuer)
    doc.city, doc.district = named or _region_named(text[:300]) or _region_opening(doc.title + " " + doc.issuer)
    _place(doc, in_head=named is not None)


def _own_doc_number(head: str) -> str:
    """The first 文号 of the head that is not cited (深入贯彻国发〔2022〕2号文件: another document's)."""
    for m in _DOC_NO.finditer(head):
        # the match opens with up to ten characters before the 文号's bracket: a citing word may stand in them
        cited_by, after = head[max(0, m.start() - _CITED_REACH):m.end()], head[m.end():m.end() + _CITED_REACH]
        if any(w in cited_by for w in _CITING) or after.startswith(_CITED_AFTER) or _in_prose(head, m.start(), m.end()):
            continue
        return _SPACES.sub("", m.group(0))
    return ""


def _in_prose(head: str, start: int, end: int) -> bool:
    """深挖国发〔2022〕2号、国函〔2022〕65号文件政策: a 文号 inside a sentence of the body, another document's;
    the document's own stands on a line of its own or in a short line of metadata."""
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    line = head[line_start:line_end if line_end >= 0 else len(head)]
    return any(p in line for p in _SENTENCE_MARKS) or (len(line) > _OWN_NUMBER_LINE and any(p in line for p in _COMMAS))


def _find_title(lines: list[str]) -> str:
    candidates = []
    for i, line in enumerate(lines[:40]):
        if not line or _META_LABEL.match(line) or len(line) > 80:
            continue
        if line.endswith(("。", ":", ":")) or line.count(",") > 1 or _NUMBERED_HEADING.match(line):
            continue
        if any(w in line for w in _TITLE_WORDS):
            title = line + _period_line(lines, i + 1)
            prev = lines[i - 1] if i else ""
            if (
                prev
                and len(prev) <= 30
                and not _META_LABEL.match(prev)
                and not prev.endswith(("。", ":", ",", "日"))
                and not any(w in prev for w in _TITLE_WORDS)
                and _CJK.search(prev)
                and not _ISO_DATE_START.search(prev)
            ):
                title = prev + line
            candidates.append(title)
            if len(candidates) >= 3:
                break
    if not candidates:
        return next((ln for ln in lines if ln and not _META_LABEL.match(ln) and len(ln) <= 60), "")[:60]
    title = candidates[0]
    inner = _ISSUED.search(title)
    if inner:
        return inner.group(1)
    return title.replace(" ", "")


def _period_line(lines: list[str], i: int) -> str:
    """A line that only holds the title's period in brackets ((2021—2023年) under 三年行动计划): part of the title."""
    return lines[i] if i < len(lines) and _PERIOD_IN_BRACKETS.fullmatch(lines[i]) else ""


def _find_date(lines: list[str], text: str) -> str:
    for label in _DATE_LABELS:
        for line in lines[:30]:
            if label in line:
                m = _ISO_DATE.search(line) or _CN_DATE.search(line)
                if m:
                    return _iso(m)
    # A signature: a line that is only a date, near the top or at the end.
    all_lines = text.split("\n")
    for line in all_lines[:40] + all_lines[-15:][::-1]:
        m = _CN_DATE.fullmatch(line.strip().strip("()（）[]【】 "))
        if m:
            return _iso(m)
    for line in lines[:10]:
        m2 = _SHORT_CN_DATE.search(line)
        if m2 and not _CN_DATE.search(line):
            return f"20{m2.group(1)}-{int(m2.group(2)):02d}-{int(m2.group(3)):02d}"
    for line in lines[:30]:
        # 发布日期: / 时间: / 发布时间: labels of a web page
        if any(w in line for w in _PAGE_DATE_WORDS) or _TIME_LABEL.match(line):
            m = _ISO_DATE.search(line) or _CN_DATE.search(line)
            if m:
                return _iso(m)
    return ""


def _iso(m: re.Match[str]) -> str:
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _find_issuer(lines: list[str], text: str, title: str) -> str:
    for line in lines[:30]:
        m = _ISSUER_LABEL.match(line)
        if m:
            return m.group(1)
    tail = [ln.strip() for ln in text.strip().split("\n")[-8:]]
    for line in reversed(tail):
        if 3 <= len(line) <= 30 and line.endswith(_ISSUER_SUFFIXES) and not _CN_DATE.search(line):
            return line
    m = _ISSUER_BEFORE_ABOUT.match(title)
    return m.group(1) if m else ""


def _kind(title: str, lines: list[str], text: str) -> tuple[str, bool]:
    """The document's kind, and whether it is sure. 各位代表: near the start makes a work report, with or without
    its title: a sure one when the opening says it reports the government's work or a heading names this
    year's work (二、今年主要工作, 2024年工作安排); an unsure one otherwise (a speech of plans and results alike)."""
    opening = [ln for ln in lines[:12] if ln][:6]
    if opening and _opens_with_a_review(opening[0]) and _names_this_years_work(text):
        return REPORT, True  # 2023年是…, then 二、2024年工作安排: a report cut to its body
    if not any(ln.startswith(_REPORT_ADDRESS) for ln in opening) and not _speaks_as_report(opening[:_SPEAKER_LINES]):
        return _find_kind(title, text[:600]), True
    return REPORT, bool(_REPORT_OPENING.search("".join(opening))) or _names_this_years_work(text)


def _opens_with_a_review(first_line: str) -> bool:
    """2023年是全面贯彻…的开局之年, 过去一年，…: the first line opens a review of the year before."""
    return first_line.startswith(_REVIEW_OPENERS) or bool(YEAR_OPENING.match(first_line))


def _speaks_as_report(first: list[str]) -> bool:
    """现在，我代表市人民政府，向大会报告政府工作 on one of the first lines: a report stored without its title,
    its address lost or cut (位代表：)."""
    return any(ln.startswith(_REPORT_SPEAKER) and _REPORT_OPENING.search(ln) for ln in first)


def _names_this_years_work(text: str) -> bool:
    """A heading line that names this year's work (二、今年主要工作, 2024年工作安排), not last year's."""
    for line in text.split("\n"):
        line = line.strip(" \t\u3000")
        if not _HEADING_LINE.fullmatch(line) or any(w in line for w in _PAST_HEADS):
            continue
        if (_YEAR.search(line) or any(w in line for w in _THIS_YEAR)) and any(w in line for w in _REPORT_PLAN_HEADS):
            return True
    return False


def _report_year(text: str) -> int | None:
    """The year a report's heading of this year's work names; else the year after its review's."""
    reviewed: int | None = None
    planned: list[int] = []
    for line in text.split("\n"):
        line = line.strip(" \t\u3000")
        m = _YEAR.search(line)
        if m is None or not _HEADING_LINE.fullmatch(line):
            continue
        if any(w in line for w in _PAST_HEADS):
            reviewed = reviewed or int(m.group(1)) + 1
        elif any(w in line for w in _REPORT_PLAN_HEADS):
            planned.append(int(m.group(1)))
    # a report stored as one line runs its part headings into the text: …请予审议。2023年工作回顾2023年是…
    for m in INLINE_PART.finditer(text):
        if any(w in m.group("part") for w in _PAST_HEADS):
            reviewed = reviewed or int(m.group("year")) + 1
        else:
            planned.append(int(m.group("year")))
    # 奋力完成2023年…各项任务 then 全力实现2024年…奋斗目标: the latest year a heading of work names is this year's
    if planned or reviewed:
        return max(planned) if planned else reviewed
    # no heading names a year: 2023年，在…坚强领导下 (the review) … 2024年是…75周年 (the year's work)
    opened = {year for _, year in year_openings(text)}
    return max(opened) if len(opened) >= 2 else None


def _place(doc: Document, *, in_head: bool) -> None:
    """The document's own place: the one its issuer or title names as its own (zjpolicy.places.own_place),
    else the city or district found in them before (in_head), else the one its text speaks as, else the
    city or district found in its opening; blank when unknown. The text is read only when the title and
    issuer say nothing (萧山科技创新…总结 is 萧山区's)."""
    from zjpolicy.places import lookup, own_place

    city = lookup(doc.city) if doc.city else None
    found = lookup(doc.district, within=city) if doc.district and city else city
    place = own_place(doc.title, doc.issuer, "") or (found if in_head else None) or own_place("", "", doc.text) or found
    if place is not None:
        doc.region, doc.region_code, doc.province = place.name, place.code, place.province


def _find_kind(title: str, head: str) -> str:
    for kind, kind_words in _KINDS:
        if title and any(w in title for w in kind_words):
            return kind
    if _REPLY_MARKER.search(head[:600]):
        return "reply"
    return "other"


def _doc_year(doc: Document) -> tuple[int | None, str]:
    """The year an undated target falls due: a period's last year, else the title's year, 文号, date."""
    title = doc.title
    m = _YEAR_RANGE.search(title)
    if m:
        return int(m.group(2)), f"{m.group(1)}-{m.group(2)}"
    years = [int(y) for y in _YEAR.findall(title)]
    if years:
        return max(years), ""
    m3 = _VALID_UNTIL.search(doc.text)
    if m3:
        start = doc.date[:4] if doc.date else ""
        return int(m3.group(1)), (f"{start}-{m3.group(1)}" if start else "")
    stated = _stated_period(doc.text[:_PERIOD_OPENING])
    if stated:
        return stated[1], f"{stated[0]}-{stated[1]}"
    m2 = _DOC_NO_YEAR.search(doc.doc_number)
    if m2:
        return int(m2.group(1)), ""
    if doc.date:
        return int(doc.date[:4]), ""
    # a report on a plan names it near the start: 印发《2025年…工作要点》
    m4 = _PLAN_CITED.search(doc.text[:400])
    if m4:
        return int(m4.group(1)), ""
    return None, ""


def _stated_period(opening: str) -> tuple[int, int] | None:
    """The period a document's opening states for itself: 规划期为2021—2025年, or 2012年起5年内 (2012-2017)."""
    m = _PERIOD_LABELLED.search(opening)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _PERIOD_FROM.search(opening)
    if m is None:
        return None
    years = int(m.group(2)) if m.group(2) else _ONE_NUMERAL[m.group(3)]
    return int(m.group(1)), int(m.group(1)) + years


def _region_named(probe: str) -> tuple[str, str] | None:
    """A Zhejiang city and district (data/places.toml) the text names: a district first."""
    for county in _counties():
        if county.named_in(probe):
            return county.city, county.name
    for city in _cities():
        if city in probe:
            return city, ""
    return None


def _region_opening(head: str) -> tuple[str, str]:
    """A place name that opens the title (谯城区2023年…)."""
    m = _REGION_OPENING.match(head.strip())
    return (m.group(1), "") if m else ("", "")


class _County:
    """A Zhejiang county of data/places.toml, with what tells that a text names it (compiled once)."""

    __slots__ = ("city", "name", "other_district", "short", "short_named")

    def __init__(self, city: str, name: str) -> None:
        self.city, self.name = city, name
        self.short = name[:-1] if len(name) > 2 and name[-1] in _COUNTY_SUFFIXES else name
        self.other_district = self.short + _DISTRICT_SUFFIX
        self.short_named = re.compile(self.short + f"(?:{_COUNTY_FOLLOWERS})") if len(self.short) >= 2 else None

    def named_in(self, probe: str) -> bool:
        """The text names the county in full, or by its short name followed by 科技/区/县/市 (鄞州科技局),
        unless that short name is another district's (short name + 区)."""
        if self.name in probe:
            return True
        return bool(
            self.short_named is not None and self.short in probe and self.other_district not in probe
            and self.short_named.search(probe)
        )


@cache
def _cities() -> tuple[str, ...]:
    return tuple(table("cities", file="places"))


@cache
def _counties() -> tuple[_County, ...]:
    cities: dict[str, list[str]] = table("cities", file="places")
    return tuple(_County(city, d) for city, districts in cities.items() for d in districts)
