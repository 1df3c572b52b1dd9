"""Extractors: pure functions from a Document to fact records with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

from zjpolicy.document import Document
from zjpolicy.extract.achieved import Achieved
from zjpolicy.extract.districts import DistrictTable, extract_districts
from zjpolicy.extract.owners import OwnerNote, TaskOwner, extract_owners, owned_task_spans
from zjpolicy.extract.structure import layout
from zjpolicy.extract.tables import cell_stream
from zjpolicy.extract.targets import Decision, Target, explain, extract_targets
from zjpolicy.extract.task_tables import table_owner_clauses


@dataclass
class Facts:
    doc: Document
    targets: list[Target] = field(default_factory=list)
    owners: list[TaskOwner] = field(default_factory=list)
    owner_notes: list[OwnerNote] = field(default_factory=list)
    tables: list[DistrictTable] = field(default_factory=list)
    achieved: list[Achieved] = field(default_factory=list)


def extract_all(doc: Document) -> Facts:
    lay = layout(doc)
    cells = cell_stream(doc.text)  # one reading of the tables serves districts and task tables
    owners, notes = extract_owners(doc, table_owner_clauses(doc, cells), heads=lay.heads)
    return Facts(doc, extract_targets(doc, lay, owned_task_spans(owners, lay.heads)), owners, notes, extract_districts(doc, cells))


def explain_targets(doc: Document) -> list[Decision]:
    """Every number with a unit in the document, with the targets it gave or the step that rejected
    it and why (for `facts --why`); the same reading as extract_all."""
    lay = layout(doc)
    owners, _ = extract_owners(doc, table_owner_clauses(doc), heads=lay.heads)
    return explain(doc, lay, owned_task_spans(owners, lay.heads))
