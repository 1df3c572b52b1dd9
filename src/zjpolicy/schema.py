"""The database's tables, declared once: each column in order, with its type and what it holds.

Everything else is derived from this: db.py creates the tables, indexes and full-text
indexes and writes a fact's row by column name; queries.py selects the columns and
export writes them; datasette_meta.py describes them; the listings show them. A new
column is one line here plus its value where it is computed (a field of the fact, or
an entry in db.fact_rows' computed values).

Import-free (nothing at all): any command may read it cheaply. Plain classes, not
NamedTuples or dataclasses: they are made at every start-up, where a quarter of a
millisecond counts.
"""


class Column:
    __slots__ = ("description", "name", "type")

    def __init__(self, name: str, type: type, description: str) -> None:
        self.name = name
        self.type = type
        self.description = description  # one line: Datasette shows it beside the column


class Table:
    __slots__ = ("columns", "description", "foreign_keys", "fts", "indexes", "name", "pk")

    def __init__(
        self, name: str, description: str, columns: tuple[Column, ...], *, pk: str | tuple[str, ...],
        foreign_keys: tuple[tuple[str, str, str], ...] = (), indexes: tuple[tuple[str, ...], ...] = (),
        fts: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.description = description
        self.columns = columns
        self.pk = pk
        self.foreign_keys = foreign_keys  # (column, other table, other column)
        self.indexes = indexes
        self.fts = fts  # columns of its full-text index (FTS5, trigram), named TABLE_fts

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def key(self) -> tuple[str, ...]:
        """The primary key's columns."""
        return (self.pk,) if isinstance(self.pk, str) else self.pk


OFFSET = "characters from the start of the document's normalised text (documents.text), counting from 0"
OF_DOCUMENT = (("doc_id", "documents", "id"),)
DOC_ID = Column("doc_id", str, "The document (documents.id)")
QUOTE = Column("quote", str, "The clause: text[start:end]")


def span(what: str, prefix: str = "") -> tuple[Column, Column]:
    """The start and end (exclusive) of something in the document's text: `prefix`start, `prefix`end."""
    return (Column(f"{prefix}start", int, f"Start of {what}, in {OFFSET}"),
            Column(f"{prefix}end", int, f"End of {what} (exclusive), in {OFFSET}"))


def facts_of_documents(
    name: str, description: str, columns: tuple[Column, ...], *, seq: str = "Order in the document",
    indexes: tuple[tuple[str, ...], ...] = (), fts: tuple[str, ...] = (),
) -> Table:
    """A table of facts of documents: the document and the fact's order in it (the key), then its columns."""
    return Table(name, description, (DOC_ID, Column("seq", int, seq), *columns), pk=("doc_id", "seq"),
                 foreign_keys=OF_DOCUMENT, indexes=indexes, fts=fts)


# A figure of a measure or a target: its value in base units, the region, and where it stands.
FIGURE_TAIL = (
    Column("value_base", float, "value with 万/亿/千 multiplied out, in base_unit (800 亿元 → 80000000000 元)"),
    Column("base_unit", str, "Unit of value_base"),
    Column("region", str, "Region of the document"),
    *span("the clause"),
    *span("the number and its unit", "value_"),
    QUOTE,
)

META = Table(
    "meta", "Which version of zjpolicy wrote the database.",
    (Column("key", str, "Name"), Column("value", str, "Value")),
    pk="key",
)

DOCUMENTS = Table(
    "documents",
    "The loaded documents, one row each: metadata found in the text, the normalised text "
    "(simplified script, full-width ASCII folded) that every fact's offsets point into, and the "
    "original text as read.",
    (
        Column("id", str, "Document id: the file's stem"),
        Column("title", str, "Title as found at the head of the text"),
        Column("doc_number", str, "文号, the issuing number, e.g. 某科发〔2025〕3号"),
        Column("issuer", str, "Issuing body"),
        Column("date", str, "Date of issue (YYYY-MM-DD)"),
        Column("year", int, "Year of issue"),
        Column("period", str, "Period the document covers, e.g. 2021-2025"),
        Column("city", str, "Prefecture-level city the document belongs to"),
        Column("district", str, "District, county or county-level city the document belongs to"),
        Column("region", str, "The document's own place (a city, district or county; blank when unknown)"),
        Column("region_code", str, "Division code of the region (国家统计局 code, e.g. 330100), blank when unknown"),
        Column("province", str, "Province of the region, blank when unknown"),
        Column("kind", str, "plan, reply, summary, task_list, opinion, statistics, news, report (a government work report) or other"),
        Column("script", str, "simplified or traditional (of the original; text is always simplified)"),
        Column("encoding", str, "Encoding of the file as read"),
        Column("source_format", str, "File format: txt, html, docx, pdf …"),
        Column("sha256", str, "SHA-256 of the file's bytes"),
        Column("path", str, "Path of the file when loaded"),
        Column("size", int, "Size of the file (bytes)"),
        Column("mtime_ns", int, "Modification time of the file (nanoseconds since 1970)"),
        Column("chars", int, "Length of text (characters)"),
        Column("text", str, "Normalised text: the offsets of every fact point into it"),
        Column("original", str, "The text as read, in its original script"),
    ),
    pk="id",
    # every document's place without reading its text (queries.document_places, for --region): a covering index
    indexes=(("id", "region", "region_code", "city", "district", "province"),),
    fts=("title", "text"),
)

TARGETS = facts_of_documents(
    "targets",
    "Quantitative targets: what a document promises for a year, with its value, unit and "
    "comparator, and the clause it was read from.",
    (
        Column("year", int, "Year the target is due"),
        Column("indicator", str, "What is counted or measured"),
        Column("value", float, "The number as written, in unit (2.5 with unit % is 2.5%)"),
        Column("unit", str, "Unit as written: %, 个百分点, 家 (enterprises/units), 项 (items), 亿元 (100 million yuan) …"),
        Column("comparator", str, "= (reach), >= (at least) or <= (at most)"),
        Column("measure", str, "The common measure the indicator is (measures.id: rd_intensity …), blank when none"),
        *FIGURE_TAIL,
    ),
    seq="Order of the target in its document",
    indexes=(("year",), ("region",), ("measure", "year")),
    fts=("indicator", "quote"),
)

ACHIEVED = facts_of_documents(
    "achieved",
    "Achieved figures: what a document reports as reached (or estimated, 预计) for a past year or "
    "period, for one of the common measures; what targets are checked against.",
    (
        Column("year", int, "Year the figure describes (过去一年 in a 2024 report is 2023)"),
        Column("measure", str, "The common measure (measures.id)"),
        Column("indicator", str, "The measure as the document words it"),
        Column("value", float, "The number as written, in unit; a fall (下降3%) is negative"),
        Column("unit", str, "Unit as written"),
        Column("estimate", int, "1 when the document calls it an estimate (预计, 初步统计), else 0"),
        *FIGURE_TAIL,
    ),
    indexes=(("measure", "year"), ("region",)),
)

OWNERS = facts_of_documents(
    "owners",
    "Who is responsible for each numbered task: one row per agency named for a task.",
    (
        Column("task", str, "Task number as written (7, 三, ③)"),
        Column("task_order", int, "Task number as a number, for sorting"),
        Column("task_title", str, "Heading of the task"),
        Column("clause", int, "The n-th owner parenthesis or cell of the task"),
        Column("role", str, "Label of the owners: 责任单位 (responsible unit), 牵头单位 (lead unit), 配合单位 (cooperating unit) …"),
        Column("position", int, "Place in the list of owners; 1 is the lead"),
        Column("agency", str, "The agency"),
        *span("the clause"),
        *span("the agency's name", "agency_"),
        QUOTE,
    ),
    # the last: the lead agency of a clause (queries.owners' `lead` subquery), one lookup per row
    indexes=(("agency",), ("task",), ("doc_id", "task", "clause", "position")),
)

DISTRICT_TABLES = Table(
    "district_tables",
    "Tables of counts by district found in the documents.",
    (
        DOC_ID,
        Column("table_no", int, "Number of the table in its document (1, 2 …)"),
        Column("title", str, "Caption of the table"),
        Column("columns", str, "All column headings (JSON list)"),
        Column("count_columns", str, "Headings of the columns that count things (JSON list)"),
    ),
    pk=("doc_id", "table_no"),
    foreign_keys=OF_DOCUMENT,
)

DISTRICT_CELLS = Table(
    "district_cells",
    "Counts by district: one row per district and kind of institution (tidy form of district_tables).",
    (
        DOC_ID,
        Column("table_no", int, "The table (district_tables.table_no)"),
        Column("seq", int, "Order in the table"),
        Column("district", str, "District, county or county-level city (or 合计 for the table's total)"),
        Column("institution", str, "Kind counted: 市研发中心 (municipal R&D centre), 省研发中心 (provincial R&D centre) …"),
        Column("count", int, "The count (number of institutions)"),
        Column("is_total", int, "1 for the table's 合计 row"),
        *span("the number"),
        Column("row_start", int, f"Start of the table row, in {OFFSET}"),
        Column("quote", str, "The table row"),
    ),
    pk=("doc_id", "table_no", "seq"),
    foreign_keys=OF_DOCUMENT,
    indexes=(("institution",),),
)

NOTES = facts_of_documents(
    "notes",
    "Document-wide notes, e.g. 以下均需各区、县〔市〕落实 for the task owners.",
    (
        Column("kind", str, "What the note is about: owners, or districts (a table whose headings could not be lined up with its columns)"),
        Column("text", str, "The note"),
        *span("the note"),
    ),
)

# In the order they are created.
TABLES: dict[str, Table] = {
    t.name: t for t in (META, DOCUMENTS, TARGETS, ACHIEVED, OWNERS, DISTRICT_TABLES, DISTRICT_CELLS, NOTES)
}


def shape() -> str:
    """What a database's shape depends on (names, types, keys, indexes, FTS; not the descriptions),
    as text: db.shape_version hashes it."""
    tables = [
        (t.name, [(c.name, c.type.__name__) for c in t.columns], t.pk, list(t.foreign_keys) or None)
        for t in TABLES.values()
    ]
    indexes = [(t.name, list(cols)) for t in TABLES.values() for cols in t.indexes]
    fts = {t.name: list(t.fts) for t in TABLES.values() if t.fts}
    return repr((tables, indexes, fts))
