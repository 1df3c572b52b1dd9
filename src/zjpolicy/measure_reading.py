"""Reading a target's wording for its common measure, by the plain words of data/measures.toml.

1. The subject: the first wording of a subject or a measure in the indicator that is
   not the denominator of a share (占 地区生产总值 比重). With none, a bare head
   (增加值增长, 占地区生产总值比重, 总量) takes the subject of the clause before it.
2. Its clause: before the subject, back to the last comma, only lead, scope,
   certifier, year, flow and stock words and place names may stand (the zone); after it, up to the
   number, only tail words and a share (the tail). Any other word narrows the subject
   (数字经济增长, 企业研发投入: every part-of-economy word is such a word) or makes it a
   modifier (高新技术企业营业收入), and a joiner joins two indicators under one number:
   then the target gets no measure.
3. The kind: with unit %, a share (占 X 比重) or a growth (增长); an amount where the
   subject is measured in the unit's family; with a count, flow (新增 …) or stock
   (总数, 达到 …), or else the verb that leads the list the target stands in.
4. The measure with that subject, kind and denominator, when its unit family fits.
Precision first: every doubt ends in "".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zjpolicy.rules import alternation

if TYPE_CHECKING:
    from zjpolicy.measure_set import Measure, MeasureSet

PERCENT = "%"
# Pinyin glosses and ASCII asides in parentheses: 技术(shù), 研发(R&D)经费, 地区生产总值(GDP).
_GLOSS = re.compile(r"\([A-Za-z&'\u00c0-\u024f\u1e00-\u1eff]*\)")
# Spaces and quotes, dropped in one pass (str.translate looks every character up in a dict: slower).
_SPACES_AND_QUOTES = re.compile("[\\s\u201c\u201d\u2018\u2019\"'\u300a\u300b\u300c\u300d\u300e\u300f]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# What clean() may change: without any of these in a text, it is found as it stands.
_UNCLEAN = re.compile(r"[\s\"'\u201c-\u201f\u300a-\u300f()a-z\u3000\uff01-\uff5e]")


def clean(text: str) -> str:
    """Full-width folded, no spaces, quotes or glosses, ASCII upper-cased (gdp → GDP)."""
    text = _SPACES_AND_QUOTES.sub("", unicodedata.normalize("NFKC", text or ""))
    return _GLOSS.sub("", text).upper()


def _wordy(ch: str) -> bool:
    """A letter the word lists must account for (a Han character); digits, ASCII and punctuation are skipped."""
    return ch.isalpha() and not ch.isascii()


class _Vocab:
    """The words of one or more [words] lists: found anywhere, or taken at a position."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(clean(w) for w in words if w)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)
        self.pattern = re.compile(alternation(tuple(self.words))) if self.words else None

    def search(self, text: str) -> bool:
        return bool(self.pattern and self.pattern.search(text))

    def at(self, text: str, i: int) -> int:
        """Length of the longest word that starts at i (0: none)."""
        return next((n for n in self.lengths if i + n <= len(text) and text[i : i + n] in self.words), 0)

    def ending(self, text: str, j: int) -> int:
        """Length of the longest word that ends at j (0: none)."""
        return next((n for n in self.lengths if n <= j and text[j - n : j] in self.words), 0)

    def last_start(self, text: str) -> int:
        """Where the last word found in the text starts (-1: none)."""
        return max((text.rfind(w) for w in self.words), default=-1)

    def last_end(self, text: str) -> int:
        """Where the last-ending word found in the text ends (0: none)."""
        return max((text.rfind(w) + len(w) for w in self.words if w in text), default=0)


@dataclass
class _Signals:
    """What the words around a subject say about how it is measured."""

    flow: bool = False
    stock: bool = False
    level: bool = False
    growth: bool = False
    share: bool = False
    of: str = ""
    each: bool = False
    whole: bool = False

    def merge(self, other: _Signals) -> None:
        for name, value in other.__dict__.items():
            if value:
                setattr(self, name, value)


@dataclass
class _Found:
    """A subject wording and the text around it."""

    ref: tuple[str, str]  # ("measure" | "subject", id)
    name: str  # the wording matched
    zone: str  # before it in its clause
    tail: str  # after it, up to the number
    outer: str = ""  # before a subject carried over from the clause before (checked, gives no kind)
    loose: str = ""  # the target's own clause when the wording is not in it (its flow/stock words count)
    preceding: str = ""  # the clauses before the target's (for a verb leading a list)
    strict: bool = False  # the loose clause may hold only words that carry a subject on


