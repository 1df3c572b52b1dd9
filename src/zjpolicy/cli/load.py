"""`zjpolicy load`: add documents to the database (or update them), with a progress bar on a terminal."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from zjpolicy.cli import database

if TYPE_CHECKING:
    from zjpolicy.loader import LoadReport


def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of documents.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="The database holds exactly these documents afterwards: the others are removed.")
    ] = False,
    measures: Annotated[
        Path | None,
        typer.Option("--measures", metavar="FILE", help="Measures of your own (TOML, as data/measures.toml), "
                     "besides the built-in ones and the config folder's measures.toml."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Any bad file fails the whole load.")] = False,
) -> None:
    """Without --db, into your library (which starts with the bundled seeds). A file already in
    the database under another id (the same bytes, or the same 文号 and title) is skipped.

    Examples:

    \b
      zjpolicy load mydocs/ && zjpolicy targets --year 2025
      zjpolicy load mydocs/ --db hz.db --replace --strict
      zjpolicy --db hz.db load downloads/ --measures my-measures.toml
    """
    from zjpolicy.loader import load as run_load
    from zjpolicy.measures import measures_file
    from zjpolicy.render import message

    db = database()
    progress = Progress(quiet)
    try:
        with measures_file(measures):
            report = run_load(db, paths, replace=replace, strict=strict, notify=message, on_document=progress.advance,
                              on_files=progress.start)
    finally:
        progress.stop()
    for line in report.skipped:
        message(f"skipped: {line}")
    if not quiet:
        message(summary("Loaded into", db, report))


def summary(verb: str, db: Path, report: "LoadReport") -> str:
    """One line: what changed, what the database holds now, how many files were skipped."""
    c = report.counts
    line = (
        f"{verb} {db}: {report.summary()} ({c['documents']} documents: {c['targets']} targets, "
        f"{c['owners']} task owners, {c['district_cells']} district cells)"
    )
    if report.reextracted:
        line += f"; {len(report.reextracted)} extracted again from their stored text"
    return line + (f"; {len(report.skipped)} skipped" if report.skipped else "")


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
            self.bar = None
