"""Document metadata read from the normalised text: title, 文号, issuer, date, kind, year, region."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from zjpolicy.rules import places, rules

if TYPE_CHECKING:
    from zjpolicy.document import Document

_CJK = re.compile(r"[\u4e00-\u9fff]")


_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
_CN_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})")
_META_LABEL = re.compile(r"^(索\s*引\s*号|发布机构|发文机关|主题分类|文号|成文日期|发布日期|生成日期|有效性|当前位置|来源|信息来源|名称|组配分类|公开|分享|浏览|访问|•)")
_TITLE_WORDS = ("计划", "方案", "意见", "答复", "总结", "通知", "办法", "规划", "要点", "报告", "清单", "分解表", "思路", "决定", "措施", "细则", "纲要", "实施")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-—–~至到]+\s*((?:19|20)\d{2})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def describe(doc: Document) -> None:
    """Fill the metadata of a document from its normalised text."""
    text = doc.text
    head = text[:3000]
    lines = [ln.strip().strip("|").strip() for ln in head.split("\n")]
    doc.title = _find_title(lines)
    m = _DOC_NO.search("\n".join(lines[:15]))
    if m:
        doc.doc_number = re.sub(r"\s+", "", m.group(0))
    doc.date = _find_date(lines, text)
    doc.issuer = _find_issuer(lines, text, doc.title)
    doc.kind = _find_kind(doc.title, head)
    doc.year, doc.period = _doc_year(doc)
    doc.city, doc.district = _find_region(doc.title + " " + doc.issuer, text)


def _find_title(lines: list[str]) -> str:
    candidates = []
    for i, line in enumerate(lines[:40]):
        if not line or _META_LABEL.match(line) or len(line) > 80:
            continue
        if line.endswith(("。", ":", ":")) or line.count(",") > 1:
            continue
        if any(w in line for w in _TITLE_WORDS):
            title = line
            prev = lines[i - 1] if i else ""
            if (
                prev
                and len(prev) <= 30
                and not _META_LABEL.match(prev)
                and not prev.endswith(("。", ":", ",", "日"))
                and not any(w in prev for w in _TITLE_WORDS)
                and _CJK.search(prev)
                and not re.search(r"\d{4}-\d", prev)
            ):
                title = prev + line
            candidates.append(title)
            if len(candidates) >= 3:
                break
    if not candidates:
        return next((ln for ln in lines if ln and not _META_LABEL.match(ln) and len(ln) <= 60), "")[:60]
    title = candidates[0]
    inner = re.search(r"印发\s*《(.+?)》", title)
    if inner:
        return inner.group(1)
    return title.replace(" ", "")


def _find_date(lines: list[str], text: str) -> str:
    for label in ("成文日期", "发文日期"):
        for line in lines[:30]:
            if label in line:
                m = _ISO_DATE.search(line) or _CN_DATE.search(line)
                if m:
                    return _iso(m)
    # A signature: a line that is only a date, near the top or at the end.
    all_lines = [ln.strip() for ln in text.split("\n")]
    for line in all_lines[:40] + all_lines[-15:][::-1]:
        m = _CN_DATE.fullmatch(line.strip("()（）[]【】 "))
        if m:
            return _iso(m)
    for line in lines[:10]:
        m2 = re.search(r"(?<!\d)(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", line)
        if m2 and not _CN_DATE.search(line):
            return f"20{m2.group(1)}-{int(m2.group(2)):02d}-{int(m2.group(3)):02d}"
    for line in lines[:30]:
        # 发布日期: / 时间: / 发布时间: labels of a web page
        if "日期" in line or re.match(r"^[•·\-\s]*(?:发布|发文|更新)?时间\s*[:：]", line):
            m = _ISO_DATE.search(line) or _CN_DATE.search(line)
            if m:
                return _iso(m)
    return ""


def _iso(m: re.Match[str]) -> str:
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _find_issuer(lines: list[str], text: str, title: str) -> str:
    for line in lines[:30]:
        m = re.match(r"^(?:发布机构|发文机关)\s*[:|]?\s*([^\s|:]+)", line)
        if m:
            return m.group(1)
    tail = [ln.strip() for ln in text.strip().split("\n")[-8:]]
    suffixes = tuple(rules()["documents"]["issuer_suffixes"])
    for line in reversed(tail):
        if 3 <= len(line) <= 30 and line.endswith(suffixes) and not _CN_DATE.search(line):
            return line
    m = re.match(r"^(.{2,30}?)关于", title)
    return m.group(1) if m else ""


def _find_kind(title: str, head: str) -> str:
    for kind, words in rules()["documents"]["kinds"]:
        if title and any(w in title for w in words):
            return str(kind)
    if re.search(r"(代表|委员)\s*[:]", head[:600]):
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
    m3 = re.search(r"有效期(?:至|到)\s*((?:19|20)\d{2})\s*年", doc.text)
    if m3:
        start = doc.date[:4] if doc.date else ""
        return int(m3.group(1)), (f"{start}-{m3.group(1)}" if start else "")
    m2 = re.search(r"[〔\[【(（]((?:19|20)\d{2})[〕\]】)）]", doc.doc_number)
    if m2:
        return int(m2.group(1)), ""
    if doc.date:
        return int(doc.date[:4]), ""
    # a report on a plan names it near the start: 印发《2025年…工作要点》
    m4 = re.search(r"《[^》]{0,30}?((?:19|20)\d{2})\s*年[^》]{0,40}?(?:工作要点|工作计划|行动计划|实施方案|计划)》", doc.text[:400])
    if m4:
        return int(m4.group(1)), ""
    return None, ""


def _find_region(head: str, text: str) -> tuple[str, str]:
    data = places()
    cities: dict[str, list[str]] = data["cities"]
    for probe in (head, text[:300]):
        for city, districts in cities.items():
            for d in districts:
                short = d[:-1] if len(d) > 2 and d[-1] in "区县市" else d
                if d in probe or (len(short) >= 2 and short + "区" not in probe and re.search(short + "(?:科技|区|县|市)", probe)):
                    return city, d
        for city in cities:
            if city in probe:
                return city, ""
    m = re.match(r"^([\u4e00-\u9fff]{2,4}?[省市县区])", head.strip())
    return (m.group(1), "") if m else ("", "")


