"""The command line: parse options, call the library, render. Nothing else.

Only the command being run is imported and built: COMMANDS names each command's module
and its one-line help, so `zjpolicy --help` lists every command without importing one.
Each command is a function of its module (cli/targets.py …); its docstring is the rest
of its help.

Exit codes: 0 ok, 1 findings (check), 2 usage or input error.
"""

import functools
import importlib
import inspect
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption
from typer.models import CommandInfo

from zjpolicy.errors import ZjpolicyError

# Command: (its module in zjpolicy.cli, its purpose in English, its purpose in Chinese). The two lines
# open the command's help and stand beside its name in `zjpolicy --help`, in this order.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "load": (
        "load",
        ("Add documents to the database, or update them: a document's id is its file stem (--replace: the "
         "database holds exactly these afterwards)."),
        "把文件加入数据库或更新（文件名即编号；--replace：库中只留这些文件）。",
    ),
    "remove": ("remove", "Remove documents from the database by id.", "按编号从数据库删除文件。"),
    "targets": (
        "targets", "Quantitative targets: indicator, value, unit, comparator, region, document, clause.",
        "量化目标：指标、数值、单位、比较、地区、文件、原文。",
    ),
    "districts": (
        "districts", "Counts by district, one row per district with a total; the document's 合计 as the footer.",
        "各区县统计表：每区县一行，文件的合计行在表尾。",
    ),
    "owners": ("owners", "Who is responsible for each numbered task.", "各项任务的责任单位。"),
    "docs": ("docs", "The loaded documents and their metadata.", "已导入的文件：标题、文号、日期等。"),
    "search": (
        "search", "Find text in the documents and their targets, in either script (濱江區 finds 滨江区).",
        "在文件和目标中查找文字，繁简皆可。",
    ),
    "show": (
        "show", "A document's metadata and its text (the text every fact's offsets point into).",
        "一个文件的信息和全文（数据位置即指向此文）。",
    ),
    "measures": (
        "measures", "The common measures (rd_intensity …), each with its counts of targets and achieved figures.",
        "通用指标（如研发投入强度）及其目标数和实绩数。",
    ),
    "compare": (
        "compare",
        "One measure across documents: its targets and achieved figures side by side, one row per region and year.",
        "一个指标在各文件中的目标与实绩对照，每地区每年一行。",
    ),
    "progress": (
        "progress",
        ("Every target that has a measure beside the achieved figure of its place and year: the gap and a status "
         "(met, short, not yet due, no figure, no year)."),
        "有通用指标的目标与同地同年的实绩对照：差距和状态。",
    ),
    "datasette-metadata": (
        "datasette",
        ("Metadata JSON for browsing the database in Datasette: titles, descriptions, units, document titles as "
         "labels, facets and full-text search."),
        "在 Datasette 中浏览数据库所用的元数据。",
    ),
    "export": (
        "export", "Write tidy CSVs of every fact: targets.csv, owners.csv, districts.csv.",
        "把全部数据导出为整齐的 CSV 文件。",
    ),
    "check": (
        "check",
        ("Consistency findings: district tables that do not add up to their 合计, totals stated in the text that "
         "differ from the table, targets due before the document's date, numbered tasks with no owner. Exits 1 "
         "when a finding is an error."),
        "一致性检查：合计不符、目标早于发文、任务无责任单位等。",
    ),
    "facts": (
        "check",
        ("Every fact of one document with its quote and the matched span highlighted, to check the extraction in "
         "one screen."),
        "一个文件的全部数据及原文，标出匹配处，便于核对。",
    ),
}


def purpose(name: str) -> str:
    """A command's purpose in both languages, Chinese first: the first paragraph of its help."""
    _, english, chinese = COMMANDS[name]
    return f"{chinese}\n\n{english}"


class State:
    db: Path | None = None  # --db (before or after the command) or ZJPOLICY_DB


state = State()


def database() -> Path:
    """The database a command reads or changes: --db, else the user's library (made from the seeds when
    missing, brought up to date when another version of zjpolicy wrote it)."""
    if state.db is not None:
        return state.db
    from zjpolicy.library import ensure_library
    from zjpolicy.render import message

    return ensure_library(message)


def database_name() -> Path:
    """The database a command reads, without making it: --db, else the library's path."""
    if state.db is not None:
        return state.db
    from zjpolicy.paths import library_path

    return library_path()


def db_help() -> str:
    from zjpolicy.paths import library_path

    return f"Database file (default: your library, {library_path()})."


class DbOption(TyperOption):
    """--db after the command (`zjpolicy load docs/ --db my.db`): the same as before it. Its help names
    the library's path, worked out only when help is shown."""

    def __init__(self) -> None:
        super().__init__(param_decls=["--db"], metavar="PATH", expose_value=False, callback=self._set,
                         help="Database file (default: your library).")

    @staticmethod
    def _set(ctx: Any, param: Any, value: str | None) -> None:
        if value is not None:
            state.db = Path(value)

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        self.help = db_help()
        return super().get_help_record(ctx)


def connect() -> sqlite3.Connection:
    from zjpolicy.queries import connect as open_read_only

    return open_read_only(database())


F = TypeVar("F", bound=Callable[..., Any])


def error_line(e: ZjpolicyError) -> str:
    """`Error: …`, or the message alone for an error that says what happened itself (an interrupted load)."""
    label = getattr(e, "label", "Error")
    return f"{label}: {e}" if label else str(e)


