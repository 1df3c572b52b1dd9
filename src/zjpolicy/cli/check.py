"""`zjpolicy check` and `zjpolicy facts`: the consistency findings, and one document's facts to check by eye."""

from typing import Annotated

import typer

from zjpolicy.cli import connect
from zjpolicy.cli.options import DocId, complete_doc_id, listing_options
from zjpolicy.render import Output, listing

# A finding (check.Finding) on a terminal; CSV and JSON add where it is (start).
FINDING = ["doc", "level", "check", "message"]
# A fact (queries.facts) on a terminal; CSV and JSON lead with its document.
FACT = ["kind", "what", "value", "start", "end", "quote"]


@listing_options
def check(
    doc: Annotated[str | None, typer.Argument(help="Only this document id.", autocompletion=complete_doc_id)] = None,
    *,
    out: Output,
) -> None:
    """Examples:

    \b
      zjpolicy check
      zjpolicy check 000_3669a09881a7b6b9 --format csv
      zjpolicy check --columns doc,message && echo consistent
    """
    from zjpolicy.check import run_checks

    findings = run_checks(connect(), doc)
    rows = [vars(x) for x in findings]
    errors = sum(1 for x in findings if x.level == "error")
    warnings = sum(1 for x in findings if x.level == "warning")
    listing(rows, out, table=FINDING, machine=[*FINDING, "start"], title=out.say(f"Findings: {errors} errors, {warnings} warnings", f"检查结果：{errors} 个错误，{warnings} 个警告"))
    if errors:
        raise typer.Exit(1)


@listing_options
def facts(
    doc: DocId,
    *,
    out: Output,
) -> None:
    """Examples:

    \b
      zjpolicy facts 003_319bd9830f448044
      zjpolicy facts 000_3669a09881a7b6b9 --format markdown
    """
    from zjpolicy import queries

    rows = [{"doc": doc, **r} for r in queries.facts(connect(), doc)]
    listing(rows, out, table=FACT, machine=["doc", *FACT], title=out.say(f"Facts of {doc}: {len(rows)}", f"{doc} 的数据：{len(rows)} 条"))
