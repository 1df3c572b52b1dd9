"""`zjpolicy load`: build the database from documents, with a progress bar on a terminal."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from zjpolicy.cli import state
from zjpolicy.errors import ZjpolicyError


def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of documents.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Any bad file fails the whole load.")] = False,
    measures: Annotated[
        Path | None,
        typer.Option("--measures", metavar="FILE", help="Measures of your own (TOML, as data/measures.toml), "
                     "besides the built-in ones and the config folder's measures.toml."),
    ] = None,
) -> None:
    """Examples:

    \b
      zjpolicy --db hz.db load seeds/ more/plan-2025.txt
      zjpolicy --db hz.db load downloads/ --strict
      zjpolicy --db hz.db load downloads/ --measures my-measures.toml
    """
    from zjpolicy.loader import load as run_load
    from zjpolicy.measures import measures_file
    from zjpolicy.render import message

    if state.db is None:
        raise ZjpolicyError("load needs --db PATH (or ZJPOLICY_DB): the default database is built from the seeds")
    with measures_file(measures):
        progress = Progress(quiet)
        report = run_load(state.db, paths, strict=strict, on_document=progress.advance, on_files=progress.start)
        progress.stop()
    for line in report.skipped:
        message(f"skipped: {line}")
    if not quiet:
        c = report.counts
        message(
            f"Loaded {c['documents']} documents into {state.db}: {c['targets']} targets, "
            f"{c['owners']} task owners, {c['district_cells']} district cells"
            + (f"; {len(report.skipped)} skipped" if report.skipped else "")
        )


class Progress:
    """A rich progress bar on a terminal; nothing otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.bar: Any = None
        self.task: Any = None
        self.enabled = not quiet and sys.stderr.isatty()

    def start(self, total: int) -> None:
        if self.enabled and total > 1:
            from rich.console import Console
            from rich.progress import Progress as Bar

            # on stderr, beside the other notices: stdout stays free for a pipe
            self.bar = Bar(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("loading", total=total)

    def advance(self, _doc: str) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