class Reader:
    """The rules of one measure set, compiled once."""

    def __init__(self, measures: MeasureSet) -> None:
        self.measures = measures
        words = measures.words

        def vocab(*keys: str) -> _Vocab:
            return _Vocab(w for k in keys for w in words.get(k, ()))

        self.flow, self.stock, self.level, self.growth = vocab("flow"), vocab("stock"), vocab("level"), vocab("growth")
        self.each, self.whole, self.part, self.zones = vocab("each"), vocab("whole"), vocab("part"), vocab("zones")
        self.joiners, self.groups, self.heads, self.examples = (
            vocab("joiners"), vocab("groups"), vocab("heads"), vocab("examples"))
        self.share_markers, self.share_heads = vocab("share_markers"), vocab("share_heads")
        self.asides = frozenset(clean(w) for w in words.get("asides", ()))
        units = [m.unit for m in measures.measures.values()]
        # a number with its unit before the subject: 新增100家高新技术企业 (the target's own number)
        self.amounts = re.compile(rf"\d+(?:\.\d+)?(?:{alternation(tuple(words.get('magnitudes', ())))})?"
                                  rf"(?:{alternation((*units, *words.get('firm_units', ())))})")
        # heads and changes with their figure: a magnitude and the unit of a measure after the digits
        self.aside_heads = _Vocab([*words.get("heads", ()), *words.get("changes", ()), *words.get("magnitudes", ()),
                                   *words.get("firm_units", ()), *units])
        self.firm_units = tuple(clean(w) for w in words.get("firm_units", ()))
        self.lead = vocab("lead", "scope", "whole", "year_marks", "growth_modifiers")
        self.loose_words = vocab("lead", "scope", "whole", "year_marks", "heads")
        self.tail_words = vocab("growth", "growth_modifiers", "flow", "stock", "level", "doubling", "tail", "each",
                                "share_heads", "year_marks")
        self.zone_words = vocab("lead", "scope", "whole", "certifier", "flow", "stock", "level", "doubling",
                                "year_marks", "growth_modifiers")
        self.year_marks = tuple(clean(w) for w in words.get("year_marks", ()))
        self.separators = frozenset(clean(w) for w in words.get("separators", ()))
        single = sorted(w for w in self.separators if len(w) == 1)  # a clause ends at one character
        self._separator_chars = tuple(single)
        self._between_items = re.compile("[" + "".join(map(re.escape, single)) + "]") if single else None
        self.magnitudes = sorted((clean(w) for w in words.get("magnitudes", ())), key=len, reverse=True)
        self._families: dict[str, str] = {}
        self._compile_wordings()

    def _compile_wordings(self) -> None:
        self.refs: dict[str, tuple[str, str]] = {}
        self.carried_by: dict[str, str] = {}
        for s in self.measures.subjects.values():
            self.refs.update({clean(w): ("subject", s.id) for w in s.wordings()})
            self.carried_by.update({clean(w): s.id for w in s.stems + s.words})
        for m in self.measures.measures.values():
            self.refs.update({clean(w): ("measure", m.id) for w in m.names})
        self.wordings = re.compile(alternation(tuple(self.refs)))
        self.carriers = re.compile(alternation(tuple(self.carried_by)))
        self.subjects = re.compile(alternation(tuple(self.refs) + tuple(self.carried_by)))
        self.by_reading: dict[tuple[str, str, str], Measure] = {
            (m.subject, m.kind, m.of): m for m in self.measures.measures.values() if m.subject
        }

    # ------------------------------------------------------------ the answer

    def classify(self, indicator: str, *, unit: str, context: str = "", before: str = "", heading: str = "") -> str:
        if not self.mentions(indicator + "|" + context + "|" + before):
            return ""  # no wording of a measure at all: most targets, answered without reading them
        ind, family = clean(indicator), self.family(unit)
        if not ind or not family or self.zones.search(clean(heading)):
            return ""
        found = self.locate(ind, clean(context), clean(before), unit=clean(unit))
        return self.decide(found, family) if found else ""

    def mentions(self, text: str) -> bool:
        """Whether the text holds a subject's or a measure's wording, or a stem (cleaned only where cleaning
        may change what is found: a space, a quote, a bracket, a small ASCII letter, a full-width form)."""
        if self.subjects.search(text):
            return True
        return bool(_UNCLEAN.search(text)) and bool(self.subjects.search(clean(text)))

    def family(self, unit: str) -> str:
        """The unit without its magnitude: 万家 → 家, 亿元 → 元, ％ → % (a few units, each read once)."""
        family = self._families.get(unit)
        if family is None:
            family = self._families[unit] = self._family(unit)
        return family

    def _family(self, unit: str) -> str:
        unit = clean(unit)
        for mag in self.magnitudes:
            if unit.startswith(mag) and len(unit) > len(mag):
                unit = unit[len(mag) :]
                break
        return self.firm_units[0] if unit in self.firm_units else unit

    def decide(self, f: _Found, family: str) -> str:
        sig = self.read_tail(f.tail)
        zone = self.read_zone(f.zone, each=bool(sig and sig.each))
        if sig is None or zone is None or (f.outer and self.read_zone(f.outer, each=False) is None):
            return ""
        # The target's own clause, when its subject stands in the clause before: only words that carry a
        # subject on (总量超1120家); a composed indicator's clause gives its flow and stock words.
        loose = self.read_tail(self.wordings.sub("|", f.loose), more=self.loose_words) if f.strict else \
            self.words_in(f.loose)
        if loose is None:
            return ""  # 实现技术交易额、新产品产值超9200亿元: the clause names another indicator
        if loose.flow or loose.stock or loose.level:  # 新认定国高企3195家、总量超1.5万家: the number's own words decide
            zone.flow = zone.stock = zone.level = False
        named = self.words_in(f.name)
        named.each = False  # 居民人均可支配收入: the 均 of 人均 is no each-word
        for more in (zone, named, loose):
            sig.merge(more)
        if sig.each and self.groups.search(f.zone + f.outer):
            return ""  # 城乡居民 … 分别增长: each figure is one group's
        kind, ident = f.ref
        if kind == "measure":
            return self.named(ident, sig, family)
        return self.measured(ident, sig, family, f.preceding)

    def named(self, mid: str, sig: _Signals, family: str) -> str:
        """A wording that names the whole measure: its unit must fit and no word may contradict its kind."""
        m = self.measures.measures[mid]
        if self.family(m.unit) != family:
            return ""
        if (sig.growth and m.kind != "growth") or (sig.share and m.kind not in ("share", "ratio")):
            return ""
        return mid

    def measured(self, sid: str, sig: _Signals, family: str, preceding: str) -> str:
        of = ""
        if family == PERCENT:
            kind, of = ("share", sig.of) if sig.share else ("growth" if sig.growth else "", "")
        elif sig.share or sig.growth:
            return ""
        elif self._fits(sid, "amount", family):
            kind = "amount"
        else:
            kind = self.count_kind(sig, preceding)
        m = self.by_reading.get((sid, kind, of)) if kind and (kind != "share" or of) else None
        if m is None or self.family(m.unit) != family or (m.whole and not sig.whole):
            return ""
        return m.id

    def _fits(self, sid: str, kind: str, family: str) -> bool:
        m = self.by_reading.get((sid, kind, ""))
        return m is not None and self.family(m.unit) == family

    def count_kind(self, sig: _Signals, preceding: str) -> str:
        if sig.flow and sig.stock:
            return ""  # 完成有效发明专利120件: the wording says neither
        if sig.flow:
            return "flow"
        if sig.stock or sig.level:
            return "stock"
        return self.shared_verb(preceding)

    # ------------------------------------------------------------ finding the subject

    def subject_in(self, text: str) -> re.Match[str] | None:
        """The first wording that is not a share's denominator."""
        return next((m for m in self.wordings.finditer(text) if not self.share_markers.ending(text, m.start())), None)

    def joined(self, indicator: str) -> bool:
        """Two indicators under one number (技术交易额、新产品产值), unless an each-word splits them."""
        rest = self.wordings.sub("|", indicator)  # wordings out, so 研究与试验发展 keeps its 与
        return self.joiners.search(rest) and not self.each.search(rest)

    def locate(self, ind: str, ctx: str, prior: str, *, unit: str = "") -> _Found | None:
        m = self.subject_in(ind)
        if m is None:
            return self.carried(ind, ctx, prior)
        if self.joined(ind):
            return None
        name, where, last = m.group(), ctx.rfind(ind), self.item_start(ctx, len(ctx))
        if 0 <= where < last and (self.subject_in(ctx[last:]) is not None or not self.unit_in(ctx, last, unit)):
            last = self.item_start(ctx, where)  # a list quoted whole: the indicator's own item is its clause
        if where < last:
            # Composed, or not in the target's own clause (the last one): 努力实现新增100家,
            # 高新技术企业新增120家、总量超1120家. The indicator is read alone (with what stands before it in
            # the context), the target's clause for its flow and stock words.
            before_it = ctx[self.item_start(ctx, where) : where] if where >= 0 else ""
            shared = ctx[where + len(ind) : self.number_after(ctx, where + len(ind))] if where >= 0 else ""
            # 制造业投资、高新技术产业投资分别增长30%、24.5%: what follows 分别 is every paired item's
            each = self.each.pattern.search(shared) if self.each.pattern else None
            shared = shared[each.start() :] if each else ""
            return _Found(self.refs[name], name, zone=before_it + ind[: m.start()], tail=ind[m.end() :] + shared,
                          loose=ctx[last : self.number_after(ctx, last)], preceding=_join(prior, ctx[:last]),
                          strict=where >= 0)
        at = where + m.start()
        start, end = self.item_start(ctx, at), at + len(name)
        return _Found(self.refs[name], name, zone=ctx[start:at], tail=ctx[end : self.number_after(ctx, end)],
                      preceding=_join(prior, ctx[:start]))

    def carried(self, ind: str, ctx: str, prior: str) -> _Found | None:
        """A bare head takes the subject of the clause before: …总产值达到4.43万亿元，增加值增长3.6%;
        规上工业增加值4355亿元、增长2.4% (a whole wording before takes the head on as itself)."""
        lead = self.lead_length(ind)
        if not self.heads.at(ind, lead):
            return None
        where = ctx.find(ind)
        start = self.item_start(ctx, where if where >= 0 else len(ctx))
        items = [x for x in self.items(_join(prior, ctx[:start])) if not self.aside(x)]
        carrier = self.last_carrier(items[-1]) if items else None
        combined = carrier.group() + ind[lead:] if carrier else ""
        m = self.wordings.match(combined)
        if carrier is None or m is None or self.joined(combined):
            return None
        after = where + len(ind) if where >= 0 else len(ctx)
        return _Found(self.refs[m.group()], m.group(), zone=(ctx[start:where] if where >= 0 else "") + ind[:lead],
                      tail=combined[m.end() :] + ctx[after : self.number_after(ctx, after)],
                      outer=items[-1][: carrier.start()], preceding=_join(prior, ctx[:start]))

    def aside(self, item: str) -> bool:
        """An item between a subject and a head that carries the subject on: 按可比价计算, or a head or a
        change with its own figure (数字经济核心产业增加值5675亿元、增长8.5%、占GDP比重达28.3%;
        一般公共预算收入277.48亿元，增收23.25亿元，同比增长9.1%)."""
        if item in self.asides:
            return True
        return self.last_carrier(item) is None and bool(_DIGITS.search(item)) and \
            self.read_tail(_DIGITS.sub("", item), more=self.aside_heads) is not None

    def last_carrier(self, item: str) -> re.Match[str] | None:
        """The last subject of the item that is no share's denominator: a whole wording (规上工业增加值) where
        one stands, else a stem or a subject's word."""
        for pattern in (self.wordings, self.carriers):
            found = [m for m in pattern.finditer(item) if not self.share_markers.ending(item, m.start())]
            if found:
                return found[-1]
        return None

    # ------------------------------------------------------------ the words around it

    def read_tail(self, tail: str, *, more: _Vocab | None = None) -> _Signals | None:
        """After the subject up to the number: only tail words (and ``more``) and a share; None when another
        word stands there."""
        sig, i = _Signals(), 0
        while i < len(tail):
            if self.joiners.at(tail, i):
                return None  # 技术交易额、新产品产值: another indicator shares the number
            if tail[i] == "(" and (close := tail.find(")", i)) > 0:
                i = close + 1  # 固定资产投资(不含农户)比上年增长: a note on the statistic's scope
                continue
            if not _wordy(tail[i]):
                i += 1
                continue
            n = self.share_at(tail, i, sig) or self.tail_words.at(tail, i) or (more.at(tail, i) if more else 0)
            if not n:
                return None
            sig.merge(self.words_in(tail[i : i + n]))
            i += n
        return sig

    def share_at(self, tail: str, i: int, sig: _Signals) -> int:
        """占 + a subject + 比重 at i: the share and its denominator; 占比 alone: a share of what is unsaid."""
        n = self.share_heads.at(tail, i)
        if n:
            sig.share = True
            return n
        n = self.share_markers.at(tail, i)
        of, end = self.denominator(tail, i + n) if n else ("", 0)
        if not of:
            return 0
        sig.share, sig.of = True, of
        return end + self.share_heads.at(tail, end) - i

    def denominator(self, text: str, i: int) -> tuple[str, int]:
        """The subject of a share's denominator at i, and where it ends: a wording, or a stem with a share head
        after it (占规上工业比重: of 规上工业增加值)."""
        m = self.wordings.match(text, i)
        if m is not None and self.refs[m.group()][0] == "subject":
            return self.refs[m.group()][1], m.end()
        m = self.carriers.match(text, i)
        if m is not None and self.share_heads.at(text, m.end()):
            return self.carried_by[m.group()], m.end()
        return "", 0

    def read_zone(self, zone: str, *, each: bool) -> _Signals | None:
        """Before the subject: only lead, scope, certifier, year, flow and stock words; None otherwise."""
        if each:  # 研发机构设置率和研发活动覆盖率均达60%: the items before the joiner are siblings
            zone = zone[self.joiners.last_start(zone) + 1 :]
        cut = self.examples.last_end(zone)
        zone = self.amounts.sub("", zone[cut:])  # 软件、电子商务等数字经济核心产业: the examples before 等 name it
        if self.part.search(zone) and self.part.search(_without_places(zone)):
            return None  # 规上工业企业研发经费, 高新区研发投入强度 (but 萧山区 is no 山区)
        sig, j = _Signals(), len(zone)
        while j > 0:
            if not _wordy(zone[j - 1]):
                j -= 1
                continue
            n = self.zone_words.ending(zone, j) or _place_ending(zone, j)  # 浙江省生产总值: the region itself
            if not n:
                return None
            sig.merge(self.words_in(zone[j - n : j]))
            j -= n
        return sig

    def words_in(self, text: str) -> _Signals:
        if not text:
            return _Signals()
        return _Signals(flow=self.flow.search(text), stock=self.stock.search(text), level=self.level.search(text),
                        growth=self.growth.search(text), each=self.each.search(text), whole=self.whole.search(text))

    def shared_verb(self, preceding: str) -> str:
        """The flow or stock verb leading the list the target ends (新认定国高企300家以上、省科技型中小企业500家以上)."""
        for item in reversed(self.items(preceding)):
            if not _DIGITS.search(item):
                return ""
            at = self.lead_length(item, stop=True)
            if self.flow.at(item, at):
                return "flow"
            if self.stock.at(item, at):
                return "stock"
            if any(v.search(item) for v in (self.flow, self.stock, self.level, self.growth)):
                return ""  # the item has a verb of its own, after its subject: it leads nothing
        return ""

    def lead_length(self, text: str, *, stop: bool = False) -> int:
        """How much of the text's start is lead words, years and punctuation (stop: at a flow or stock word)."""
        i = 0
        while i < len(text):
            if stop and (self.flow.at(text, i) or self.stock.at(text, i)):
                return i
            n = 0 if _wordy(text[i]) else 1
            n = n or self.lead.at(text, i)
            if not n:
                return i
            i += n
        return i

    # ------------------------------------------------------------ clauses and numbers

    def item_start(self, text: str, at: int) -> int:
        """Where the clause (or list item) holding position ``at`` begins."""
        if at <= 0:
            return 0
        return max((text.rfind(ch, 0, at) for ch in self._separator_chars), default=-1) + 1

    def items(self, text: str) -> list[str]:
        pieces = self._between_items.split(text) if self._between_items else [text]
        return [x for x in pieces if x]

    def unit_in(self, text: str, start: int, unit: str) -> bool:
        """The first number from ``start`` on is in ``unit`` (or no unit is known)."""
        at = self.number_after(text, start)
        number = _DIGITS.match(text, at)
        return not unit or number is None or text.startswith(unit, number.end())

    def number_after(self, text: str, pos: int) -> int:
        """Where the first number after ``pos`` starts (a year, 2024年, is not one), or the end."""
        for m in _DIGITS.finditer(text, pos):
            if not text.startswith(self.year_marks, m.end()):
                return m.start()
        return len(text)


def _without_places(text: str) -> str:
    from zjpolicy.places import atlas

    for start, end, _ in reversed(atlas().find(text, loose=True)):
        text = text[:start] + "|" + text[end:]
    return text


def _place_ending(text: str, end: int) -> int:
    from zjpolicy.places import name_ending  # the divisions are read only when a zone needs them

    return name_ending(text, end)


def _join(*parts: str) -> str:
    return ",".join(p for p in parts if p)
