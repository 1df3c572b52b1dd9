"""`zjpolicy remove`: remove documents from the database by id."""

from typing import Annotated

import typer

from zjpolicy.cli import database


def remove(
    doc_ids: Annotated[list[str], typer.Argument(help="Ids of the documents to remove (see: zjpolicy docs).")],
) -> None:
    """Without --db, from your library. An id the database does not hold is an error, and
    then nothing is removed.

    Examples:

    \b
      zjpolicy remove 003_319bd9830f448044
      zjpolicy --db hz.db remove plan-2025 reply-12
    """
    from zjpolicy.cli.load import summary
    from zjpolicy.loader import remove as run_remove
    from zjpolicy.render import message

    db = database()
    report = run_remove(db, doc_ids, notify=message)
    message(summary("Removed from", db, report))
