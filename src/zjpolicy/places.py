"""Places: China's administrative divisions, looked up, nested and found in text.

The divisions are data (data/divisions.toml, built by tools/make_divisions.py; the words
about them in data/place_words.toml). Every division is one Place, whatever it is called:

    >>> lookup("杭州市") == lookup("杭州") == lookup("Hangzhou") == lookup("hangzhou")
    True
    >>> contains(lookup("浙江省"), lookup("萧山区"))
    True

A name several divisions share (鼓楼区, in four cities) gives None unless ``within``
says where. The data is read on first use; the text pattern is compiled once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, TypeVar

from zjpolicy.paths import data_dir
from zjpolicy.rules import table, value, words

T = TypeVar("T")
LEVELS = ("province", "prefecture", "county")
HEAD = 20_000  # own_place reads this much of a text
OPENING = 500  # a place with a marker this near the start speaks for the text
# 我代表市人民政府向大会报告工作: the kind of place whose government speaks
_SPEAKER = re.compile(
    rf"{re.escape(value('own', 'speaker_before', file='place_words'))}(.){re.escape(value('own', 'speaker_after', file='place_words'))}"
)


@dataclass(frozen=True)
class Place:
    """One administrative division: 杭州市 (short 杭州, prefecture in 浙江省, Hangzhou)."""

    name: str
    short: str
    level: str  # province | prefecture | county
    parent: str  # the name of the division it lies in ("" for a province)
    province: str  # the name of its province (its own name for a province)
    en: str
    code: str  # the division code (GB/T 2260): 33, 3301, 330109


def _en_key(text: str) -> str:
    """Hangzhou, hang zhou, HANGZHOU, Xi'an/Xian, Lüliang/Luliang all meet."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


_SPACES = re.compile(r"\s+")


