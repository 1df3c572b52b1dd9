"""Quantitative targets: a number the government commits to reach in a future year.

A number with a unit is a target when it stands in a part of the document
that states plans, in a clause with a signal word (力争, 新增, 达到, 以上 …),
and is none of: an achieved figure, a cap or threshold, a ranking, a budget,
a count of named things (等7家), a qualifier of what is counted
(10亿元以上项目开工35个), a figure of part of the year, a scoring rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from zjpolicy.document import Document
from zjpolicy.extract.numbers import Amount, find_amounts, format_value
from zjpolicy.extract.structure import Layout, Span, clauses, layout, sentences
from zjpolicy.rules import by_length, rules


@dataclass
class Target:
    doc_id: str
    year: int | None
    indicator: str
    value: float
    unit: str
    comparator: str
    start: int  # quote span in the normalised text
    end: int
    value_start: int  # the number and its unit
    value_end: int
    quote: str
    value_base: float
    base_unit: str

    @property
    def value_text(self) -> str:
        return format_value(self.value)


@cache
def _r() -> dict[str, list[str]]:
    return {k: by_length(v) if isinstance(v, list) else v for k, v in rules()["targets"].items()}


_YEAR_EXPR = re.compile(r"^(?:(?:到|至|在|于|力争到?|争取到?)?\s*(?:19|20)\d{2}\s*年(?:度)?(?:底|末|内|前)?|[一二三四五六七八九十两\d]{1,2}年内)")
_PARTICLES = " \t,，、:：;；的“”\"'—-·"


def extract_targets(doc: Document, lay: Layout | None = None, tasks: list[tuple[int, int]] = ()) -> list[Target]:
    """Targets of a document; `tasks` are the spans of numbered tasks that name owners,
    whose figures are commitments whatever their wording."""
    lay = lay or layout(doc)
    text, display = doc.text, doc.display
    out: list[Target] = []
    # A figure of a year before the document was written is achieved, not promised.
    date_year = int(doc.date[:4]) if doc.date else (int(doc.period[:4]) if doc.period else doc.year)
    prev_sentence_budget = False
    carried_signal = False  # items of one list split by ；share its signal word
    if _is_part_of_year(doc.title):
        return out  # a report on part of a year (上半年…) states results only
    full_past = full_future = False
    task_starts, task_ends = _merged(tasks)
    for sent in sentences(text):
        s_text = text[sent.start:sent.end]
        # the whole sentence up to 。: 去年,…；新增18家 reports last year in both halves
        if sent.start == 0 or text[sent.start - 1] in "。！？!?\n":
            stop = _FULL_STOP.search(text, sent.start)
            full = text[sent.start:stop.start() if stop else len(text)]
            full_past, full_future = _is_past_sentence(full), _has("future_words", full)
        budget = _has("budget_words", s_text) or (
            prev_sentence_budget and s_text.lstrip().startswith("其中")
        )
        prev_sentence_budget = budget
        if not lay.is_future(sent.start) and not _plans_in_review(s_text, lay.year_at(sent.start), date_year):
            continue
        if full_past or _is_part_of_year(s_text) or _is_scoring(s_text):
            continue
        if _has("comparison_words", s_text) and not full_future:
            continue
        k = bisect.bisect_right(task_starts, sent.start) - 1
        in_task = k >= 0 and sent.start < task_ends[k]
        found = _sentence_targets(doc, lay, sent, budget, date_year, text, display, carried_signal, in_task)
        out.extend(found)
        ends_list = text[sent.end:sent.end + 1] in (";", "；")
        has_signal = bool(found) or _has("signals", s_text)
        carried_signal = ends_list and (has_signal or carried_signal)
    return out


def _merged(spans: list[tuple[int, int]] | tuple[()]) -> tuple[list[int], list[int]]:
    """Overlapping spans joined, as sorted starts and their ends, for bisect."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


_FULL_STOP = re.compile(r"[。！？!?\n]")


@cache
def _word_re(key: str) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _r()[key])))