def one_line_errors(func: F) -> F:
    """A ZjpolicyError becomes `Error: …` on stderr and its exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ZjpolicyError as e:
            print(error_line(e), file=sys.stderr)
            raise typer.Exit(e.exit_code) from None
        except sqlite3.DatabaseError as e:
            # a damaged page read by a query: the file is not what a load wrote
            print(f"Error: {state.db or 'the default database'}: the database is damaged ({e}); load the documents again",
                  file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def build(name: str) -> Any:
    """The click command of COMMANDS' `name`: its module imported, its function's options read by typer."""
    module = COMMANDS[name][0]
    func = getattr(importlib.import_module(f"zjpolicy.cli.{module}"), name.replace("-", "_"))
    info = CommandInfo(name=name, callback=one_line_errors(func), help=f"{purpose(name)}\n\n{inspect.getdoc(func)}")
    command = typer.main.get_command_from_info(
        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
    )
    command.params.append(DbOption())
    return command


class LazyCommands(MutableMapping[str, Any]):
    """The group's commands by name: every name of COMMANDS, each built the first time it is looked up."""

    def __init__(self) -> None:
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            if name not in COMMANDS:
                raise KeyError(name)
            self.built[name] = build(name)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(COMMANDS), **self.built})

    def __len__(self) -> int:
        return len({**dict.fromkeys(COMMANDS), **self.built})


class LazyGroup(TyperGroup):
    """A typer group whose commands are built only when run (or asked for help)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = LazyCommands()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    @contextmanager
    def _summaries(self) -> Iterator[None]:
        """Stand-ins that carry only the one-line help, for listing the commands."""
        real = self.commands
        self.commands = {name: TyperCommand(name=name, help=purpose(name)) for name in COMMANDS}
        try:
            yield
        finally:
            self.commands = real

    def format_options(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            if param.name == "db":
                param.help = db_help()  # type: ignore[attr-defined]
        super().format_options(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command beside its purpose: a line in Chinese, then the English, wrapped rather than cut short."""
        with formatter.section("Commands"):
            formatter.write_dl([row for name, (_, english, chinese) in COMMANDS.items()
                                for row in ((name, chinese), ("", english))])

    def shell_complete(self, ctx: Any, incomplete: str) -> Any:
        with self._summaries():
            return super().shell_complete(ctx, incomplete)


app = typer.Typer(
    name="zjpolicy",
    cls=LazyGroup,
    help=(
        "把科技政策文件变成数据库：量化目标、任务责任单位、区县统计。\n\n"
        "Zhejiang science-and-technology policy documents as a SQLite database of facts: "
        "targets, task owners and counts by district.\n\n"
        "Examples:\n\n"
        "  zjpolicy targets --year 2024\n\n"
        "  zjpolicy districts --sort rnd\n\n"
        "  zjpolicy load mydocs/ && zjpolicy targets --year 2025\n\n"
        "  zjpolicy --db my.db load docs/ && zjpolicy --db my.db owners --agency 市经信局\n\n"
        "  zjpolicy targets --format csv --bom > targets.csv\n\n"
        "Every listing command takes --format, --columns, --bom, --excel-safe, --lang zh|en and --no-pager; "
        "see COMMAND --help for examples (每条命令的用法：zjpolicy 命令 --help).\n\n"
        "Exit codes: 0 ok, 1 findings (check), 2 usage or input error."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def version_line() -> str:
    from zjpolicy import EXTRACTOR_VERSION, SCHEMA_VERSION, __version__

    return f"zjpolicy {__version__} (extractor {EXTRACTOR_VERSION}, schema {SCHEMA_VERSION})"


def _show_version(value: bool) -> None:
    if value:
        print(version_line())
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        Path | None,
        typer.Option("--db", envvar="ZJPOLICY_DB", help="Database file (default: your library)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_show_version,
                     help="Show the version of zjpolicy, of its extractor and of its database schema, and exit."),
    ] = False,
) -> None:
    state.db = db


def _is_usage_error(e: BaseException) -> bool:
    """click's usage errors, whether typer ships its own copy of click (0.29+) or uses click itself."""
    return any(k.__name__ == "UsageError" for k in type(e).__mro__) and hasattr(e, "format_message")


def main() -> None:
    """Entry point: one-line errors, exit 2 for usage and input errors."""
    command = typer.main.get_command(app)
    try:
        rc = command.main(prog_name="zjpolicy", standalone_mode=False)
    except ZjpolicyError as e:
        print(error_line(e), file=sys.stderr)
        sys.exit(e.exit_code)
    except BrokenPipeError:
        # the reader of a pipe (head, less) went away: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:
        if type(e).__name__ == "NoArgsIsHelpError":
            ctx = getattr(e, "ctx", None)
            print(ctx.get_help() if ctx else "", file=sys.stderr)
            sys.exit(2)
        if _is_usage_error(e):
            ctx = getattr(e, "ctx", None)
            sub = ctx.info_name + " " if ctx is not None and ctx.parent is not None else ""
            print(f"Error: {e.format_message()} (see: zjpolicy {sub}--help)", file=sys.stderr)  # type: ignore[attr-defined]
            sys.exit(2)
        if type(e).__name__ == "Abort":
            print("Aborted.", file=sys.stderr)
            sys.exit(130)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)
