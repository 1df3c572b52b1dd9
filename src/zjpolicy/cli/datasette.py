"""`zjpolicy datasette-metadata`: metadata JSON to browse the database in Datasette."""

from pathlib import Path
from typing import Annotated

import typer

from zjpolicy.cli import connect, database


def datasette_metadata(
    name: Annotated[
        str | None, typer.Option("--name", help="The database's name in Datasette (default: the file's stem).")
    ] = None,
) -> None:
    """Examples:

    \b
      zjpolicy --db hz.db datasette-metadata > metadata.json
      datasette hz.db --metadata metadata.json
    """
    from zjpolicy.datasette_meta import metadata
    from zjpolicy.render import print_json

    path = database()
    print_json(metadata(connect(), name or Path(path).stem))