def _has(key: str, text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] holds one of the words of rules.toml [targets] key."""
    return _word_re(key).search(text, start, len(text) if end is None else end) is not None


def _plans_in_review(s: str, year: int | None, date_year: int | None) -> bool:
    """A sentence of plans inside a review (2024年,我局将力争…): a future word and a year not before the document."""
    named = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", s)]
    return bool(date_year and named and max(named) >= date_year and _has("future_words", s))


def _is_past_sentence(s: str) -> bool:
    return _has("past_words", s)


def _is_part_of_year(s: str) -> bool:
    if re.search(r"[一二三四](?:、[一二三四])+季度|上半年|下半年|前[一二三]季度|\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月", s):
        return True
    return False


def _is_scoring(s: str) -> bool:
    return bool(re.search(r"计\s*\d+(?:\.\d+)?\s*分|[加扣减]\s*\d+(?:\.\d+)?\s*分|\(减\)", s)) or any(
        w in s for w in _r()["scoring_words"]
    )


def _sentence_targets(
    doc: Document, lay: Layout, sent: Span, budget: bool, date_year: int | None, text: str, display: str,
    carried_signal: bool = False,
    in_task: bool = False,
) -> list[Target]:
    cls = clauses(text, sent)
    amounts = find_amounts(text, sent.start, sent.end)
    # 2个千亿级产业集群: a magnitude glued to a count describes the thing counted
    amounts = [a for i, a in enumerate(amounts) if not (a.chinese and i and amounts[i - 1].end == a.start)]
    if not amounts:
        return []
    results: list[Target] = []
    signal_seen = carried_signal
    prev_indicator = ""
    for ci, cl in enumerate(cls):
        c_amounts = [a for a in amounts if cl.start <= a.start < cl.end]
        c_text = text[cl.start:cl.end]
        clause_signal = _has("signals", c_text)
        boundary = cl.start
        prev_cmp = ""
        respective = [a for a in c_amounts if "分别" in text[cl.start:a.start]]
        paired = _respectively(text, display, cls, ci, respective) if len(respective) > 1 else {}
        for ai, a in enumerate(c_amounts):
            after = _bound_after(text, a.end, cl.end)
            nxt = c_amounts[ai + 1] if ai + 1 < len(c_amounts) else None
            if _is_qualifier(text, a, after, nxt, cl):
                continue
            pre_raw = text[boundary:a.start]
            boundary = a.end + len(after)
            reason = _reject(text, a, after, pre_raw, budget, cl, sent.start)
            if reason == "achieved":
                return results[:0]  # a sentence that reports what exists (仅有1家, 达到了…) holds no target
            has_signal = signal_seen or _has("signals", text, cl.start, a.start) or bool(after)
            rest = text[a.end + len(after):cl.end].strip()
            if in_task and (not rest or rest[0] in "、和及"):
                has_signal = True  # a task with owners: 淘汰整治高耗低效企业5000家 commits whatever its verb
            if reason or not has_signal:
                continue
            if a.chinese and not _chinese_ok(text, a, cl):
                continue
            year = lay.year_at(a.start)
            if date_year and year and year < date_year:
                continue
            comparator = _comparator(pre_raw, after)
            if comparator == "=" and prev_cmp and pre_raw.strip() in ("和", "、", "及", "与"):
                comparator = prev_cmp  # 分别超过90家和870家
            prev_cmp = comparator
            q_start, q_end = cl.start, a.end + len(after)
            if a in paired:
                indicator, ind_start = paired[a]
                q_start = min(q_start, ind_start)
                rows = [indicator]
            else:
                indicator, ind_start, ind_end = _indicator(
                    text, display, cl, a, after, pre_raw, prev_indicator, cls, ci, [x.start for x in c_amounts]
                )
                if indicator is None:
                    continue
                if indicator.startswith("占") and prev_indicator and not prev_indicator.startswith("占"):
                    indicator = prev_indicator + indicator  # 经费支出达120亿元、占地区生产总值比重达2.5%
                if ind_start < q_start:
                    q_start = ind_start
                q_end = max(q_end, ind_end)
                boundary = max(boundary, ind_end)  # 实施1000项X、应用10000项Y: Y's words start after X
                rows = _each(indicator, pre_raw)
            if any(g == indicator or indicator.endswith(g) for g in _r()["generic_nouns"]) and len(indicator) <= 4:
                continue
            prev_indicator = indicator
            q_start = _skip_space(text, q_start, q_end)
            for ind in rows:
                results.append(
                    Target(
                        doc_id=doc.id,
                        year=year,
                        indicator=ind,
                        value=a.value,
                        unit=_unit_text(a.unit),
                        comparator=comparator,
                        start=q_start,
                        end=q_end,
                        value_start=a.start,
                        value_end=a.end,
                        quote=text[q_start:q_end],
                        value_base=a.value_base,
                        base_unit=_unit_text(a.base_unit),
                    )
                )
        if clause_signal:
            signal_seen = True
    return results


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t":
        i += 1
    return i


def _unit_text(u: str) -> str:
    return u.replace("％", "%")


def _bound_after(text: str, i: int, limit: int) -> str:
    for w in _r()["ge_after"] + _r()["le_after"] + _r()["eq_after"]:
        if text.startswith(w, i) and i + len(w) <= limit:
            return w
    return ""


def _is_qualifier(text: str, a: Amount, after: str, nxt: Amount | None, cl: Span) -> bool:
    """10亿元以上项目开工35个: the first figure says which projects are counted."""
    if nxt is None:
        return False
    between = text[a.end + len(after):nxt.start]
    if not between or between[0] in "、,，和及与;；":
        return False
    if any(j in between for j in ("、", "和", "及", "与", ",", "，")):
        return False
    return bool(re.fullmatch(r"[^\d]{1,20}", between))


def _reject(text: str, a: Amount, after: str, pre_raw: str, budget: bool, cl: Span, sent_start: int) -> str:
    r = _r()
    before = text[max(cl.start, a.start - 8):a.start]
    if before.endswith("第") or any(w in before for w in r["rank_before"]):
        return "rank"
    if any(w in before for w in r["cap_before"]):
        return "cap"
    if (before.endswith("等") or before.endswith("等共")) and not _creates().search(text, sent_start, a.start):
        return "named things"  # 之江、西湖等7家省实验室: things that exist; 打造…等4个产业群 makes new ones
    if re.search(r"了\s*$", before) or re.search(r"(?:仅有|共有|现有|尚有)\s*$", before):
        return "achieved"  # 达到了2734.8亿元, 仅有1家
    rest = text[a.end + len(after):a.end + len(after) + 2]
    if rest.startswith("的") and not text.startswith("的目标", a.end + len(after)):
        return "threshold"
    if budget and a.unit.endswith("元"):
        return "budget"
    if a.unit.endswith("元") and _has("budget_words", text, cl.start, a.start):
        return "budget"
    if _inside_brackets(text, cl, a.start):
        return "bracket"
    if a.unit in ("位", "部", "种") and not after:
        return "weak unit"
    return ""


def _inside_brackets(text: str, cl: Span, i: int) -> bool:
    seg = text[max(0, i - 40):i]
    depth = 0
    for ch in reversed(seg):
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                close = re.search(r"[)）]", text[i:i + 30])
                return bool(close)
            depth -= 1
    return False


def _chinese_ok(text: str, a: Amount, cl: Span) -> bool:
    before = text[cl.start:a.start]
    if a.unit.endswith("级") and a.written == a.unit:
        return True  # 打造万亿级产业集群
    return before.endswith(tuple(_r()["numeral_triggers"])) or (a.written in ("万", "亿", "万亿") and before.endswith(("超", "超过", "突破", "达", "达到", "逾")))


def _comparator(pre_raw: str, after: str) -> str:
    r = _r()
    if after in r["ge_after"]:
        return ">="
    if after in r["le_after"]:
        return "<="
    tail = pre_raw.rstrip(" 各均")
    # the longest word decides: 不少于 is >=, though it ends with 少于
    words = [(w, "<=") for w in r["le_before"]] + [(w, ">=") for w in r["ge_before"]]
    for w, cmp in sorted(words, key=lambda x: -len(x[0])):
        if tail.endswith(w):
            return cmp
    return "="


def _trim(s: str) -> str:
    r = _r()
    prev = None
    s = _NUMBERING.sub("", s)
    while prev != s:
        prev = s
        s = s.strip(_PARTICLES.replace("“", "").replace("”", ""))
        s = _YEAR_EXPR.sub("", s)
        for w in r["trim_prefix"]:
            if s.startswith(w):
                s = s[len(w):]
                break
        for w in r["trim_suffix"]:
            if s.endswith(w):
                s = s[: -len(w)]
                break
    s = s.strip(" \t,，、:：;；")
    for o, c in (("(", ")"), ("（", "）")):
        if s.startswith(o) and c not in s:
            s = s[1:]
        if s.endswith(c) and o not in s:
            s = s[:-1]
        if s.endswith(o):
            s = s[:-1]
    if s.count("“") != s.count("”"):
        s = s.replace("“", "") if s.count("“") > s.count("”") else s.replace("”", "")
    return s


_NUMBERING = re.compile(r"^\s*(?:\d{1,3}[.、\s]|[①-⑳]|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}、)\s*")
@cache
def _creates() -> re.Pattern[str]:
    """A verb that makes new things, not one that works on existing ones (加快建设, 推动)."""
    behind = "".join(f"(?<!{re.escape(w)})" for w in _r()["continuing_words"])
    return re.compile(behind + "(?:" + "|".join(map(re.escape, _r()["making_verbs"])) + ")")


_WEAK = re.compile(r"^(?:[一二三四五六七八九十两\d]+年)?(?:累计|合计|总计|共计|总数|总量|全区|全市|全县|全省|全年|每年)*$")


def _indicator(
    text: str,
    display: str,
    cl: Span,
    a: Amount,
    after: str,
    pre_raw: str,
    prev_indicator: str,
    cls: list[Span],
    ci: int,
    next_starts: list[int],
) -> tuple[str | None, int, int]:
    """The indicator: the words before the number, else after it, else the clause before."""
    pre_start = a.start - len(pre_raw)
    pre = _trim(display[pre_start:a.start])
    post_end = min([cl.end] + [s for s in next_starts if s > a.end])
    post_raw = display[a.end + len(after):post_end]
    post_raw = re.sub(r"、[\u4e00-\u9fff]{1,3}\s*$", "", post_raw)  # 、应用 before the next item's number
    post = _trim(re.sub(r"(?:和|及|与|以及|、)$", "", re.split(r"[,，;；。]", post_raw)[0]))
    if re.search(r"\d", post):
        post = ""
    joins = pre_raw.rstrip().endswith(("和", "及", "与", "、"))
    # 培育8至10家创新型产业集聚区: a verb just before the number counts the noun after it
    # …、智能电气等15个千亿级特色产业群: examples before 等, the thing counted after the number
    verb_only = (len(pre) <= 4 or pre.endswith(tuple(_r()["object_verbs"])) or pre.endswith("等")) and len(post) >= 3 and bool(re.match(r"[\u4e00-\u9fff“]", post_raw))
    if pre and not joins and not _WEAK.match(pre) and not verb_only:
        return pre, pre_start, a.end
    if post and len(post) >= 2 and not post.startswith(("的", "以", "左右")):
        return post, pre_start, a.end + len(after) + len(post_raw)
    if prev_indicator and (not pre or _WEAK.match(pre)):
        return prev_indicator, pre_start, a.end
    if ci > 0 and (not pre or _WEAK.match(pre)):
        prev = cls[ci - 1]
        p = _trim(_strip_doubling(display[prev.start:prev.end]))
        if p:
            return p, prev.start, a.end
    return (pre or None), pre_start, a.end


def _strip_doubling(s: str) -> str:
    return re.sub(r"(?:增加一倍|翻一番|翻两番|翻番|实现倍增)$", "", s.strip())


_LEVELS = ("国家级", "省级", "市级", "县级", "区级", "国家", "国际", "省", "市", "县", "区", "镇")


def _each(indicator: str, pre_raw: str) -> list[str]:
    """国家、省、市重点研发项目各100项 gives one row per level; without 各, one row."""
    tail = pre_raw.rstrip(" ")
    tail = re.sub(r"(?:以上|不少于|不低于|超过|达到|达|超|突破)$", "", tail)
    if not tail.endswith(tuple(_r()["each_words"])):
        return [indicator]
    items = [x for x in re.split(r"[、和及]", indicator) if x]
    if len(items) < 2:
        return [indicator]
    last = items[-1]
    if all(len(x) <= 3 for x in items[:-1]):
        # a shared head: 国家、省、市重点研发项目
        for level in _LEVELS:
            if last.startswith(level) and len(last) - len(level) >= 2:
                head = last[len(level):]
                return [x + head for x in items[:-1]] + [last]
        k = len(items[-2])
        if len(last) - k >= 2:
            return [x + last[k:] for x in items[:-1]] + [last]
        return [indicator]
    return items


def _respectively(text: str, display: str, cls: list[Span], ci: int, amounts: list[Amount]) -> dict[Amount, tuple[str, int]]:
    """X和Y…分别超过90家和870家: pair the listed indicators with the numbers in order."""
    for back in range(1, min(ci, 2) + 1):
        prev = cls[ci - back]
        subject = display[prev.start:prev.end]
        subject = re.split(r"在|实现|要|将|均|达|的", subject, maxsplit=1)[0]
        subject = re.sub(r"^(?:全区|全市|全县|全省|到\d{4}年)", "", subject)
        items = [x.strip() for x in re.split(r"和|、|及|与", subject) if x.strip()]
        if len(items) == len(amounts):
            return {a: (it, prev.start) for a, it in zip(amounts, items)}
    return {}
