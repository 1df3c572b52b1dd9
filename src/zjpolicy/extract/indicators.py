"""Indicators: the words that name what a target's number counts.

The words before (or after) a number are trimmed of numbering, years and verbs
(力争到2025年新增 …); 各 gives one row per listed item (国家、省、市重点研发项目各100项);
分别 pairs listed items with the numbers in order (X和Y…分别超过90家和870家).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zjpolicy.extract.numbers import LEVEL, Amount, counting
from zjpolicy.extract.structure import Span
from zjpolicy.rules import alternation, characters, value, words

LIST_JOINERS = words("targets", "list_joiners")  # 、和及与
EACH = words("targets", "each_words")  # 各, 均
_ITEM_SPLIT = re.compile(f"[{characters(words('targets', 'item_joiners'))}]")
_EACH_VERBS = words("targets", "each_verbs")
_EACH_BOUND = re.compile(rf"(?:{alternation(words('targets', 'each_bounds'))})$")
_BARE_NOUN = 2  # characters of a noun that names nothing without its verb (新引进项目: 项目)
_COMMITMENT = words("targets", "future_words")  # 力争, 确保: words of commitment, no verb of the indicator
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_NUMERALS = counting(10)  # 一…十: items of a list that are numbers (一、二、三产)
_ALIKE_ENDING = 2  # characters of the ending that items of a list share (行业)
LEVELS = words("targets", "levels")  # 国家、省、市重点研发项目: levels that share a head noun
_TRIM_PREFIX = words("targets", "trim_prefix")
_COMMITMENT_INSIDE = re.compile(
    f"(?:{alternation(words('targets', 'commitment_inside'))})(?={alternation(words('targets', 'growth_verbs'))})"
)
_TRIM_SUFFIX = words("targets", "trim_suffix")
_TRIM_PREFIX_WORD = re.compile(alternation(_TRIM_PREFIX))  # the first word of the list (longest first) that opens a text
_TRIM_KEEP = words("targets", "trim_keep")
_TRIM_SUFFIX_KEEP = words("targets", "trim_suffix_keep")
_PARTICLES = " \t,，、:：;；\"'—-·" + characters(words("targets", "particles"))
_DOUBLING = re.compile(rf"(?:{alternation(words('targets', 'doubling_words'))})$")
# A year that opens an indicator: 到2025年底, 力争到2025年, 三年内.
_YEAR_EXPR = re.compile(
    rf"^(?:(?:{alternation(words('years', 'indicator_before'))})?\s*(?:19|20)\d{{2}}\s*年(?:度)?"
    rf"(?:{alternation(words('years', 'indicator_after'))}){{0,2}}"
    rf"|[{counting(10, alternates=True)}\d]{{1,2}}年(?:{alternation(words('years', 'within_after'))}))"
)
NUMBERING = re.compile(rf"^\s*(?:\d{{1,3}}[.、\s]|[①-⑳]|[(（][{counting(10)}\d]{{1,3}}[)）]|[{counting(10)}]{{1,3}}、)\s*")
# Words before a number that name nothing of their own: 三年累计, 全市.
_WEAK = re.compile(rf"^(?:[{counting(10, alternates=True)}\d]+年)?(?:{alternation(words('targets', 'weak_indicators'))})*$")
# a subject ends at the first of subject_ends that stands in none of subject_words (人均 holds 均)
_SUBJECT_END = re.compile(
    rf"(?:{alternation(words('targets', 'subject_words'))})|({alternation(words('targets', 'subject_ends'))})"
)
_SUBJECT_OPENING = re.compile(
    rf"^(?:{alternation(words('targets', 'subject_scopes'))}|(?:{alternation(words('targets', 'subject_years'))})\d{{4}}年)"
)
_SUBJECT_ITEMS = re.compile(alternation(LIST_JOINERS))
# a joiner at the end of the words after a number, not where it ends a word of them (参与, 涉及)
_JOINER_END = re.compile(
    rf"(?:{alternation(words('targets', 'joiner_words'))})$|((?:{alternation(words('targets', 'joiners'))})$)"
)
OBJECT_VERBS = words("targets", "object_verbs")  # 培育8至10家…: a verb that counts the noun after the number
# 实施城区20条道路的改造: the verb, then a short place word, counts the noun after the number all the same
_VERB_AND_PLACE = re.compile(rf"(?:{alternation(OBJECT_VERBS)})(?:{alternation(words('targets', 'object_places'))})$")
EXAMPLES_END = words("targets", "examples_end")  # 等: the examples before a count end
_COUNTED_AFTER = words("targets", "counted_after")
_NOT_INDICATOR = words("targets", "not_indicator_starts")
_RESPECTIVELY = words("targets", "respectively_words")
_JOINT_GROUPS: dict[str, list[str]] = value("targets", "joint_groups")  # 城乡: 城镇, 农村
_TASK_NOUNS = words("targets", "task_nouns")
_DIGIT = re.compile(r"\d")
_QUOTED = re.compile(r"“[^”]*”")
# Numbers that are words of a name or a class: 世界500强, 10亿元级 (the level of the things counted).
_NAME_NUMBER = re.compile(
    rf"\d+(?:{alternation(words('targets', 'name_number_ends'))})|\d+(?:\.\d+)?[^\d,，、;；]{{0,3}}{re.escape(LEVEL)}"
)
_NEXT_ITEM = re.compile(r"、[\u4e00-\u9fff]{1,3}\s*$")  # 、应用 before the next item's number
_CLAUSE_MARK = re.compile(r"[,，;；。]")
_OPENS_WORD = re.compile(r"[\u4e00-\u9fff“]")
_OF = words("targets", "threshold_after")  # 的
_TASK_DROPPED = words("targets", "task_words_dropped")
SHARE_UNITS = words("targets", "share_units")  # %: a share
MONEY = words("units", "money")  # a unit of money ends with one of these (万元, 美元)


@dataclass(frozen=True)
class NumberWords:
    """A number of a clause and the words around it that may name what it counts."""

    display: str
    amount: Amount
    after: str  # a bound word after its unit (以上)
    pre_raw: str  # its words: from the number before it (or the clause start) to it
    post_end: int  # the words after it end at the next number or the clause end
    prev_clause: Span | None
    prev_indicator: str  # of the number before it in the sentence


def indicator(w: NumberWords) -> tuple[str | None, int, int]:
    """The indicator and the span of its words: the words before the number, else after it,
    else the indicator before, else the clause before."""
    display, a, after, pre_raw = w.display, w.amount, w.after, w.pre_raw
    pre_start = a.start - len(pre_raw)
    pre = trim(display[pre_start:a.start])
    post_raw = display[a.end + len(after):w.post_end]
    post_raw = _NEXT_ITEM.sub("", post_raw)
    post = trim(_JOINER_END.sub(lambda m: "" if m.group(1) else m.group(0), _CLAUSE_MARK.split(post_raw, maxsplit=1)[0]))
    if _DIGIT.search(_NAME_NUMBER.sub("", _QUOTED.sub("", post))):  # digits of a name (“三类500强”企业, 世界500强) are words
        post = ""
    joins = pre_raw.rstrip().endswith(LIST_JOINERS)
    # 培育8至10家创新型产业集聚区: a verb just before the number counts the noun after it
    # …、智能电气等15个千亿级特色产业群: examples before 等, the thing counted after the number
    verb_before = (len(pre) <= 4 or pre.endswith((*OBJECT_VERBS, *EXAMPLES_END, *_COUNTED_AFTER))
                   or bool(_VERB_AND_PLACE.search(pre)))
    # …but not the next item's words after a joiner (示范村27个和重点帮扶优秀县2个: 27 counts 示范村)
    verb_only = verb_before and len(post) >= 3 and bool(_OPENS_WORD.match(post_raw)) and not post_raw.startswith(LIST_JOINERS)
    weak = _is_weak(pre)
    # the task after 的 names the amount where the words before name nothing clean: a verb, nothing, or words
    # that hold a figure of their own (完成今年66个重点项目54亿元的投资计划)
    task = _task_after(post_raw, post) if verb_before or weak or _DIGIT.search(pre) else ""
    if task:  # 完成37.8亿元的年度投资计划: the task after 的 names what the amount is of
        return task, pre_start, a.end + len(after) + len(post_raw)
    if pre_raw.rstrip().endswith(_OF) and _counts_things(a) and len(post) >= 2 and _OPENS_WORD.match(post_raw):
        # 实施总投资35亿元的80项城建重点工程: words ending in 的 describe the things counted after the number
        return _without_task_word(post), pre_start, a.end + len(after) + len(post_raw)
    if _verb_and_short_noun(pre, post, post_raw) and not joins and not weak:
        # 开工5个项目, 释放75公顷土地: the verb alone names nothing; with the noun after the number it does
        return pre + post, pre_start, a.end + len(after) + len(post_raw)
    if pre.endswith(EXAMPLES_END) and len(post) == _BARE_NOUN and post_raw.startswith(post):
        # 建成S217…等6个项目: the examples and the short noun they are examples of
        return pre + post, pre_start, a.end + len(after) + len(post_raw)
    if pre and not joins and not weak and not verb_only:
        return pre, pre_start, a.end
    if post and len(post) >= 2 and not post.startswith(_NOT_INDICATOR):
        return _without_task_word(post), pre_start, a.end + len(after) + len(post_raw)
    if w.prev_indicator and weak:
        return w.prev_indicator, pre_start, a.end
    if w.prev_clause is not None and weak:
        prev = w.prev_clause
        p = trim(_strip_doubling(display[prev.start:prev.end]))
        if p:
            return p, prev.start, a.end
    return (pre or None), pre_start, a.end


def _counts_things(a: Amount) -> bool:
    """A count of things, not money or a share (新增财力的15%以上 is a share of what is before 的)."""
    return not a.unit.endswith((*SHARE_UNITS, *MONEY))


def _verb_and_short_noun(pre: str, post: str, post_raw: str) -> bool:
    """A verb of two characters before the number and a noun of two right after it (开工5个项目)."""
    return len(pre) == 2 and len(post) == 2 and post_raw.startswith(post) and not post.startswith(_NOT_INDICATOR)


def _task_after(post_raw: str, post: str) -> str:
    """The task named right after 的 (的改造任务 -> 改造), "" when the words after the number name none or
    only the bare task noun (的目标); post is post_raw trimmed."""
    if not post_raw.startswith(_OF):
        return ""
    task = post  # trimmed of the 的
    noun = next((w for w in _TASK_NOUNS if task.endswith(w)), "")
    return _without_task_word(task) if noun and len(task) > len(noun) else ""


def _without_task_word(words_after: str) -> str:
    """改造任务 -> 改造: the work is what is counted, the word for a task names nothing."""
    word = next((w for w in _TASK_DROPPED if words_after.endswith(w)), "")
    return words_after[: -len(word)] if word and len(words_after) - len(word) >= 2 else words_after


def _is_weak(words_before: str) -> bool:
    """Words that name no indicator of their own (none, 累计, 全市, 三年)."""
    return not words_before or bool(_WEAK.match(words_before))


def _strip_doubling(s: str) -> str:
    """A clause without its doubling word at the end (翻一番), to name the indicator after it."""
    return _DOUBLING.sub("", s.strip())


def trim(s: str) -> str:
    """Words before or after a number, without numbering, particles, a year, a leading verb or a trailing comparator."""
    prev = None
    s = NUMBERING.sub("", s)
    while prev != s:
        prev = s
        s = s.strip(_PARTICLES)
        s = _YEAR_EXPR.sub("", s)
        prefix = _TRIM_PREFIX_WORD.match(s) if s.startswith(_TRIM_PREFIX) else None  # one test for the usual case of none
        if prefix and not s.startswith(_TRIM_KEEP) and not _bare_noun(prefix.group(0), s[prefix.end():]):
            s = s[prefix.end():]
        if s.endswith(_TRIM_SUFFIX) and not s.endswith(_TRIM_SUFFIX_KEEP):
            s = s[: -len(next(w for w in _TRIM_SUFFIX if s.endswith(w)))]
    s = s.strip(" \t,，、:：;；")
    if _COMMITMENT_INSIDE.search(s):  # 地区生产总值确保增长: the subject and its verb
        s = _COMMITMENT_INSIDE.sub("", s)
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



def _bare_noun(verb: str, rest: str) -> bool:
    """新引进项目: what a verb (not a word of commitment: 力争) leaves is a bare noun of two characters that
    names nothing without it."""
    return (len(rest) == _BARE_NOUN and bool(_HAN_WORD.fullmatch(rest)) and not rest.startswith(_TRIM_PREFIX)
            and verb not in _COMMITMENT)


def rows_of(indicator: str, pre_raw: str) -> list[str]:
    """国家、省、市重点研发项目各100项 gives one row per level; without 各, one row. What each item does
    stays on every row (X、Y均增长8%: X增长, Y增长)."""
    tail = _EACH_BOUND.sub("", pre_raw.rstrip(" "))
    if not tail.endswith(EACH):
        return [indicator]
    each, verb = next(((e, v) for e in EACH for v in _EACH_VERBS if indicator.endswith(e + v)), ("", ""))
    if not verb:
        return _each_rows(indicator)
    rows = _each_rows(indicator[: -len(each + verb)])
    return [x + verb for x in rows] if len(rows) > 1 else [indicator]


def _each_rows(indicator: str) -> list[str]:
    """The items that one number counts each (各/均): a shared head noun goes to every item."""
    items = [x for x in _ITEM_SPLIT.split(indicator) if x]
    if len(items) < 2:
        return [indicator]
    last = items[-1]
    if all(len(x) <= 3 and _HAN_WORD.fullmatch(x) for x in items[:-1]):  # GDP is a whole item, no level of one
        # a shared head: 国家、省、市重点研发项目
        for level in LEVELS if all(x in LEVELS for x in items[:-1]) else ():  # 国家、省、市…, not 国考、省考…
            if last.startswith(level) and len(last) - len(level) >= 2:
                head = last[len(level):]
                return [x + head for x in items[:-1]] + [last]
        k = len(items[-2])
        if len(last) - k >= 2 or _numbered_items(items):
            return [x + last[k:] for x in items[:-1]] + [last]
        return [indicator]
    return _rows_sharing_a_tail(items)


def _numbered_items(items: list[str]) -> bool:
    """一、二、三产: items that are numerals, the last with a head of its own (产) that each shares."""
    return len(items[-1]) > 1 and all(len(x) == 1 and x in _NUMERALS for x in [*items[:-1], items[-1][0]])


def _rows_sharing_a_tail(items: list[str]) -> list[str]:
    """煤炭行业、电力行业增加值: items that end alike (in two characters, else one), the last with a head after
    that ending, give it to each (煤炭行业增加值); else the items as they are."""
    last = items[-1]
    for size in range(_ALIKE_ENDING, 0, -1):  # 行业 (煤炭行业、电力行业增加值), else 区 (经开区、高新区工业…收入)
        ending = items[0][-size:]
        at = last.find(ending)
        head = last[at + len(ending):] if at > 0 else ""
        if len(head) >= 2 and all(x.endswith(ending) for x in items[:-1]):
            return [x + head for x in items[:-1]] + [last]
    return items



def _subject(text: str) -> str:
    """The words before the first word that ends the subject of 分别 (X和Y在…, X、Y人均收入…)."""
    m = next((m for m in _SUBJECT_END.finditer(text) if m.group(1)), None)
    return text[:m.start()] if m else text


def _groups_of(subject: str) -> list[str]:
    """城乡居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民人均可支配收入: a word that names groups together,
    each group in its place ([] when the subject holds none)."""
    for joint, groups in _JOINT_GROUPS.items():
        if joint in subject:
            return [subject.replace(joint, g, 1) for g in groups]
    return []


def pair_respectively(display: str, cls: list[Span], ci: int, amounts: list[Amount]) -> dict[Amount, tuple[str, int]]:
    """X和Y…分别超过90家和870家: pair the listed indicators with the numbers in order. The list stands in one
    of the two clauses before, or before 分别 in the numbers' own clause (制造业投资、高新技术产业投资分别增长30%、
    24.5%); a listed item with a number of its own (完成投资1079亿元) is no indicator."""
    own = cls[ci]
    found = [(i, w) for w in _RESPECTIVELY if (i := display.find(w, own.start, amounts[0].start)) >= 0]
    cut, word = min(found, default=(-1, ""))
    lists = [(own.start, display[own.start:cut])] if cut >= 0 else []
    if cut >= 0:  # 分别完成粮食、油菜种植面积274万亩以上、35.5万亩以上: the list right after 分别 and its verb
        after = cut + len(word)
        lists.append((after, trim(display[after:amounts[0].start])))
    lists += [(cls[ci - back].start, display[cls[ci - back].start:cls[ci - back].end]) for back in range(1, min(ci, 2) + 1)]
    # 分别增长4.6%、5%: the verb of growth after 分别 stays on every item (GDP增长), as after 均
    verb = next((v for v in _EACH_VERBS if cut >= 0 and display.startswith(v, cut + len(word))), "")
    for start, text in lists:
        subject = trim(_SUBJECT_OPENING.sub("", _subject(text)))  # 力争煤炭行业、…: without its verb
        items = [x.strip() for x in _SUBJECT_ITEMS.split(subject) if x.strip()]
        if len(items) == 1 and len(amounts) > 1:
            items = _groups_of(subject) or items  # 城乡居民…: 城镇居民…, 农村居民…
            subject = "、".join(items)
        if len(items) == len(amounts) and not any(re.search(r"\d", x) for x in items):
            rows = _each_rows(subject.strip())  # 城镇、农村居民收入: the shared head noun goes to every item
            named = rows if len(rows) == len(items) else items
            return {a: (it if it.endswith(verb) else it + verb, start) for a, it in zip(amounts, named)}
    return {}
