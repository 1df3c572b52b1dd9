"""Common measures: one id for the same indicator in every document.

The measures are data (data/measures.toml, plus a user's own: a file given with
``--measures FILE`` and ``measures.toml`` in the user config folder). This module
reads and checks them; ``classify`` gives a target's indicator its measure id, or
"" when the wording does not say which (zjpolicy.measure_reading holds the rules).

    >>> classify("全社会研发经费投入", unit="亿元", context="全社会研发经费投入800亿元")
    'rd_spending'

Importing this module is cheap: tomllib is imported when the definitions are
first read, and the patterns are compiled once per measure set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zjpolicy.errors import ZjpolicyError, cannot_read
from zjpolicy.measure_set import Measure, MeasureSet, Subject
from zjpolicy.paths import data_dir

if TYPE_CHECKING:
    from zjpolicy.measure_reading import Reader

__all__ = ["Measure", "MeasureSet", "Subject", "classify", "reader"]

KINDS = ("share", "amount", "growth", "stock", "flow", "ratio")
USER_FILE = "measures.toml"
_MEASURE_KEYS = frozenset({"zh", "en", "kind", "unit", "subject", "of", "names", "whole", "better"})
BETTER = ("higher", "lower")
_SUBJECT_KEYS = frozenset({"words", "stems", "heads"})
_SECTIONS = frozenset({"measure", "subject", "words"})


def reader(measures: MeasureSet) -> Reader:
    """The compiled rules of a measure set (built once per set, on first use)."""
    built = measures.__dict__.get("_reader")
    if built is None:
        from zjpolicy.measure_reading import Reader

        built = Reader(measures)
        object.__setattr__(measures, "_reader", built)  # a cache on a frozen value
    return built


# ---------------------------------------------------------------- reading files


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise cannot_read(str(path), e, kind="measures file") from None
    except UnicodeDecodeError:
        raise ZjpolicyError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ZjpolicyError(f"{path}: not valid TOML ({e})") from None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ZjpolicyError(f"{where} must be a list of words")
    return tuple(v.strip() for v in value)


def _table(raw: dict[str, Any], key: str, label: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ZjpolicyError(f"{label}: [{key}] must be a table")
    return value


def _measure_specs(raw: dict[str, Any], label: str) -> dict[str, Any]:
    """The measures of a file by id: [measure.ID] tables, or [[measure]] entries each with an id."""
    specs = raw.get("measure", {})
    if not isinstance(specs, list):
        return _table(raw, "measure", label)
    out: dict[str, Any] = {}
    for n, spec in enumerate(specs, 1):
        mid = spec.pop("id", None) if isinstance(spec, dict) else None
        if not isinstance(mid, str) or not mid.strip():
            raise ZjpolicyError(f"{label}: measure number {n} has no id")
        if mid in out:
            raise ZjpolicyError(f"{label}: measure {mid!r} is defined twice")
        out[mid.strip()] = spec
    return out


def _table_of(spec: Any, where: str, known: frozenset[str]) -> None:
    """A measure's or subject's definition is a TOML table of known keys, or a one-line error."""
    if not isinstance(spec, dict):
        raise ZjpolicyError(f"{where} must be a table")
    unknown = sorted(set(spec) - known)
    if unknown:
        raise ZjpolicyError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")


def _measure(mid: str, spec: Any, label: str) -> Measure:
    where = f"{label}: measure {mid!r}"
    _table_of(spec, where, _MEASURE_KEYS)
    if not mid.isidentifier() or not mid.isascii():
        raise ZjpolicyError(f"{label}: measure id {mid!r} must be letters, digits and _")
    for key in ("zh", "kind", "unit"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            raise ZjpolicyError(f"{where}: missing {key}")
    if spec["kind"] not in KINDS:
        raise ZjpolicyError(f"{where}: unknown kind {spec['kind']!r} (one of {', '.join(KINDS)})")
    names = _strings(spec.get("names", []), f"{where}: names")
    if not names and not spec.get("subject"):
        raise ZjpolicyError(f"{where}: needs names or a subject")
    if not isinstance(spec.get("whole", False), bool):
        raise ZjpolicyError(f"{where}: whole must be true or false")
    if spec.get("better", "higher") not in BETTER:
        raise ZjpolicyError(f"{where}: better must be \"higher\" or \"lower\"")
    return Measure(
        id=mid, zh=spec["zh"].strip(), en=str(spec.get("en", "")).strip(), kind=spec["kind"],
        unit=spec["unit"].strip(), subject=str(spec.get("subject", "")).strip(), of=str(spec.get("of", "")).strip(),
        names=names, whole=spec.get("whole", False), better=spec.get("better", "higher"), origin=label,
    )


def _subject(sid: str, spec: Any, label: str) -> Subject:
    where = f"{label}: subject {sid!r}"
    _table_of(spec, where, _SUBJECT_KEYS)
    subject = Subject(
        id=sid, words=_strings(spec.get("words", []), f"{where}: words"),
        stems=_strings(spec.get("stems", []), f"{where}: stems"), heads=_strings(spec.get("heads", []), f"{where}: heads"),
        origin=label,
    )
    if bool(subject.stems) != bool(subject.heads) or not subject.wordings():
        raise ZjpolicyError(f"{where}: needs words, or stems with heads")
    return subject


# ---------------------------------------------------------------- merging and checking


class _Builder:
    """Lays files over each other: the built-in one first, then a user's."""

    def __init__(self) -> None:
        self.measures: dict[str, Measure] = {}
        self.subjects: dict[str, Subject] = {}
        self.words: dict[str, tuple[str, ...]] = {}
        self.notes: list[str] = []

    def add(self, raw: dict[str, Any], label: str, *, builtin: bool) -> None:
        unknown = sorted(set(raw) - _SECTIONS)
        if unknown:
            raise ZjpolicyError(f"{label}: unknown section [{unknown[0]}] (known: measure, subject, words)")
        for sid, spec in _table(raw, "subject", label).items():
            if sid in self.subjects:
                self.notes.append(f"{label}: subject {sid!r} replaces the one defined before")
            self.subjects[sid] = _subject(sid, spec, label)
        for mid, spec in _measure_specs(raw, label).items():
            if mid in self.measures:
                self.notes.append(f"{label}: measure {mid!r} replaces the {self.measures[mid].origin} one")
            self.measures[mid] = _measure(mid, spec, label)
        for key, value in _table(raw, "words", label).items():
            if not builtin and key not in self.words:
                raise ZjpolicyError(f"{label}: unknown word list [words] {key!r}")
            self.words[key] = tuple(dict.fromkeys(self.words.get(key, ()) + _strings(value, f"{label}: [words] {key}")))

    def build(self) -> MeasureSet:
        self._check_references()
        self._check_overlaps()
        return MeasureSet(measures=dict(self.measures), subjects=dict(self.subjects), words=dict(self.words),
                          notes=tuple(self.notes))

    def _check_references(self) -> None:
        for m in self.measures.values():
            for ref in (m.subject, m.of):
                if ref and ref not in self.subjects:
                    raise ZjpolicyError(f"{m.origin}: measure {m.id!r} names subject {ref!r}, which is not defined")

    def _check_overlaps(self) -> None:
        """Two measures for one reading, or one wording for two things, would make the answer a guess."""
        readings: dict[tuple[str, str, str], Measure] = {}
        for m in self.measures.values():
            if not m.subject:
                continue
            other = readings.setdefault((m.subject, m.kind, m.of), m)
            if other is not m:
                raise ZjpolicyError(f"{m.origin}: measure {m.id!r} reads the same as {other.id!r} "
                                    f"(subject {m.subject}, kind {m.kind})")
        owners: dict[str, str] = {}
        for s in self.subjects.values():
            for w in s.wordings():
                self._own(owners, w, f"subject {s.id!r}", s.origin)
        for m in self.measures.values():
            for w in m.names:
                self._own(owners, w, f"measure {m.id!r}", m.origin)

    @staticmethod
    def _own(owners: dict[str, str], wording: str, owner: str, origin: str) -> None:
        first = owners.setdefault(wording, owner)
        if first != owner:
            raise ZjpolicyError(f"{origin}: the wording {wording!r} of {owner} already names {first}")