def _zh_key(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


class Atlas:
    """Every division, indexed by code, name, short name and English name."""

    def __init__(self, divisions: dict[str, Any]) -> None:
        self.by_code: dict[str, Place] = {}
        self.parent_code: dict[str, str] = {}
        self._read(divisions)
        self.by_name: dict[str, list[Place]] = {}
        self.by_short: dict[str, list[Place]] = {}
        for p in self.by_code.values():
            self.by_name.setdefault(p.name, []).append(p)
            if p.short:
                self.by_short.setdefault(p.short, []).append(p)
        self.findable = self._findable(set(divisions.get("find", {}).get("everyday", [])),
                                       set(words("find", "everyday", file="place_words")))
        lengths: dict[str, set[int]] = {}
        for w in self.findable:
            lengths.setdefault(w[0], set()).add(len(w))
        # A name is found by its first character (one compiled character class jumps from one to the
        # next) and then its length, longest first: a few ms for 20,000 characters, where one regex
        # alternation of the 6,000 names takes ten times as long to compile and to run.
        self.lengths = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}
        self.name_lengths = sorted({len(w) for w in self.findable}, reverse=True)
        self.starts = re.compile("[" + "".join(sorted(map(re.escape, self.lengths))) + "]")
        self.type_words = words("find", "type_words", file="place_words")

    # ------------------------------------------------------------ reading the data

    def _read(self, divisions: dict[str, Any]) -> None:
        codes: dict[str, str] = {}
        self._endings: dict[str, str] = table("english", file="place_words")
        self._ending_lengths = sorted({len(e) for e in self._endings}, reverse=True)
        for name, entry in divisions["provinces"].items():
            code, short, en = entry.split(":")
            self._add(Place(name, short, "province", "", name, en, code), "", codes)
        for name, entry in divisions["prefectures"].items():
            code, province, short, en = entry.split(":")
            self._add(Place(name, short, "prefecture", province, province, en, code), codes[province], codes)
        for line in divisions["counties"]["lines"].strip().splitlines():
            parent, items = line.split(" = ", 1)
            parent_place = self.by_code[codes[parent]]
            for item in items.split():
                code, name, short, stem = item.split(":")
                county = Place(name, short, "county", parent, parent_place.province, self._english(name, stem), code)
                self._add(county, parent_place.code, codes)

    def _add(self, place: Place, parent_code: str, codes: dict[str, str]) -> None:
        self.by_code[place.code] = place
        self.parent_code[place.code] = parent_code
        if place.level != "county":
            codes[place.name] = place.code

    def _findable(self, county_words: set[str], words: set[str]) -> dict[str, list[Place]]:
        """Names found in running text: full names, and short names that are no everyday word (a
        county's short 长沙 is one, the city's is not)."""
        out: dict[str, list[Place]] = {}
        for short, places in self.by_short.items():
            kept = [p for p in places if short not in words and (p.level != "county" or short not in county_words)]
            if kept:
                out[short] = kept
        out.update(self.by_name)
        return out

    def _english(self, name: str, stem: str) -> str:
        # the longest ending the name has: one dict lookup per length of ending
        word = next((self._endings[name[-n:]] for n in self._ending_lengths if name[-n:] in self._endings), "")
        return f"{stem} {word}".strip()

    @cached_property
    def by_en(self) -> dict[str, list[Place]]:
        """The places by English name, in every spelling lookup() takes: built on the first English lookup
        (half the time of reading the divisions, which the Chinese names alone do not need)."""
        by_en: dict[str, list[Place]] = {}
        for p in self.by_code.values():
            keys = {_en_key(p.en)}
            if p.level == "county":
                keys.add(_en_key(p.en.rsplit(" ", 1)[0]))  # Xiaoshan for Xiaoshan District
            elif p.level == "province":
                keys.add(_en_key(p.en + " province"))
            elif " " not in p.en:  # a prefecture-level city: Hangzhou City
                keys.add(_en_key(p.en + " city"))
            for key in keys:
                by_en.setdefault(key, []).append(p)
        return by_en

    def find(self, text: str, *, loose: bool) -> list[tuple[int, int, Place]]:
        """find_places; loose: county names count without a city before them (for a title or an issuer)."""
        out: list[tuple[int, int, Place]] = []
        after = 0
        for m in self.starts.finditer(text):
            i = m.start()
            name = self.name_at(text, i) if i >= after else ""
            place = self._resolve(name, [p for _, _, p in out[-6:]]) if name else None
            if place is not None and self._anchored(place, text, (i, i + len(name)), out, loose=loose):
                out.append((i, i + len(name), place))
                after = i + len(name)
        return out

    def _resolve(self, name: str, around: list[Place]) -> Place | None:
        found = self.findable[name]
        return found[0] if len(found) == 1 else self.pick(found, around)

    def _anchored(self, place: Place, text: str, span: tuple[int, int], before: list[tuple[int, int, Place]],
                  *, loose: bool) -> bool:
        """A county-level name counts after its city (or the province that governs it), before a marker,
        or (loose) when it is more than two characters long (成县 is in 完成县委)."""
        start, end = span
        if (place.level != "county" or _marked(text, end)) or (loose and len(text[start:end]) > 2):
            return True
        parent = self.parent_code.get(place.code, "")
        return any(p.code == parent for _, _, p in before)

    def name_at(self, text: str, i: int) -> str:
        """The longest findable name at i ("" for none); a short name that runs into a type word is
        part of another name (大城 in 大城市 is no 大城县)."""
        findable = self.findable
        for n in self.lengths[text[i]]:
            name = text[i : i + n]
            if name in findable:
                if name in self.by_short and name not in self.by_name and text.startswith(self.type_words, i + n):
                    return ""
                return name
        return ""

    # ------------------------------------------------------------ questions

    def contains(self, outer: Place, inner: Place) -> bool:
        code = inner.code
        while code:
            if code == outer.code:
                return True
            code = self.parent_code.get(code, "")
        return False

    def pick(self, candidates: list[Place], around: Iterable[Place] = ()) -> Place | None:
        """The one place a name means: the only one; one inside a place named nearby; one that
        holds all the others (长沙市 over 长沙县); the one province (吉林省 over 吉林市); the one
        prefecture among counties (西安市 over 西安区). Else None: the name is ambiguous."""
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        near = {c for c in candidates for a in around if self.contains(a, c)}
        if len(near) == 1:
            return near.pop()
        outer = [c for c in candidates if all(self.contains(c, o) for o in candidates)]
        if len(outer) == 1:
            return outer[0]
        top = min(LEVELS.index(c.level) for c in candidates)
        highest = [c for c in candidates if LEVELS.index(c.level) == top]
        return highest[0] if len(highest) == 1 else None


@cache
def atlas() -> Atlas:
    """The divisions, read once (tomllib only now, not at import)."""
    import tomllib

    with (data_dir() / "divisions.toml").open("rb") as f:
        return Atlas(tomllib.load(f))


# ---------------------------------------------------------------- the public questions


def lookup(name: str, *, within: Place | None = None) -> Place | None:
    """The place a name means (杭州市, 杭州, Hangzhou, hangzhou; 萧山区, 萧山, Xiaoshan District), or None
    when no division has the name or several do (鼓楼区) and ``within`` does not settle it."""
    a = atlas()
    key = _zh_key(name)
    if not key:
        return None
    if not any(0x4E00 <= ord(ch) <= 0x9FFF for ch in key):  # no Han character: an English name (Lüliang)
        candidates = a.by_en.get(_en_key(key), [])
    else:
        candidates = a.by_name.get(key) or a.by_short.get(key, [])
    if within is not None:
        candidates = [c for c in candidates if a.contains(within, c)]
    return a.pick(candidates)


