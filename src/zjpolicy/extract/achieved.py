"""Achieved figures: what a document reports as reached (or estimated) for a past year or period,
for one of the common measures (GUIDE.md section 4). What targets are later checked against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Achieved:
    doc_id: str
    year: int | None
    measure: str
    indicator: str
    value: float  # a fall (下降3%) is negative
    unit: str
    estimate: int  # 1 for 预计, 初步统计 …
    start: int  # the clause in the normalised text
    end: int
    value_start: int  # the number and its unit
    value_end: int
    quote: str
    value_base: float
    base_unit: str