# ---------------------------------------------------------------- the active set


def user_file() -> Path:
    """measures.toml in the user config folder ($ZJPOLICY_CONFIG_DIR, else platformdirs'), read when it exists."""
    folder = os.environ.get("ZJPOLICY_CONFIG_DIR")
    if not folder:
        from platformdirs import user_config_dir

        folder = user_config_dir("zjpolicy")
    return Path(folder) / USER_FILE


def load_measures(extra: Path | None = None, *, config_file: Path | None = None) -> MeasureSet:
    """Built-in measures, then the user config folder's measures.toml, then ``extra`` (--measures FILE)."""
    builder = _Builder()
    builder.add(_read_toml(data_dir() / "measures.toml"), "built-in", builtin=True)
    config = user_file() if config_file is None else config_file
    if config.is_file():
        builder.add(_read_toml(config), str(config), builtin=False)
    if extra is not None:
        builder.add(_read_toml(extra), str(extra), builtin=False)
    return builder.build()


_ACTIVE: list[MeasureSet] = []
_EXTRA: list[Path | None] = [None]


def use_measures_file(path: Path | None) -> MeasureSet:
    """Make ``path`` (--measures FILE) part of the active set; check it now so a bad file fails early."""
    loaded = load_measures(path)
    _EXTRA[0] = path
    _ACTIVE[:] = [loaded]
    return loaded


@contextmanager
def measures_file(path: Path | None) -> Iterator[MeasureSet]:
    """The active set for one load: the config folder's file read now, and ``path`` (--measures FILE); a bad
    file fails here, before anything is written. The set in force before comes back afterwards."""
    saved = (list(_ACTIVE), _EXTRA[0])
    try:
        yield use_measures_file(path)
    finally:
        _ACTIVE[:], _EXTRA[0] = saved


def active_measures() -> MeasureSet:
    """The measures in force (read once; worker processes forked after use_measures_file share it)."""
    if not _ACTIVE:
        _ACTIVE.append(load_measures(_EXTRA[0]))
    return _ACTIVE[0]


def all_measures() -> list[Measure]:
    """Every active measure, in the order of the data (built-in first), for `zjpolicy measures`."""
    return list(active_measures())


def measure_set_fingerprint() -> str:
    return active_measures().fingerprint()


def mentions(text: str) -> bool:
    """Whether the text names a wording of an active measure, or a stem a bare head carries on
    (规模以上工业…增加值): only such sentences are read for achieved figures."""
    return reader(active_measures()).mentions(text)


def classify(indicator: str, *, unit: str, context: str = "", before: str = "", heading: str = "") -> str:
    """The id of the common measure that the target's indicator is, or "" when none fits or it is unclear.

    indicator: the target's indicator as extracted; unit: its unit (亿元, %, 家 …);
    context: the clause it stands in; before: the clauses before it in its sentence
    (for a subject or a verb carried over); heading: the task or section heading it
    stands under (a zone named there makes the targets the zone's).
    """
    return reader(active_measures()).classify(indicator, unit=unit, context=context, before=before, heading=heading)
