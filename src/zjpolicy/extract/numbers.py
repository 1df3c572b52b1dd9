"""Numbers and units as policy documents write them: 120, 1,200, 2.5万件, 两, 一百二十, 5-10家."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zjpolicy.rules import alternation, characters, value, words

# The numerals are language data (data/rules.toml [numbers]); this module is their one reader.
CN_DIGITS: dict[str, int] = value("numbers", "digits")
CN_UNITS: dict[str, int] = value("numbers", "multipliers")
MAGNITUDE: dict[str, float] = value("units", "magnitudes")  # tried in order: 万亿 before 万
LEVEL: str = value("units", "level_suffix")  # 万亿级
NUMERALS = "".join(CN_DIGITS) + "".join(CN_UNITS)  # every character of a Chinese numeral
RANGE = "-—–~" + characters(words("numbers", "range_words"))  # between the ends of a range, inside [...]
_NOT_UNITS = words("units", "not_units")  # 70周年: no unit there
_UNIT_JOINERS = tuple(words("targets", "list_joiners"))  # between items of one unit (29个、6个百分点)
_MAGNITUDE_AFTER = tuple(words("units", "magnitude_only_after"))  # 突破千亿: a magnitude word that stands for a number

# Bounded, and anchored so that a long run of digits is tried once, not at every position.
_ARABIC = r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,6})?|\d{1,12}(?:\.\d{1,6})?"
_ARABIC_AFTER_FIRST = r"\d{0,2}(?:,\d{3}){1,4}(?:\.\d{1,6})?|\d{0,11}(?:\.\d{1,6})?"  # _ARABIC, its first digit taken
# A number's first character, a digit or a numeral, that continues no longer number: no digit or numeral before
# it, nor a digit and a point or comma. The patterns open with it, so that the engine skips to where a number
# may stand and only then looks behind (a lookbehind first is tried at every position of the text).
_FIRST = rf"[\d{NUMERALS}](?<![\d{NUMERALS}].)(?<!\d[.,].)"


def counting(n: int, *, alternates: bool = False) -> str:
    """The numerals that count from one to n (at most ten) as headings write them, 一二三…十;
    with alternates, also the other names of those values (两)."""
    first: dict[int, str] = {}
    for c, v in CN_DIGITS.items():
        first.setdefault(v, c)
    out = [first[v] for v in range(1, min(n, 9) + 1)] + [c for c, v in CN_UNITS.items() if v == 10 and n >= 10]
    if alternates:
        out += [c for c, v in CN_DIGITS.items() if 1 <= v <= n and first[v] != c]
    return "".join(out)


def parse_chinese_numeral(s: str) -> int | None:
    """一百二十 -> 120, 两 -> 2, 三十 -> 30, 十五 -> 15; None for what is no numeral."""
    if not s or any(c not in CN_DIGITS and c not in CN_UNITS for c in s):
        return None
    if all(c in CN_DIGITS for c in s) and len(s) > 1:
        # 二〇二四: digit by digit
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in CN_DIGITS:
            if digit is not None:
                return None
            digit = CN_DIGITS[c]
        else:
            if digit is None and total:
                return None  # 百千万: multipliers without digits are a phrase, not a number
            unit = CN_UNITS[c]
            total += (1 if digit is None else digit) * unit
            digit = None
    if digit is not None:
        total += digit
    return total


def _multipliers_alone(written: str, unit: str) -> bool:
    """百千, 千万: a numeral of multipliers only with a bare magnitude for its unit (千亿级 is a level: not this)."""
    return unit in MAGNITUDE and all(c in CN_UNITS for c in written)


def _stands_for_a_number(text: str, start: int, end: int) -> bool:
    """突破千亿, 千亿级: after a verb of reaching, or as a level, multipliers before a magnitude are a number."""
    return text.startswith(LEVEL, end) or text[max(0, start - 2):start].endswith(_MAGNITUDE_AFTER)


def parse_arabic(s: str) -> float:
    return float(s.replace(",", ""))


@dataclass(frozen=True)
class Amount:
    """A number with its unit, where it stands in the text."""

    start: int  # of the number
    end: int  # after the unit
    value: float
    unit: str
    written: str  # the number as written
    chinese: bool = False

    @property
    def value_base(self) -> float:
        """The value with 万/亿 multiplied out of the unit (2.5万件 -> 25000)."""
        factor = _magnitude(self.unit)[0]
        return self.value if factor is None else self.value * factor

    @property
    def base_unit(self) -> str:
        return _magnitude(self.unit)[1]


@cache
def _magnitude(unit: str) -> tuple[float | None, str]:
    """The factor of the magnitude that opens a unit (None: none) and the unit without it: 万件 -> 1e4, 件."""
    for mag, factor in MAGNITUDE.items():
        if unit.startswith(mag) and len(unit) > len(mag):
            return factor, unit[len(mag):]
    return None, unit


def _unit_pattern() -> re.Pattern[str]:
    """A number and its unit, on one line: an amount never spans a line break, so the amounts of a whole text are
    those of each of its sentences (which end at one), and a text is read for them in one pass."""
    mags = alternation(list(MAGNITUDE))
    base = alternation(words("units", "base"))
    unit = f"(?:(?:{mags})[^\\S\\n]?(?:{base})|(?:{base})|(?:{mags}))"  # 100亿 元: a space the text put inside
    space = r"[^\S\n]"
    arabic = rf"(?<=\d)(?:{_ARABIC_AFTER_FIRST})"
    chinese = rf"(?<=[{NUMERALS}])(?P<cn>)[{NUMERALS}]{{0,11}}"  # cn: an empty group that marks a Chinese numeral
    number = rf"(?P<num>{_FIRST}(?:{arabic}{space}*[{RANGE}]{{1,2}}{space}*(?P<high>{_ARABIC})|{arabic}|{chinese}))"
    return re.compile(number + rf"{space}?(?P<unit>{unit})")


def _scaled_unit_pattern() -> re.Pattern[str]:
    """A magnitude and a unit right after a multiplier taken for the unit: 1千亿元 is 1000 亿元, not 1 千."""
    return re.compile(f"(?:{alternation(list(MAGNITUDE))})(?:{alternation(words('units', 'base'))})?")


def _magnitude_only_pattern() -> re.Pattern[str]:
    after = alternation(words("units", "magnitude_only_after"))
    alone = alternation(words("units", "magnitude_only"))
    base = alternation(words("units", "base"))
    return re.compile(f"(?:{after})(?P<unit>(?:{alone})(?:{base}|{re.escape(LEVEL)})?)")


_UNIT = _unit_pattern()
_SCALED_UNIT = _scaled_unit_pattern()
_MAGNITUDE_ONLY = _magnitude_only_pattern()
# 万亿级: a level written as a magnitude word, with no number before it (each word looks behind itself: a pattern
# that opens with its words lets the engine skip to where they stand)
_LEVEL_WORD = re.compile(
    "(?:" + "|".join(rf"{re.escape(w)}(?<![\d{NUMERALS}]{'.' * len(w)})" for w in words("units", "level_words")) + ")"
    + re.escape(LEVEL)
)


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """Every number followed by a unit in text[start:end], in order."""
    end = len(text) if end is None else end
    found: list[Amount] = []
    for m in _UNIT.finditer(text, start, end):
        num_start = m.start("num")
        # A digit run that continues a longer number or a code (A1, 2024-05) is no amount.
        if num_start > 0 and (text[num_start - 1].isdigit() or text[num_start - 1] in ".,"):
            if text[num_start - 1] in ".," and num_start > 1 and text[num_start - 2].isdigit():
                continue
            if text[num_start - 1].isdigit():
                continue
        if num_start > 0 and text[num_start - 1].isascii() and text[num_start - 1].isalpha():
            continue
        unit = "".join(m.group("unit").split())  # 亿 元 -> 亿元
        if text.startswith(_NOT_UNITS, m.start("unit")):
            continue
        written = m.group("num")
        chinese = m.group("cn") is not None
        if chinese:
            n = parse_chinese_numeral(written)
            if n is None or (_multipliers_alone(written, unit) and not _stands_for_a_number(text, num_start, m.end())):
                continue  # 百千市场主体, 千万市民: multipliers before a magnitude alone name a programme, count nothing
            value_f = float(n)
        elif m.group("high"):
            value_f = parse_arabic(m.group("high"))  # a range (5-10家) is its upper end
        else:
            value_f = parse_arabic(written)
        scaled = _SCALED_UNIT.match(text, m.end()) if unit in CN_UNITS else None
        if scaled:  # 1千亿元: the multiplier scales the number, the magnitude after it opens the unit
            value_f, unit = value_f * CN_UNITS[unit], scaled.group(0)
            found.append(Amount(num_start, scaled.end(), value_f, unit, written, chinese))
            continue
        # A bare magnitude after a number is a unit of its own (50亿), but
        # a number glued to a magnitude word and more text may be a level (7000亿级).
        if text.startswith(LEVEL, m.end()) and unit in MAGNITUDE:
            unit = unit + LEVEL
            found.append(Amount(num_start, m.end() + len(LEVEL), value_f, unit, written, chinese))
            continue
        found.append(Amount(num_start, m.end(), value_f, unit, written, chinese))
    _add_magnitude_words(text, start, end, found)
    found.sort(key=lambda a: a.start)
    return _units_carried_back(text, found)


def _units_carried_back(text: str, found: list[Amount]) -> list[Amount]:
    """分别提高29个、6个百分点, 3万、5万吨: a unit that opens the next item's unit across a joiner is that unit cut
    short, and takes it whole."""
    for i in range(len(found) - 2, -1, -1):
        a, b = found[i], found[i + 1]
        if b.unit != a.unit and b.unit.startswith(a.unit) and text[a.end:b.start] in _UNIT_JOINERS:
            found[i] = Amount(a.start, a.end, a.value, b.unit, a.written, a.chinese)
    return found


def _add_magnitude_words(text: str, start: int, end: int, found: list[Amount]) -> None:
    """Magnitude words that stand for a number (超万亿元: 1 万亿元) or a level (万亿级), where no amount is."""
    for m in _MAGNITUDE_ONLY.finditer(text, start, end):
        s = m.start("unit")
        if any(a.start <= s < a.end for a in found):
            continue
        if s > 0 and (text[s - 1].isdigit() or text[s - 1] in CN_DIGITS):
            continue
        unit = m.group("unit")
        found.append(Amount(s, m.end(), 1.0, unit, unit[0], True))
    # 万亿级: a level written as a magnitude word is 1 of that magnitude, the word its unit
    for m in _LEVEL_WORD.finditer(text, start, end):
        if any(a.start <= m.start() < a.end for a in found):
            continue
        found.append(Amount(m.start(), m.end(), 1.0, m.group(0), m.group(0), True))

