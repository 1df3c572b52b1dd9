"""Regions that compare: the place each document speaks for, and the documents `--region` names.

A document's place is read from its metadata (documents.region_code, else its region, district
and city) through zjpolicy.places, so 杭州市, 杭州, Hangzhou and hangzhou are one place, and a
place holds the places inside it: `--region 杭州市` names the documents of 杭州市 and of 萧山区.
A name that is no place (or a document whose place is unknown) falls back to the text: the name
written in the document's region, city or district.

On the query side: the divisions are read only when a command asks about a region.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from zjpolicy.places import Place, atlas, contains, lookup

Row = dict[str, Any]
# The document columns a place is read from (queries.document_places returns them).
FIELDS = ("region", "region_code", "city", "district", "province")
UNKNOWN_CODE = "~"  # sorts after every division code


def code_key(code: str | None) -> str:
    """A division code as places.Place.code writes it: 330100 → 3301, 330000 → 33, 330109 stays."""
    key = (code or "").strip()
    while len(key) > 2 and key.endswith("00"):
        key = key[:-2]
    return key


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def document_place(doc: Row) -> Place | None:
    """The place a document speaks for: its region code's division, else its region (inside its
    city when the name alone is ambiguous), else its district inside its city, else its city."""
    by_code = atlas().by_code.get(code_key(doc.get("region_code")))
    if by_code is not None:
        return by_code
    city_name = _text(doc.get("city"))
    city = lookup(city_name) if city_name else None
    for name in (_text(doc.get("region")), _text(doc.get("district")), city_name):
        if not name:
            continue
        place = (lookup(name, within=city) if city is not None else None) or lookup(name)
        if place is not None:
            return place
    return None


class Located:
    """A document's place as the views show it: label (the place's name, else the region as
    written) and the key facts of the same place share (the division code)."""

    __slots__ = ("code", "label", "place", "texts")

    def __init__(self, doc: Row) -> None:
        self.place = document_place(doc)
        self.texts = tuple(t for t in (_text(doc.get(k)) for k in ("region", "city", "district")) if t)
        self.label = self.place.name if self.place else (self.texts[0] if self.texts else "")
        self.code = self.place.code if self.place else ""

    @property
    def division_code(self) -> str:
        """The code as the statistics bureau writes it, six digits: 3301 → 330100 ("" when unknown)."""
        return self.code.ljust(6, "0") if self.code else ""

    @property
    def key(self) -> str:
        """Facts of one place share it; "" (a document of no known place) matches nothing."""
        return self.code or (f"text:{self.label}" if self.label else "")

    @property
    def order(self) -> tuple[str, str]:
        """The divisions' own order (a city, then the places inside it), unknown places last."""
        return (self.code or UNKNOWN_CODE, self.label)


class RegionIndex:
    """Every document's place, to select the documents of a region and to label facts."""

    def __init__(self, documents: Iterable[Row]) -> None:
        cache: dict[tuple[str, ...], Located] = {}
        self.of: dict[str, Located] = {}
        for doc in documents:
            fields = tuple(_text(doc.get(k)) for k in FIELDS)
            if fields not in cache:
                cache[fields] = Located(doc)
            self.of[doc["id"]] = cache[fields]

    def wanted(self, name: str) -> Place | None:
        """The place `--region NAME` means; a name several divisions share (鼓楼区) means the one
        loaded documents speak for, else the one inside the provinces of the loaded documents."""
        place = lookup(name)
        if place is not None:
            return place
        loaded = {p for loc in self.of.values() if (p := loc.place) is not None}
        named = {p for p in loaded if name.strip() in (p.name, p.short)}
        if len(named) == 1:
            return named.pop()
        provinces = {lookup(p.province) for p in loaded}
        found = {lookup(name, within=p) for p in provinces if p is not None} - {None}
        return found.pop() if len(found) == 1 else None

    def select(self, name: str) -> list[str]:
        """The ids of the documents of region NAME or of a place inside it, in id order."""
        wanted = self.wanted(name)
        words = {name.strip()} | ({wanted.name, wanted.short} if wanted else set())
        words.discard("")
        chosen = []
        for doc_id, loc in self.of.items():
            if wanted is not None and loc.place is not None:
                if contains(wanted, loc.place):
                    chosen.append(doc_id)
            elif any(w in t for w in words for t in loc.texts):
                chosen.append(doc_id)
        return sorted(chosen)

    def labels(self) -> list[str]:
        """The regions of the loaded documents, in the divisions' order."""
        distinct = {loc.label: loc for loc in self.of.values() if loc.label}
        return [loc.label for loc in sorted(distinct.values(), key=lambda loc: loc.order)]

    def locate(self, rows: Sequence[Row]) -> None:
        """Label each fact row (with `doc`) with its document's region, code and place key."""
        for r in rows:
            loc = self.of.get(r["doc"])
            r["region"] = loc.label if loc else ""
            r["region_code"] = loc.division_code if loc else ""
            r["_place"] = loc.key if loc else ""
            r["_order"] = loc.order if loc else (UNKNOWN_CODE, "")
