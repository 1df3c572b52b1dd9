"""`zjpolicy docs`: the loaded documents."""

from zjpolicy import queries
from zjpolicy.cli import connect, database_name
from zjpolicy.cli.options import listing_options
from zjpolicy.render import Output, listing

# On a terminal: what tells documents apart, and their counts of facts. CSV and JSON have every
# column of the query, in its order (文号, issuer, year, script, format …).
TABLE = ["id", "date", "region", "kind", "title", "targets", "owners", "district_cells"]


@listing_options
def docs(
    *,
    out: Output,
) -> None:
    """The table shows id, date, region, kind, title and the counts of facts; CSV and JSON
    add 文号, issuer, year, script, the file format, length, SHA-256 and the document's span
    of text (start 0, end = its length in characters).

    Examples:

    \b
      zjpolicy docs
      zjpolicy docs --format json
      zjpolicy docs --columns id,title,date --format csv
    """
    rows = queries.documents(connect())
    rows = [r if r["region"] else {**r, "region": "unknown" if out.language == "en" else "未知"} for r in rows]  # no place found
    title = out.say(f"Documents: {len(rows)} in {database_name()}", f"文件：{len(rows)} 个（{database_name()}）")
    listing(rows, out, table=TABLE, machine=queries.DOCUMENT_COLUMNS, title=title)
