"""Quantitative targets: a number the government commits to reach in a future year.

A number with a unit is a target when it stands in a part of the document
that states plans, in a clause with a signal word (力争, 新增, 达到, 以上 …),
and is none of: an achieved figure, a cap or threshold, a ranking, a budget,
a count of named things (等7家), a qualifier of what is counted
(10亿元以上项目开工35个), a figure of part of the year, a scoring rule.

Each of those rules is a named step, declared once in the order it runs:
SENTENCE_STEPS judge a whole sentence, STEPS one number of it. A step
returns the reason it rejects ("" to pass), so ``explain`` can say, for every
number, which target it gave or which step rejected it and why.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from zjpolicy.document import Document
from zjpolicy.extract.indicators import (
    EACH,
    EXAMPLES_END,
    LEVELS,
    LIST_JOINERS,
    MONEY,
    NUMBERING,
    OBJECT_VERBS,
    SHARE_UNITS,
    NumberWords,
    indicator,
    pair_respectively,
    rows_of,
    trim,
)
from zjpolicy.extract.numbers import LEVEL, MAGNITUDE, RANGE, Amount, counting, find_amounts
from zjpolicy.extract.structure import Layout, Span, clauses, layout, plain_year_lead, written_year
from zjpolicy.measures import classify
from zjpolicy.measures import mentions as mentions_measure
from zjpolicy.rules import alternation, any_of, characters, value, words


@dataclass(kw_only=True)
class Quoted:
    """A number a document states, and the clause it stands in (what a target and an achieved figure share)."""

    start: int  # the clause in the normalised text
    end: int
    value_start: int  # the number and its unit
    value_end: int
    quote: str
    value_base: float  # the value with 万/亿 multiplied out, in base_unit
    base_unit: str


@dataclass(kw_only=True)
class Target(Quoted):
    doc_id: str
    year: int | None
    indicator: str
    value: float
    unit: str
    comparator: str
    measure: str = ""  # the common measure the indicator is (zjpolicy.measures), "" when none


@dataclass(frozen=True)
class Figure:
    """A number the steps found reported as a result (work done, a past year), read as a target's number is:
    what the achieved side (extract/achieved.py) needs to make it an achieved figure."""

    indicator: str
    value: float
    unit: str
    value_base: float
    base_unit: str
    start: int  # the clause it stands in, in the normalised text
    end: int
    value_start: int  # the number and its unit
    value_end: int
    sentence: int  # where its sentence starts


@dataclass(frozen=True)
class Decision:
    """What became of one number of a document: the targets it gave, or the step that rejected it
    (and, when that step found it reported as a result, the figures it reads as)."""

    start: int  # the number and its unit in the normalised text
    end: int
    written: str
    targets: tuple[Target, ...] = ()
    step: str = ""  # the name of the rejecting step; "" when the number gave targets
    reason: str = ""
    figures: tuple[Figure, ...] = ()

    @property
    def accepted(self) -> bool:
        return not self.step


# Words of data/rules.toml, read once.
_SIGNALS = any_of("targets", "signals")
_BUDGET = any_of("targets", "budget_words")
_BUDGET_CONTINUATIONS = words("targets", "budget_continuations")
_PAST = any_of("targets", "past_words")
_FUTURE = any_of("targets", "future_words")
_LAST_YEAR_OPENERS = words("achieved", "last_year_words")  # 去年, 过去一年: a paragraph of last year's work
_COMPARISON = any_of("targets", "comparison_words")
_NOT_PAST = any_of("targets", "not_past_words")
PART_OF_YEAR = re.compile(
    rf"[{counting(4)}](?:、[{counting(4)}])+(?:{alternation(words('years', 'quarter'))})"  # 一、二季度
    rf"|{alternation(words('years', 'part_of_year'))}"  # 上半年, 前三季度
    rf"|\d{{1,2}}\s*[-—~{characters(words('years', 'month_range_words'))}]\s*\d{{1,2}}\s*月"  # 1-10月
)
_DUE_YEAR = re.compile(rf"(?:{alternation(words('years', 'due_before'))})\s*((?:19|20)\d{{2}})\s*年")
_WHOLE_YEAR = any_of("years", "whole_year")
_PART_OF_YEAR_OPENING: int = value("years", "part_of_year_opening")
_SCORING = re.compile(
    rf"(?:{alternation(words('targets', 'scoring_verbs'))})\s*\d+(?:\.\d+)?\s*(?:{alternation(words('targets', 'scoring_unit'))})"
    rf"|{alternation(words('targets', 'scoring_marks'))}|{alternation(words('targets', 'scoring_words'))}"
)
_BOUND_AFTER = (*words("targets", "ge_after"), *words("targets", "le_after"), *words("targets", "eq_after"))
_GE_AFTER = words("targets", "ge_after")
_LE_AFTER = words("targets", "le_after")
# the longest word decides: 不少于 is >=, though it ends with 少于
_COMPARATORS = sorted(
    [(w, "<=") for w in words("targets", "le_before")]
    + [(w, ">=") for w in words("targets", "ge_before")]
    + [(w, "=") for w in words("targets", "eq_before")],
    key=lambda x: -len(x[0]),
)
_COMPARATOR_WORDS = tuple(w for w, _ in _COMPARATORS)
_RESPECTIVELY = words("targets", "respectively_words")
_CAP = words("targets", "cap_before")
_PER_PLACE = words("targets", "per_place")
_RANK = words("targets", "rank_before")
_NAMED = words("targets", "named_before")
_NAMED_JOINERS = re.compile(alternation(words("targets", "named_joiners")))
_RANK_TOP = tuple(words("targets", "rank_top"))
_NAMED_ITEMS_MIN, _NAMED_ITEM_MAX = 3, 8  # a list of names: three or more, each but the first (its verb) short
_RANK_UNITS = words("targets", "rank_units")
_ARTICLE_UNITS = words("targets", "article_units")
_DURATIONS = words("targets", "duration_units")
_SUPPORT = re.compile(
    rf"(?:{alternation(words('targets', 'support_words'))})(?!{alternation(words('targets', 'support_funds'))})"
)
_CONDITION_AT = words("targets", "condition_at")
_LEVEL_KEEPING = tuple(v + w for v in words("targets", "level_keeping_verbs") for w in _CONDITION_AT)
_CONDITION_OPENERS = words("targets", "condition_openers")
_PACKAGE_KINDS = words("targets", "package_kinds")
_ADDRESSED = re.compile(
    rf"\s*(?:{alternation(_CONDITION_OPENERS)})[^，,。；;]{{2,40}}(?:{alternation(words('targets', 'particles'))})"
    rf"(?:{alternation(words('targets', 'addressed_nouns'))})[，,]"
)
_FORECAST = any_of("targets", "forecast_words")
_COMMITMENT = any_of("targets", "commitment_words")
_CAPACITY_UNITS = words("targets", "capacity_units")
_PERSON_NOUNS = words("targets", "person_nouns")
_PERSON_UNIT: str = value("targets", "person_unit")
_PERSON_REACH: int = value("targets", "person_reach")
_PLACE_SIZE = re.compile(
    rf"(?:{alternation(words('targets', 'size_nouns'))})(?:{alternation(words('targets', 'size_links'))})\s*$"
)
_DESCRIBED_NOUNS = tuple(words("targets", "described_nouns"))
_QUALIFIER_BEFORE = tuple(words("targets", "qualifier_before"))
_BUDGET_VERBS = tuple(words("targets", "budget_verbs"))
_FACILITY_SIZE_UNITS = words("targets", "facility_size_units")
_FACILITY_OPENED = tuple(words("targets", "facility_opened"))
_DEADLINE_AFTER = words("targets", "deadline_after")
_ARTICLE_VERBS = any_of("targets", "article_verbs")
_ARTICLE_NOUNS = any_of("targets", "article_nouns")
_ARTICLE_REACH: int = value("targets", "article_reach")
_PROGRAMME_NOUNS = any_of("targets", "programme_nouns")
_PROGRAMME_WORDS = tuple(words("targets", "programme_nouns"))
_PROGRAMME_REACH: int = value("targets", "programme_reach")
_DURATION_LEVELS = words("targets", "duration_levels")
_PORTFOLIO_VERBS = any_of("targets", "portfolio_verbs")
_PORTFOLIO_NOUNS = tuple(words("targets", "portfolio_nouns"))
_PORTFOLIO_PLACE_UNITS = words("targets", "portfolio_place_units")
_PORTFOLIO_WORKS = tuple(words("targets", "portfolio_works"))
_SCOPE_VERBS = any_of("targets", "scope_verbs")
_QUALITY_VERBS = any_of("targets", "quality_verbs")
_QUALITY_NOUNS = tuple(words("targets", "quality_nouns"))
_QUALITY_UNITS = words("targets", "quality_units")
_OF = alternation(words("targets", "particles"))  # 的
_OF_WORD = words("targets", "particles")[0]
_NOUN_OF = re.compile(rf"[\u4e00-\u9fff]{{1,8}}?(?:{_OF})")  # 棚改区域的
# 年产值超100亿元、具备较强国际竞争力的龙头企业2家: after a joiner, words ending in a noun described with 的
_QUALIFYING_ITEM = re.compile(rf"(?:{alternation(LIST_JOINERS)})[^\d,，;；。]{{1,20}}(?:{_OF})[^\d,，;；。]{{1,10}}")
_ACHIEVED = re.compile(rf"(?:{alternation(words('targets', 'achieved_before'))})\s*$")
_THRESHOLD = words("targets", "threshold_after")
_TASK_NOUNS = words("targets", "task_nouns")
_INCLUSIVE = words("targets", "inclusive_bounds")
_INCLUSIVE_FIRST = tuple({w[0] for w in _INCLUSIVE})  # a cheap test first (及以 上 may be broken by a space)
_RATE = re.compile(  # 按 + at most a few words ending in 的, just before the share
    rf"(?:{alternation(words('targets', 'rate_words'))})(?:[^,，。;；:：]{{0,30}}(?:{_OF}))?\s*$"
)
_WEAK_UNITS = words("units", "weak")
_TRIGGERS = words("targets", "numeral_triggers")
_ARTICLES = words("targets", "article_numerals")
_BARE_MAGNITUDES = words("targets", "bare_magnitudes")
_MAGNITUDE_WORDS = words("targets", "bare_magnitude_after")
_GENERIC = words("targets", "generic_nouns")
_PARTS_OF_WORK = words("targets", "parts_of_work")
_SHARE = words("targets", "share_words")
_BARE_GROWTH = words("targets", "bare_growth")
_ITEM_JOINERS = words("targets", "item_joiners")  # a task's commitment ends before one (5000家、…)
# A verb that makes new things, not one that works on existing ones (加快建设, 推动).
_CREATES = re.compile(
    "".join(f"(?<!{re.escape(w)})" for w in words("targets", "continuing_words"))
    + f"(?:{alternation(words('targets', 'making_verbs'))})"
)
_WORK_DONE_AFTER = any_of("targets", "named_work_after")
_FULL_STOP = re.compile(r"[。！？!?\n]")
_DIGIT = re.compile(r"\d")
_QUOTED_REACH = 10  # characters between a name's quotation marks and a number inside it
_BARE_VERB = 2  # characters of a verb alone before a number (新建)
_LIST_ITEM_WORDS = re.compile(r"[\u4e00-\u9fff]{1,6}")  # the words of a list's next item before its number (县级不少于)
# The words of a plain task before its number: a verb and an object, 3 to 16 characters.
_PLAIN_TASK_MIN, _PLAIN_TASK_MAX = 2, 16
_NOT_PLAIN_TASK = words("targets", "not_plain_task")
_PLAIN_TASK_KINDS = words("targets", "plain_task_kinds")
_SERVICE_OPENERS = words("targets", "service_openers")
_CLAUSE_SPACE = " \t,，"
_VERB_REACH = 8  # characters before a number where the verb that governs it stands (推进17个…, 抓好…的100个)
_ITEM_MARK = "、"  # between the items of a list of tasks
_TASK_ITEM_WORDS = re.compile(r"[\u4e00-\u9fff]{1,10}")  # the words of a list of tasks' next item (保障性租赁住房)
_NOUN_AFTER_COUNT = re.compile(r"[\u4e00-\u9fff“”]{2,16}")  # the thing a count right after its verb counts
_A_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NO_DIGIT = re.compile(r"[^\d]{1,20}")
_SPACES = re.compile(r"\s+")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = re.compile(r"[,，;；。]")
_BRACKET = re.compile(r"[()（）]")
_CLOSE_BRACKET = re.compile(r"[)）]")


@dataclass
class _Reading:
    """What the sentences of one document share while it is read, in order."""

    doc: Document
    lay: Layout
    date_year: int | None  # a figure of a year before the document was written is achieved, not promised
    task_starts: list[int]
    task_ends: list[int]
    part_of_year_report: bool  # a report on part of a year (上半年…) states results only
    sent: Span = field(default_factory=lambda: Span(0, 0))
    s_text: str = ""
    budget: bool = False
    carried_signal: bool = False  # items of one list split by ；share its signal word
    paragraph: tuple[int, int] = (0, 0)  # the opening of the sentence's paragraph: its first sentence, cut short
    _part: tuple[int, str] = (-1, "")  # a paragraph's start, and the part of a year it opens with (2022年1-5月份,…)
    amounts: list[Amount] = field(default_factory=list)  # of the whole document, found once, in order
    _amount_starts: list[int] = field(default_factory=list)
    _budget_words: list[int] = field(default_factory=list)  # where the document's budget words start
    # the whole sentence up to 。: where it starts while its words are not read yet (-1 once read), and whether it has
    # words of work done, of plans
    _full: tuple[int, bool, bool] = (-1, False, False)

    def scan(self) -> None:
        """Read the whole document once for what its sentences ask of it: its amounts (one stands within one
        sentence: numbers.find_amounts), where its budget words stand (none holds a sentence's end)."""
        self.amounts = find_amounts(self.doc.text)
        self._amount_starts = [a.start for a in self.amounts]
        self._budget_words = [m.start() for m in _BUDGET.finditer(self.doc.text)]

    def sentence_amounts(self) -> list[Amount]:
        """The amounts of the sentence, in order: its slice of the document's."""
        i = bisect.bisect_left(self._amount_starts, self.sent.start)
        return self.amounts[i:bisect.bisect_left(self._amount_starts, self.sent.end, i)]

    def enter(self, sent: Span) -> None:
        """Move to the next sentence: what it says, and what its whole sentence up to 。 says."""
        text = self.doc.text
        self.sent, self.s_text = sent, text[sent.start:sent.end]
        if sent.start == 0 or text[sent.start - 1] == "\n":
            self.paragraph = (sent.start, min(sent.end, sent.start + _PART_OF_YEAR_OPENING))
        if sent.start == 0 or text[sent.start - 1] in "。！？!?\n":
            self._full = (sent.start, *self._full[1:])  # its words are read when a step asks (_full_words)
        k = bisect.bisect_left(self._budget_words, sent.start)
        self.budget = (k < len(self._budget_words) and self._budget_words[k] < sent.end) or (
            self.budget and self.s_text.lstrip().startswith(_BUDGET_CONTINUATIONS)
        )

    @property
    def full_past(self) -> bool:
        """Whether the whole sentence up to 。 has a word of work done (去年,…；新增18家 reports last year in both
        halves)."""
        return self._full_words()[0]

    @property
    def full_future(self) -> bool:
        return self._full_words()[1]

    def _full_words(self) -> tuple[bool, bool]:
        """Words of work done, of plans, in the whole sentence up to 。 (read once, when a step first asks)."""
        start, past, future = self._full
        if start >= 0:
            text = self.doc.text
            stop = _FULL_STOP.search(text, start)
            full = text[start:stop.start() if stop else len(text)]
            # 一般公共预算收入与上年度持平: last year as the level to hold is no word of work done
            past, future = bool(_PAST.search(_NOT_PAST.sub("", full))), bool(_FUTURE.search(full))
            self._full = (-1, past, future)
        return past, future

    def paragraph_part(self) -> str:
        """The part of a year the sentence's paragraph opens with (2022年1-5月份,…), "" when none."""
        if self._part[0] != self.paragraph[0]:
            m = PART_OF_YEAR.search(self.doc.text, *self.paragraph)
            self._part = (self.paragraph[0], m.group(0) if m else "")
        return self._part[1]

    def in_task(self) -> bool:
        """Whether the sentence is part of a numbered task that names owners."""
        k = bisect.bisect_right(self.task_starts, self.sent.start) - 1
        return k >= 0 and self.sent.start < self.task_ends[k]


@dataclass
class _Clause:
    index: int
    span: Span
    amounts: list[Amount]
    boundary: int  # where the words of the next number begin
    has_signal: bool
    paired: dict[Amount, tuple[str, int]]  # 分别: the indicator listed for each number, and where it starts
    prev_cmp: str = ""


@dataclass
class _Sentence:
    """What the steps of one sentence share."""

    doc: Document
    text: str
    display: str
    lay: Layout
    start: int
    clauses: list[Span]
    date_year: int | None
    budget: bool
    in_task: bool
    signal_seen: bool
    prev_indicator: str = ""
    reported: tuple[str, str] = ("", "")  # the sentence step that found the sentence reporting results, and why
    end: int = 0
    _measured: bool | None = None
    _support: bool | None = None
    _forecast: tuple[re.Match[str] | None, int] | None = None

    def forecast_words(self) -> tuple[re.Match[str] | None, int]:
        """The sentence's first forecast word (预计), and where its first commitment word stands (0: none)."""
        if self._forecast is None:
            m = _FORECAST.search(self.text, self.start, self.end)
            c = _COMMITMENT.search(self.text, self.start, self.end) if m else None
            self._forecast = (m, c.start() + 1 if c else 0)
        return self._forecast

    def offers_support(self) -> bool:
        """Whether the sentence offers support (给予…奖励, 贷款贴息): its money and shares are no targets."""
        if self._support is None:
            self._support = bool(_SUPPORT.search(self.text, self.start, self.end))
        return self._support

    def names_a_measure(self) -> bool:
        """Whether the sentence names a measure's wording: only then may a target's indicator be a measure,
        or a number it reports be read as a figure."""
        if self._measured is None:
            self._measured = mentions_measure(self.text[self.start:self.end])
        return self._measured


@dataclass
class _Number:
    """One number of a clause, and what the steps have found out about it."""

    amount: Amount
    clause: _Clause
    next: Amount | None  # the next number of the clause
    after: str  # a bound word after the unit (以上)
    pre_raw: str = ""  # its words: from the number before (or the clause start) to it
    year: int | None = None
    comparator: str = "="
    indicator: str = ""
    rows: list[str] = field(default_factory=list)  # one indicator a row (各: several)
    q_start: int = 0
    q_end: int = 0
    figures: list[Figure] = field(default_factory=list)  # when it reports a result


SentenceStep = Callable[[_Reading], str]
NumberStep = Callable[[_Sentence, _Number], str]
SENTENCE_STEPS: list[tuple[str, SentenceStep]] = []
STEPS: list[tuple[str, NumberStep]] = []
WHOLE_SENTENCE = {"achieved"}  # steps whose rejection drops every number of the sentence
# Steps whose rejection says the number reports a result (work done, a past year, a comparison with last
# year): its reading goes on through the steps that say whether it is a figure at all (a rank, a cap, a
# qualifier is none), and it becomes a Figure when none of them rejects it. PROMISE_ONLY steps judge a
# promise only: a number already found reported skips them.
REPORTED = {"past part", "achieved sentence", "last-year paragraph", "comparison", "achieved", "past year", "undated year"}
PROMISE_ONLY = {"no signal", "achieved", "past year", "forecast"}


def _sentence_step(name: str) -> Callable[[SentenceStep], SentenceStep]:
    def register(fn: SentenceStep) -> SentenceStep:
        SENTENCE_STEPS.append((name, fn))
        return fn

    return register


def _step(name: str) -> Callable[[NumberStep], NumberStep]:
    def register(fn: NumberStep) -> NumberStep:
        STEPS.append((name, fn))
        return fn

    return register


def extract_targets(doc: Document, lay: Layout | None = None, tasks: Sequence[tuple[int, int]] = ()) -> list[Target]:
    """Targets of a document; `tasks` are the spans of numbered tasks that name owners,
    whose figures are commitments whatever their wording."""
    return _read(doc, lay or layout(doc), tasks, explain=False)[0]


def read_numbers(doc: Document, lay: Layout, tasks: Sequence[tuple[int, int]] = ()) -> tuple[list[Target], list[Decision]]:
    """The targets of a document, and the decisions of the numbers it reports as results, with their figures
    (the one reading that both targets and achieved figures come from)."""
    return _read(doc, lay, tasks, explain=False)


def explain(doc: Document, lay: Layout | None = None, tasks: Sequence[tuple[int, int]] = ()) -> list[Decision]:
    """Every number with a unit in the document, in order, with the targets it gave or the step that rejected it."""
    return _read(doc, lay or layout(doc), tasks, explain=True)[1]


def _read(
    doc: Document, lay: Layout, tasks: Sequence[tuple[int, int]], *, explain: bool
) -> tuple[list[Target], list[Decision]]:
    """Targets, and decisions: of every number when explaining, else of the numbers with figures."""
    task_starts, task_ends = _merged(tasks)
    r = _Reading(doc, lay, written_year(doc), task_starts, task_ends, bool(PART_OF_YEAR.search(doc.title)))
    if r.part_of_year_report and not explain:
        return [], []
    r.scan()
    text = doc.text
    targets: list[Target] = []
    decisions: list[Decision] = []
    for sent in lay.sentences:
        r.enter(sent)
        ends_list = text[sent.end:sent.end + 1] in (";", "；")
        if not r.sentence_amounts() and _carries_alike(r, ends_list=ends_list):
            continue  # no number, and the signal it hands on is the same whether a step rejects it or not
        step, reason = next(((name, why) for name, fn in SENTENCE_STEPS if (why := fn(r))), ("", ""))
        if step:
            decisions.extend(_rejected_sentence(r, step, reason, explain=explain))
            continue
        found, judged = _sentence_targets(r, explain=explain)
        targets.extend(found)
        decisions.extend(judged)
        r.carried_signal = ends_list and (bool(found) or bool(_SIGNALS.search(r.s_text)) or r.carried_signal)
    return targets, decisions


def _carries_alike(r: _Reading, *, ends_list: bool) -> bool:
    """Whether a sentence without numbers hands the next the signal it was handed, whether a sentence step
    rejects it (the signal stays) or not (it goes on only to a list item after ；, with the sentence's own)."""
    return r.carried_signal or not _SIGNALS.search(r.s_text) if ends_list else not r.carried_signal


def _rejected_sentence(r: _Reading, step: str, reason: str, *, explain: bool) -> list[Decision]:
    """The numbers of a sentence a step rejected whole: read again as results when the step says it reports
    them and the sentence may name a measure, else each rejected by the step (when explaining)."""
    if step in REPORTED and r.sentence_amounts() and _may_hold_figures(r.s_text):
        return _sentence_targets(r, explain=explain, reported=(step, reason))[1]
    if not explain:
        return []
    return [_rejected(r.doc.text, a, step, reason) for a in r.sentence_amounts()]


def _rejected(text: str, a: Amount, step: str, reason: str) -> Decision:
    return Decision(a.start, a.end, text[a.start:a.end], step=step, reason=reason)


def _merged(spans: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
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


# The steps that judge a whole sentence, in the order they run.


@_sentence_step("part-of-year report")
def _part_of_year_report(r: _Reading) -> str:
    return "the title names part of a year: the document reports results" if r.part_of_year_report else ""


@_sentence_step("notes")
def _notes(r: _Reading) -> str:
    notes = r.lay.notes_from
    return "the notes at the end of the document explain names" if notes is not None and r.sent.start >= notes else ""


@_sentence_step("past part")
def _past_part(r: _Reading) -> str:
    if r.lay.is_future(r.sent.start) or _plans_in_review(r.s_text, r.date_year):
        return ""
    if not r.doc.kind_sure and (r.full_future or _names_a_year_to_come(r.s_text, r.date_year)):
        return ""  # a document whose kind is unsure keeps its sentences of plans wherever they stand
    return "a part of the document that reports work done"


@_sentence_step("achieved sentence")
def _achieved_sentence(r: _Reading) -> str:
    return "the sentence up to its full stop has a word of work done" if r.full_past else ""


@_sentence_step("last-year paragraph")
def _last_year_paragraph(r: _Reading) -> str:
    """去年,市科技部门加强…。全年我市申报高新技术企业48家: a paragraph that opens with last year reports it in
    every sentence without a word of plans."""
    start = r.paragraph[0]
    opening = r.doc.text[start:r.paragraph[1]].lstrip()
    amounts = r.sentence_amounts()
    # a plan word after the last number (…各1件，确保政府工作…) gives no figure of the sentence a plan
    last = amounts[-1].end if amounts else r.sent.end
    if not opening.startswith(_LAST_YEAR_OPENERS) or _FUTURE.search(r.doc.text, r.sent.start, last):
        return ""
    return f"a paragraph that reports last year: {opening[:6]}"


@_sentence_step("undated year")
def _undated_year(r: _Reading) -> str:
    """2024年,全省生产总值增长5.5%… in a page that gives no date: without a plan word, a result as likely as a plan."""
    if r.date_year is not None:
        return ""
    year = plain_year_lead(r.doc.text, r.sent.start)
    return f"a sentence of {year} without a plan word, in a document without a date" if year else ""


@_sentence_step("part of year")
def _part_of_year(r: _Reading) -> str:
    m = PART_OF_YEAR.search(r.s_text)
    if m:
        return f"a figure of part of a year: {m.group(0)}"
    part = r.paragraph_part()
    if part and not _WHOLE_YEAR.search(r.s_text) and not _FUTURE.search(r.s_text):
        return f"a paragraph of part of a year: {part}"
    return ""


@_sentence_step("scoring")
def _scoring(r: _Reading) -> str:
    m = _SCORING.search(r.s_text)
    return f"a scoring rule: {m.group(0)}" if m else ""


@_sentence_step("comparison")
def _comparison(r: _Reading) -> str:
    m = _COMPARISON.search(r.s_text)
    return f"a year-on-year comparison without a plan word: {m.group(0)}" if m and not r.full_future else ""


def _plain_task(words_before: str) -> bool:
    """A clause of one task, a verb and its object before the number (改造老旧小区113个), with no list of
    named things (持续推进台头、平城…4个), no verb of having (项目有66个) and no other number."""
    words_before = NUMBERING.sub("", words_before.strip(_CLAUSE_SPACE))  # 6.打通“断头路”10条: the item's number
    return (_PLAIN_TASK_MIN < len(words_before) <= _PLAIN_TASK_MAX and not _DIGIT.search(words_before)
            and not any(w in words_before for w in _NOT_PLAIN_TASK))


def _names_a_year_to_come(s: str, date_year: int | None) -> bool:
    """到2026年: a year that plans fall due, not before the document's own (any, when it gives none)."""
    return any(date_year is None or int(y) >= date_year for y in _DUE_YEAR.findall(s))


def _plans_in_review(s: str, date_year: int | None) -> bool:
    """A sentence of plans inside a review (2024年,我局将力争…): a future word and a year not before the document."""
    named = [int(y) for y in _A_YEAR.findall(s)]
    return bool(date_year and named and max(named) >= date_year and _FUTURE.search(s))


def _sentence_targets(
    r: _Reading, *, explain: bool, reported: tuple[str, str] = ("", "")
) -> tuple[list[Target], list[Decision]]:
    """The targets of one sentence, and its decisions: a decision a number when explaining, else those of the
    numbers with figures. `reported`: the sentence step that found the whole sentence reporting results."""
    text, sent = r.doc.text, r.sent
    amounts = r.sentence_amounts()
    # 2个千亿级产业集群: a magnitude glued to a count describes the thing counted
    glued = [i > 0 and a.chinese and amounts[i - 1].end == a.start for i, a in enumerate(amounts)]
    decisions = [_rejected(text, a, "glued magnitude", f"a magnitude glued to the count before it: {text[a.start:a.end]}")
                 for a, g in zip(amounts, glued) if g and explain]
    amounts = [a for a, g in zip(amounts, glued) if not g]
    if not amounts:
        return [], decisions
    s = _Sentence(r.doc, text, r.doc.display, r.lay, sent.start, clauses(text, sent), r.date_year, r.budget, r.in_task(),
                  r.carried_signal, reported=reported, end=sent.end)
    results: list[Target] = []
    judged: list[Decision] = []
    for ci, cl in enumerate(s.clauses):
        numbers = [a for a in amounts if cl.start <= a.start < cl.end]
        if not numbers:  # a clause without numbers only hands its signal word on to the clauses after it
            s.signal_seen = s.signal_seen or bool(_SIGNALS.search(text, cl.start, cl.end))
            continue
        clause = _clause(s, ci, cl, numbers)
        for ai, a in enumerate(clause.amounts):
            nxt = clause.amounts[ai + 1] if ai + 1 < len(clause.amounts) else None
            n = _Number(a, clause, nxt, _bound_after(text, a.end, cl.end))
            step, reason = _judge(s, n)
            if step in WHOLE_SENTENCE and not reported[0]:  # a sentence that reports what exists (仅有1家, 达到了…) holds no target
                if s.names_a_measure():
                    return [], _sentence_targets(r, explain=explain, reported=(step, reason))[1]
                return [], decisions + [_rejected(text, x, step, reason) for x in amounts] if explain else []
            found = [] if step else _targets(s, n)
            results.extend(found)
            if explain or n.figures:
                judged.append(Decision(a.start, a.end, text[a.start:a.end], tuple(found), step, reason, tuple(n.figures)))
        if clause.has_signal:
            s.signal_seen = True
    return results, sorted(decisions + judged, key=lambda d: d.start)


def _judge(s: _Sentence, n: _Number) -> tuple[str, str]:
    """The step that rejects the number and why, ("", "") for a target. A number found reported as a result
    (REPORTED) goes on through the steps that say whether it is a figure at all, and gets its figures when
    none of them rejects it; its decision stays the step that found it reported."""
    reported, kept = s.reported, None
    for name, fn in STEPS:
        if reported[0] and name in PROMISE_ONLY:
            continue
        why = fn(s, n)
        if not why:
            continue
        if name not in REPORTED or name in WHOLE_SENTENCE or not s.names_a_measure():
            return reported if reported[0] else (name, why)
        # a number of a target's sentence: its reading as a figure leaves the clause as the steps found it
        reported, kept = (name, why), (n.clause.boundary, n.clause.prev_cmp)
    if reported[0]:
        n.figures = _figures(s, n)
        if kept is not None:
            n.clause.boundary, n.clause.prev_cmp = kept
    return reported


def _may_hold_figures(text: str) -> bool:
    """A sentence a step rejected whole is read for figures when it has a number in digits and a measure's
    wording (a test that spares reading again most sentences of a review)."""
    return bool(_DIGIT.search(text)) and mentions_measure(text)


def _figures(s: _Sentence, n: _Number) -> list[Figure]:
    """The figures of a number every figure step passed: one for each row of its indicator."""
    a = n.amount
    if s.reported[0]:
        s.prev_indicator = n.indicator
    q_start = _skip_space(s.text, n.q_start, n.q_end)
    return [
        Figure(ind, a.value, _unit_text(a.unit), a.value_base, _unit_text(a.base_unit), q_start, n.q_end, a.start, a.end,
               s.start)
        for ind in n.rows
    ]


def _clause(s: _Sentence, index: int, cl: Span, amounts: list[Amount]) -> _Clause:
    respective = [a for a in amounts if any(w in s.text[cl.start:a.start] for w in _RESPECTIVELY)]
    paired = pair_respectively(s.display, s.clauses, index, respective) if len(respective) > 1 else {}
    return _Clause(index, cl, amounts, cl.start, bool(_SIGNALS.search(s.text, cl.start, cl.end)), paired)


def _targets(s: _Sentence, n: _Number) -> list[Target]:
    """The targets of a number every step passed: one for each row of its indicator."""
    a = n.amount
    if n.indicator in _BARE_GROWTH and s.prev_indicator and s.prev_indicator not in _BARE_GROWTH:
        n.indicator = s.prev_indicator + n.indicator  # 销售额达300亿元以上，同比增长8%: the growth of that amount
        n.rows = [n.indicator]
    s.prev_indicator = n.indicator
    q_start = _skip_space(s.text, n.q_start, n.q_end)
    unit, base_unit, quote = _unit_text(a.unit), _unit_text(a.base_unit), s.text[q_start:n.q_end]
    if _counts_people(s, n):  # 4万农村劳动力: 万人
        unit, base_unit = unit + _PERSON_UNIT, _PERSON_UNIT
    before, heading = s.text[s.start:q_start], s.lay.heading_at(q_start)
    measured = s.names_a_measure()  # every word of a target's indicator stands in its sentence
    return [
        Target(
            doc_id=s.doc.id, year=n.year, indicator=ind, value=a.value, unit=unit, comparator=n.comparator,
            start=q_start, end=n.q_end, value_start=a.start, value_end=a.end, quote=quote,
            value_base=a.value_base, base_unit=base_unit,
            measure=classify(ind, unit=unit, context=quote, before=before, heading=heading) if measured else "",
        )
        for ind in n.rows
    ]


def _counts_people(s: _Sentence, n: _Number) -> bool:
    """A bare magnitude before words that name people counts people (12万城镇就业困难人员)."""
    a = n.amount
    if n.after or a.unit not in MAGNITUDE:
        return False
    words_after = _CLAUSE_END.split(s.text[a.end:min(a.end + _PERSON_REACH, n.clause.span.end)], maxsplit=1)[0]
    return any(w in words_after for w in _PERSON_NOUNS)


# The steps that judge one number, in the order they run. Some only note what later steps read
# (its words, its comparator, its indicator) and never reject.


@_step("qualifier")
def _qualifier(s: _Sentence, n: _Number) -> str:
    """10亿元以上项目开工35个: the first figure says which projects are counted."""
    a, nxt = n.amount, n.next
    if nxt is None or s.text.startswith(LEVEL, nxt.end):
        return ""  # 新增2家营收10亿元级的科技企业: the next number is a level that describes what this one counts
    between = s.text[a.end + len(n.after):nxt.start]
    if a.unit.endswith(MONEY) and not nxt.unit.endswith(MONEY) and _QUALIFYING_ITEM.fullmatch(between):
        return "with the words after it, it says which things the next number counts"
    if _qualifies_the_count_after(s, n):
        return "glued to the count after it, it says which things that counts"
    if not between or between[0] in ",，;；" or between.startswith(LIST_JOINERS):
        return ""
    if between[0] in "(（" and not any(c in between for c in ")）"):
        return ""  # …增长9.1%(同口径增长10.5%): the next number stands in a note in brackets
    if any(j in between for j in (*LIST_JOINERS, ",", "，")):
        return ""
    return "it says which things the next number counts" if _NO_DIGIT.fullmatch(between) else ""


def _qualifies_the_count_after(s: _Sentence, n: _Number) -> bool:
    """…、50亿元以上15个, …、五十亿级20个以上: money with its bound word, or a level, right before a count (the
    next item of a list whose noun the item before named)."""
    a, nxt = n.amount, n.next
    if nxt is None or nxt.unit.endswith((*MONEY, *SHARE_UNITS)) or s.text[a.end + len(n.after):nxt.start].strip():
        return False
    money_bound = bool(n.after) or s.text[:a.start].endswith(_QUALIFIER_BEFORE)
    return (a.unit.endswith(MONEY) and money_bound) or a.unit.endswith(LEVEL)


@_step("words")
def _words(s: _Sentence, n: _Number) -> str:
    """The number's words run from the number before it (or the clause start)."""
    n.pre_raw = s.text[n.clause.boundary:n.amount.start]
    n.clause.boundary = n.amount.end + len(n.after)
    return ""


def _before(s: _Sentence, n: _Number) -> str:
    """Up to _VERB_REACH characters of the clause before the number."""
    return s.text[max(n.clause.span.start, n.amount.start - _VERB_REACH):n.amount.start]


def _word_in(found: tuple[str, ...], text: str) -> str:
    """The first of the words found in text, or ""."""
    return next((w for w in found if w in text), "")


@_step("rank")
def _rank(s: _Sentence, n: _Number) -> str:
    w = _word_in(_RANK, _before(s, n))
    if not w and n.amount.unit in _RANK_UNITS and s.text[:n.amount.start].endswith(_RANK_TOP):
        w = s.text[n.amount.start - 1:n.amount.end]  # 进入…前50名
    return f"a ranking: {w}" if w else ""


@_step("cap")
def _cap(s: _Sentence, n: _Number) -> str:
    w = _word_in(_CAP, _before(s, n))
    opening = s.text[n.clause.span.start:n.amount.start].lstrip(_CLAUSE_SPACE)
    if not w and opening.startswith(_CAP):  # 每个县市区至少建成1个零工市场: a figure per item, with no total
        w = next(c for c in _CAP if opening.startswith(c))
    if not w and _is_range(n.amount) and (each := _word_in(_PER_PLACE, s.text[s.start:n.amount.start])):
        w = each  # 支持各地…打造1—2个主导产业: a small range for each place, with no total
    if not w and opening.startswith(_PER_PLACE):  # 各县区…引进2-5个10亿元以上、1个50亿元以上…项目: each place's figures
        w = next(c for c in _PER_PLACE if opening.startswith(c))
    return f"a cap or a rate per item: {w}" if w else ""


def _is_range(a: Amount) -> bool:
    """5-10家, 1—2个: a range of two numbers."""
    return any(c in a.written for c in RANGE)


@_step("named things")
def _named_things(s: _Sentence, n: _Number) -> str:
    # 之江、西湖等7家省实验室: things that exist; 打造…等4个产业群 makes new ones
    before = _before(s, n)
    if before.endswith(_NAMED) and not _CREATES.search(s.text, s.start, n.amount.start) and not _work_of_the_year(s, n):
        return f"a count of named things that exist: {before}"
    items = _NAMED_JOINERS.split(s.text[n.clause.span.start:n.amount.start].strip(_CLAUSE_SPACE))
    if (len(items) >= _NAMED_ITEMS_MIN and len(items) == n.amount.value == n.amount.value_base
            and all(0 < len(x) <= _NAMED_ITEM_MAX for x in items[1:]) and not _work_of_the_year(s, n)):
        return f"a count of the {len(items)} things it names before it: {'、'.join(items[1:])}"
    return ""


def _work_of_the_year(s: _Sentence, n: _Number) -> bool:
    """房神高速等1173个项目开工建设: the named things are work to start or finish, which the count commits."""
    return bool(_WORK_DONE_AFTER.search(_words_to_the_mark(s, n)))


def _words_to_the_mark(s: _Sentence, n: _Number) -> str:
    """The words after the number (and its bound word) up to the next clause mark."""
    return _CLAUSE_END.split(s.text[n.amount.end + len(n.after):n.clause.span.end], maxsplit=1)[0]


@_step("achieved")
def _achieved(s: _Sentence, n: _Number) -> str:
    m = _ACHIEVED.search(_before(s, n))
    return f"an achieved figure: {m.group(0).strip()}" if m else ""


@_step("threshold")
def _threshold(s: _Sentence, n: _Number) -> str:
    i = n.amount.end + len(n.after)
    if not n.after and s.text.startswith(_INCLUSIVE_FIRST, i) and _SPACES.sub("", s.text[i:i + 8]).startswith(_INCLUSIVE):
        return f"a condition to qualify: {s.text[n.amount.start:i + 3]}"
    of = next((w for w in _THRESHOLD if s.text.startswith(w, i)), "")
    if of and not _names_a_task(s.text[i + len(of):n.clause.span.end].rstrip()):
        return f"a threshold of what is counted: {s.text[n.amount.start:i + len(of)]}"
    return ""


def _names_a_task(words_after: str) -> bool:
    """…的目标不放松, …的改造任务: the words after 的 name the task the number is the amount of."""
    return words_after.startswith(_TASK_NOUNS) or words_after.endswith(_TASK_NOUNS)


@_step("scope")
def _scope(s: _Sentence, n: _Number) -> str:
    """加快推进17个棚改区域的配套设施建设: the number counts where work goes on, not what it makes."""
    a, i = n.amount, n.amount.end + len(n.after)
    portfolio = _portfolio(s, n) or _quality_raised(s, n)
    if portfolio:
        return portfolio
    if not any(s.text.find(of, i, i + 10) >= 0 for of in _THRESHOLD):  # no 的 after it: a cheap test first
        return ""
    verb = _SCOPE_VERBS.search(s.text, max(n.clause.span.start, a.start - _VERB_REACH), a.start)
    m = _NOUN_OF.match(s.text, i, n.clause.span.end) if verb else None
    if verb is None or m is None or _names_a_task(s.text[m.end():n.clause.span.end].rstrip()):
        return ""
    return f"a count of where work goes on: {verb.group(0)}…{s.text[a.start:m.end()]}"


def _quality_raised(s: _Sentence, n: _Number) -> str:
    """不断提升22个国考断面、…水源地水质: the number counts the places whose quality is raised."""
    a, cl = n.amount, n.clause.span
    if a.unit not in _QUALITY_UNITS:
        return ""
    verb = _QUALITY_VERBS.search(s.text, cl.start, a.start)  # before the list's first item, or just before this
    if verb is None or (a.start - verb.end() > _VERB_REACH and not s.text[:a.start].endswith(LIST_JOINERS)):
        return ""
    if not s.text[a.end:cl.end].rstrip(_CLAUSE_SPACE).endswith(_QUALITY_NOUNS):
        return ""
    return f"a count of the places whose quality is raised: {verb.group(0)}…{s.text[a.start:a.end]}"


def _portfolio(s: _Sentence, n: _Number) -> str:
    """扎实推动530个省市重大项目建设, 抓好…的100个重点项目: the projects under way, counted, not a target (a target
    is the work done with them: 实施…项目440个以上, 完成年度投资3000亿元)."""
    a, cl = n.amount, n.clause.span
    # the verb just before the number, or before the examples that end just before it (推动古城广场、…等10个项目建设)
    reach = cl.start if s.text[cl.start:a.start].rstrip().endswith(EXAMPLES_END) else max(cl.start, a.start - _VERB_REACH)
    verb = _PORTFOLIO_VERBS.search(s.text, reach, a.start)
    if verb is None:
        return ""
    words_after = _words_to_the_mark(s, n).rstrip()
    places = (not n.after and a.unit in _PORTFOLIO_PLACE_UNITS and words_after.endswith(_PORTFOLIO_WORKS)
              and not _work_of_the_year(s, n))  # 推进6条高速公路开工建设: work started in the year
    if not words_after.endswith(_PORTFOLIO_NOUNS) and not places:
        return ""
    return f"a count of the projects under way: {verb.group(0)}…{s.text[a.start:a.end]}{words_after.strip()}"


@_step("articles")
def _articles(s: _Sentence, n: _Number) -> str:
    """落实…高质量发展10条: a policy named by its number of articles, not a count to reach."""
    a, i = n.amount, n.amount.end + len(n.after)
    if a.unit not in _ARTICLE_UNITS:
        return ""
    m = _ARTICLE_NOUNS.search(s.text, i, min(i + _ARTICLE_REACH, n.clause.span.end))
    if m is None and not _CJK_CHAR.match(s.text, i):
        m = _ARTICLE_VERBS.search(s.text, n.clause.span.start, a.start)
    return f"a policy named by its articles: {s.text[a.start:a.end]}…{m.group(0)}" if m else ""


@_step("programme")
def _programme(s: _Sentence, n: _Number) -> str:
    """办好12件民生实事: the number of the year's items for the people names the programme (money spent on
    it, 投入1.63亿元实施民生微实事项目, is a target)."""
    if n.amount.unit.endswith(MONEY):
        return ""
    i = n.amount.end + len(n.after)
    m = _PROGRAMME_NOUNS.search(s.text, i, min(i + _PROGRAMME_REACH, n.clause.span.end))
    if m is not None:
        return f"a programme named by its number of items: {s.text[n.amount.start:m.end()]}"
    if s.text[:n.amount.start].rstrip().endswith(_PROGRAMME_WORDS):  # 市级重点民生实事10件: the noun before the number
        return f"a programme named by its number of items: …{s.text[n.amount.start - 2:n.amount.end]}"
    return ""


@_step("support")
def _support(s: _Sentence, n: _Number) -> str:
    """对…给予30万元奖励, 按研发费用的10%给予补助: money or a share in a sentence of support offered."""
    unit = n.amount.unit
    if not (unit.endswith(MONEY) or unit in SHARE_UNITS) or not s.offers_support():
        return ""
    return "money or a share in a sentence of support that a policy offers"


@_step("condition")
def _condition(s: _Sentence, n: _Number) -> str:
    """营业面积在100平方米以上…的，奖励1万元; 对新发展500亩以上，连续种植3年以上的，一次性奖励…: in a sentence
    of support, a figure of who qualifies is a threshold, not a level to reach."""
    if not s.offers_support():
        return ""
    a = n.amount
    before = s.text[n.clause.span.start:a.start].rstrip()
    if n.after and before.endswith(_CONDITION_AT) and not before.endswith(_LEVEL_KEEPING):
        return f"a condition to qualify for support: {s.text[a.start - 1:a.end + len(n.after)]}"
    opener = max(s.text.rfind(w, s.start, a.start) for w in _CONDITION_OPENERS)
    paid = _SUPPORT.search(s.text, a.end, s.end)
    if opener < 0 or paid is None:
        return ""
    of = s.text.find(_OF_WORD, a.end, paid.start())
    if of < 0 or any(s.text.find(w, a.end, of) >= 0 for w in _CONDITION_OPENERS):
        return ""
    return f"a condition to qualify for support: {s.text[opener:opener + 1]}…{s.text[a.start:of + 1]}"


@_step("requirement")
def _requirement(s: _Sentence, n: _Number) -> str:
    """对承担上海市重点实验室等建设任务的企业，…比例不低于10%: a package's requirement on those it addresses."""
    if s.doc.kind not in _PACKAGE_KINDS:
        return ""
    m = _ADDRESSED.match(s.text, s.start)
    return f"a requirement on those the package addresses: {m.group(0)}" if m else ""


@_step("forecast")
def _forecast(s: _Sentence, n: _Number) -> str:
    """预计全年旅游收入达到83亿元: a forecast, not a commitment."""
    forecast, committed = s.forecast_words()
    if forecast is not None and forecast.start() < n.amount.start and not (committed and committed <= n.amount.start):
        return f"a forecast: {forecast.group(0)}"
    return ""


@_step("description")
def _description(s: _Sentence, n: _Number) -> str:
    """3亿元以上重大项目, 8座以下小汽车, 日处理3万吨水厂, 10亿元级的企业, …，面积约30平方公里: the figure says what
    the things are, or their size."""
    a, cl = n.amount, n.clause.span
    if not n.after and s.text.startswith(LEVEL, a.end):  # 营收10亿元级的科技企业: the class of the things counted
        return f"a level that says what the things are: {s.text[a.start:a.end + len(LEVEL)]}"
    size = _PLACE_SIZE.search(s.text, cl.start, a.start)
    if size and not _SIGNALS.search(s.text, cl.start, a.start):
        return f"the size of a place it describes: {size.group(0).strip()}{s.text[a.start:a.end]}"
    if not n.after and a.unit.endswith(MONEY) and s.text.startswith(_DESCRIBED_NOUNS, a.end):
        return f"a figure that describes the things after it: {s.text[a.start:a.end + 2]}"
    if _is_facility_size(s, n):
        return f"the size of a facility that opens: {s.text[a.start:a.end]}{_words_to_the_mark(s, n).strip()}"
    sized = n.after in _LE_AFTER or a.unit.endswith(MONEY) if n.after else a.base_unit in _CAPACITY_UNITS
    if not sized or not _CJK_CHAR.match(s.text, a.end + len(n.after)):
        return ""
    if n.after:
        return f"a figure that describes the things after it: {s.text[a.start:a.end + len(n.after) + 2]}"
    return f"the capacity of a facility: {s.text[a.start:a.end + 2]}"


def _is_facility_size(s: _Sentence, n: _Number) -> bool:
    a = n.amount
    if n.after or a.base_unit not in _FACILITY_SIZE_UNITS or not _CJK_CHAR.match(s.text, a.end):
        return False
    if not _words_to_the_mark(s, n).rstrip().endswith(_FACILITY_OPENED):
        return False
    return not s.text[n.clause.span.start:a.start].rstrip().endswith(OBJECT_VERBS)


@_step("deadline")
def _deadline(s: _Sentence, n: _Number) -> str:
    """30天内, 满6个月后: a span of time that sets a deadline or a wait."""
    a = n.amount
    if (
        a.unit in _DURATIONS and not n.after and s.text.startswith(_DEADLINE_AFTER, a.end)
        and not s.text[n.clause.span.start:a.start].rstrip().endswith(_DURATION_LEVELS)
    ):
        return f"a deadline: {s.text[a.start:a.end + 1]}"
    return ""


@_step("rate")
def _rate(s: _Sentence, n: _Number) -> str:
    """按研发费用的10%给予补助, 按50%比例分配: a share that a rule applies, not a level to reach."""
    if n.amount.unit not in SHARE_UNITS:
        return ""
    m = _RATE.search(s.text, n.clause.span.start, n.amount.start)
    return f"a rate of a rule: {m.group(0)}" if m else ""


@_step("budget")
def _budget(s: _Sentence, n: _Number) -> str:
    a = n.amount
    if not a.unit.endswith(MONEY):
        return ""
    if s.budget:
        return "money in a sentence of a budget"
    m = _BUDGET.search(s.text, n.clause.span.start, a.start)
    if m is None and s.text[n.clause.span.start:a.start].rstrip().endswith(_BUDGET_VERBS):
        return f"money set aside: {s.text[a.start - 2:a.end]}"
    return f"money of a budget: {m.group(0)}" if m else ""


@_step("bracket")
def _bracket(s: _Sentence, n: _Number) -> str:
    return "inside brackets" if _inside_brackets(s.text, n.amount.start) else ""


@_step("quoted name")
def _quoted_name(s: _Sentence, n: _Number) -> str:
    """用好“人才新政20条”, 推广“6项机制”: a number inside quotation marks is part of a name, no figure (a share
    is no name: 将“生产总值增长5.5%左右”纳入目标 quotes a target)."""
    a = n.amount
    if a.unit.endswith(SHARE_UNITS):
        return ""
    opening = s.text.rfind("“", max(0, a.start - _QUOTED_REACH), a.start)
    if opening < 0 or "”" in s.text[opening:a.start]:
        return ""
    closing = s.text.find("”", a.end, a.end + _QUOTED_REACH)
    return f"inside quotation marks: {s.text[opening:closing + 1]}" if closing >= 0 else ""


@_step("weak unit")
def _weak_unit(s: _Sentence, n: _Number) -> str:
    if n.amount.unit in _WEAK_UNITS and not n.after and not _before(s, n).endswith(OBJECT_VERBS) and not _task_of_the_year(s, n):
        return f"the unit {n.amount.unit} counts only with a bound word after it, a verb that makes things before it, or in a task"
    return ""


@_step("no signal")
def _no_signal(s: _Sentence, n: _Number) -> str:
    a, cl = n.amount, n.clause.span
    if s.signal_seen or n.after or _SIGNALS.search(s.text, cl.start, a.start):
        return ""
    if a in n.clause.paired and _shares_a_bound(s, n.clause):
        return ""  # …分别稳定在80%、85%、85%以上: the bound word of the last binds each
    rest = s.text[a.end + len(n.after):cl.end].strip()
    if s.in_task and (not rest or rest.startswith(_ITEM_JOINERS)):
        return ""  # a task with owners: 淘汰整治高耗低效企业5000家 commits whatever its verb
    if _task_of_the_year(s, n):
        return ""  # this year's work in a report: 改造老旧小区113个, 加装电梯150部 commit whatever their verb
    return "no signal word in its clause or before it in the sentence"


def _shares_a_bound(s: _Sentence, cl: _Clause) -> bool:
    """The last of the numbers that 分别 pairs with their items has a bound word after it."""
    last = max(cl.paired, key=lambda x: x.start)
    return bool(_bound_after(s.text, last.end, cl.span.end))


def _task_of_the_year(s: _Sentence, n: _Number) -> bool:
    """A clause of one task in this year's work of a report: a verb and its object, then the number, which
    ends the clause (改造老旧小区113个); or the people a service reaches (为1500名…提供…)."""
    a, cl = n.amount, n.clause.span
    if s.doc.kind not in _PLAIN_TASK_KINDS or not s.lay.is_future(s.start):
        return False
    if NUMBERING.sub("", s.text[cl.start:a.start].strip(_CLAUSE_SPACE)) in _SERVICE_OPENERS:
        return True  # 为1500名残疾儿童提供康复救助: the people a service reaches
    rest = s.text[a.end + len(n.after):cl.end].strip()
    if not rest and _plain_task(s.text[cl.start:a.start]):
        return True
    if not a.unit.endswith((*MONEY, *SHARE_UNITS)) and _verb_then_count(s.text[cl.start:a.start], rest):
        return True  # a fund's size after 设立 (设立50亿元创投基金) describes it: counts only
    return _list_of_tasks(s, n.clause)


def _marks(text: str, mark: str, start: int, end: int) -> list[int]:
    """Where mark stands in text[start:end] (str.find, no loop over the characters)."""
    out: list[int] = []
    i = text.find(mark, start, end)
    while i >= 0:
        out.append(i)
        i = text.find(mark, i + 1, end)
    return out


def _verb_then_count(words_before: str, rest: str) -> bool:
    """建立9个紧密型城市医疗集团: a clause of one verb that makes things, the number, and the noun it counts."""
    verb = NUMBERING.sub("", words_before.strip(_CLAUSE_SPACE))
    return verb in OBJECT_VERBS and bool(_NOUN_AFTER_COUNT.fullmatch(rest))


def _list_of_tasks(s: _Sentence, cl: _Clause) -> bool:
    """治理石漠化45平方公里、水土流失122平方公里、历史遗留矿山500亩: tasks of one verb, each item its words and
    then its number, which ends it; the first item is a plain task, the others a few words of their own."""
    start, end = cl.span.start, cl.span.end
    while end > start and s.text[end - 1] in _CLAUSE_SPACE:
        end -= 1
    cuts = _marks(s.text, _ITEM_MARK, start, end)
    if not cuts or len(cuts) + 1 != len(cl.amounts):
        return False
    for k, (i0, i1) in enumerate(zip([start, *(c + 1 for c in cuts)], [*cuts, end], strict=True)):
        a = cl.amounts[k]
        if not i0 <= a.start or a.end != i1:
            return False  # each item ends with its one number
        words = s.text[i0:a.start]
        if not (_plain_task(words) if k == 0 else _TASK_ITEM_WORDS.fullmatch(words.strip())):
            return False
    return True


@_step("numeral")
def _numeral(s: _Sentence, n: _Number) -> str:
    a = n.amount
    if a.chinese and a.written in _ARTICLES:
        return f"{a.written} before a measure word is the article 'a', not a count: {s.text[a.start:a.end]}"
    return "a Chinese numeral without a verb that counts" if a.chinese and not _chinese_ok(s.text, n) else ""


@_step("past year")
def _past_year(s: _Sentence, n: _Number) -> str:
    n.year = s.lay.year_at(n.amount.start)
    if s.date_year and n.year and n.year < s.date_year:
        return f"its year {n.year} is before the document's {s.date_year}"
    return ""


@_step("comparator")
def _comparator_step(s: _Sentence, n: _Number) -> str:
    n.comparator = _comparator(n.pre_raw, n.after)
    if n.comparator == "=" and n.clause.prev_cmp and n.pre_raw.strip() in LIST_JOINERS:
        n.comparator = n.clause.prev_cmp  # 分别超过90家和870家
    if n.comparator == "=" and n.amount in n.clause.paired and not n.after and _shares_a_bound(s, n.clause):
        last = max(n.clause.paired, key=lambda x: x.start)  # 分别稳定在80%、85%以上: the last one's bound word
        n.comparator = _comparator("", _bound_after(s.text, last.end, n.clause.span.end))
    n.clause.prev_cmp = n.comparator
    return ""


@_step("indicator")
def _indicator_step(s: _Sentence, n: _Number) -> str:
    a, cl = n.amount, n.clause
    n.q_start, n.q_end = cl.span.start, a.end + len(n.after)
    if a in cl.paired:
        n.indicator, ind_start = cl.paired[a]
        n.q_start = min(n.q_start, ind_start)
        n.rows = [n.indicator]
        return ""
    # a level after the number (营收10亿元级的科技企业) is words of what it counts
    post_end = min([cl.span.end] + [x.start for x in cl.amounts if x.start > a.end and not s.text.startswith(LEVEL, x.end)])
    prev_clause = s.clauses[cl.index - 1] if cl.index > 0 else None
    named, ind_start, ind_end = indicator(NumberWords(s.display, a, n.after, n.pre_raw, post_end, prev_clause, s.prev_indicator))
    qualified = _qualified_item(s, n)
    if qualified:
        named, ind_start = qualified
    if named is None:
        return "no words name what is counted"
    if n.next is not None:
        named = _named_with_the_list(s, n, named)
    prev = s.prev_indicator
    if named.startswith(_SHARE) and prev and not prev.startswith(_SHARE):
        named = prev + named  # 经费支出达120亿元、占地区生产总值比重达2.5%
    # a row built from the words of a qualified item cut by its own figure (…园区、100亿元园区各1个 gives no
    # 园区0亿元园区): a row that holds a figure stands in the text as it is
    rows = rows_of(named, n.pre_raw)
    if len(rows) > 1:
        sentence = s.display[s.start:s.end]
        rows = [r for r in rows if not _DIGIT.search(r) or r in sentence]
    n.indicator, n.rows = named, rows
    if not n.rows:
        return "no words name what is counted"
    n.q_start, n.q_end = min(n.q_start, ind_start), max(n.q_end, ind_end)
    cl.boundary = max(cl.boundary, ind_end)  # 实施1000项X、应用10000项Y: Y's words start after X
    return ""


def _qualified_item(s: _Sentence, n: _Number) -> tuple[str, int] | None:
    """力争引进100亿元以上项目5个、50亿元以上15个: the count right after a qualifier counts what the item before
    counted, of that qualifier (50亿元以上项目); None when the count has no such qualifier before it."""
    a, cl, prev = n.amount, n.clause, s.prev_indicator
    before = next((x for x in cl.amounts if x.end <= a.start and s.text[x.end:a.start].strip() in ("", *_BOUND_AFTER)), None)
    if before is None or not prev or not (before.unit.endswith(LEVEL) or before.unit.endswith(MONEY)):
        return None
    marks = [prev.rfind(w) + len(w) for w in (*_BOUND_AFTER, LEVEL, *MONEY) if w in prev]  # the item before's qualifier ends
    noun = prev[max(marks):] if marks else ""
    start = before.start - next((len(w) for w in _QUALIFIER_BEFORE if s.text[:before.start].endswith(w)), 0)
    return (s.text[start:a.start].strip() + noun, start) if len(noun) >= 2 else None


def _words_after_next(s: _Sentence, n: _Number) -> str:
    """实现贫困人口96户、183人全部稳定脱贫: a figure joined to the next by a joiner alone measures one thing with it
    in another unit; the words after the next figure finish its indicator too ("" when there are none)."""
    a, nxt = n.amount, n.next
    if nxt is None or s.text[a.end + len(n.after):nxt.start].strip() not in LIST_JOINERS:
        return ""
    if a.unit.endswith(MONEY) != nxt.unit.endswith(MONEY):
        return ""  # …项目80个、50亿元以上项目25个: money after a count opens the next item, it measures nothing of this
    return _words_after(s, n)


def _noun_after_the_list(s: _Sentence, n: _Number) -> str:
    """市本级不少于20个、县级不少于100个重大项目清单: a figure followed by a joiner and the next item's own words
    (no noun of its own) counts the noun after the next figure ("" when the words between are no such item)."""
    a, nxt = n.amount, n.next
    if nxt is None or nxt.base_unit != a.base_unit:  # items of one list count in one unit
        return ""
    between = s.text[a.end + len(n.after):nxt.start]
    if not between.startswith(LIST_JOINERS) or not _LIST_ITEM_WORDS.fullmatch(between[1:]):
        return ""
    # the figure names no thing of its own: a bare verb before it (新建), or items that are levels (市本级、县级)
    if len(n.pre_raw.strip(_CLAUSE_SPACE)) > _BARE_VERB and not between[1:].startswith(LEVELS):
        return ""
    if any(x.start > nxt.end for x in n.clause.amounts):
        return ""  # the noun closes the list only after its last figure (新引进项目50个、新开工30个、竣工投产25个)
    return _words_after(s, n)


def _named_with_the_list(s: _Sentence, n: _Number, named: str) -> str:
    """The indicator of a figure that shares the noun after the next one: 2家国家级、20家自治区级创新创业平台
    (国家级创新创业平台); 96户、183人全部稳定脱贫; 新建25.2万亩、改造提升20.3万亩高标准农田 (新建高标准农田)."""
    if named.endswith(LEVEL) and (noun := _noun_after_the_levels(s, n, named)):
        return named + noun
    shared = (_words_after_next(s, n) if named == trim(n.pre_raw) else "") or _noun_after_the_list(s, n)
    # the verb stays where it is all that tells the items apart (新建…、改造提升…)
    return (trim(n.pre_raw) or n.pre_raw.strip(_CLAUSE_SPACE)) + shared if shared else named


def _noun_after_the_levels(s: _Sentence, n: _Number, level: str) -> str:
    """The noun after the next figure's level, when the figure's words are a level alone and a joiner
    follows them ("" else)."""
    a, nxt = n.amount, n.next
    assert nxt is not None
    if s.text[a.end + len(n.after):nxt.start].strip(_CLAUSE_SPACE) not in (level + j for j in LIST_JOINERS):
        return ""
    words = _words_after(s, n)
    noun = words[words.find(LEVEL) + len(LEVEL):] if LEVEL in words else ""
    return noun if len(noun) >= 2 else ""


def _words_after(s: _Sentence, n: _Number) -> str:
    """The words after the next figure of the clause, up to the clause's end or the figure after it."""
    nxt, cl = n.next, n.clause
    assert nxt is not None
    end = min([cl.span.end] + [x.start for x in cl.amounts if x.start > nxt.end])
    start = nxt.end + len(_bound_after(s.display, nxt.end, end))
    words = trim(_CLAUSE_END.split(s.display[start:end], maxsplit=1)[0])
    return words if len(words) >= 2 and _CJK_CHAR.match(words) and not _DIGIT.search(words) else ""


@_step("generic")
def _generic(s: _Sentence, n: _Number) -> str:
    if len(n.indicator) <= 4 and n.indicator.endswith(_GENERIC):
        return f"the indicator {n.indicator} names no thing counted"
    i = n.amount.end + len(n.after)
    if s.text.startswith(_PARTS_OF_WORK, i):  # 分3个阶段兑现, 从5个方面推进
        return f"it counts parts of the way work is done: {s.text[n.amount.start:i + 2]}"
    return ""


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t":
        i += 1
    return i


def _unit_text(u: str) -> str:
    return u.replace("％", "%")


def _bound_after(text: str, i: int, limit: int) -> str:
    """The bound word (以上) at i that ends by limit, "" when none (one test of them all first, the usual case)."""
    if not text.startswith(_BOUND_AFTER, i, limit):
        return ""
    return next(w for w in _BOUND_AFTER if text.startswith(w, i, limit))


def _inside_brackets(text: str, i: int) -> bool:
    """Whether i stands inside brackets: an open one not closed in the 40 characters before it, a close in the 30 after."""
    seg = text[max(0, i - 40):i]
    if "(" not in seg and "（" not in seg:
        return False
    depth = 0
    for ch in reversed(_BRACKET.findall(seg)):  # the brackets before i, the nearest first
        if ch in ")）":
            depth += 1
        elif depth == 0:
            return _CLOSE_BRACKET.search(text, i, i + 30) is not None
        else:
            depth -= 1
    return False


def _chinese_ok(text: str, n: _Number) -> bool:
    a = n.amount
    before = text[n.clause.span.start:a.start]
    if a.unit.endswith(LEVEL) and a.written == a.unit:
        return True  # 打造万亿级产业集群
    return before.endswith(_TRIGGERS) or (a.written in _BARE_MAGNITUDES and before.endswith(_MAGNITUDE_WORDS))


def _comparator(pre_raw: str, after: str) -> str:
    if after in _GE_AFTER:
        return ">="
    if after in _LE_AFTER:
        return "<="
    tail = pre_raw.rstrip(" " + "".join(EACH))
    if not tail.endswith(_COMPARATOR_WORDS):  # one test of them all first, the usual case
        return "="
    return next(cmp for w, cmp in _COMPARATORS if tail.endswith(w))
