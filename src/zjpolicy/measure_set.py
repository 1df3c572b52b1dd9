"""The definitions of the common measures as values: a leaf that the reader of the rules and the
loader of the files (zjpolicy.measures) both use."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Measure:
    """One common measure, as the data defines it (for listing and for the classifier)."""

    id: str
    zh: str
    en: str
    kind: str
    unit: str
    subject: str = ""
    of: str = ""
    names: tuple[str, ...] = ()
    whole: bool = False
    better: str = "higher"  # which way progress goes: "lower" for a rate to keep down (unemployment)
    origin: str = "built-in"


@dataclass(frozen=True)
class Subject:
    """A thing measured: its wordings, whole or built from stems and heads."""

    id: str
    words: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    origin: str = "built-in"

    def wordings(self) -> tuple[str, ...]:
        return self.words + tuple(s + h for s in self.stems for h in self.heads)


@dataclass(frozen=True)
class MeasureSet:
    """The active definitions: built-in ones with a user's files laid over them."""

    measures: Mapping[str, Measure]
    subjects: Mapping[str, Subject]
    words: Mapping[str, tuple[str, ...]]
    notes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Measure]:
        return iter(self.measures.values())

    def fingerprint(self) -> str:
        """A hash of the definitions: when it changes, stored facts need their measures again."""
        import hashlib
        import json

        blob = json.dumps(
            {
                "measures": {k: _plain(v) for k, v in sorted(self.measures.items())},
                "subjects": {k: _plain(v) for k, v in sorted(self.subjects.items())},
                "words": {k: list(v) for k, v in sorted(self.words.items())},
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _plain(obj: Measure | Subject) -> dict[str, Any]:
    d = dict(obj.__dict__)
    d.pop("origin", None)
    d.pop("better", None)  # how progress is read, not how an indicator is classified
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}
