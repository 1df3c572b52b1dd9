"""`zjpolicy docs`: the loaded documents."""

from zjpolicy import queries
from zjpolicy.cli import connect, database_name
from zjpolicy.cli.options import listing_options
from zjpolicy.render import Output, listing, views

# On a terminal; CSV and JSON add the query's other columns (render.views).
TABLE = [
    "id", "title", "doc_number", "issuer", "date", "year", "region", "kind", "script", "targets", "owners",
    "district_cells",
]


@listing_options
def docs(
    *,
    out: Output,
) -> None:
    """CSV and JSON add the file format, length, SHA-256 and the document's span of text
    (start 0, end = its length in characters).

    Examples:

    \b
      zjpolicy docs
      zjpolicy docs --format json
      zjpolicy docs --columns id,title,date --format csv
    """
    rows = queries.documents(connect())
    rows = [r if r["region"] else {**r, "region": "unknown" if out.lang == "en" else "未知"} for r in rows]  # no place found
    table, machine, _ = views(TABLE, queries.DOCUMENT_COLUMNS)
    listing(rows, out, table=table, machine=machine, title=f"Documents: {len(rows)} in {database_name()}")