def name_ending(text: str, end: int) -> int:
    """The length of the longest place name that ends at ``end`` in the text (0: none). Two-character
    county names (城区, 郊区, 沛县) do not count: they are words as often as places."""
    a = atlas()
    for n in a.name_lengths:
        if n <= end and text[end - n : end] in a.findable and (n > 2 or a.findable[text[end - n : end]][0].short):
            return n
    return 0


def contains(outer: Place, inner: Place) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it (浙江省 ⊃ 杭州市 ⊃ 萧山区)."""
    return atlas().contains(outer, inner)


def parent_of(place: Place) -> Place | None:
    a = atlas()
    return a.by_code.get(a.parent_code.get(place.code, ""))


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """Every place named in the text as (start, end, place), longest name first, not overlapping.

    Full names, and short names where they mean one division and are no everyday word (杭州 yes;
    来宾 no). A county-level name counts where its city or province is named before it in the
    text (杭州市…萧山区, 温州…瑞安), or a marker follows it (萧山区人民政府): many county names are
    also words or parts of words (惠民政策, 示范县, 城区). A name several divisions share is read
    as the one inside a place named just before it (南京市鼓楼区), else left out.
    """
    return atlas().find(text, loose=False)


def _compounds(found: list[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    """Names written one after another, each inside the one before (浙江省杭州市萧山区), as the innermost."""
    out: list[tuple[int, int, Place]] = []
    for start, end, place in found:
        if out and out[-1][1] == start and contains(out[-1][2], place):
            out[-1] = (out[-1][0], end, place)
        else:
            out.append((start, end, place))
    return out


def _marked(text: str, end: int) -> bool:
    """A marker of the speaker's own place follows (人民政府, 第十四届人民代表大会 …)."""
    session = words("own", "session_chars", file="place_words")
    i = end
    while i < len(text) and any(text.startswith(c, i) for c in session):
        i += next(len(c) for c in session if text.startswith(c, i))
    return text.startswith(words("own", "markers", file="place_words"), i)


def _one(places: Iterable[Place]) -> Place | None:
    distinct = set(places)
    return distinct.pop() if len(distinct) == 1 else None


def _named_own(text: str) -> Place | None:
    """The place a title or an issuer names as its own: one with a marker after it, else the only one."""
    text = _zh_key(text)
    compounds = _compounds(atlas().find(text, loose=True))
    marked = [p for _, end, p in compounds if _marked(text, end)]
    return _one(marked) if marked else _one(p for _, _, p in compounds)


def own_place(title: str, issuer: str, text: str) -> Place | None:
    """The document's own place: the one its issuer or title names, else the one its text speaks as.

    In the text (a work report stored without its title), a place followed by a marker at
    its opening (在杭州市第十四届人民代表大会…上) decides; else the place named most often, when
    it is named at least three times and twice as often as the next (or, failing that, the same
    among the places of the kind its self-references speak of: 全市, 我市 → a 市). None when unsure.
    """
    for named in (issuer, title):
        if named and (place := _named_own(named)) is not None:
            return place
    return _spoken_own(_zh_key(text[:HEAD]))


def _spoken_own(text: str) -> Place | None:
    compounds = _compounds(atlas().find(text, loose=True))
    opening = _one(p for _, end, p in compounds if end <= OPENING and _marked(text, end))
    if opening is not None:  # (2024年1月29日在杭州市第十四届人民代表大会第四次会议上)
        return opening
    named = Counter(p for _, _, p in compounds)
    ending = _self_ending(text)
    return _leader(named, least=3) or _leader(
        Counter({p: n for p, n in named.items() if ending and p.name.endswith(ending)}), least=3)


def _self_ending(text: str) -> str:
    """The kind of place the text calls its own: the speaker's (我代表市人民政府 at the opening), else 市 for
    全市/我市 when one kind clearly leads."""
    endings = value("own", "self", file="place_words")
    speaker = _SPEAKER.search(text, 0, OPENING)
    if speaker and speaker.group(1) in endings:
        return str(speaker.group(1))
    counts = Counter({ending: sum(text.count(w) for w in said) for ending, said in endings.items()})
    return _leader(counts, least=3) or ""


def _leader(counts: Counter[T], *, least: int) -> T | None:
    """The most counted, when counted ``least`` times and twice as often as the next."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
