"""`zjpolicy export`: tidy CSV files of every fact."""

from pathlib import Path
from typing import Annotated

import typer

from zjpolicy import queries
from zjpolicy.cli import connect
from zjpolicy.cli.options import ExcelSafe, Lang, output
from zjpolicy.errors import ZjpolicyError
from zjpolicy.render import export_csv, message


def export(
    directory: Annotated[Path, typer.Argument(help="Folder for targets.csv, owners.csv, districts.csv.")],
    bom: Annotated[
        bool, typer.Option("--bom", help="A UTF-8 byte-order mark and CRLF line ends, for Excel on Windows.")
    ] = False,
    excel_safe: ExcelSafe = None,
    lang: Lang = None,
) -> None:
    """Column names and values as the database holds them (comparators as eq, ge, le), unless
    --lang is given: zh for Chinese headers, en for English names. districts.csv marks each
    table's 合计 rows with is_total 1.

    Examples:

    \b
      zjpolicy --db hz.db export out/
      zjpolicy export out/ --bom
      zjpolicy export out/ --lang en
    """
    out = output("csv", None, bom, excel_safe, lang)
    rows = queries.export_rows(connect())
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZjpolicyError(f"{directory}: cannot create folder ({e.strerror})") from None
    for name, data in rows.items():
        export_csv(str(directory / f"{name}.csv"), data, queries.export_columns(name), out)
    message(f"Wrote {', '.join(f'{len(v)} {k}' for k, v in rows.items())} to {directory}")
