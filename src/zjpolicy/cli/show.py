"""`zjpolicy show`: one document's metadata and text."""

from typing import Annotated

import typer

from zjpolicy import queries
from zjpolicy.cli import connect
from zjpolicy.cli.options import DocId, NoPager, ShowFormat, document_format
from zjpolicy.render import show_document


def show(
    doc: DocId,
    original: Annotated[bool, typer.Option("--original", help="The text as read, in its original script.")] = False,
    fmt: ShowFormat = None,
    no_pager: NoPager = False,
) -> None:
    """Examples:

    \b
      zjpolicy show 003_319bd9830f448044
      zjpolicy show 000_3669a09881a7b6b9 --original
      zjpolicy show 003_319bd9830f448044 --format json
    """
    chosen = document_format(fmt)
    show_document(queries.document(connect(), doc), original=original, fmt=chosen, page=not no_pager)
