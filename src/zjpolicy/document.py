"""The Document: one loaded document's texts and metadata.

A leaf of the package (it imports nothing of zjpolicy), so that the readers,
the metadata and the extractors all stand above it. ``corpus`` makes
Documents; ``metadata.describe`` fills in their metadata.

Two views of every document have the same length, character for character,
so that one pair of offsets points into both:

- ``display``: the text in simplified script with pinyin glosses removed,
  punctuation and digits as written (facts quote agencies and headings from it);
- ``text``: ``display`` with full-width ASCII folded to half-width, the stored
  normalised text that every fact's offsets point into.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    """One loaded document: its texts and metadata."""

    id: str
    path: str
    original: str
    display: str
    text: str
    encoding: str
    sha256: str
    script: str = "simplified"
    title: str = ""
    doc_number: str = ""
    issuer: str = ""
    date: str = ""
    year: int | None = None
    period: str = ""
    city: str = ""
    district: str = ""
    region: str = ""  # the document's own place (杭州市, 萧山区), blank when unknown
    region_code: str = ""  # its division code (zjpolicy.places)
    province: str = ""  # the province it lies in
    kind: str = "other"
    kind_sure: bool = True  # False when only a weak cue gave the kind (各位代表: with no sign of this year's work)
    source_format: str = "txt"
    notes: list[tuple[str, str, int, int]] = field(default_factory=list)
